// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;

namespace tideline::gui {

/// The sources Tideline knows, grouped by kind: object stores now (each with the servers found
/// under it once listed); Kubernetes contexts will be a second group beside it.
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
    QTreeWidget* tree() const { return m_tree; }

signals:
    void connectionActivated(const QString& id);
    void serverActivated(const QString& connectionId, const QString& server);
    void addRequested();
    void editRequested(const QString& id);
    void removeRequested(const QString& id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    QTreeWidgetItem* itemOf(const QString& connectionId) const;
    void emitCurrent(QTreeWidgetItem* item);

    QTreeWidget* m_tree = nullptr;
    QTreeWidgetItem* m_stores = nullptr;
    QToolButton* m_add = nullptr;
    QToolButton* m_edit = nullptr;
    QToolButton* m_remove = nullptr;
    bool m_quiet = false;
};

} // namespace tideline::gui
