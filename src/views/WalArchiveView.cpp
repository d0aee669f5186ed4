// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/WalArchiveView.h"

#include "engine/core/Clock.h"
#include "src/views/ChartStyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace tideline::gui {

namespace {
QTableWidgetItem* cell(const QString& text, bool right = false)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(right ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    return item;
}

/// A vertical line from 0 to top at x, one series per mark; only the first of a kind keeps
/// its legend entry.
QLineSeries* verticalLine(QChart* chart, double x, double top, const QPen& pen, const QString& name, bool legend)
{
    auto* line = new QLineSeries;
    line->setName(name);
    line->setPen(pen);
    line->append(x, 0);
    line->append(x, top);
    chart->addSeries(line);
    if (!legend)
        for (QLegendMarker* m : chart->legend()->markers(line))
            m->setVisible(false);
    return line;
}
} // namespace

QString WalArchiveView::binName(qint64 binUsec)
{
    constexpr qint64 minute = 60'000'000;
    if (binUsec == minute)
        return tr("per minute");
    if (binUsec == 60 * minute)
        return tr("per hour");
    if (binUsec == 24 * 60 * minute)
        return tr("per day");
    return tr("per %1", "a bin width: per 5 min").arg(Format::duration(binUsec));
}

WalArchiveView::WalArchiveView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("walSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("walSplitter"));
    m_chart = new QChart;
    m_chartView = new QChartView(m_chart, splitter);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);
    splitter->addWidget(m_chartView);
    m_table = new QTableWidget(splitter);
    m_table->setObjectName(QStringLiteral("walTimelines"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({420, 240}); // the chart is the point of this tab
    layout->addWidget(splitter, 1);
    ChartStyle::apply(m_chart, m_dark);
}

WalArchiveView::~WalArchiveView() = default;

void WalArchiveView::setSnapshot(SnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_cadence = m_snapshot ? m_snapshot->cadence : catalog::ArchiveCadence{};
    rebuild();
}

void WalArchiveView::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    rebuild();
}

void WalArchiveView::setClock(const Clock& clock)
{
    m_clock = &clock;
    rebuild();
}

void WalArchiveView::setDark(bool dark)
{
    m_dark = dark;
    ChartStyle::apply(m_chart, dark);
    rebuild();
}

void WalArchiveView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        ChartStyle::localize(m_chart);
        rebuild(); // the summary, the chart's series and axes, and the table
    }
    QWidget::changeEvent(event);
}

QString WalArchiveView::summaryText() const
{
    return m_summary->text();
}

