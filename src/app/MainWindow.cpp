// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/app/MainWindow.h"

#include "engine/core/Clock.h"
#include "engine/core/Parallel.h"
#include "engine/core/Translations.h"
#include "src/dialogs/ConnectionEditor.h"
#include "src/dialogs/DoctorDialog.h"
#include "src/dialogs/RestoreWizard.h"
#include "src/dialogs/RetentionDialog.h"
#include "src/dialogs/VerifyDialog.h"
#include "src/jobs/CredentialVault.h"
#include "src/jobs/JobRunner.h"
#include "src/jobs/KubeSession.h"
#include "src/jobs/SourceSession.h"
#include "src/models/TransferModel.h"
#include "src/views/BackupHistoryView.h"
#include "src/views/BucketBrowserView.h"
#include "src/views/ClusterView.h"
#include "src/views/ConnectionsSidebar.h"
#include "src/views/OverviewView.h"
#include "src/views/PitrView.h"
#include "src/views/TransfersView.h"
#include "src/views/UsageView.h"
#include "src/views/WalArchiveView.h"

#include "ui_MainWindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>

namespace tideline::gui {

namespace {
const QStringList& viewOrder()
{
    // Tab order; "transfers" is the dock, not a tab.
    static const QStringList names{QStringLiteral("overview"), QStringLiteral("backups"), QStringLiteral("wals"),
                                   QStringLiteral("bucket"),   QStringLiteral("usage"),   QStringLiteral("timeline")};
    return names;
}

ConnectionsSidebar::Entry entryOf(const ConnectionProfile& p)
{
    QString tip = MainWindow::tr("%1\nendpoint: %2")
                      .arg(p.sourceUrl(), p.endpoint.isEmpty() ? MainWindow::tr("AWS S3 (or AWS_ENDPOINT_URL)") : p.endpoint);
    if (!p.region.isEmpty())
        tip += MainWindow::tr("\nregion: %1").arg(p.region);
    if (p.transient)
        tip += MainWindow::tr("\nfrom the command line: not saved");
    return {p.id, p.displayName(), tip};
}
} // namespace

MainWindow::MainWindow(Options options, QWidget* parent)
    : QMainWindow(parent), m_ui(new Ui::MainWindow), m_options(std::move(options))
{
    // Before the form is built, so that it comes up in the chosen language at once.
    if (m_options.persistent && m_options.language.isEmpty())
        m_language = settings()->value(QStringLiteral("view/language")).toString();
    else
        m_language = m_options.language;
    if (!Translations::available().contains(m_language))
        m_language.clear();
    applyLanguage();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/tideline.svg")));
    // Loading fifty servers runs dozens of threads at once; on two cores they took the GUI thread's
    // turn for a fifth of a second. A little nicer, they still use every idle cycle.
    setBackgroundNiceness(5);
    m_runner = new JobRunner(this);
    m_vault = new CredentialVault(QStringLiteral("Tideline"), this);
    m_session = new SourceSession(*m_runner, this);
    m_allServersTimer = new QTimer(this);
    m_allServersTimer->setSingleShot(true);
    m_allServersTimer->setInterval(100);
    connect(m_allServersTimer, &QTimer::timeout, this, &MainWindow::showAllServers);
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, &MainWindow::refreshAllServersViews);
    m_transferModel = new TransferModel(this);

    m_sidebar = new ConnectionsSidebar(m_ui->sidebarHost);
    m_ui->sidebarLayout->addWidget(m_sidebar);
    m_overview = new OverviewView(m_ui->overviewPage);
    m_ui->overviewLayout->addWidget(m_overview);
    m_backups = new BackupHistoryView(m_ui->backupsPage);
    m_ui->backupsLayout->addWidget(m_backups);
    m_wals = new WalArchiveView(m_ui->walsPage);
    m_ui->walsLayout->addWidget(m_wals);
    m_bucket = new BucketBrowserView(m_ui->bucketPage);
    m_ui->bucketLayout->addWidget(m_bucket);
    m_usage = new UsageView(m_ui->usagePage);
    m_ui->usageLayout->addWidget(m_usage);
    m_pitr = new PitrView(m_ui->timelinePage);
    m_ui->timelineLayout->addWidget(m_pitr);
    connect(m_pitr, &PitrView::restoreRequested, this, [this] { openRestoreWizard(); });
    // The right side shows a server's tabs or a cluster's page: a stack in the splitter's place.
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_ui->splitter->replaceWidget(1, m_pages);
    m_pages->addWidget(m_ui->tabs);
    m_cluster = new ClusterView(m_pages);
    m_cluster->setObjectName(QStringLiteral("clusterPage"));
    m_pages->addWidget(m_cluster);
    m_kube = new KubeSession(*m_runner, this);
    m_transfers = new TransfersView(m_transferModel, m_ui->transfersContents);
    m_ui->transfersLayout->addWidget(m_transfers);
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({250, 1150});

    connect(m_runner, &JobRunner::jobStarted, m_transferModel, &TransferModel::onJobStarted);
    connect(m_runner, &JobRunner::jobProgress, m_transferModel, &TransferModel::onJobProgress);
    connect(m_runner, &JobRunner::jobFinished, m_transferModel, &TransferModel::onJobFinished);
    connect(m_transfers, &TransfersView::cancelRequested, m_runner, &JobRunner::cancel);
    auto updateCancel = [this] { m_ui->actionCancelAll->setEnabled(m_runner->runningCount() > 0); };
    connect(m_runner, &JobRunner::jobStarted, this, updateCancel);
    connect(m_runner, &JobRunner::jobFinished, this, updateCancel);

