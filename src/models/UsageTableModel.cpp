// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/models/UsageTableModel.h"

#include "src/models/Format.h"

#include <QFont>
#include <QLocale>

namespace tideline::gui {

UsageTableModel::UsageTableModel(QObject* parent) : QAbstractTableModel(parent)
{}

UsageTableModel::~UsageTableModel() = default;

void UsageTableModel::setUsage(const QList<catalog::ServerUsage>& usage)
{
    beginResetModel();
    m_usage = usage;
    m_rows.clear();
    for (const auto& u : usage) {
        for (const auto& m : u.months)
            m_rows.append({u.server, m.month, m.base, m.wals});
        m_rows.append({u.server, QStringLiteral("all"), u.base, u.wals});
    }
    endResetModel();
}

void UsageTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int UsageTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int UsageTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows[index.row()];
    const bool total = r.month == QLatin1String("all");
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Server: return r.server;
        case Month: return total ? tr("all", "every month of a server") : r.month;
        case BaseObjects: return QLocale().toString(r.base.objects);
        case BaseSize: return Format::bytes(r.base.bytes);
        case WalObjects: return QLocale().toString(r.wals.objects);
        case WalSize: return Format::bytes(r.wals.bytes);
        case Total: return Format::bytes(r.base.bytes + r.wals.bytes);
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case Server: return r.server;
        // "all" sorts after every month of its server.
        case Month: return total ? QStringLiteral("9999") : r.month;
        case BaseObjects: return r.base.objects;
        case BaseSize: return r.base.bytes;
        case WalObjects: return r.wals.objects;
        case WalSize: return r.wals.bytes;
        case Total: return r.base.bytes + r.wals.bytes;
        default: return {};
        }
    case ServerRole: return r.server;
    case IsTotalRole: return total;
    case Qt::TextAlignmentRole:
        return index.column() >= BaseObjects ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (total) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    default: return {};
    }
}

QVariant UsageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Server: return tr("Server");
    case Month: return tr("Month (UTC)");
    case BaseObjects: return tr("Base objects");
    case BaseSize: return tr("Base size");
    case WalObjects: return tr("WAL objects");
    case WalSize: return tr("WAL size");
    case Total: return tr("Total");
    default: return {};
    }
}

} // namespace tideline::gui
