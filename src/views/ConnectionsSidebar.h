// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyle>
#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;

namespace tideline::gui {

/// The sources Tideline knows, grouped by kind: object stores (each with the servers found under
/// it once listed) and, when a kubeconfig names any, Kubernetes contexts (each with its
/// namespaces and their CNPG clusters once listed, every cluster with its health badge).
class ConnectionsSidebar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsSidebar)

public:
    struct Entry {
        QString id;
        QString name;
        QString tooltip; ///< endpoint and source URL: never a secret
    };
    enum class State { Idle, Loading, Ready, Failed };

    explicit ConnectionsSidebar(QWidget* parent = nullptr);
    ~ConnectionsSidebar() override;

    void setConnections(const QList<Entry>& entries);
    void setServers(const QString& connectionId, const QStringList& servers);
    void setState(const QString& connectionId, State state, const QString& message = {});
    /// Marks a server as the one shown (without emitting).
    void setCurrent(const QString& connectionId, const QString& server);
    QString currentConnection() const;
    QString currentServer() const;

    struct ClusterEntry {
        QString nameSpace;
        QString name;
        QString health; ///< CnpgCluster::healthName(): healthy, warning, failing, unknown
        QString reason; ///< the sentence that decided it (tooltip)
    };
    /// The kubeconfig's contexts; the group is hidden when there are none.
    void setContexts(const QStringList& names, const QString& current, const QStringList& tooltips);
    void setClusters(const QString& context, const QList<ClusterEntry>& clusters);
    void setContextState(const QString& context, State state, const QString& message = {});
    /// Marks a cluster as the one shown (without emitting).
    void setCurrentCluster(const QString& context, const QString& nameSpace, const QString& name);
    /// The health badge's colour name for a health, so tests can check what is drawn.
    static QString badgeColour(const QString& health);
    QTreeWidget* tree() const { return m_tree; }

signals:
    void connectionActivated(const QString& id);
    void serverActivated(const QString& connectionId, const QString& server);
    void addRequested();
    void editRequested(const QString& id);
    void removeRequested(const QString& id);
    void contextActivated(const QString& context);
    void clusterActivated(const QString& context, const QString& nameSpace, const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    QTreeWidgetItem* itemOf(const QString& connectionId) const;
    QTreeWidgetItem* contextItem(const QString& context) const;
    /// The icon for `state` (`idle` when ready) and the message after the item's own tooltip.
    void showState(QTreeWidgetItem* item, State state, const QString& message, QStyle::StandardPixmap idle);
    void emitCurrent(QTreeWidgetItem* item);

    QTreeWidget* m_tree = nullptr;
    QTreeWidgetItem* m_stores = nullptr;
    QTreeWidgetItem* m_kube = nullptr;
    QToolButton* m_add = nullptr;
    QToolButton* m_edit = nullptr;
    QToolButton* m_remove = nullptr;
    bool m_quiet = false;
};

} // namespace tideline::gui
