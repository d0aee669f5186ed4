// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/ArchivingChart.h"

#include "src/views/ChartStyle.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace tideline::gui {

ArchivingChart::ArchivingChart(QWidget* parent) : QChartView(parent)
{
    m_chart = new QChart;
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    ChartStyle::apply(m_chart, m_dark);
    rebuild();
}

ArchivingChart::~ArchivingChart() = default;

void ArchivingChart::setSamples(const QList<monitor::LagSample>& samples, qint64 fromUsec, qint64 toUsec,
                                const QList<qint64>& uploadsUsec, qint64 uploadsListedAtUsec)
{
    m_samples = samples;
    m_uploads = uploadsUsec;
    m_uploadsListedAt = uploadsListedAtUsec;
    m_from = fromUsec;
    m_to = std::max(toUsec, fromUsec + 1);
    rebuild();
}

void ArchivingChart::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    rebuild();
}

void ArchivingChart::setDark(bool dark)
{
    m_dark = dark;
    ChartStyle::apply(m_chart, m_dark);
    rebuild();
}

void ArchivingChart::rebuild()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes())
        m_chart->removeAxis(axis);
    // One column per two pixels is as fine as the eye can tell apart.
    m_drawn = monitor::decimateLag(m_samples, m_from, m_to, std::max(50, width() / 2));
    m_uploadBins = m_uploads.isEmpty() ? QList<catalog::ArchiveCadence::Bin>{}
                                       : catalog::ArchiveCadence::binUploads(m_uploads, m_from, m_to, m_uploadsListedAt);
    m_chart->setTitle(m_drawn.isEmpty() ? tr("No archiving readings yet in this range") : QString());
    if (m_drawn.isEmpty() && m_uploadBins.isEmpty())
        return;
    constexpr double kMiB = 1024.0 * 1024.0;
    auto* lag = new QLineSeries;
    lag->setName(tr("WAL not in the bucket (MiB)"));
    lag->setPen(QPen(ChartStyle::wal(), 2));
    auto* failing = new QScatterSeries;
    failing->setName(tr("archiving failing"));
    failing->setColor(ChartStyle::trouble());
    failing->setBorderColor(ChartStyle::trouble());
    failing->setMarkerSize(8);
    double top = 1;
    QList<std::pair<double, quint32>> switches;
    quint32 timeline = 0;
    for (const auto& s : std::as_const(m_drawn)) {
        const double x = ChartStyle::axisMs(s.atUsec, m_zone);
        if (s.timeline && timeline && s.timeline != timeline)
            switches.append({x, s.timeline});
        if (s.timeline)
            timeline = s.timeline;
        if (!s.bytesNotInBucket)
            continue; // a reading without the bucket: no point, never a stale one
        const double mib = static_cast<double>(*s.bytesNotInBucket) / kMiB;
        top = std::max(top, mib);
        lag->append(x, mib);
        if (s.failing)
            failing->append(x, mib);
    }
    auto* timeAxis = new QDateTimeAxis;
    ChartStyle::setupTimeAxis(timeAxis, m_from, m_to, m_zone);
    auto* valueAxis = new QValueAxis;
    valueAxis->setTitleText(tr("MiB"));
    valueAxis->setRange(0, top * 1.15);
    valueAxis->applyNiceNumbers();
    m_chart->addAxis(timeAxis, Qt::AlignBottom);
    m_chart->addAxis(valueAxis, Qt::AlignLeft);
    for (QXYSeries* series : {static_cast<QXYSeries*>(lag), static_cast<QXYSeries*>(failing)}) {
        m_chart->addSeries(series);
        series->attachAxis(timeAxis);
        series->attachAxis(valueAxis);
    }
    // The bucket's side: uploads per hour as steps on their own axis, muted behind the lag.
    if (!m_uploadBins.isEmpty()) {
        auto* uploads = new QLineSeries;
        uploads->setName(tr("segments uploaded per hour"));
        uploads->setPen(QPen(ChartStyle::muted(), 1.5));
        double peak = 1;
        const qint64 width = m_uploadBins.size() > 1 ? m_uploadBins[1].startUsec - m_uploadBins[0].startUsec : m_to - m_from;
        for (const auto& b : std::as_const(m_uploadBins)) {
            uploads->append(ChartStyle::axisMs(std::max(b.startUsec, m_from), m_zone), b.perHour);
            uploads->append(ChartStyle::axisMs(std::min({b.startUsec + width, m_to, m_uploadsListedAt}), m_zone), b.perHour);
            peak = std::max(peak, b.perHour);
        }
        auto* rateAxis = new QValueAxis;
        rateAxis->setTitleText(tr("segments/h"));
        rateAxis->setRange(0, peak * 1.15);
        rateAxis->applyNiceNumbers();
        rateAxis->setGridLineVisible(false);
        m_chart->addAxis(rateAxis, Qt::AlignRight);
        m_chart->addSeries(uploads);
        uploads->attachAxis(timeAxis);
        uploads->attachAxis(rateAxis);
    }
    QPen switchPen(m_dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x30, 0x30, 0x30));
    switchPen.setStyle(Qt::DashLine);
    bool first = true;
    for (const auto& [x, tli] : switches) {
        auto* line = new QLineSeries;
        line->setName(tr("timeline switch"));
        line->setPen(switchPen);
        line->append(x, 0);
        line->append(x, valueAxis->max());
        m_chart->addSeries(line);
        line->attachAxis(timeAxis);
        line->attachAxis(valueAxis);
        if (!std::exchange(first, false))
            for (QLegendMarker* m : m_chart->legend()->markers(line))
                m->setVisible(false);
    }
}

} // namespace tideline::gui