    connect(m_sidebar, &ConnectionsSidebar::connectionActivated, this, [this](const QString& id) {
        m_pages->setCurrentWidget(m_ui->tabs);
        activateConnection(id);
    });
    connect(m_sidebar, &ConnectionsSidebar::serverActivated, this, [this](const QString& id, const QString& server) {
        m_pages->setCurrentWidget(m_ui->tabs);
        if (m_session->isOpen() && m_session->profile().id == id)
            showServer(server);
        else
            activateConnection(id, server);
    });
    connect(m_sidebar, &ConnectionsSidebar::addRequested, this, &MainWindow::addConnection);
    connect(m_sidebar, &ConnectionsSidebar::editRequested, this, &MainWindow::editConnection);
    connect(m_sidebar, &ConnectionsSidebar::removeRequested, this, &MainWindow::removeConnection);

    connect(m_session, &SourceSession::started, this, [this] {
        m_sidebar->setState(m_session->profile().id, ConnectionsSidebar::State::Loading);
        statusBar()->showMessage(tr("Reading %1 …").arg(m_session->profile().sourceUrl()));
        if (!m_session->snapshot(m_server))
            m_overview->showMessage(m_session->profile().displayName(),
                                    tr("Reading %1 …").arg(m_session->profile().sourceUrl()), false);
    });
    connect(m_session, &SourceSession::serversListed, this, [this](const QStringList& servers) {
        m_sidebar->setServers(m_session->profile().id, servers);
        QString pick = servers.contains(m_wantedServer) ? m_wantedServer : servers.value(0);
        if (servers.contains(m_server))
            pick = m_server;
        m_server = pick;
        m_sidebar->setCurrent(m_session->profile().id, pick);
        if (!m_wantedServer.isEmpty() && !servers.contains(m_wantedServer))
            m_overview->showMessage(m_wantedServer,
                                    tr("No server '%1' under %2. Found: %3.")
                                        .arg(m_wantedServer, m_session->profile().sourceUrl(),
                                             servers.join(QStringLiteral(", "))),
                                    true);
    });
    connect(m_session, &SourceSession::serverLoaded, this, [this](const QString& server) {
        if (server == m_server)
            showServer(server);
        if (!m_allServersTimer->isActive())
            m_allServersTimer->start();
    });
    connect(m_session, &SourceSession::failed, this, [this](const Error& error) {
        if (error.code == ErrorCode::Cancelled) {
            statusBar()->showMessage(tr("Cancelled."), 5000);
            return;
        }
        m_sidebar->setState(m_session->profile().id, ConnectionsSidebar::State::Failed, error.oneLine());
        if (!m_session->snapshot(m_server))
            m_overview->showMessage(m_session->profile().displayName(),
                                    error.hint.isEmpty() ? error.message
                                                         : QStringLiteral("%1\n\n%2").arg(error.message, error.hint),
                                    true);
    });
    connect(m_session, &SourceSession::finished, this, &MainWindow::onLoadFinished);

    setupActions();
    setupKubernetes();
    if (m_options.persistent)
        loadSettings();
    else
        resize(1440, 900);
    setTheme(m_theme);
    setTimeZone(m_zone);
    refreshSidebar();
}

MainWindow::~MainWindow()
{
    // Jobs hold the store, not the window; cancel them so the runner's destructor returns at once.
    m_runner->cancelAll();
    // The sessions cancel their jobs on the runner as they go: before it, not after (children
    // are deleted in the order they were made, and the runner came first).
    delete m_kube;
    m_kube = nullptr;
    delete m_session;
    m_session = nullptr;
}

std::unique_ptr<QSettings> MainWindow::settings() const
{
    if (!m_options.settingsFile.isEmpty())
        return std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat);
    return std::make_unique<QSettings>();
}

