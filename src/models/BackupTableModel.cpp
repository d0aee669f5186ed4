// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/models/BackupTableModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace tideline::gui {

using catalog::BackupEntry;

BackupTableModel::BackupTableModel(QObject* parent) : QAbstractTableModel(parent)
{}

BackupTableModel::~BackupTableModel() = default;

void BackupTableModel::setSnapshot(SnapshotPtr snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

void BackupTableModel::setTimeZone(TimeZoneMode zone)
{
    if (zone == m_zone)
        return;
    m_zone = zone;
    headerDataChanged(Qt::Horizontal, Begin, End);
    if (rowCount() > 0)
        emit dataChanged(index(0, Begin), index(rowCount() - 1, End), {Qt::DisplayRole});
}

void BackupTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const BackupEntry* BackupTableModel::entry(int row) const
{
    if (!m_snapshot || row < 0 || row >= m_snapshot->catalog.backups.size())
        return nullptr;
    return &m_snapshot->catalog.backups[row];
}

int BackupTableModel::rowOf(const QString& backupId) const
{
    if (!m_snapshot)
        return -1;
    for (int i = 0; i < m_snapshot->catalog.backups.size(); ++i)
        if (m_snapshot->catalog.backups[i].id == backupId)
            return i;
    return -1;
}

qint64 BackupTableModel::durationUsec(const BackupEntry& b)
{
    if (!b.info || !b.info->beginTime || !b.info->endTime)
        return 0;
    return b.info->endTime->usecUtc - b.info->beginTime->usecUtc;
}

bool BackupTableModel::isTrouble(const BackupEntry& b)
{
    return b.state != BackupEntry::State::Done || !b.restorable;
}

int BackupTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_snapshot ? 0 : static_cast<int>(m_snapshot->catalog.backups.size());
}

int BackupTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackupTableModel::data(const QModelIndex& index, int role) const
{
    const BackupEntry* b = entry(index.row());
    if (!b)
        return {};
    const auto* i = b->info ? &*b->info : nullptr;
    const QString none = QStringLiteral("-");
    if (role == BackupIdRole)
        return b->id;
    if (role == StateRole)
        return static_cast<int>(b->state);
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (index.column()) {
        case Id: return b->id;
        case Name: return i && !i->backupName.isEmpty() ? i->backupName : none;
        case Status: return b->statusText();
        case Begin:
            if (sort)
                return i && i->beginTime ? i->beginTime->usecUtc : b->firstUploadUsec;
            return i && i->beginTime ? Format::timeShort(i->beginTime->usecUtc, m_zone) : none;
        case End:
            if (sort)
                return i && i->endTime ? i->endTime->usecUtc : b->lastUploadUsec;
            return i && i->endTime ? Format::timeShort(i->endTime->usecUtc, m_zone) : none;
        case Duration:
            if (sort)
                return durationUsec(*b);
            return durationUsec(*b) > 0 ? Format::duration(durationUsec(*b)) : none;
        case Timeline:
            if (sort)
                return i ? static_cast<qint64>(i->timeline) : 0;
            return i ? QString::number(i->timeline) : none;
        case BeginWal: return i ? i->beginWal : none;
        case EndWal: return i ? i->endWal : none;
        case Size: return sort ? QVariant(b->bytes) : QVariant(Format::bytes(b->bytes));
        case Pg:
            if (sort)
                return i ? i->majorVersion() : 0;
            return i ? QString::number(i->majorVersion()) : none;
        case Compression: return i ? b->compressionText() : none;
        case Keep: return b->keep.isEmpty() ? none : b->keepTarget();
        case Restorable: return b->restorableSummary();
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Duration:
        case Timeline:
        case Size:
        case Pg: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == Qt::ForegroundRole) {
        if (b->state == BackupEntry::State::Failed || b->state == BackupEntry::State::Unreadable
            || b->state == BackupEntry::State::Incomplete
            || (index.column() == Restorable && b->state == BackupEntry::State::Done && !b->restorable))
            return QBrush(QColor(0xd0, 0x30, 0x30));
        if (b->state == BackupEntry::State::InProgress)
            return QBrush(QColor(0xc0, 0x80, 0x00));
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (b->infoError)
            return QStringLiteral("%1\n%2").arg(b->infoError->message, b->infoError->hint);
        if (i && !i->error.isEmpty())
            return i->error;
        if (b->state == BackupEntry::State::InProgress)
            return tr("No backup.info yet and recent objects: barman-cloud-backup may still be running.");
        if (b->state == BackupEntry::State::Incomplete)
            return tr("No backup.info, and a newer backup finished: this one crashed. It cannot be restored.");
        if (index.column() == Restorable && b->state == BackupEntry::State::Done && !b->restorable)
            return b->unrestorableReason();
    }
    return {};
}

QVariant BackupTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Backup ID");
    case Name: return tr("Name");
    case Status: return tr("Status");
    case Begin: return tr("Begin (%1)").arg(Format::zoneName(m_zone));
    case End: return tr("End (%1)").arg(Format::zoneName(m_zone));
    case Duration: return tr("Duration");
    case Timeline: return tr("TL", "timeline, column header");
    case BeginWal: return tr("Begin WAL");
    case EndWal: return tr("End WAL");
    case Size: return tr("Size");
    case Pg: return QStringLiteral("PG");
    case Compression: return tr("Compr.", "compression, column header");
    case Keep: return tr("Keep", "barman keep annotation, column header");
    case Restorable: return tr("Restorable");
    default: return {};
    }
}

} // namespace tideline::gui
