// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QAbstractTableModel>

namespace tideline::gui {

/// The backup catalog of one server as `tideline-cli backups` prints it: one row per directory
/// under base/, finished or not. Display text follows the zone setting; SortRole gives raw values
/// (µs, bytes) so sorting by time or size is numeric.
class BackupTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupTableModel)

public:
    enum Column {
        Id,
        Name,
        Status,
        Restorable,
        Begin,
        End,
        Duration,
        Size,
        Timeline,
        BeginWal,
        EndWal,
        Pg,
        Compression,
        Keep,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, BackupIdRole, StateRole };

    explicit BackupTableModel(QObject* parent = nullptr);
    ~BackupTableModel() override;

    void setSnapshot(SnapshotPtr snapshot);
    void setTimeZone(TimeZoneMode zone);
    /// Re-reads every header and cell after a language switch (the owning view calls it).
    void retranslate();
    SnapshotPtr snapshot() const { return m_snapshot; }
    /// The entry a row shows, or nullptr.
    const catalog::BackupEntry* entry(int row) const;
    int rowOf(const QString& backupId) const;

    /// End minus begin from backup.info, 0 when either is missing.
    static qint64 durationUsec(const catalog::BackupEntry& entry);
    /// Whether a row deserves the warning colour: anything but a restorable DONE backup.
    static bool isTrouble(const catalog::BackupEntry& entry);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    SnapshotPtr m_snapshot;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
};

} // namespace tideline::gui
