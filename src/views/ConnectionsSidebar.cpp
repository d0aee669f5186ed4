// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/ConnectionsSidebar.h"

#include "src/models/Format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QStyle>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace tideline::gui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kServerRole = Qt::UserRole + 2;
// Kubernetes items: the context on every level, then the namespace and cluster of a cluster.
constexpr int kContextRole = Qt::UserRole + 3;
constexpr int kNamespaceRole = Qt::UserRole + 4;
constexpr int kClusterRole = Qt::UserRole + 5;

using Format::plainTip;

// The text a tooltip made by plainTip() shows.
QString tipText(const QString& tip)
{
    if (!tip.startsWith(QLatin1String("<p style=")))
        return tip;
    QTextDocument doc;
    doc.setHtml(tip);
    return doc.toPlainText();
}

QIcon badge(const QString& colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor::fromString(colour));
    painter.drawEllipse(1, 1, 10, 10);
    return QIcon(pixmap);
}
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
    m_kube = new QTreeWidgetItem(m_tree);
    m_kube->setFlags(Qt::ItemIsEnabled);
    m_kube->setFont(0, f);
    m_kube->setHidden(true);

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
    m_kube->setText(0, tr("KUBERNETES"));
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
    if (const QString context = item->data(0, kContextRole).toString(); !context.isEmpty()) {
        const QString cluster = item->data(0, kClusterRole).toString();
        if (!cluster.isEmpty())
            emit clusterActivated(context, item->data(0, kNamespaceRole).toString(), cluster);
        else if (item->parent() == m_kube)
            emit contextActivated(context);
        return;
    }
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
        item->setToolTip(0, plainTip(e.tooltip));
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
    if (QTreeWidgetItem* c = itemOf(connectionId))
        showState(c, state, message, QStyle::SP_DriveNetIcon);
}

void ConnectionsSidebar::showState(QTreeWidgetItem* item, State state, const QString& message, QStyle::StandardPixmap idle)
{
    switch (state) {
    case State::Loading: item->setIcon(0, style()->standardIcon(QStyle::SP_BrowserReload)); break;
    case State::Failed: item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxCritical)); break;
    case State::Ready:
    case State::Idle: item->setIcon(0, style()->standardIcon(idle)); break;
    }
    const QString base = tipText(item->toolTip(0)).section(QStringLiteral("\n\n"), 0, 0);
    item->setToolTip(0, plainTip(message.isEmpty() ? base : QStringLiteral("%1\n\n%2").arg(base, message)));
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

QString ConnectionsSidebar::badgeColour(const QString& health)
{
    // The chart colours: the same meaning everywhere in the window.
    if (health == u"healthy")
        return QStringLiteral("#2e7d32");
    if (health == u"failing")
        return QStringLiteral("#d03030");
    if (health == u"warning")
        return QStringLiteral("#e0a000");
    return QStringLiteral("#9e9e9e");
}

QTreeWidgetItem* ConnectionsSidebar::contextItem(const QString& context) const
{
    for (int i = 0; i < m_kube->childCount(); ++i)
        if (m_kube->child(i)->data(0, kContextRole).toString() == context)
            return m_kube->child(i);
    return nullptr;
}

void ConnectionsSidebar::setContexts(const QStringList& names, const QString& current, const QStringList& tooltips)
{
    m_quiet = true;
    qDeleteAll(m_kube->takeChildren());
    for (qsizetype i = 0; i < names.size(); ++i) {
        auto* item = new QTreeWidgetItem(m_kube, {names[i]});
        item->setData(0, kContextRole, names[i]);
        item->setToolTip(0, plainTip(tooltips.value(i)));
        item->setIcon(0, style()->standardIcon(QStyle::SP_ComputerIcon));
        if (names[i] == current) {
            QFont f = item->font(0);
            f.setBold(true);
            item->setFont(0, f);
        }
    }
    m_kube->setHidden(names.isEmpty());
    m_kube->setExpanded(true);
    m_quiet = false;
}

void ConnectionsSidebar::setClusters(const QString& context, const QList<ClusterEntry>& clusters)
{
    QTreeWidgetItem* c = contextItem(context);
    if (!c)
        return;
    m_quiet = true;
    const QTreeWidgetItem* current = m_tree->currentItem();
    const QString keepNs = current ? current->data(0, kNamespaceRole).toString() : QString();
    const QString keepName = current ? current->data(0, kClusterRole).toString() : QString();
    qDeleteAll(c->takeChildren());
    QMap<QString, QTreeWidgetItem*> namespaces;
    for (const ClusterEntry& e : clusters) {
        QTreeWidgetItem*& ns = namespaces[e.nameSpace];
        if (!ns) {
            ns = new QTreeWidgetItem(c, {e.nameSpace});
            ns->setData(0, kContextRole, context);
            ns->setData(0, kNamespaceRole, e.nameSpace);
            ns->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
            ns->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(ns, {e.name});
        item->setData(0, kContextRole, context);
        item->setData(0, kNamespaceRole, e.nameSpace);
        item->setData(0, kClusterRole, e.name);
        item->setData(0, Qt::AccessibleDescriptionRole, e.health);
        item->setIcon(0, badge(badgeColour(e.health)));
        item->setToolTip(0, plainTip(QStringLiteral("%1/%2: %3").arg(e.nameSpace, e.name, e.reason)));
        if (e.nameSpace == keepNs && e.name == keepName)
            m_tree->setCurrentItem(item);
    }
    c->setExpanded(true);
    m_quiet = false;
}

void ConnectionsSidebar::setContextState(const QString& context, State state, const QString& message)
{
    if (QTreeWidgetItem* c = contextItem(context))
        showState(c, state, message, QStyle::SP_ComputerIcon);
}

void ConnectionsSidebar::setCurrentCluster(const QString& context, const QString& nameSpace, const QString& name)
{
    QTreeWidgetItem* c = contextItem(context);
    if (!c)
        return;
    m_quiet = true;
    for (QTreeWidgetItemIterator it(c); *it && (*it == c || (*it)->parent() != m_kube); ++it)
        if ((*it)->data(0, kNamespaceRole).toString() == nameSpace && (*it)->data(0, kClusterRole).toString() == name)
            m_tree->setCurrentItem(*it);
    m_quiet = false;
}

} // namespace tideline::gui