void MainWindow::setupActions()
{
    auto* ui = m_ui.data();
    ui->actionAddConnection->setIcon(style()->standardIcon(QStyle::SP_FileDialogNewFolder));
    ui->actionRefresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    ui->actionCancelAll->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    ui->actionCancelAll->setEnabled(false);
    connect(ui->actionAddConnection, &QAction::triggered, this, &MainWindow::addConnection);
    connect(ui->actionEditConnection, &QAction::triggered, this, [this] {
        if (!m_sidebar->currentConnection().isEmpty())
            editConnection(m_sidebar->currentConnection());
    });
    connect(ui->actionRemoveConnection, &QAction::triggered, this, [this] {
        if (!m_sidebar->currentConnection().isEmpty())
            removeConnection(m_sidebar->currentConnection());
    });
    connect(ui->actionRefresh, &QAction::triggered, this, [this] {
        // Reload what is shown: a cluster's page (and its context's badges), else the source.
        if (m_pages->currentWidget() == m_cluster && m_kube->isClusterOpen()) {
            m_kube->reloadCluster();
            showClusters(m_kube->clusterContext());
            return;
        }
        m_session->reload();
    });
    connect(ui->actionCancelAll, &QAction::triggered, m_runner, &JobRunner::cancelAll);
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionRestore, &QAction::triggered, this, [this] { openRestoreWizard(); });
    connect(ui->actionRetention, &QAction::triggered, this, [this] { openRetentionDialog(); });
    connect(ui->actionDoctor, &QAction::triggered, this, [this] { openDoctorDialog(); });
    connect(ui->actionVerify, &QAction::triggered, this, [this] { openVerifyDialog(); });
    const QList<QAction*> viewActions{ui->actionShowOverview, ui->actionShowBackups, ui->actionShowWals,
                                      ui->actionShowBucket,   ui->actionShowUsage,   ui->actionShowTimeline};
    for (int i = 0; i < viewActions.size(); ++i)
        connect(viewActions[i], &QAction::triggered, this, [this, i] { m_ui->tabs->setCurrentIndex(i); });
    connect(ui->actionShowTransfers, &QAction::triggered, ui->transfersDock, &QDockWidget::setVisible);
    connect(ui->transfersDock, &QDockWidget::visibilityChanged, ui->actionShowTransfers, &QAction::setChecked);

    auto* zones = new QActionGroup(this);
    zones->addAction(ui->actionTimeUtc);
    zones->addAction(ui->actionTimeLocal);
    connect(ui->actionTimeUtc, &QAction::triggered, this, [this] { setTimeZone(TimeZoneMode::Utc); });
    connect(ui->actionTimeLocal, &QAction::triggered, this, [this] { setTimeZone(TimeZoneMode::Local); });
    auto* themes = new QActionGroup(this);
    themes->addAction(ui->actionThemeLight);
    themes->addAction(ui->actionThemeDark);
    connect(ui->actionThemeLight, &QAction::triggered, this, [this] { setTheme(ThemeMode::Light); });
    connect(ui->actionThemeDark, &QAction::triggered, this, [this] { setTheme(ThemeMode::Dark); });
    connect(ui->actionAbout, &QAction::triggered, this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("About Tideline"),
                                    tr("<b>Tideline %1</b><br>Barman Cloud backups of CloudNativePG "
                                       "clusters: what can be restored, to which second, and what is "
                                       "missing from the WAL archive.")
                                        .arg(QApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    // The zone is always in sight: every time in the window depends on it.
    auto* spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    ui->mainToolBar->addWidget(spacer);
    m_zoneLabel = new QLabel(this);
    ui->mainToolBar->addWidget(m_zoneLabel);
    m_zoneCombo = new QComboBox(this);
    m_zoneCombo->setObjectName(QStringLiteral("zoneCombo"));
    m_zoneCombo->addItem(QStringLiteral("UTC"));
    m_zoneCombo->addItem(QString());
    ui->mainToolBar->addWidget(m_zoneCombo);
    connect(m_zoneCombo, &QComboBox::currentIndexChanged, this,
            [this](int i) { setTimeZone(i == 1 ? TimeZoneMode::Local : TimeZoneMode::Utc); });

    m_statusSource = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusSource);

    // Each language by its own name, so that a user who cannot read the current one finds theirs.
    auto* languages = new QActionGroup(this);
    m_languageMenu = new QMenu(this);
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    ui->menuView->addSeparator();
    ui->menuView->addMenu(m_languageMenu);
    m_languageSystem = m_languageMenu->addAction(QString());
    m_languageSystem->setData(QString());
    m_languageMenu->addSeparator();
    for (const QString& code : Translations::available()) {
        // QLocale("en") names itself "American English".
        QString name = code == QLatin1String("en") ? QStringLiteral("English") : QLocale(code).nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        m_languageMenu->addAction(name)->setData(code);
    }
    for (QAction* action : m_languageMenu->actions()) {
        if (action->isSeparator())
            continue;
        action->setCheckable(true);
        action->setChecked(action->data().toString() == m_language);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, action] { setLanguage(action->data().toString()); });
    }
    retranslate();
}

void MainWindow::retranslate()
{
    m_zoneLabel->setText(tr("Times in "));
    m_zoneCombo->setItemText(1, tr("local time (%1)").arg(Format::zoneName(TimeZoneMode::Local)));
    m_zoneCombo->setToolTip(tr("The zone every time in the window is shown in"));
    m_languageMenu->setTitle(tr("&Language"));
    m_languageSystem->setText(tr("System default"));
}

void MainWindow::applyLanguage()
{
    const QLocale locale = m_language.isEmpty() ? QLocale::system() : QLocale(m_language);
    // The default locale first: widgets re-render on the LanguageChange that install() sends,
    // and their numbers and dates must already follow the new language. A system language
    // Tideline does not ship (de_DE) gets English words, and then English formats with them.
    const QLocale shown(Translations::languageFor(locale));
    QLocale::setDefault(locale.language() == QLocale::C || locale.language() == shown.language() ? locale : shown);
    Translations::install(locale);
}

