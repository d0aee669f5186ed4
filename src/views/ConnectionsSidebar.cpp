// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/ConnectionsSidebar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tideline::gui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kServerRole = Qt::UserRole + 2;
} // namespace

ConnectionsSidebar::ConnectionsSidebar(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("connectionTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setMinimumWidth(200);
    layout->addWidget(m_tree, 1);

    m_stores = new QTreeWidgetItem(m_tree);
    m_stores->setFlags(Qt::ItemIsEnabled);
    QFont f = m_stores->font(0);
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 0.85);
    m_stores->setFont(0, f);
    m_stores->setExpanded(true);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 0, 4, 4);
    auto makeButton = [this, buttons] {
        auto* b = new QToolButton(this);
        b->setAutoRaise(true);
        buttons->addWidget(b);
        return b;
    };
    m_add = makeButton();
    m_add->setText(QStringLiteral("+"));
    m_add->setObjectName(QStringLiteral("addConnection"));
    m_edit = makeButton();
    m_remove = makeButton();
    m_remove->setText(QStringLiteral("−"));
    retranslateUi();
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_add, &QToolButton::clicked, this, &ConnectionsSidebar::addRequested);
    connect(m_edit, &QToolButton::clicked, this, [this] {
        if (!currentConnection().isEmpty())
            emit editRequested(currentConnection());
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (!currentConnection().isEmpty())
            emit removeRequested(currentConnection());
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        const bool any = item && !item->data(0, kIdRole).toString().isEmpty();
        m_edit->setEnabled(any);
        m_remove->setEnabled(any);
        if (!m_quiet)
            emitCurrent(item);
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        // popup(), not exec(): no nested event loop on the GUI thread, even for a menu.
        auto* menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Add object store…"), this, &ConnectionsSidebar::addRequested);
        const QString id = currentConnection();
        if (!id.isEmpty()) {
            menu->addAction(tr("Edit…"), this, [this, id] { emit editRequested(id); });
            menu->addAction(tr("Remove"), this, [this, id] { emit removeRequested(id); });
        }
        menu->popup(m_tree->viewport()->mapToGlobal(pos));
    });
    m_edit->setEnabled(false);
    m_remove->setEnabled(false);
}

ConnectionsSidebar::~ConnectionsSidebar() = default;

void ConnectionsSidebar::retranslateUi()
{
    m_stores->setText(0, tr("OBJECT STORES"));
    m_add->setToolTip(tr("Add an object store (Ctrl+N)"));
    m_edit->setText(tr("Edit…"));
    m_edit->setToolTip(tr("Edit the selected connection"));
    m_remove->setToolTip(tr("Remove the selected connection"));
}

void ConnectionsSidebar::changeEvent(QEvent* event)
{
    // The connections' own tooltips and state messages come from the window, which re-sets them.
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ConnectionsSidebar::emitCurrent(QTreeWidgetItem* item)
{
    if (!item)
        return;
    const QString id = item->data(0, kIdRole).toString();
    if (id.isEmpty())
        return;
    const QString server = item->data(0, kServerRole).toString();
    if (server.isEmpty())
        emit connectionActivated(id);
    else
        emit serverActivated(id, server);
}

QTreeWidgetItem* ConnectionsSidebar::itemOf(const QString& connectionId) const
{
    for (int i = 0; i < m_stores->childCount(); ++i)
        if (m_stores->child(i)->data(0, kIdRole).toString() == connectionId)
            return m_stores->child(i);
    return nullptr;
}

void ConnectionsSidebar::setConnections(const QList<Entry>& entries)
{
    m_quiet = true;
    const QString keep = currentConnection();
    qDeleteAll(m_stores->takeChildren());
    for (const Entry& e : entries) {
        auto* item = new QTreeWidgetItem(m_stores, {e.name});
        item->setData(0, kIdRole, e.id);
        item->setToolTip(0, e.tooltip);
        item->setIcon(0, style()->standardIcon(QStyle::SP_DriveNetIcon));
        if (e.id == keep)
            m_tree->setCurrentItem(item);
    }
    m_quiet = false;
}

void ConnectionsSidebar::setServers(const QString& connectionId, const QStringList& servers)
{
    QTreeWidgetItem* c = itemOf(connectionId);
    if (!c)
        return;
    m_quiet = true;
    const QString keep = currentServer();
    qDeleteAll(c->takeChildren());
    for (const QString& s : servers) {
        auto* item = new QTreeWidgetItem(c, {s});
        item->setData(0, kIdRole, connectionId);
        item->setData(0, kServerRole, s);
        item->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
        if (s == keep)
            m_tree->setCurrentItem(item);
    }
    c->setExpanded(true);
    m_quiet = false;
}

void ConnectionsSidebar::setState(const QString& connectionId, State state, const QString& message)
{
    QTreeWidgetItem* c = itemOf(connectionId);
    if (!c)
        return;
    switch (state) {
    case State::Loading: c->setIcon(0, style()->standardIcon(QStyle::SP_BrowserReload)); break;
    case State::Failed: c->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxCritical)); break;
    case State::Ready:
    case State::Idle: c->setIcon(0, style()->standardIcon(QStyle::SP_DriveNetIcon)); break;
    }
    const QString base = c->toolTip(0).section(QStringLiteral("\n\n"), 0, 0);
    c->setToolTip(0, message.isEmpty() ? base : QStringLiteral("%1\n\n%2").arg(base, message));
}

void ConnectionsSidebar::setCurrent(const QString& connectionId, const QString& server)
{
    QTreeWidgetItem* c = itemOf(connectionId);
    if (!c)
        return;
    m_quiet = true;
    QTreeWidgetItem* target = c;
    for (int i = 0; i < c->childCount(); ++i)
        if (c->child(i)->data(0, kServerRole).toString() == server)
            target = c->child(i);
    m_tree->setCurrentItem(target);
    m_quiet = false;
}

QString ConnectionsSidebar::currentConnection() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, kIdRole).toString() : QString();
}

QString ConnectionsSidebar::currentServer() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, kServerRole).toString() : QString();
}

} // namespace tideline::gui
