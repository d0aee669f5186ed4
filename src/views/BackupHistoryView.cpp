// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/BackupHistoryView.h"

#include "src/models/BackupTableModel.h"
#include "src/views/ChartStyle.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace tideline::gui {

using catalog::BackupEntry;

namespace {
constexpr double kMiB = 1024.0 * 1024.0;

qint64 pointTime(const BackupEntry& b)
{
    if (b.info && b.info->beginTime)
        return b.info->beginTime->usecUtc;
    return b.firstUploadUsec;
}
} // namespace

BackupHistoryView::BackupHistoryView(QWidget* parent)
    : QWidget(parent), m_model(new BackupTableModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(BackupTableModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_summary = new QLabel(this);
    layout->addWidget(m_summary);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("backupSplitter"));
    m_chart = new QChart;
    m_chartView = new QChartView(m_chart, splitter);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);
    splitter->addWidget(m_chartView);

    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableView(bottom);
    m_table->setObjectName(QStringLiteral("backupTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(BackupTableModel::Begin, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    // Column widths from the first rows: measuring 500 backups' text held the window.
    m_table->horizontalHeader()->setResizeContentsPrecision(100);
    bottomLayout->addWidget(m_table, 1);
    m_details = new QLabel(bottom);
    m_details->setObjectName(QStringLiteral("backupDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextFormat(Qt::RichText);
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 3);
    bottomLayout->addWidget(m_details);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({330, 300});
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BackupHistoryView::updateSelection);
    ChartStyle::apply(m_chart, m_dark);
}

BackupHistoryView::~BackupHistoryView() = default;

void BackupHistoryView::setSnapshot(SnapshotPtr snapshot)
{
    const QString keep = selectedBackup();
    m_model->setSnapshot(std::move(snapshot));
    m_table->resizeColumnsToContents();
    rebuildChart();
    updateSummary();
    if (!keep.isEmpty() && selectBackup(keep))
        return;
    // The newest backup (top row) selected, so its details are on screen from the start.
    if (m_proxy->rowCount() > 0) {
        const QModelIndex top = m_proxy->index(0, 0);
        m_table->selectionModel()->select(top, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->setCurrentIndex(top);
        return;
    }
    updateSelection();
}

void BackupHistoryView::updateSummary()
{
    const auto* s = m_model->snapshot().get();
    if (!s) {
        m_summary->clear();
        return;
    }
    int failed = 0;
    for (const auto& b : s->catalog.backups)
        failed += BackupTableModel::isTrouble(b) ? 1 : 0;
    m_summary->setText(tr("<b>%n</b> backup(s) of <b>%1</b> · %2 restorable · %3 need attention", nullptr,
                          static_cast<int>(s->catalog.backups.size()))
                           .arg(s->catalog.server.toHtmlEscaped(), QLocale().toString(s->catalog.restorableBackups().size()),
                                QLocale().toString(failed)));
}

void BackupHistoryView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_model->retranslate();
        m_table->resizeColumnsToContents();
        ChartStyle::localize(m_chart);
        rebuildChart(); // series names, axis titles, and (through updateSelection) the details
        if (!m_selected)
            updateSelection(); // no chart to rebuild: the details still say "Select a backup…"
        updateSummary();
    }
    QWidget::changeEvent(event);
}

void BackupHistoryView::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    m_model->setTimeZone(zone);
    rebuildChart();
    updateSelection();
}

void BackupHistoryView::setDark(bool dark)
{
    m_dark = dark;
    ChartStyle::apply(m_chart, dark);
    rebuildChart();
}

bool BackupHistoryView::selectBackup(const QString& id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

QString BackupHistoryView::selectedBackup() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(BackupTableModel::BackupIdRole).toString();
}

QString BackupHistoryView::detailsText() const
{
    return m_details->text();
}