void MainWindow::setLanguage(const QString& code)
{
    m_language = Translations::available().contains(code) ? code : QString();
    m_options.language.clear(); // a choice made here is saved, unlike --language
    for (QAction* action : m_languageMenu->actions())
        if (!action->isSeparator())
            action->setChecked(action->data().toString() == m_language);
    applyLanguage();
    saveSettings();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        // The views re-word themselves; the window owns the title, the sidebar's tooltips and state.
        refreshSidebar();
        updateSidebarState();
        updateTitle();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::loadSettings()
{
    auto s = settings();
    if (!restoreGeometry(s->value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1440, 900);
    restoreState(s->value(QStringLiteral("window/state")).toByteArray());
    m_ui->splitter->restoreState(s->value(QStringLiteral("window/splitter")).toByteArray());
    m_ui->tabs->setCurrentIndex(s->value(QStringLiteral("window/tab"), 0).toInt());
    m_zone = s->value(QStringLiteral("view/timeZone")).toString() == QLatin1String("local") ? TimeZoneMode::Local
                                                                                            : TimeZoneMode::Utc;
    m_theme = Theme::fromName(s->value(QStringLiteral("view/theme")).toString());
    m_connections = ConnectionProfile::loadAll(*s);
    const QString last = s->value(QStringLiteral("session/connection")).toString();
    const QString lastServer = s->value(QStringLiteral("session/server")).toString();
    if (profileById(last))
        QTimer::singleShot(0, this, [this, last, lastServer] { activateConnection(last, lastServer); });
}

void MainWindow::saveSettings()
{
    if (!m_options.persistent)
        return;
    auto s = settings();
    s->setValue(QStringLiteral("window/geometry"), saveGeometry());
    s->setValue(QStringLiteral("window/state"), saveState());
    s->setValue(QStringLiteral("window/splitter"), m_ui->splitter->saveState());
    s->setValue(QStringLiteral("window/tab"), m_ui->tabs->currentIndex());
    s->setValue(QStringLiteral("view/timeZone"),
                m_zone == TimeZoneMode::Local ? QStringLiteral("local") : QStringLiteral("utc"));
    s->setValue(QStringLiteral("view/theme"), Theme::name(m_theme));
    if (m_options.language.isEmpty())
        s->setValue(QStringLiteral("view/language"), m_language);
    ConnectionProfile::saveAll(*s, m_connections);
    const bool saved = m_session->isOpen() && !m_session->profile().transient;
    s->setValue(QStringLiteral("session/connection"), saved ? m_session->profile().id : QString());
    s->setValue(QStringLiteral("session/server"), saved ? m_server : QString());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    m_runner->cancelAll();
    event->accept();
}

void MainWindow::setClock(const Clock& clock)
{
    m_clock = &clock;
    m_overview->setClock(clock);
    m_wals->setClock(clock);
    m_transferModel->setClock(clock);
}

void MainWindow::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    (zone == TimeZoneMode::Utc ? m_ui->actionTimeUtc : m_ui->actionTimeLocal)->setChecked(true);
    {
        const QSignalBlocker block(m_zoneCombo);
        m_zoneCombo->setCurrentIndex(zone == TimeZoneMode::Local ? 1 : 0);
    }
    m_overview->setTimeZone(zone);
    m_backups->setTimeZone(zone);
    m_wals->setTimeZone(zone);
    m_bucket->setTimeZone(zone);
    m_pitr->setTimeZone(zone);
    m_cluster->setTimeZone(zone);
}

void MainWindow::setTheme(ThemeMode theme)
{
    m_theme = theme;
    (theme == ThemeMode::Dark ? m_ui->actionThemeDark : m_ui->actionThemeLight)->setChecked(true);
    if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance()))
        Theme::apply(*app, theme);
    const bool dark = theme == ThemeMode::Dark;
    m_backups->setDark(dark);
    m_wals->setDark(dark);
    m_usage->setDark(dark);
    m_pitr->setDark(dark);
}

const ConnectionProfile* MainWindow::profileById(const QString& id) const
{
    for (const auto& p : m_connections)
        if (p.id == id)
            return &p;
    return nullptr;
}

void MainWindow::refreshSidebar()
{
    QList<ConnectionsSidebar::Entry> entries;
    for (const auto& p : m_connections)
        entries.append(entryOf(p));
    m_sidebar->setConnections(entries);
    if (m_session->isOpen()) {
        m_sidebar->setServers(m_session->profile().id, m_session->servers());
        m_sidebar->setCurrent(m_session->profile().id, m_server);
    }
}

void MainWindow::openSource(const ConnectionProfile& profile, const QString& server)
{
    m_connections.prepend(profile);
    refreshSidebar();
    openProfile(profile, server);
}

void MainWindow::activateConnection(const QString& id, const QString& server)
{
    const ConnectionProfile* p = profileById(id);
    if (!p)
        return;
    if (m_session->isOpen() && m_session->profile().id == id) {
        if (!server.isEmpty())
            showServer(server);
        return;
    }
    openProfile(*p, server);
}

void MainWindow::openProfile(const ConnectionProfile& profile, const QString& server, const std::optional<S3Secret>& inMemory)
{
    m_wantedServer = server;
    m_server.clear();
    showServer({});
    showAllServers();
    m_sidebar->setCurrent(profile.id, server);
    if (inMemory || profile.credentials != ConnectionProfile::CredentialSource::Keychain) {
        m_session->open(profile, inMemory.value_or(S3Secret{}));
        return;
    }
    m_overview->showMessage(profile.displayName(), tr("Reading the credentials from the keychain …"), false);
    m_vault->lookup(profile.id, [this, profile](std::optional<S3Secret> secret, const QString& why) {
        if (!secret) {
            m_overview->showMessage(profile.displayName(),
                                    tr("The credentials of this connection are not available (%1).\n\n"
                                       "Edit the connection (Ctrl+E) and enter the access key again.")
                                        .arg(why),
                                    true);
            return;
        }
        m_session->open(profile, *secret);
    });
}

void MainWindow::showServer(const QString& server)
{
    m_server = server;
    const SnapshotPtr s = m_session->snapshot(server);
    m_backups->setSnapshot(s);
    m_wals->setSnapshot(s);
    if (s != m_pitr->snapshot())
        m_pitr->setSnapshot(s);
    if (s) {
        m_overview->setSnapshot(s);
        m_usage->setServer(server);
    } else if (!server.isEmpty() && m_session->isLoading()) {
        m_overview->showMessage(server, tr("Reading %1 …").arg(server), false);
    }
    updateTitle();
}

void MainWindow::updateTitle()
{
    const SnapshotPtr s = m_session->snapshot(m_server);
    if (!s) {
        setWindowTitle(QStringLiteral("Tideline"));
        m_statusSource->clear();
        return;
    }
    setWindowTitle(tr("%1 — %2 — Tideline").arg(m_server, m_session->profile().sourceUrl()));
    m_statusSource->setText(tr("%1 · %2 · %3")
                                .arg(s->catalog.source.toString(),
                                     tr("%n backup(s)", nullptr, Format::count(s->catalog.backups.size())),
                                     tr("%n timeline(s)", nullptr, Format::count(s->catalog.wals.timelines().size()))));
}

