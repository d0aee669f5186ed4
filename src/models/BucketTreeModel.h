// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace tideline::gui {

/// The bucket as a tree: server -> base backups -> backup -> objects, and server -> WAL archive ->
/// timeline -> hash directory (barman's TTTTTTTTLLLLLLLL/) -> segments with every gap as its own
/// row (red; grey when harmless), then the timeline's partials and backup labels, and the history
/// files. Built once per snapshot set; the rows are the engine's listing. A timeline's directories
/// and a directory's segments are made when first expanded (canFetchMore/fetchMore): an archive
/// of two million segments costs a few thousand rows until someone looks inside.
class BucketTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BucketTreeModel)

public:
    enum Column { Name, Size, Objects, Modified, Note, ColumnCount };
    enum class Kind { Server, BaseGroup, Backup, Object, WalGroup, Timeline, Directory, Segment, Gap, HistoryGroup, Other };
    enum Role { SortRole = Qt::UserRole + 1, KindRole, HarmlessRole, KeyRole };

    explicit BucketTreeModel(QObject* parent = nullptr);
    ~BucketTreeModel() override;

    /// One subtree per server, in the order given.
    void setSnapshots(const QList<SnapshotPtr>& snapshots);
    void setTimeZone(TimeZoneMode zone);
    /// Re-words every row and header after a language switch, in place: the rows stay, and so do
    /// the view's expansion and selection (the owning view calls it).
    void retranslate();
    /// Makes the rows not made yet that would show `text` (what a filter needs to find them).
    void fetchMatching(const QString& text);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    struct Node;

private:
    Node* nodeOf(const QModelIndex& index) const;
    std::unique_ptr<Node> build() const;
    void copyTexts(Node* into, Node* from);
    void fetchMatching(Node* node, const QString& text);

    std::unique_ptr<Node> m_root;
    QList<SnapshotPtr> m_snapshots;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
};

} // namespace tideline::gui
