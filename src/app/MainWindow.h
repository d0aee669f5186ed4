// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Clock.h"
#include "src/app/Theme.h"
#include "src/jobs/ConnectionProfile.h"
#include "src/models/Format.h"

#include <QMainWindow>
#include <QScopedPointer>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QSettings;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;

namespace Ui {
class MainWindow;
}

namespace tideline::gui {

class BackupHistoryView;
class BucketBrowserView;
class ClusterView;
class KubeSession;
class ConnectionsSidebar;
class CredentialVault;
class JobRunner;
class RetentionDialog;
class DoctorDialog;
class VerifyDialog;
class OverviewView;
class PitrView;
class RestoreWizard;
class SourceSession;
class TransferModel;
class TransfersView;
class UsageView;
class WalArchiveView;

/// The window: connections on the left, the selected server's views in tabs, every job in the
/// transfers panel. Owns the job runner, the credential vault and the open source; the only
/// place that knows all the parts.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    struct Options {
        /// Read and write QSettings (window state, connections, preferences). Off for
        /// --screenshot, whose pictures must not depend on whoever ran it before.
        bool persistent = true;
        /// An INI file instead of the user's settings (tests).
        QString settingsFile;
        /// "en", "ru": this language instead of the saved choice (--language); not saved.
        QString language = {};
        /// Read a kubeconfig and show its contexts (off for --screenshot unless asked).
        bool kubernetes = true;
        /// The kubeconfig to read instead of KUBECONFIG or ~/.kube/config.
        QString kubeconfig = {};
    };

    explicit MainWindow(Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a source given on the command line: shown in the sidebar, never saved.
    void openSource(const ConnectionProfile& profile, const QString& server = {});
    /// Once the open source has loaded, renders `view` to `file` and emits screenshotFinished.
    void takeScreenshotWhenLoaded(const QString& file, const QString& view);
    /// Shows a CNPG cluster's page (cnpg://NAMESPACE/CLUSTER in `context`, the kubeconfig's
    /// current one when empty) once the kubeconfig is read.
    void openCluster(const QString& ref, const QString& context = {});
    /// "overview", "backups", "wals", "bucket", "usage", "transfers", and "cluster" (the page of
    /// the cluster picked under KUBERNETES).
    void showView(const QString& name);
    QString currentView() const;

    TimeZoneMode timeZone() const { return m_zone; }
    void setTimeZone(TimeZoneMode zone);
    /// The clock every age and elapsed time in the window is told against (the system clock
    /// unless set; tests). It must outlive the window.
    void setClock(const Clock& clock);
    ThemeMode theme() const { return m_theme; }
    void setTheme(ThemeMode theme);
    /// "en", "ru", or empty for the system's; switches every open window at once and is saved.
    QString language() const { return m_language; }
    void setLanguage(const QString& code);

    JobRunner& runner() const { return *m_runner; }
    SourceSession& session() const { return *m_session; }
    CredentialVault& vault() const { return *m_vault; }
    OverviewView* overview() const { return m_overview; }
    BackupHistoryView* backups() const { return m_backups; }
    WalArchiveView* wals() const { return m_wals; }
    BucketBrowserView* bucket() const { return m_bucket; }
    UsageView* usage() const { return m_usage; }
    PitrView* pitr() const { return m_pitr; }
    ClusterView* cluster() const { return m_cluster; }
    KubeSession& kube() const { return *m_kube; }
    /// Opens the restore wizard on the Timeline tab's target (null when no server is loaded).
    RestoreWizard* openRestoreWizard();
    /// The retention dialog on the current server; nullptr when no server is loaded.
    RetentionDialog* openRetentionDialog();
    /// The doctor on the open source (the current server, else every one); nullptr when no
    /// source is open.
    DoctorDialog* openDoctorDialog();
    /// Verify for the selected server (File > Verify…); nullptr with a status message when no
    /// server is loaded. Public for tests.
    VerifyDialog* openVerifyDialog();
    TransfersView* transfers() const { return m_transfers; }
    ConnectionsSidebar* sidebar() const { return m_sidebar; }
    QString currentServer() const { return m_server; }
    const QList<ConnectionProfile>& connections() const { return m_connections; }

    void saveSettings();

signals:
    /// status 0: the PNG was written; else the CLI's exit status for the failure.
    void screenshotFinished(int status, const QString& message);
    /// The open source's load finished (all servers), successfully or not.
    void sourceLoaded();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    std::unique_ptr<QSettings> settings() const;
    void loadSettings();
    void setupActions();
    void retranslate();
    void updateTitle();
    void updateSidebarState();
    void applyLanguage();
    void refreshSidebar();
    void activateConnection(const QString& id, const QString& server = {});
    /// `secret`: credentials held in memory (a cluster's Secret) instead of the keychain's.
    void openProfile(const ConnectionProfile& profile, const QString& server,
                     const std::optional<S3Secret>& secret = std::nullopt);
    void setupKubernetes();
    void showClusters(const QString& context);
    void showClusterList(const QString& context);
    void openClusterBucket();
    QString archivingHistoryPath() const;
    /// Announces alerts that started firing; true when the set of firing alerts changed.
    bool announceArchivingAlerts();
    void showServer(const QString& server);
    void showAllServers();
    // The bucket and usage tabs cover every server: rebuilt only while one of them is shown.
    void refreshAllServersViews();
    void addConnection();
    void editConnection(const QString& id);
    void removeConnection(const QString& id);
    void onLoadFinished();
    void writeScreenshot();
    const ConnectionProfile* profileById(const QString& id) const;

    const QScopedPointer<Ui::MainWindow> m_ui;
    Options m_options;
    JobRunner* m_runner = nullptr;
    CredentialVault* m_vault = nullptr;
    SourceSession* m_session = nullptr;
    /// The bucket and usage tabs are rebuilt at most every 100 ms while servers load: fifty
    /// servers arriving together must not rebuild them fifty times on the GUI thread.
    QTimer* m_allServersTimer = nullptr;
    bool m_allServersStale = false;
    TransferModel* m_transferModel = nullptr;
    ConnectionsSidebar* m_sidebar = nullptr;
    OverviewView* m_overview = nullptr;
    BackupHistoryView* m_backups = nullptr;
    WalArchiveView* m_wals = nullptr;
    BucketBrowserView* m_bucket = nullptr;
    UsageView* m_usage = nullptr;
    PitrView* m_pitr = nullptr;
    ClusterView* m_cluster = nullptr;
    KubeSession* m_kube = nullptr;
    QStackedWidget* m_pages = nullptr; ///< the server's tabs, or a cluster's page
    QString m_pendingCluster;          ///< openCluster() before the kubeconfig was read
    /// The Secret keys of clusters' buckets opened this session (memory only: the restore wizard
    /// hands them to a drill's PostgreSQL as the keychain's session secrets are).
    QHash<QString, S3Secret> m_clusterSecrets;
    QString m_pendingContext;
    TransfersView* m_transfers = nullptr;
    QComboBox* m_zoneCombo = nullptr;
    QLabel* m_zoneLabel = nullptr;
    QMenu* m_languageMenu = nullptr;
    QAction* m_languageSystem = nullptr;
    QLabel* m_statusSource = nullptr;

    QList<ConnectionProfile> m_connections;
    QString m_server;       ///< shown in the per-server views
    QString m_wantedServer; ///< to select once listed (command line, last session)
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    const Clock* m_clock = &Clock::system();
    ThemeMode m_theme = ThemeMode::Light;
    QString m_language; ///< empty: the system's
    QString m_screenshotFile;
    QSystemTrayIcon* m_tray = nullptr;  ///< made on the first archiving alert, where a tray exists
    QStringList m_firingAlerts;         ///< the open cluster's, to announce only new ones
    bool m_badgeWithoutReading = false; ///< a failed reading took the alerts off the sidebar badge
    QString m_screenshotView;
};

} // namespace tideline::gui