void MainWindow::updateSidebarState()
{
    if (!m_session->isOpen())
        return;
    const QString id = m_session->profile().id;
    const auto& errors = m_session->errors();
    const auto failure =
        std::find_if(errors.cbegin(), errors.cend(), [](const Error& e) { return e.code != ErrorCode::Cancelled; });
    if (m_session->isLoading())
        m_sidebar->setState(id, ConnectionsSidebar::State::Loading);
    else if (failure != errors.cend())
        m_sidebar->setState(id, ConnectionsSidebar::State::Failed, failure->oneLine());
    else
        m_sidebar->setState(id, ConnectionsSidebar::State::Ready);
}

void MainWindow::showAllServers()
{
    m_allServersTimer->stop();
    m_allServersStale = true;
    refreshAllServersViews();
}

void MainWindow::refreshAllServersViews()
{
    if (!m_allServersStale)
        return;
    // Fifty servers' tree and usage took a tenth of a second on the GUI thread, every 100 ms of a
    // load, for tabs nobody was looking at. Hidden, they are emptied instead (cheap), so that
    // they never hold the catalogs of a source the window has moved away from.
    const QWidget* shown = m_ui->tabs->currentWidget();
    const bool visible = shown == m_ui->bucketPage || shown == m_ui->usagePage;
    if (!visible && m_bucket->isEmpty())
        return; // emptied already (the usage tab with it)
    const QList<SnapshotPtr> all = visible ? m_session->snapshots() : QList<SnapshotPtr>{};
    m_allServersStale = !visible;
    m_bucket->setSnapshots(all);
    QList<catalog::ServerUsage> usage;
    for (const SnapshotPtr& s : all)
        usage.append(s->usage);
    m_usage->setUsage(usage);
    m_usage->setServer(m_server);
}

