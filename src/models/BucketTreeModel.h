// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace tideline::gui {

/// The bucket as a tree: server -> base backups -> backup -> objects, and server -> WAL archive ->
/// timeline -> segments with every gap as its own row (red; grey when harmless), partials, backup
/// labels, and the history files. Built once per snapshot set; the rows are the engine's listing.
class BucketTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BucketTreeModel)

public:
    enum Column { Name, Size, Objects, Modified, Note, ColumnCount };
    enum class Kind { Server, BaseGroup, Backup, Object, WalGroup, Timeline, Segment, Gap, HistoryGroup, Other };
    enum Role { SortRole = Qt::UserRole + 1, KindRole, HarmlessRole, KeyRole };

    explicit BucketTreeModel(QObject* parent = nullptr);
    ~BucketTreeModel() override;

    /// One subtree per server, in the order given.
    void setSnapshots(const QList<SnapshotPtr>& snapshots);
    void setTimeZone(TimeZoneMode zone);
    /// Re-words every row and header after a language switch, in place: the rows stay, and so do
    /// the view's expansion and selection (the owning view calls it).
    void retranslate();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    struct Node;

private:
    Node* nodeOf(const QModelIndex& index) const;
    std::unique_ptr<Node> build() const;
    void copyTexts(Node* into, const Node* from);

    std::unique_ptr<Node> m_root;
    QList<SnapshotPtr> m_snapshots;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
};

} // namespace tideline::gui
