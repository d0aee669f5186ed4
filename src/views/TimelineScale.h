// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>
#include <QtGlobal>

namespace tideline::gui {

/// The PITR timeline's geometry, kept apart from painting so it can be tested without a widget:
/// the mapping between instants (microseconds UTC) and x pixels, zooming around a pixel (the
/// cursor), panning, and hit-testing spans laid out in rows. A value type; pure.
class TimelineScale {
public:
    /// One minute across the whole axis at the closest zoom, ten years at the widest: the
    /// issue's "minutes to years", with room to see a whole archive around it.
    static constexpr double kMinSpanUsec = 60.0 * 1e6;
    static constexpr double kMaxSpanUsec = 10.0 * 366 * 86400 * 1e6;

    TimelineScale() = default;
    TimelineScale(double width, qint64 startUsec, double usecPerPixel);

    double width() const { return m_width; }
    /// Changing the width keeps the start and the resolution (a resize shows more, not larger).
    void setWidth(double width);
    qint64 startUsec() const { return static_cast<qint64>(m_startUsec); }
    qint64 endUsec() const { return static_cast<qint64>(m_startUsec + m_usecPerPixel * m_width); }
    double usecPerPixel() const { return m_usecPerPixel; }
    double spanUsec() const { return m_usecPerPixel * m_width; }

    double xForTime(qint64 usec) const { return (static_cast<double>(usec) - m_startUsec) / m_usecPerPixel; }
    qint64 timeForX(double x) const { return static_cast<qint64>(m_startUsec + x * m_usecPerPixel); }

    /// Shows [beginUsec, endUsec] across the width with a margin of `marginFraction` each side.
    void fit(qint64 beginUsec, qint64 endUsec, double marginFraction = 0.03);
    /// Multiplies the visible span by 1/factor (factor > 1 zooms in), keeping the instant under
    /// pixel x where it is; the span is clamped to [kMinSpanUsec, kMaxSpanUsec].
    void zoomAround(double x, double factor);
    /// Moves the view by dx pixels (positive: the content follows the mouse to the right).
    void pan(double dx);

    /// Something drawn on the timeline: a time span in a row band [top, bottom] in pixels.
    struct Item {
        qint64 beginUsec = 0;
        qint64 endUsec = 0;
        double top = 0;
        double bottom = 0;
    };
    /// The index of the item under `pos`, or -1. Spans narrower than `minWidthPx` are widened
    /// to it around their centre, so a backup that lasts a second at a yearly zoom can still be
    /// hovered. When several match, the one whose centre is nearest wins (the narrowest first
    /// on ties), which is what the eye expects with overlapping backups.
    int hitTest(const QList<Item>& items, QPointF pos, double minWidthPx = 6) const;

private:
    void clamp();

    double m_width = 1;
    double m_startUsec = 0;
    double m_usecPerPixel = 1e6;
};

} // namespace tideline::gui