void MainWindow::onLoadFinished()
{
    if (m_allServersTimer->isActive())
        showAllServers(); // what the load ends with is shown when it says it has ended
    const auto& errors = m_session->errors();
    const QString id = m_session->profile().id;
    if (errors.isEmpty()) {
        m_sidebar->setState(id, ConnectionsSidebar::State::Ready);
        statusBar()->showMessage(tr("Read %n server(s) of %1.", nullptr, static_cast<int>(m_session->snapshots().size()))
                                     .arg(m_session->profile().sourceUrl()),
                                 10'000);
    } else {
        statusBar()->showMessage(errors.first().oneLine());
    }
    emit sourceLoaded();
    if (!m_screenshotFile.isEmpty()) {
        if (!errors.isEmpty()) {
            const Error& e = errors.first();
            m_screenshotFile.clear();
            emit screenshotFinished(exitStatus(e.code), e.oneLine());
            return;
        }
        if (!m_session->snapshot(m_server)) {
            m_screenshotFile.clear();
            emit screenshotFinished(exitStatus(ErrorCode::MissingSource),
                                    tr("No server '%1' under %2. Hint: run tideline-cli servers %2.")
                                        .arg(m_wantedServer, m_session->profile().sourceUrl()));
            return;
        }
        showView(m_screenshotView);
        // Let layouts and charts settle in the event loop before grabbing: no waiting, just a turn.
        QTimer::singleShot(250, this, &MainWindow::writeScreenshot);
    }
}

void MainWindow::takeScreenshotWhenLoaded(const QString& file, const QString& view)
{
    m_screenshotFile = file;
    m_screenshotView = view;
}

void MainWindow::writeScreenshot()
{
    const QString file = m_screenshotFile;
    if (file.isEmpty())
        return; // already written
    m_screenshotFile.clear();
    const QPixmap pixmap = grab();
    if (pixmap.isNull() || !pixmap.save(file, "PNG")) {
        emit screenshotFinished(exitStatus(ErrorCode::Usage),
                                tr("Cannot write %1. Hint: check that its folder exists and is writable.").arg(file));
        return;
    }
    emit screenshotFinished(0, file);
}

void MainWindow::showView(const QString& name)
{
    if (name == QLatin1String("transfers")) {
        m_ui->transfersDock->show();
        m_ui->transfersDock->raise();
        // Tall enough to read every finished job of the load.
        resizeDocks({m_ui->transfersDock}, {height() / 3}, Qt::Vertical);
        return;
    }
    if (name == QLatin1String("cluster")) {
        m_pages->setCurrentWidget(m_cluster);
        return;
    }
    const int index = static_cast<int>(viewOrder().indexOf(name));
    if (index >= 0) {
        m_pages->setCurrentWidget(m_ui->tabs);
        m_ui->tabs->setCurrentIndex(index);
    }
}

QString MainWindow::currentView() const
{
    if (m_pages->currentWidget() == m_cluster)
        return QStringLiteral("cluster");
    return viewOrder().value(m_ui->tabs->currentIndex());
}

void MainWindow::setupKubernetes()
{
    connect(m_kube, &KubeSession::contextsLoaded, this, [this] {
        QStringList tooltips;
        for (const QString& c : m_kube->contexts())
            tooltips.append(tr("API server: %1").arg(m_kube->serverOf(c)));
        m_sidebar->setContexts(m_kube->contexts(), m_kube->currentContext(), tooltips);
        // The current context's clusters at once; the others when the user picks them (each may
        // run an exec plugin that asks for a login).
        if (!m_kube->currentContext().isEmpty() && m_kube->contexts().contains(m_kube->currentContext()))
            showClusters(m_kube->currentContext());
        if (!m_pendingCluster.isEmpty())
            openCluster(std::exchange(m_pendingCluster, {}), std::exchange(m_pendingContext, {}));
    });
    connect(m_kube, &KubeSession::contextsFailed, this, [this](const Error& error) {
        if (!m_screenshotFile.isEmpty() && m_screenshotView == QLatin1String("cluster")) {
            m_screenshotFile.clear();
            emit screenshotFinished(exitStatus(error.code), error.oneLine());
        }
        statusBar()->showMessage(tr("Kubernetes: %1").arg(error.oneLine()), 15000);
        if (!m_pendingCluster.isEmpty())
            m_cluster->showMessage(m_pendingCluster, QStringLiteral("%1\n\n%2").arg(error.message, error.hint), true);
    });
    connect(m_sidebar, &ConnectionsSidebar::contextActivated, this, [this](const QString& context) {
        if (!m_kube->listing(context))
            showClusters(context);
    });
    connect(m_kube, &KubeSession::clustersListed, this, &MainWindow::showClusterList);
    connect(m_kube, &KubeSession::clustersFailed, this, [this](const QString& context, const Error& error) {
        m_sidebar->setContextState(context, ConnectionsSidebar::State::Failed, error.oneLine());
        statusBar()->showMessage(tr("%1: %2").arg(context, error.oneLine()), 15000);
    });
    connect(m_sidebar, &ConnectionsSidebar::clusterActivated, this,
            [this](const QString& context, const QString& nameSpace, const QString& name) {
                openCluster(QStringLiteral("cnpg://%1/%2").arg(nameSpace, name), context);
            });
    connect(m_kube, &KubeSession::clusterLoaded, this, [this] {
        m_cluster->setHealth(*m_kube->health());
        // With sampling on, the page is whole once its first archiving reading has landed too.
        if (!m_screenshotFile.isEmpty() && m_screenshotView == QLatin1String("cluster") && !m_kube->isSamplingArchiving()) {
            showView(m_screenshotView);
            QTimer::singleShot(0, this, &MainWindow::writeScreenshot);
        }
        statusBar()->showMessage(tr("Read %1.").arg(m_kube->clusterRef().toString()), 5000);
        if (m_kube->listing(m_kube->clusterContext()))
            showClusterList(m_kube->clusterContext()); // the badge follows the read
    });
    connect(m_kube, &KubeSession::clusterFailed, this, [this](const Error& error) {
        if (!m_screenshotFile.isEmpty() && m_screenshotView == QLatin1String("cluster")) {
            m_screenshotFile.clear();
            emit screenshotFinished(exitStatus(error.code), error.oneLine());
        }
        m_cluster->showMessage(m_kube->clusterRef().toString(),
                               error.hint.isEmpty() ? error.message
                                                    : QStringLiteral("%1\n\n%2").arg(error.message, error.hint),
                               true);
    });
    connect(m_cluster, &ClusterView::openBucketRequested, this, &MainWindow::openClusterBucket);

    // The open cluster's archiving, sampled through pods/proxy into the local history.
    {
        const auto s = settings();
        const int interval = std::clamp(s->value(QStringLiteral("monitor/archivingIntervalSeconds"), 10).toInt(), 0, 3600);
        const int retention = std::clamp(s->value(QStringLiteral("monitor/historyRetentionDays"), 30).toInt(), 1, 3650);
        m_kube->setArchivingSampling(interval, archivingHistoryPath(), retention);
    }
    auto showLag = [this] { m_cluster->setLagHistory(m_kube->archivingHistory(), Clock::system().nowUsec()); };
    auto screenshotAfterArchiving = [this] {
        if (!m_screenshotFile.isEmpty() && m_screenshotView == QLatin1String("cluster") && m_kube->health()) {
            showView(m_screenshotView);
            QTimer::singleShot(0, this, &MainWindow::writeScreenshot);
        }
    };
    connect(m_kube, &KubeSession::archivingSampled, this, [this, showLag, screenshotAfterArchiving] {
        m_cluster->setArchiving(m_kube->archiving()->cluster, m_kube->archiving()->health);
        showLag();
        // The sidebar's badge follows the alerts, and comes back after a failed reading dropped it.
        if (announceArchivingAlerts() || std::exchange(m_badgeWithoutReading, false))
            showClusterList(m_kube->clusterContext());
        m_badgeWithoutReading = true;
        screenshotAfterArchiving();
    });
    connect(m_kube, &KubeSession::archivingHistoryLoaded, this, showLag);
    connect(m_kube, &KubeSession::archivingHistoryFailed, this, [this](const Error& error) {
        statusBar()->showMessage(tr("The archiving history could not be read: %1").arg(error.oneLine()), 15'000);
    });
    connect(m_kube, &KubeSession::archivingFailed, this, [this, screenshotAfterArchiving](const Error& error) {
        m_cluster->setArchivingError(error.oneLine());
        // The badge drops what is no longer a current reading; the alerts already announced are
        // remembered, so a reading that fails now and then does not announce them again.
        showClusterList(m_kube->clusterContext());
        screenshotAfterArchiving();
    });
    connect(m_cluster, &ClusterView::lagRangeChanged, this,
            [this] { m_kube->loadArchivingHistory(Clock::system().nowUsec() - m_cluster->lagRangeSeconds() * 1'000'000); });
    if (m_options.kubernetes)
        m_kube->loadContexts(m_options.kubeconfig);
}

void MainWindow::showClusterList(const QString& context)
{
    const k8s::ClusterListing* listing = m_kube->listing(context);
    if (!listing)
        return;
    QList<ConnectionsSidebar::ClusterEntry> entries;
    for (const k8s::CnpgCluster& c : listing->clusters) {
        // The open cluster's badge follows its latest read, which the watches keep fresh.
        const bool open = m_kube->health() && m_kube->clusterContext() == context
            && m_kube->health()->bucket.cluster.meta.qualifiedName() == c.meta.qualifiedName();
        const k8s::CnpgCluster& shown = open ? m_kube->health()->bucket.cluster : c;
        // The open cluster's archiving is sampled too: its alerts colour its badge.
        const monitor::ArchiverHealth* archiving =
            open && m_kube->archiving() && m_kube->archiving()->health ? &*m_kube->archiving()->health : nullptr;
        QString reason;
        const QString health = k8s::CnpgCluster::healthName(monitor::clusterBadge(shown, archiving, &reason));
        entries.append({c.meta.nameSpace, c.meta.name, health, reason});
    }
    m_sidebar->setClusters(context, entries);
    m_sidebar->setContextState(context, ConnectionsSidebar::State::Ready, listing->storesNote);
    if (m_kube->isClusterOpen() && m_kube->clusterContext() == context && m_pages->currentWidget() == m_cluster)
        m_sidebar->setCurrentCluster(context, m_kube->clusterRef().nameSpace, m_kube->clusterRef().name);
}

void MainWindow::showClusters(const QString& context)
{
    m_sidebar->setContextState(context, ConnectionsSidebar::State::Loading);
    m_kube->listClusters(context);
}

void MainWindow::openCluster(const QString& ref, const QString& context)
{
    m_pages->setCurrentWidget(m_cluster);
    auto parsed = k8s::ClusterRef::parse(ref);
    if (!parsed) {
        m_cluster->showMessage(ref, QStringLiteral("%1\n\n%2").arg(parsed.error().message, parsed.error().hint), true);
        return;
    }
    if (!m_kube->contextsRead()) {
        m_pendingCluster = ref;
        m_pendingContext = context;
        m_cluster->setLoading(ref);
        return;
    }
    if (m_kube->contexts().isEmpty()) {
        if (!m_screenshotFile.isEmpty()) {
            m_screenshotFile.clear();
            emit screenshotFinished(exitStatus(ErrorCode::MissingSource),
                                    tr("No kubeconfig context to read %1 through. Hint: pass --kubeconfig FILE.").arg(ref));
        }
        m_cluster->showMessage(
            ref, tr("No kubeconfig context to read the cluster through.\n\nPass --kubeconfig FILE or set KUBECONFIG."), true);
        return;
    }
    const QString ctx = context.isEmpty() ? m_kube->currentContext() : context;
    m_sidebar->setCurrentCluster(ctx, parsed->nameSpace, parsed->name);
    m_cluster->setLoading(parsed->nameSpace + u'/' + parsed->name);
    m_firingAlerts.clear();
    m_kube->openCluster(ctx, *parsed);
    m_kube->loadArchivingHistory(Clock::system().nowUsec() - m_cluster->lagRangeSeconds() * 1'000'000);
}

bool MainWindow::announceArchivingAlerts()
{
    QStringList firing;
    QStringList lines;
    if (m_kube->archiving() && m_kube->archiving()->health)
        for (const monitor::FiringAlert& a : m_kube->archiving()->health->alerts) {
            firing.append(a.name);
            if (!m_firingAlerts.contains(a.name))
                lines.append(QStringLiteral("%1: %2").arg(a.name, a.message));
        }
    const bool changed = firing != m_firingAlerts;
    m_firingAlerts = firing;
    if (lines.isEmpty())
        return changed;
    const QString title = tr("Archiving alert on %1").arg(m_kube->clusterRef().toString());
    statusBar()->showMessage(title + QStringLiteral(" — ") + lines.join(QStringLiteral("; ")), 30'000);
    // Where the desktop has a tray, the alert reaches a DBA who is looking at another window.
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return true;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(QStringLiteral("Tideline"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    m_tray->showMessage(title, lines.join(u'\n'), QSystemTrayIcon::Warning, 15'000);
    return true;
}

QString MainWindow::archivingHistoryPath() const
{
    // Beside the drill history (GenericDataLocation/tideline), created on first use.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/tideline");
    QDir().mkpath(dir);
    return dir + QStringLiteral("/archiving.sqlite");
}

void MainWindow::openClusterBucket()
{
    if (!m_kube->health())
        return;
    const k8s::ClusterBucket& b = m_kube->health()->bucket;
    // A connection for this session only: the Secret's keys stay in memory, never in settings
    // or the keychain.
    ConnectionProfile p;
    p.id = QStringLiteral("cnpg:%1:%2").arg(m_kube->clusterContext(), b.cluster.meta.qualifiedName());
    p.name = m_kube->clusterRef().toString();
    p.endpoint = b.options.endpoint.isEmpty() ? QString() : b.options.endpoint.toString();
    p.bucket = b.url.bucket;
    p.path = b.url.prefix;
    p.region = b.options.region;
    p.transient = true;
    p.caBundlePem = b.options.caBundlePem;
    const bool keys = !b.options.accessKeyId.isEmpty();
    p.credentials = keys ? ConnectionProfile::CredentialSource::Keychain : ConnectionProfile::CredentialSource::Environment;
    m_connections.erase(std::remove_if(m_connections.begin(), m_connections.end(),
                                       [&](const ConnectionProfile& c) { return c.id == p.id; }),
                        m_connections.end());
    m_connections.prepend(p);
    refreshSidebar();
    m_pages->setCurrentWidget(m_ui->tabs);
    m_ui->tabs->setCurrentIndex(0);
    const S3Secret secret{b.options.accessKeyId, b.options.secretAccessKey, b.options.sessionToken};
    if (keys)
        m_clusterSecrets.insert(p.id, secret);
    openProfile(p, b.serverName, keys ? std::optional<S3Secret>(secret) : std::nullopt);
}

RestoreWizard* MainWindow::openRestoreWizard()
{
    const SnapshotPtr s = m_session->snapshot(m_server);
    if (!s) {
        statusBar()->showMessage(tr("Open a server first: the wizard restores the selected one."), 5000);
        return nullptr;
    }
    pitr::RecoveryTarget target;
    std::optional<pitr::RecoveryPlan> plan;
    if (const auto t = m_pitr->target()) {
        target = *t;
        if (!m_pitr->planning() && m_pitr->snapshot() == s)
            plan = m_pitr->plan(); // planned on a worker already: the wizard need not plan again here
    }
    const ConnectionProfile& p = m_session->profile();
    RestoreWizard::Source source{p.sourceUrl(), m_server, p.endpoint, p.awsProfile, p.region, m_session->servers(), {}};
    std::optional<S3Secret> secret = m_vault->sessionSecret(p.id);
    if (!secret && m_clusterSecrets.contains(p.id))
        secret = m_clusterSecrets.value(p.id); // a cluster's bucket opened with its Secret's keys
    if (secret && !secret->isEmpty()) {
        source.environment = {{QStringLiteral("AWS_ACCESS_KEY_ID"), secret->accessKeyId},
                              {QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret->secretAccessKey}};
        if (!secret->sessionToken.isEmpty())
            source.environment.insert(QStringLiteral("AWS_SESSION_TOKEN"), secret->sessionToken);
    }
    auto* wizard = new RestoreWizard(*m_runner, s, m_session->store(), source, target, std::move(plan), this);
    wizard->setClock(*m_clock);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open(); // window-modal without a nested event loop
    return wizard;
}

RetentionDialog* MainWindow::openRetentionDialog()
{
    const SnapshotPtr s = m_session->snapshot(m_server);
    if (!s || !m_session->store()) {
        statusBar()->showMessage(tr("Open a server first: retention works on the selected one."), 5000);
        return nullptr;
    }
    auto* dialog = new RetentionDialog(*m_runner, s, m_session->store(), this);
    dialog->setClock(*m_clock);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RetentionDialog::bucketChanged, m_session, &SourceSession::reload);
    connect(dialog, &RetentionDialog::applied, this, [this](const QString& text) { statusBar()->showMessage(text); });
    dialog->open(); // window-modal without a nested event loop
    return dialog;
}

DoctorDialog* MainWindow::openDoctorDialog()
{
    auto url = storage::SourceUrl::parse(m_session->profile().sourceUrl());
    if (!m_session->isOpen() || !m_session->store() || !url) {
        statusBar()->showMessage(tr("Open a source first: the doctor checks the open one."), 5000);
        return nullptr;
    }
    doctor::DoctorOptions options;
    options.source = *url;
    options.server = m_server;
    options.endpoint = m_session->profile().endpoint;
    // The cluster open on the cluster page, when its bucket is this source: its side joins in.
    if (const auto& health = m_kube->health();
        health && health->bucket.url.toString() == url->toString() && health->bucket.serverName == m_server)
        options.cluster = *health;
    auto* dialog = new DoctorDialog(*m_runner, m_session->store(), std::move(options), *m_clock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open(); // window-modal without a nested event loop
    return dialog;
}

VerifyDialog* MainWindow::openVerifyDialog()
{
    const SnapshotPtr s = m_session->snapshot(m_server);
    if (!s || !m_session->store()) {
        statusBar()->showMessage(tr("Open a server first: verify reads the selected one."), 5000);
        return nullptr;
    }
    auto* dialog = new VerifyDialog(*m_runner, s, m_session->store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open(); // window-modal without a nested event loop
    return dialog;
}

void MainWindow::addConnection()
{
    auto* editor = new ConnectionEditor(*m_runner, *m_vault, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const ConnectionProfile p = editor->profile();
        if (p.credentials == ConnectionProfile::CredentialSource::Keychain)
            m_vault->store(p.id, editor->secret(), [this](bool persisted, const QString& why) {
                if (!persisted)
                    statusBar()->showMessage(tr("No keychain (%1): the credentials are kept for this session only.").arg(why));
            });
        m_connections.append(p);
        saveSettings();
        refreshSidebar();
        activateConnection(p.id);
    });
    editor->open(); // window-modal without a nested event loop
}

void MainWindow::editConnection(const QString& id)
{
    const ConnectionProfile* current = profileById(id);
    if (!current)
        return;
    auto* editor = new ConnectionEditor(*m_runner, *m_vault, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setProfile(*current, m_vault->sessionSecret(id).value_or(S3Secret{}));
    connect(editor, &QDialog::accepted, this, [this, editor, id] {
        const ConnectionProfile p = editor->profile();
        if (p.credentials == ConnectionProfile::CredentialSource::Keychain)
            m_vault->store(p.id, editor->secret());
        else
            m_vault->remove(p.id);
        for (auto& c : m_connections)
            if (c.id == id)
                c = p;
        saveSettings();
        refreshSidebar();
        if (m_session->isOpen() && m_session->profile().id == id) {
            m_session->close();
            openProfile(p, m_server);
        }
    });
    editor->open();
}

void MainWindow::removeConnection(const QString& id)
{
    const ConnectionProfile* p = profileById(id);
    if (!p)
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove connection"),
                                tr("Remove %1 from the sidebar? The bucket is not touched.").arg(p->displayName()),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_vault->remove(id);
        m_connections.removeIf([&id](const ConnectionProfile& c) { return c.id == id; });
        if (m_session->isOpen() && m_session->profile().id == id) {
            m_session->close();
            showServer({});
            showAllServers();
            m_overview->showMessage(tr("No source open"), tr("Pick a connection in the sidebar."), false);
        }
        saveSettings();
        refreshSidebar();
    });
    box->open();
}

} // namespace tideline::gui
