// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/BucketUsage.h"

#include <QAbstractTableModel>

namespace tideline::gui {

/// Storage by server and month, base backups vs WAL: the rows `tideline-cli usage` prints, each
/// server's months followed by its "all" row.
class UsageTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageTableModel)

public:
    enum Column { Server, Month, BaseObjects, BaseSize, WalObjects, WalSize, Total, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ServerRole, IsTotalRole };

    explicit UsageTableModel(QObject* parent = nullptr);
    ~UsageTableModel() override;

    void setUsage(const QList<catalog::ServerUsage>& usage);
    const QList<catalog::ServerUsage>& usage() const { return m_usage; }
    /// Re-reads every header and cell after a language switch (the owning view calls it).
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QString server;
        QString month; ///< "all" for the server's total (shown translated)
        catalog::UsageCount base;
        catalog::UsageCount wals;
    };
    QList<catalog::ServerUsage> m_usage;
    QList<Row> m_rows;
};

} // namespace tideline::gui