QString BackupHistoryView::describe(const BackupEntry& b) const
{
    QStringList lines;
    // Rich text from bucket bytes: every field is escaped, so that no name can add markup (a
    // fake "restorable: yes", an image to load).
    QString head = QStringLiteral("<b>%1</b>").arg(b.id.toHtmlEscaped());
    if (b.info && !b.info->backupName.isEmpty())
        head += QStringLiteral(" “%1”").arg(b.info->backupName.toHtmlEscaped());
    head += QStringLiteral(" — %1").arg(b.statusText().toHtmlEscaped());
    lines << head;
    if (b.info) {
        const auto& i = *b.info;
        const qint64 duration = BackupTableModel::durationUsec(b);
        lines << tr("%1 → %2%3 · timeline %4 · WAL %5 … %6 · LSN %7 … %8")
                     .arg(i.beginTime ? Format::time(i.beginTime->usecUtc, m_zone) : QStringLiteral("-"),
                          i.endTime ? Format::time(i.endTime->usecUtc, m_zone) : tr("never ended"),
                          duration > 0 ? QStringLiteral(" (%1)").arg(Format::duration(duration)) : QString())
                     .arg(i.timeline)
                     .arg(i.beginWal.toHtmlEscaped(), i.endWal.isEmpty() ? QStringLiteral("-") : i.endWal.toHtmlEscaped(),
                          i.beginLsn ? i.beginLsn->toString() : QStringLiteral("-"),
                          i.endLsn ? i.endLsn->toString() : QStringLiteral("-"));
        if (!i.error.isEmpty())
            lines << QStringLiteral("<span style='color:#d03030'>barman: %1</span>").arg(i.error.toHtmlEscaped());
    }
    lines << tr("%1 in %2 objects · restorable: %3")
                 .arg(Format::bytes(b.bytes), QLocale().toString(b.objects), b.restorableSummary().toHtmlEscaped());
    // The column's short answer above; the whole reason (both WAL names, the missing parts) here.
    if (b.state == BackupEntry::State::Done && !b.restorable)
        lines << QStringLiteral("<span style='color:#d03030'>%1</span>").arg(b.unrestorableReason().toHtmlEscaped());
    if (b.infoError)
        lines << QStringLiteral("<span style='color:#d03030'>%1 %2</span>")
                     .arg(b.infoError->message.toHtmlEscaped(), b.infoError->hint.toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

void BackupHistoryView::updateSelection()
{
    const QString id = selectedBackup();
    const int row = m_model->rowOf(id);
    const BackupEntry* b = m_model->entry(row);
    m_details->setText(b ? describe(*b) : tr("Select a backup in the table or click a point in the chart for its details."));
    if (m_selected) {
        m_selected->clear();
        if (b)
            m_selected->append(ChartStyle::axisMs(pointTime(*b), m_zone), static_cast<double>(b->bytes) / kMiB);
    }
    if (b)
        emit backupSelected(id);
}

const BackupEntry* BackupHistoryView::entryAt(const QPointF& point) const
{
    const auto* s = m_model->snapshot().get();
    if (!s)
        return nullptr;
    const BackupEntry* best = nullptr;
    double bestDistance = 0;
    for (const auto& b : s->catalog.backups) {
        const double d = std::abs(ChartStyle::axisMs(pointTime(b), m_zone) - point.x());
        if (!best || d < bestDistance) {
            best = &b;
            bestDistance = d;
        }
    }
    return best;
}

void BackupHistoryView::pointHovered(const QPointF& point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    if (const BackupEntry* b = entryAt(point))
        QToolTip::showText(QCursor::pos(), describe(*b), m_chartView);
}

void BackupHistoryView::pointClicked(const QPointF& point)
{
    if (const BackupEntry* b = entryAt(point))
        selectBackup(b->id);
}

void BackupHistoryView::rebuildChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes())
        m_chart->removeAxis(axis);
    m_selected = nullptr;
    const auto* s = m_model->snapshot().get();
    if (!s || s->catalog.backups.isEmpty()) {
        m_chart->setTitle(tr("No backups"));
        return;
    }
    m_chart->setTitle({});

    auto* sizeLine = new QLineSeries;
    sizeLine->setName(tr("Size of DONE backups (MiB)"));
    sizeLine->setColor(ChartStyle::ok());
    auto* durationLine = new QLineSeries;
    durationLine->setName(tr("Duration (s)"));
    QPen dashed(ChartStyle::muted());
    dashed.setStyle(Qt::DashLine);
    dashed.setWidth(2);
    durationLine->setPen(dashed);
    auto* done = new QScatterSeries;
    done->setName(tr("restorable"));
    done->setColor(ChartStyle::ok());
    done->setMarkerSize(11);
    auto* bad = new QScatterSeries;
    bad->setName(tr("failed, incomplete or not restorable"));
    bad->setColor(ChartStyle::trouble());
    bad->setMarkerSize(13);
    auto* running = new QScatterSeries;
    running->setName(tr("in progress"));
    running->setColor(ChartStyle::warning());
    running->setMarkerSize(11);
    m_selected = new QScatterSeries;
    m_selected->setName(tr("selected"));
    m_selected->setMarkerSize(22);
    m_selected->setColor(Qt::transparent);
    m_selected->setBorderColor(m_dark ? Qt::white : Qt::black);
    QPen ring(m_dark ? Qt::white : Qt::black);
    ring.setWidth(2);
    m_selected->setPen(ring);

    qint64 minT = std::numeric_limits<qint64>::max();
    qint64 maxT = std::numeric_limits<qint64>::min();
    double maxSize = 0;
    double maxDuration = 0;
    for (const auto& b : s->catalog.backups) {
        const qint64 t = pointTime(b);
        if (t == 0)
            continue;
        minT = std::min(minT, t);
        maxT = std::max(maxT, t);
        const double x = ChartStyle::axisMs(t, m_zone);
        const double mib = static_cast<double>(b.bytes) / kMiB;
        maxSize = std::max(maxSize, mib);
        if (b.state == BackupEntry::State::Done) {
            sizeLine->append(x, mib);
            const double seconds = static_cast<double>(BackupTableModel::durationUsec(b)) / 1e6;
            durationLine->append(x, seconds);
            maxDuration = std::max(maxDuration, seconds);
        }
        if (b.state == BackupEntry::State::InProgress)
            running->append(x, mib);
        else if (BackupTableModel::isTrouble(b))
            bad->append(x, mib);
        else
            done->append(x, mib);
    }
    if (minT > maxT)
        return;

    auto* timeAxis = new QDateTimeAxis;
    ChartStyle::setupTimeAxis(timeAxis, minT, maxT, m_zone);
    timeAxis->setTitleText(tr("Backup start (%1)").arg(Format::zoneName(m_zone)));
    auto* sizeAxis = new QValueAxis;
    sizeAxis->setTitleText(tr("Size (MiB)"));
    sizeAxis->setRange(0, std::max(1.0, maxSize * 1.15));
    sizeAxis->setLabelFormat(QStringLiteral("%.1f"));
    sizeAxis->applyNiceNumbers();
    auto* durationAxis = new QValueAxis;
    durationAxis->setTitleText(tr("Duration (s)"));
    durationAxis->setRange(0, std::max(1.0, maxDuration * 1.15));
    durationAxis->setLabelFormat(QStringLiteral("%.0f"));
    durationAxis->applyNiceNumbers();
    m_chart->addAxis(timeAxis, Qt::AlignBottom);
    m_chart->addAxis(sizeAxis, Qt::AlignLeft);
    m_chart->addAxis(durationAxis, Qt::AlignRight);

    for (QAbstractSeries* series : {static_cast<QAbstractSeries*>(durationLine), static_cast<QAbstractSeries*>(sizeLine),
                                    static_cast<QAbstractSeries*>(done), static_cast<QAbstractSeries*>(bad),
                                    static_cast<QAbstractSeries*>(running), static_cast<QAbstractSeries*>(m_selected)}) {
        m_chart->addSeries(series);
        series->attachAxis(timeAxis);
        series->attachAxis(series == durationLine ? durationAxis : sizeAxis);
    }
    // A legend entry for an empty kind is noise.
    for (QXYSeries* series : {static_cast<QXYSeries*>(running), static_cast<QXYSeries*>(bad),
                              static_cast<QXYSeries*>(m_selected), static_cast<QXYSeries*>(done)})
        if (series->count() == 0 || series == m_selected)
            for (QLegendMarker* marker : m_chart->legend()->markers(series))
                marker->setVisible(false);
    for (QScatterSeries* series : {done, bad, running}) {
        connect(series, &QXYSeries::hovered, this, &BackupHistoryView::pointHovered);
        connect(series, &QXYSeries::clicked, this, &BackupHistoryView::pointClicked);
    }
    updateSelection();
}

} // namespace tideline::gui