void WalArchiveView::rebuild()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes())
        m_chart->removeAxis(axis);
    m_table->clear();
    m_table->setRowCount(0);
    if (!m_snapshot) {
        m_summary->clear();
        return;
    }
    const auto& c = m_snapshot->catalog;
    const auto& a = c.wals;
    const catalog::ArchiveCadence& k = m_cadence;
    const qint64 now = m_clock->nowUsec();

    QStringList facts;
    const QLocale locale;
    facts << tr("<b>%1</b> segments on %n timeline(s)", nullptr, static_cast<int>(a.timelines().size()))
                 .arg(locale.toString(k.segments));
    if (k.segments > 1)
        facts << tr("<b>%1</b> segments/hour on average, peak %2/hour")
                     .arg(locale.toString(k.averagePerHour, 'f', 1), locale.toString(k.peakPerHour, 'f', 0));
    if (k.longestSilence.lengthUsec() > 0)
        facts << tr("longest silence <b>%1</b> (after %2, %3)")
                     .arg(Format::duration(k.longestSilence.lengthUsec()), k.longestSilence.afterWal,
                          Format::time(k.longestSilence.fromUsec, m_zone));
    if (k.lastUsec)
        facts << tr("last upload %1").arg(Format::age(k.lastUsec, now));
    int realGaps = 0;
    for (const auto& g : k.gaps)
        realGaps += g.harmless ? 0 : 1;
    if (const auto& events = m_snapshot->events) {
        const catalog::SegmentReading* worst = nullptr;
        for (const catalog::SegmentReading& r : events->segments)
            if (r.archiveDelayUsec() && !r.name.endsWith(QLatin1String(".partial"))
                && (!worst || *r.archiveDelayUsec() > *worst->archiveDelayUsec()))
                worst = &r;
        if (worst)
            //: %1 is a duration, %2 a WAL segment name
            facts << tr("archive delay up to <b>%1</b> (%2)")
                         .arg(Format::duration(std::max<qint64>(0, *worst->archiveDelayUsec())), worst->name);
        if (const auto bad = events->problems(); !bad.isEmpty())
            facts << QStringLiteral("<span style='color:#d03030'><b>%1</b></span>")
                         .arg(tr("%n segment(s) not readable as WAL", nullptr, static_cast<int>(bad.size())));
    }
    if (realGaps)
        facts << QStringLiteral("<span style='color:#d03030'><b>%1</b></span>")
                     .arg(tr("%n gap(s) that stop replay", nullptr, realGaps));
    m_summary->setText(facts.join(QStringLiteral(" · ")));

    if (k.bins.isEmpty()) {
        m_chart->setTitle(tr("The WAL archive is empty"));
    } else {
        m_chart->setTitle({});
        // Steps: each bin is flat over its width, so a busy minute reads as a block, not a spike.
        auto* upper = new QLineSeries;
        for (const auto& b : k.bins) {
            upper->append(ChartStyle::axisMs(b.startUsec, m_zone), b.perHour);
            upper->append(ChartStyle::axisMs(b.startUsec + k.binUsec, m_zone), b.perHour);
        }
        auto* area = new QAreaSeries(upper);
        area->setName(tr("segments per hour (counted %1)").arg(binName(k.binUsec)));
        QColor fill = ChartStyle::wal();
        fill.setAlpha(150);
        area->setBrush(fill);
        area->setPen(QPen(ChartStyle::wal(), 1));
        m_chart->addSeries(area);

        const double top = std::max(1.0, k.peakPerHour * 1.2);
        auto* timeAxis = new QDateTimeAxis;
        ChartStyle::setupTimeAxis(timeAxis, k.bins.first().startUsec, k.bins.last().startUsec + k.binUsec, m_zone);
        timeAxis->setTitleText(tr("Upload time (%1)").arg(Format::zoneName(m_zone)));
        auto* rateAxis = new QValueAxis;
        rateAxis->setTitleText(tr("per hour", "axis title: segments per hour"));
        rateAxis->setRange(0, top);
        rateAxis->setLabelFormat(QStringLiteral("%.0f"));
        rateAxis->applyNiceNumbers();
        m_chart->addAxis(timeAxis, Qt::AlignBottom);
        m_chart->addAxis(rateAxis, Qt::AlignLeft);
        area->attachAxis(timeAxis);
        area->attachAxis(rateAxis);
        const double yTop = rateAxis->max();

        if (k.longestSilence.lengthUsec() > 0) {
            auto* s1 = new QLineSeries;
            s1->append(ChartStyle::axisMs(k.longestSilence.fromUsec, m_zone), yTop);
            s1->append(ChartStyle::axisMs(k.longestSilence.toUsec, m_zone), yTop);
            auto* silence = new QAreaSeries(s1);
            silence->setName(tr("longest silence (%1)").arg(Format::duration(k.longestSilence.lengthUsec())));
            QColor amber = ChartStyle::warning();
            amber.setAlpha(60);
            silence->setBrush(amber);
            silence->setPen(Qt::NoPen);
            m_chart->addSeries(silence);
            silence->attachAxis(timeAxis);
            silence->attachAxis(rateAxis);
        }
        // The real archive lag, from the bucket alone: each segment's upload against its last
        // timed record (a commit, restore point or checkpoint), once the WAL has been read.
        if (const auto& events = m_snapshot->events) {
            auto* delays = new QLineSeries;
            double worst = 0;
            for (const catalog::SegmentReading& r : events->segments)
                if (const auto d = r.archiveDelayUsec(); d && !r.name.endsWith(QLatin1String(".partial"))) {
                    const double seconds = std::max(0.0, double(*d) / 1e6);
                    delays->append(ChartStyle::axisMs(r.uploadedUsec, m_zone), seconds);
                    worst = std::max(worst, seconds);
                }
            if (delays->count() > 0) {
                delays->setName(tr("archive delay: upload after the last record"));
                delays->setPointsVisible(true);
                delays->setPen(QPen(ChartStyle::warning(), 1.5));
                m_chart->addSeries(delays);
                auto* delayAxis = new QValueAxis;
                delayAxis->setTitleText(tr("delay (s)", "axis title: archive delay in seconds"));
                delayAxis->setRange(0, std::max(1.0, worst * 1.2));
                delayAxis->setLabelFormat(QStringLiteral("%.0f"));
                delayAxis->applyNiceNumbers();
                m_chart->addAxis(delayAxis, Qt::AlignRight);
                delays->attachAxis(timeAxis);
                delays->attachAxis(delayAxis);
            } else {
                delete delays;
            }
        }
        QPen switchPen(m_dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x30, 0x30, 0x30));
        switchPen.setStyle(Qt::DashLine);
        switchPen.setWidth(2);
        bool first = true;
        for (const auto& sw : k.switches) {
            auto* line =
                verticalLine(m_chart, ChartStyle::axisMs(sw.atUsec, m_zone), yTop, switchPen, tr("timeline switch"), first);
            line->attachAxis(timeAxis);
            line->attachAxis(rateAxis);
            line->setPointLabelsVisible(false);
            first = false;
        }
        bool firstGap = true;
        bool firstHarmless = true;
        for (const auto& g : k.gaps) {
            QPen pen(g.harmless ? ChartStyle::muted() : ChartStyle::trouble());
            pen.setWidth(3);
            bool& legend = g.harmless ? firstHarmless : firstGap;
            auto* line = verticalLine(m_chart, ChartStyle::axisMs(g.atUsec, m_zone), yTop, pen,
                                      g.harmless ? tr("harmless gap") : tr("gap"), legend);
            line->attachAxis(timeAxis);
            line->attachAxis(rateAxis);
            legend = false;
        }
    }

    // The timelines, newest first, each followed by its gaps.
    const QStringList headers{tr("TL", "timeline, column header"),
                              tr("Parent", "parent timeline, column header"),
                              tr("Switch LSN"),
                              tr("First", "first segment, column header"),
                              tr("Last", "last segment, column header"),
                              tr("Segments"),
                              tr("Size"),
                              tr("Partial", ".partial segments, column header"),
                              tr("Last upload (%1)").arg(Format::zoneName(m_zone)),
                              tr("Gaps")};
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    const quint64 size = a.segmentSize();
    const auto& graph = a.graph();
    for (auto it = a.timelines().crbegin(); it != a.timelines().crend(); ++it) {
        const auto& t = *it;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const auto parent = graph.parent(t.timeline);
        const auto branch = graph.branchPoint(t.timeline);
        int real = 0;
        for (const auto& g : t.gaps)
            real += g.harmless ? 0 : 1;
        m_table->setItem(row, 0, cell(QString::number(t.timeline), true));
        m_table->setItem(row, 1, cell(parent ? QString::number(*parent) : QStringLiteral("-"), true));
        m_table->setItem(row, 2, cell(branch ? branch->toString() : QStringLiteral("-")));
        m_table->setItem(row, 3, cell(t.segments.isEmpty() ? QStringLiteral("-") : t.segments.first().name.baseName()));
        m_table->setItem(row, 4, cell(t.segments.isEmpty() ? QStringLiteral("-") : t.segments.last().name.baseName()));
        m_table->setItem(row, 5, cell(locale.toString(t.segments.size()), true));
        m_table->setItem(row, 6, cell(Format::bytes(t.bytes), true));
        m_table->setItem(row, 7, cell(t.partials.isEmpty() ? QStringLiteral("-") : locale.toString(t.partials.size()), true));
        m_table->setItem(row, 8,
                         cell(t.segments.isEmpty() ? QStringLiteral("-")
                                                   : Format::timeShort(t.segments.last().uploadedUsec, m_zone)));
        auto* gapCell = cell(t.gaps.isEmpty() ? tr("none", "no gaps")
                                              : tr("%1 (%2 harmless)").arg(t.gaps.size()).arg(t.gaps.size() - real));
        if (real)
            gapCell->setForeground(ChartStyle::trouble());
        m_table->setItem(row, 9, gapCell);
        QFont bold = m_table->font();
        bold.setBold(true);
        m_table->item(row, 0)->setFont(bold);
        for (const auto& g : t.gaps) {
            const int gr = m_table->rowCount();
            m_table->insertRow(gr);
            const QColor color = g.harmless ? ChartStyle::muted() : ChartStyle::trouble();
            const QString what =
                g.harmless ? tr("harmless: older than every backup needing it") : tr("GAP: replay cannot pass it");
            QList<QTableWidgetItem*> items{cell(QString()),
                                           cell(QString()),
                                           cell(QString()),
                                           cell(wal::segmentName(t.timeline, g.firstMissing, size)),
                                           cell(wal::segmentName(t.timeline, g.lastMissing, size)),
                                           cell(tr("%1 missing").arg(locale.toString(g.count())), true),
                                           cell(QString()),
                                           cell(QString()),
                                           cell(QString()),
                                           cell(what)};
            for (int col = 0; col < items.size(); ++col) {
                items[col]->setForeground(color);
                m_table->setItem(gr, col, items[col]);
            }
        }
    }
    m_table->resizeColumnsToContents();
}

} // namespace tideline::gui
