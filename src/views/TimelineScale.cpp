// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/TimelineScale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tideline::gui {

TimelineScale::TimelineScale(double width, qint64 startUsec, double usecPerPixel)
    : m_width(std::max(1.0, width)), m_startUsec(static_cast<double>(startUsec)), m_usecPerPixel(usecPerPixel)
{
    clamp();
}

void TimelineScale::setWidth(double width)
{
    m_width = std::max(1.0, width);
    clamp();
}

void TimelineScale::fit(qint64 beginUsec, qint64 endUsec, double marginFraction)
{
    if (endUsec < beginUsec)
        std::swap(beginUsec, endUsec);
    const double span = std::max(kMinSpanUsec, static_cast<double>(endUsec - beginUsec) * (1 + 2 * marginFraction));
    const double centre = (static_cast<double>(beginUsec) + static_cast<double>(endUsec)) / 2;
    m_usecPerPixel = span / m_width;
    clamp();
    m_startUsec = centre - spanUsec() / 2;
}

void TimelineScale::zoomAround(double x, double factor)
{
    if (!(factor > 0))
        return;
    const double anchor = m_startUsec + x * m_usecPerPixel;
    m_usecPerPixel /= factor;
    clamp();
    m_startUsec = anchor - x * m_usecPerPixel;
}

void TimelineScale::pan(double dx)
{
    m_startUsec -= dx * m_usecPerPixel;
}

void TimelineScale::clamp()
{
    m_usecPerPixel = std::clamp(m_usecPerPixel, kMinSpanUsec / m_width, kMaxSpanUsec / m_width);
}

int TimelineScale::hitTest(const QList<Item>& items, QPointF pos, double minWidthPx) const
{
    int best = -1;
    double bestDistance = std::numeric_limits<double>::max();
    double bestWidth = std::numeric_limits<double>::max();
    for (int i = 0; i < items.size(); ++i) {
        const Item& it = items[i];
        if (pos.y() < it.top || pos.y() > it.bottom)
            continue;
        double left = xForTime(it.beginUsec);
        double right = xForTime(it.endUsec);
        const double w = right - left;
        const double centre = (left + right) / 2;
        if (w < minWidthPx) {
            left = centre - minWidthPx / 2;
            right = centre + minWidthPx / 2;
        }
        if (pos.x() < left || pos.x() > right)
            continue;
        const double distance = std::abs(pos.x() - centre);
        if (distance < bestDistance || (distance == bestDistance && w < bestWidth)) {
            best = i;
            bestDistance = distance;
            bestWidth = w;
        }
    }
    return best;
}

} // namespace tideline::gui
