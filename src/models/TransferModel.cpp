// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/models/TransferModel.h"

#include "src/models/Format.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace tideline::gui {

TransferStats TransferStats::compute(const Progress& progress, qint64 elapsedMs)
{
    TransferStats s;
    if (elapsedMs <= 0)
        return s;
    s.bytes = progress.bytes > 0;
    const double moved = static_cast<double>(s.bytes ? progress.bytes : progress.done);
    s.unitsPerSecond = moved * 1000.0 / static_cast<double>(elapsedMs);
    // Items left divided by the items' rate: with bytes-only progress the total is not in bytes.
    if (progress.total > 0 && progress.done > 0 && progress.done <= progress.total) {
        const double itemsPerMs = static_cast<double>(progress.done) / static_cast<double>(elapsedMs);
        s.etaMs = static_cast<qint64>(static_cast<double>(progress.total - progress.done) / itemsPerMs);
    }
    return s;
}

QString TransferStats::rateText() const
{
    if (unitsPerSecond <= 0)
        return QStringLiteral("-");
    if (bytes)
        return TransferModel::tr("%1/s", "bytes per second").arg(Format::bytes(static_cast<qint64>(unitsPerSecond)));
    return TransferModel::tr("%1 /s", "items per second")
        .arg(QLocale().toString(unitsPerSecond, 'f', unitsPerSecond < 10 ? 1 : 0));
}

TransferModel::TransferModel(QObject* parent) : QAbstractTableModel(parent)
{}

TransferModel::~TransferModel() = default;

quint64 TransferModel::jobId(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries[row].id : 0;
}

int TransferModel::rowOf(quint64 id) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == id)
            return i;
    return -1;
}

TransferModel::State TransferModel::state(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries[row].state : State::Done;
}

int TransferModel::runningCount() const
{
    return static_cast<int>(
        std::count_if(m_entries.cbegin(), m_entries.cend(), [](const Entry& e) { return e.state == State::Running; }));
}

void TransferModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

qint64 TransferModel::elapsedMs(const Entry& e) const
{
    return (e.finishedMs ? e.finishedMs : m_clock->nowUsec() / 1000) - e.startedMs;
}

void TransferModel::onJobStarted(quint64 id, const QString& title)
{
    // A job that recurs (the archiving sampler every 10 s) keeps one row: its last run's row goes
    // when the next starts, so a day of sampling is not 8,640 rows.
    for (int r = static_cast<int>(m_entries.size()) - 1; r >= 0; --r)
        if (m_entries[r].title == title && m_entries[r].state == State::Done) {
            beginRemoveRows({}, r, r);
            m_entries.removeAt(r);
            endRemoveRows();
        }
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    Entry e;
    e.id = id;
    e.title = title;
    e.startedMs = m_clock->nowUsec() / 1000;
    m_entries.append(e);
    endInsertRows();
}

void TransferModel::onJobProgress(quint64 id, const Progress& progress)
{
    const int row = rowOf(id);
    if (row < 0 || m_entries[row].state != State::Running)
        return;
    m_entries[row].progress = progress;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TransferModel::onJobFinished(quint64 id, const std::optional<Error>& error)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Entry& e = m_entries[row];
    e.finishedMs = m_clock->nowUsec() / 1000;
    e.error = error;
    e.state = !error ? State::Done : error->code == ErrorCode::Cancelled ? State::Cancelled : State::Failed;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TransferModel::clearFinished()
{
    for (int row = static_cast<int>(m_entries.size()) - 1; row >= 0; --row) {
        if (m_entries[row].state == State::Running)
            continue;
        beginRemoveRows({}, row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
}

void TransferModel::tick()
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries[row].state == State::Running)
            emit dataChanged(index(row, Rate), index(row, Elapsed), {Qt::DisplayRole});
}

int TransferModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int TransferModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransferModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry& e = m_entries[index.row()];
    const Progress& p = e.progress;
    const TransferStats stats = TransferStats::compute(p, elapsedMs(e));
    switch (role) {
    case JobIdRole: return e.id;
    case StateRole: return static_cast<int>(e.state);
    case HintRole: return e.error ? e.error->hint : QString();
    case PercentRole:
        if (e.state == State::Done)
            return 100;
        if (p.total > 0)
            return static_cast<int>(100 * qMin(p.done, p.total) / p.total);
        return -1; // unknown: an indeterminate bar
    case Qt::DisplayRole:
        switch (index.column()) {
        case Job: return e.title;
        case Status:
            switch (e.state) {
            case State::Running: return p.phase.isEmpty() ? tr("starting") : p.phase;
            case State::Done: return tr("done");
            case State::Cancelled: return tr("cancelled");
            case State::Failed: return tr("failed: %1").arg(e.error->message);
            }
            return {};
        case ProgressBar: return {};
        case Items:
            return p.total > 0 ? QStringLiteral("%1 / %2").arg(QLocale().toString(p.done), QLocale().toString(p.total))
                               : QStringLiteral("-");
        case Rate: return e.state == State::Running ? stats.rateText() : QStringLiteral("-");
        case Eta:
            return e.state == State::Running && stats.etaMs >= 0 ? Format::duration(stats.etaMs * 1000) : QStringLiteral("-");
        case Elapsed: return Format::duration(elapsedMs(e) * 1000);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (e.error)
            return e.error->hint.isEmpty() ? e.error->message : tr("%1\nHint: %2").arg(e.error->message, e.error->hint);
        return e.title;
    case Qt::ForegroundRole:
        if (e.state == State::Failed)
            return QBrush(QColor(0xd0, 0x30, 0x30));
        if (e.state == State::Cancelled)
            return QBrush(QColor(0x90, 0x90, 0x90));
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= Items ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                       : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant TransferModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Job: return tr("Job");
    case Status: return tr("Status");
    case ProgressBar: return tr("Progress");
    case Items: return tr("Items");
    case Rate: return tr("Rate");
    case Eta: return tr("ETA", "estimated time left, column header");
    case Elapsed: return tr("Elapsed");
    default: return {};
    }
}

} // namespace tideline::gui
