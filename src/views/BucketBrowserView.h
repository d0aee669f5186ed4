// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace tideline::gui {

class BucketTreeModel;

/// The bucket as the store holds it: servers -> backups -> objects with sizes and upload times,
/// and the WAL archive per timeline with each gap in place (red, or grey when harmless).
class BucketBrowserView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BucketBrowserView)

public:
    explicit BucketBrowserView(QWidget* parent = nullptr);
    ~BucketBrowserView() override;

    void setSnapshots(const QList<SnapshotPtr>& snapshots);
    void setTimeZone(TimeZoneMode zone);
    BucketTreeModel* model() const { return m_model; }
    /// True when no server is shown (the model has no rows).
    bool isEmpty() const;
    QTreeView* tree() const { return m_tree; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void expandDefault();
    void fitColumns();

    BucketTreeModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QTreeView* m_tree = nullptr;
};

} // namespace tideline::gui
