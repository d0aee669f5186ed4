// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/BucketBrowserView.h"

#include "src/models/BucketTreeModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace tideline::gui {

BucketBrowserView::BucketBrowserView(QWidget* parent)
    : QWidget(parent), m_model(new BucketTreeModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(BucketTreeModel::SortRole);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by name: a backup id, a segment, “missing”…"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("bucketTree"));
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(-1, Qt::AscendingOrder); // the listing's own order until a header is clicked
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    // Column widths from the first rows, not a thousand: a bucket of fifty servers has that many
    // rows open, and shaping each one's text held the window for a tenth of a second.
    m_tree->header()->setResizeContentsPrecision(100);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (!text.isEmpty())
            m_model->fetchMatching(text); // rows made on expansion only: these may match
        m_proxy->setFilterKeyColumn(-1);
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
}

BucketBrowserView::~BucketBrowserView() = default;

bool BucketBrowserView::isEmpty() const
{
    return m_model->rowCount() == 0;
}

void BucketBrowserView::setSnapshots(const QList<SnapshotPtr>& snapshots)
{
    m_model->setSnapshots(snapshots);
    expandDefault();
}

void BucketBrowserView::setTimeZone(TimeZoneMode zone)
{
    m_model->setTimeZone(zone);
    expandDefault();
}

void BucketBrowserView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_filter->setPlaceholderText(tr("Filter by name: a backup id, a segment, “missing”…"));
        m_model->retranslate(); // in place: what the user expanded stays expanded
        fitColumns();           // "13,7 МиБ" is wider than "13.7 MiB"
    }
    QWidget::changeEvent(event);
}

void BucketBrowserView::expandDefault()
{
    // Servers and their two groups open, backups and timelines closed: the shape at a glance.
    for (int s = 0; s < m_proxy->rowCount(); ++s) {
        const QModelIndex server = m_proxy->index(s, 0);
        m_tree->expand(server);
        for (int g = 0; g < m_proxy->rowCount(server); ++g)
            m_tree->expand(m_proxy->index(g, 0, server));
    }
    fitColumns();
}

void BucketBrowserView::fitColumns()
{
    m_tree->header()->resizeSections(QHeaderView::ResizeToContents);
    m_tree->setColumnWidth(BucketTreeModel::Name, std::max(m_tree->columnWidth(BucketTreeModel::Name), 320));
}

} // namespace tideline::gui
