// SPDX-License-Identifier: GPL-3.0-or-later
// The window's Kubernetes side against tests/support/k8s_api.py (CNPG resources describing the
// fixture buckets): the contexts and clusters in the sidebar, a cluster's page, a watch event
// reaching the page, and "Open bucket" with the Secret's keys. Oracles: python3-kubernetes reading
// the same server, barman-cloud-backup-list reading the same bucket, and `tideline-cli k8s status
// --json` (the CLI prints what the page shows).
#include "GuiTestSupport.h"

#include "engine/core/Clock.h"
#include "engine/monitor/LagHistory.h"
#include "src/app/MainWindow.h"
#include "src/dialogs/RestoreWizard.h"
#include "src/jobs/JobRunner.h"
#include "src/jobs/KubeSession.h"
#include "src/jobs/SourceSession.h"
#include "src/views/ArchivingChart.h"
#include "src/views/ClusterView.h"
#include "src/views/ConnectionsSidebar.h"
#include "tests/support/K8sApiServer.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUrl>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;
using tideline::test::K8sApiServer;
using tideline::test::ProcessResult;

namespace {

QSet<QString> column(const QTableWidget* table, int col)
{
    QSet<QString> out;
    for (int r = 0; r < table->rowCount(); ++r)
        if (const QTableWidgetItem* item = table->item(r, col))
            out.insert(item->text());
    return out;
}

QTreeWidgetItem* findItem(QTreeWidget* tree, const QString& text, const QString& parentText = {})
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == text && (parentText.isEmpty() || ((*it)->parent() && (*it)->parent()->text(0) == parentText)))
            return *it;
    return nullptr;
}

} // namespace

class TestClusterPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    K8sApiServer m_api;
    QJsonObject m_python;
    std::unique_ptr<MainWindow> m_window;

    QJsonArray pythonItems(const QString& plural) const { return m_python.value(plural).toArray(); }

    QSet<QString> pythonBackupsOf(const QString& cluster) const
    {
        QSet<QString> names;
        for (const QJsonValue& v : pythonItems(QStringLiteral("backups"))) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("spec")).toObject().value(QStringLiteral("cluster")).toObject().value(QStringLiteral("name"))
                == cluster)
                names.insert(o.value(QStringLiteral("name")).toString());
        }
        return names;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(FixtureEnv::instance().ok());
        const QString objects = K8sApiServer::makeObjects(m_tmp.path());
        QVERIFY(!objects.isEmpty());
        QVERIFY(m_api.start(objects, m_tmp.filePath(QStringLiteral("api"))));
        const QString out = m_tmp.filePath(QStringLiteral("python.json"));
        const ProcessResult py =
            FixtureEnv::runWith(QProcessEnvironment::systemEnvironment(), QStringLiteral("/usr/bin/python3"),
                                {K8sApiServer::supportDir() + QStringLiteral("k8s_pyclient_check.py"),
                                 QStringLiteral("--kubeconfig"), m_api.kubeconfig(QStringLiteral("token")),
                                 QStringLiteral("--out"), out});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_python = QJsonDocument::fromJson(f.readAll()).object();

        // No AWS keys of the desktop's own: the bucket can only open with the cluster's Secret.
        qputenv("AWS_ACCESS_KEY_ID", "");
        qputenv("AWS_SECRET_ACCESS_KEY", "");
        qputenv("AWS_ENDPOINT_URL", "");
        // The archiving history lands here, not in the user's data directory.
        qputenv("XDG_DATA_HOME", m_tmp.filePath(QStringLiteral("data")).toUtf8());
        MainWindow::Options options;
        options.persistent = true;
        options.settingsFile = m_tmp.filePath(QStringLiteral("settings.ini"));
        options.kubeconfig = m_api.kubeconfig(QStringLiteral("token"));
        m_window = std::make_unique<MainWindow>(options);
        m_window->show();
    }

    // The kubeconfig's context, then its namespaces and clusters as the API server lists them.
    void theSidebarListsContextsAndClusters()
    {
        QTreeWidget* tree = m_window->sidebar()->tree();
        QTRY_VERIFY_WITH_TIMEOUT(findItem(tree, QStringLiteral("token-ctx")), 20'000);
        QSet<QString> expected;
        for (const QJsonValue& v : pythonItems(QStringLiteral("clusters"))) {
            const QJsonObject meta = v.toObject(); // k8s_pyclient_check.py flattens the metadata
            expected.insert(meta.value(QStringLiteral("namespace")).toString() + u'/'
                            + meta.value(QStringLiteral("name")).toString());
        }
        QVERIFY(!expected.isEmpty());
        auto shown = [&] {
            QSet<QString> names;
            for (QTreeWidgetItemIterator it(tree); *it; ++it)
                if ((*it)->parent() && (*it)->parent()->parent()
                    && (*it)->parent()->parent()->text(0) == QLatin1String("token-ctx"))
                    names.insert((*it)->parent()->text(0) + u'/' + (*it)->text(0));
            return names;
        };
        QTRY_COMPARE_WITH_TIMEOUT(shown(), expected, 20'000);
        // The badge says what the operator reports: a cluster without a backup is a warning.
        QTreeWidgetItem* noBackup = findItem(tree, QStringLiteral("no-backup"), QStringLiteral("other"));
        QVERIFY(noBackup);
        QCOMPARE(noBackup->data(0, Qt::AccessibleDescriptionRole).toString(), QStringLiteral("warning"));
        QVERIFY(noBackup->toolTip(0).contains(QStringLiteral("no backup")));
    }

    // The page holds what the CLI prints for the same cluster, and the Backups python reads.
    void aClustersPageShowsItsHealth()
    {
        QTreeWidget* tree = m_window->sidebar()->tree();
        QTreeWidgetItem* item = findItem(tree, QStringLiteral("pg-main"), QStringLiteral("db"));
        QVERIFY(item);
        QSignalSpy loaded(&m_window->kube(), &KubeSession::clusterLoaded);
        tree->setCurrentItem(item);
        QCOMPARE(m_window->currentView(), QStringLiteral("cluster"));
        QVERIFY(loaded.wait(30'000));
        ClusterView* page = m_window->cluster();
        QVERIFY(page->health());

        auto* backups = page->findChild<QTableWidget*>(QStringLiteral("backupResourceTable"));
        QCOMPARE(column(backups, 0), pythonBackupsOf(QStringLiteral("pg-main")));
        // The API server's words in a tooltip are escaped, never read as HTML.
        auto* conditions = page->findChild<QTableWidget*>(QStringLiteral("conditionTable"));
        QVERIFY(conditions->rowCount() > 0);
        QVERIFY(conditions->item(0, 3)->toolTip().startsWith(QStringLiteral("<p style=")));

        QProcessEnvironment e = FixtureEnv::instance().environment();
        e.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
        e.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
        e.insert(QStringLiteral("KUBECONFIG"), m_api.kubeconfig(QStringLiteral("token")));
        const ProcessResult cli =
            FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI),
                                {QStringLiteral("k8s"), QStringLiteral("status"), QStringLiteral("pg-main"),
                                 QStringLiteral("-n"), QStringLiteral("db"), QStringLiteral("--json")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QSet<QString> cliKinds;
        for (const QJsonValue& d : cli.json().value(QStringLiteral("discrepancies")).toArray())
            cliKinds.insert(d.toObject().value(QStringLiteral("kind")).toString());
        auto* discrepancies = page->findChild<QTableWidget*>(QStringLiteral("discrepancyTable"));
        QCOMPARE(column(discrepancies, 0), cliKinds);
        // The ghost: a completed Backup resource whose backup barman does not list.
        QVERIFY(cliKinds.contains(QStringLiteral("backup_missing_from_bucket")));
        const ProcessResult barman =
            FixtureEnv::instance().run(QStringLiteral("barman-cloud-backup-list"),
                                       {QStringLiteral("--endpoint-url"), FixtureEnv::instance().endpoint(),
                                        QStringLiteral("--format"), QStringLiteral("json"),
                                        FixtureEnv::instance().url(QStringLiteral("main")),
                                        FixtureEnv::instance().server(QStringLiteral("main"))});
        QVERIFY(!barman.out.contains("20200101T000000"));
        QVERIFY(page->findChild<QLabel*>(QStringLiteral("clusterFacts"))
                    ->text()
                    .contains(FixtureEnv::instance().url(QStringLiteral("main"))));
    }

    // A Backup created while the page is open reaches it through the watch, with no refresh.
    void aWatchEventReachesThePage()
    {
        QCOMPARE(m_window->currentView(), QStringLiteral("cluster"));
        const QString name = QStringLiteral("pg-main-on-demand-test");
        const QJsonObject backup{{QStringLiteral("apiVersion"), QStringLiteral("postgresql.cnpg.io/v1")},
                                 {QStringLiteral("kind"), QStringLiteral("Backup")},
                                 {QStringLiteral("metadata"),
                                  QJsonObject{{QStringLiteral("name"), name},
                                              {QStringLiteral("namespace"), QStringLiteral("db")},
                                              {QStringLiteral("creationTimestamp"), QStringLiteral("2026-12-03T10:00:00Z")}}},
                                 {QStringLiteral("spec"),
                                  QJsonObject{{QStringLiteral("cluster"),
                                               QJsonObject{{QStringLiteral("name"), QStringLiteral("pg-main")}}},
                                              {QStringLiteral("method"), QStringLiteral("barmanObjectStore")}}},
                                 {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("running")}}}};
        QSignalSpy changed(&m_window->kube(), &KubeSession::clusterChanged);
        m_api.control(QStringLiteral("/_control/apply"), backup);
        // control() waits in an event loop, where the event may already have arrived.
        QVERIFY(!changed.isEmpty() || changed.wait(20'000));
        auto* backups = m_window->cluster()->findChild<QTableWidget*>(QStringLiteral("backupResourceTable"));
        QTRY_VERIFY_WITH_TIMEOUT(column(backups, 0).contains(name), 20'000);
        QVERIFY(column(backups, 1).contains(QStringLiteral("running")));
    }

    // The archiving sampler: the primary's metrics and status through pods/proxy, held against the
    // bucket (its last segment as boto3 listed it into env.json), stored in the SQLite history,
    // drawn on the chart, read back by a second window, and stopped when pods/proxy is forbidden.
    void archivingIsSampledIntoTheHistory()
    {
        QCOMPARE(m_window->currentView(), QStringLiteral("cluster"));
        KubeSession& kube = m_window->kube();
        const QJsonArray timelines =
            FixtureEnv::instance().scenario(QStringLiteral("main")).value(QStringLiteral("wal_timelines")).toArray();
        const QString last = timelines.last().toObject().value(QStringLiteral("last")).toString();
        bool ok = false;
        const quint64 lastSegno = last.sliced(16).toULongLong(&ok, 16) + (last.sliced(8, 8).toULongLong(nullptr, 16) << 8);
        QVERIFY(ok);
        // The primary writes two segments past the bucket's last, 0x60 bytes into the second.
        const quint64 segno = lastSegno + 2;
        const QString current = last.first(8)
            + QStringLiteral("%1%2").arg(segno >> 8, 8, 16, QLatin1Char('0')).arg(segno & 0xFF, 8, 16, QLatin1Char('0')).toUpper();
        const QString lsn = QStringLiteral("%1/%2").arg(segno >> 8, 0, 16).arg(((segno & 0xFF) << 24) + 0x60, 0, 16).toUpper();
        const qint64 expectedBytes = qint64(segno << 24) + 0x60 - qint64((lastSegno + 1) << 24);
        const qint64 archivedAt = QDateTime::currentSecsSinceEpoch() - 40;
        const QString metrics =
            QStringLiteral(
                "# TYPE cnpg_pg_stat_archiver_archived_count counter\ncnpg_pg_stat_archiver_archived_count 1288\n"
                "# TYPE cnpg_pg_stat_archiver_failed_count counter\ncnpg_pg_stat_archiver_failed_count 0\n"
                "# TYPE cnpg_pg_stat_archiver_last_archived_time gauge\ncnpg_pg_stat_archiver_last_archived_time %1\n"
                "# TYPE cnpg_pg_stat_archiver_last_failed_time gauge\ncnpg_pg_stat_archiver_last_failed_time -1\n"
                "# TYPE cnpg_pg_stat_archiver_seconds_since_last_archival gauge\n"
                "cnpg_pg_stat_archiver_seconds_since_last_archival 40\n"
                "# TYPE cnpg_collector_pg_wal_archive_status gauge\ncnpg_collector_pg_wal_archive_status{value=\"ready\"} "
                "1\n"
                "cnpg_collector_pg_wal_archive_status{value=\"done\"} 30\n")
                .arg(archivedAt);
        const QJsonObject status{{QStringLiteral("isPrimary"), true},
                                 {QStringLiteral("currentLsn"), lsn},
                                 {QStringLiteral("currentWAL"), current},
                                 {QStringLiteral("lastArchivedWAL"), last},
                                 {QStringLiteral("timeLineID"), timelines.size()}};
        m_api.control(QStringLiteral("/_control/apply"),
                      QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                  {QStringLiteral("kind"), QStringLiteral("Pod")},
                                  {QStringLiteral("metadata"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("pg-main-1")},
                                               {QStringLiteral("namespace"), QStringLiteral("db")}}}});
        m_api.control(QStringLiteral("/_control/proxy"),
                      {{QStringLiteral("namespace"), QStringLiteral("db")},
                       {QStringLiteral("pod"), QStringLiteral("pg-main-1")},
                       {QStringLiteral("port"), 9187},
                       {QStringLiteral("path"), QStringLiteral("/metrics")},
                       {QStringLiteral("body"), metrics}});
        m_api.control(QStringLiteral("/_control/proxy"),
                      {{QStringLiteral("namespace"), QStringLiteral("db")},
                       {QStringLiteral("pod"), QStringLiteral("pg-main-1")},
                       {QStringLiteral("port"), 8000},
                       {QStringLiteral("path"), QStringLiteral("/pg/status")},
                       {QStringLiteral("scheme"), QStringLiteral("https")},
                       {QStringLiteral("content_type"), QStringLiteral("application/json")},
                       {QStringLiteral("body"), QString::fromUtf8(QJsonDocument(status).toJson())}});
        auto sampledWithBytes = [&] {
            return kube.archiving() && kube.archiving()->health && kube.archiving()->health->bytesNotInBucket;
        };
        QTRY_VERIFY_WITH_TIMEOUT((kube.sampleArchiving(), sampledWithBytes()), 30'000);
        const auto& health = *kube.archiving()->health;
        QCOMPARE(health.bucket->lastWal, last);
        QCOMPARE(*health.segmentsNotInBucket, quint64(2));
        QCOMPARE(*health.bytesNotInBucket, expectedBytes);
        QVERIFY(health.alerts.isEmpty());
        auto* facts = m_window->cluster()->findChild<QLabel*>(QStringLiteral("archivingFacts"));
        QTRY_VERIFY(facts->text().contains(last) && facts->text().contains(QStringLiteral("No archiving alert fires")));

        // The history holds what the page was given; the chart draws exactly the stored samples.
        auto history = monitor::LagHistory::open(kube.historyPath());
        QVERIFY(history);
        auto stored = history->range(kube.archivingTarget(), 0, std::numeric_limits<qint64>::max());
        QVERIFY(stored && !stored->isEmpty());
        QVERIFY(std::any_of(stored->begin(), stored->end(),
                            [&](const monitor::LagSample& s) { return s.bytesNotInBucket == expectedBytes; }));
        auto drawnTimes = [](const QList<monitor::LagSample>& list) {
            QList<qint64> t;
            for (const auto& s : list)
                t.append(s.atUsec);
            return t;
        };
        QTRY_COMPARE(drawnTimes(m_window->cluster()->lagChart()->drawn()), drawnTimes(*stored));

        // Beside the lag, the bucket's uploads per bin: as many as boto3 lists WAL segments
        // uploaded within the bins drawn.
        auto* range = m_window->cluster()->findChild<QComboBox*>(QStringLiteral("lagRange"));
        range->setCurrentIndex(range->count() - 1); // the month: the fixture's uploads are in it
        QTRY_VERIFY(!m_window->cluster()->lagChart()->uploadBins().isEmpty()
                    && m_window->cluster()->lagChart()->uploadBins().first().startUsec
                        < Clock::system().nowUsec() - 29LL * 86'400'000'000);
        const auto bins = m_window->cluster()->lagChart()->uploadBins();
        const qint64 binWidth = bins.size() > 1 ? bins[1].startUsec - bins[0].startUsec : 86'400'000'000;
        int drawnUploads = 0;
        for (const auto& b : bins)
            drawnUploads += b.segments;
        const QUrl bucketUrl(FixtureEnv::instance().url(QStringLiteral("main")));
        QString prefix = bucketUrl.path().mid(1);
        if (!prefix.isEmpty() && !prefix.endsWith(u'/'))
            prefix += u'/';
        prefix += FixtureEnv::instance().server(QStringLiteral("main")) + QStringLiteral("/wals/");
        const ProcessResult listed = FixtureEnv::instance().run(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"),
             QStringLiteral(
                 "import boto3, re, sys\n"
                 "s3 = boto3.client('s3', endpoint_url=sys.argv[1])\n"
                 "n = 0\n"
                 "for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[2], Prefix=sys.argv[3]):\n"
                 "    for o in page.get('Contents', []):\n"
                 "        name = o['Key'].rsplit('/', 1)[-1]\n"
                 "        t = int(o['LastModified'].timestamp() * 1e6)\n"
                 "        if re.fullmatch(r'[0-9A-F]{24}(\\.[a-z0-9]+)?', name) and int(sys.argv[4]) <= t < "
                 "int(sys.argv[5]):\n"
                 "            n += 1\n"
                 "print(n)\n"),
             FixtureEnv::instance().endpoint(), bucketUrl.host(), prefix, QString::number(bins.first().startUsec),
             QString::number(bins.last().startUsec + binWidth)});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QVERIFY(drawnUploads > 0);
        QCOMPARE(drawnUploads, listed.out.trimmed().toInt());
        range->setCurrentIndex(1);

        // A second window (a restart) reads the same history back for the same cluster.
        {
            MainWindow::Options options;
            options.persistent = true;
            options.settingsFile = m_tmp.filePath(QStringLiteral("settings2.ini"));
            {
                // This window only reads: a reading of its own would land beside the stored ones.
                QSettings quiet(options.settingsFile, QSettings::IniFormat);
                quiet.setValue(QStringLiteral("monitor/archivingIntervalSeconds"), 0);
            }
            options.kubeconfig = m_api.kubeconfig(QStringLiteral("token"));
            MainWindow second(options);
            QSignalSpy historyLoaded(&second.kube(), &KubeSession::archivingHistoryLoaded);
            second.openCluster(QStringLiteral("cnpg://db/pg-main"), QStringLiteral("token-ctx"));
            QVERIFY(!historyLoaded.isEmpty() || historyLoaded.wait(30'000));
            // Read back thinned (a column per 43 s over the day): every point is a stored sample,
            // and the peak reading survives.
            const QList<qint64> storedTimes = drawnTimes(*stored);
            const QList<monitor::LagSample>& back = second.kube().archivingHistory();
            QVERIFY(!back.isEmpty());
            for (const auto& sample : back)
                QVERIFY(storedTimes.contains(sample.atUsec));
            QVERIFY(std::any_of(back.begin(), back.end(),
                                [&](const monitor::LagSample& x) { return x.bytesNotInBucket == expectedBytes; }));
        }

        // Archiving starts failing: the alert reaches the page and the status line (and a tray
        // where one exists), once.
        const QString failing =
            QString(metrics).replace(QStringLiteral("cnpg_pg_stat_archiver_last_failed_time -1"),
                                     QStringLiteral("cnpg_pg_stat_archiver_last_failed_time %1").arg(archivedAt + 30));
        m_api.control(QStringLiteral("/_control/proxy"),
                      {{QStringLiteral("namespace"), QStringLiteral("db")},
                       {QStringLiteral("pod"), QStringLiteral("pg-main-1")},
                       {QStringLiteral("port"), 9187},
                       {QStringLiteral("path"), QStringLiteral("/metrics")},
                       {QStringLiteral("body"), failing}});
        auto alertFires = [&] {
            return kube.archiving() && kube.archiving()->health && !kube.archiving()->health->alerts.isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT((kube.sampleArchiving(), alertFires()), 30'000);
        QCOMPARE(kube.archiving()->health->alerts.first().name, QStringLiteral("CNPGClusterWALArchivingFailing"));
        QTRY_VERIFY(facts->text().contains(QStringLiteral("CNPGClusterWALArchivingFailing")));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Archiving alert on cnpg://db/pg-main")));
        // The cluster's badge in the sidebar and on the page follows the alert's severity.
        const QString expectedBadge = kube.archiving()->health->alerts.first().severity == QLatin1String("critical")
            ? QStringLiteral("failing")
            : QStringLiteral("warning");
        // The sidebar's items are rebuilt when badges change: find the item again each time.
        auto badgeOf = [&] {
            QTreeWidgetItem* item = findItem(m_window->sidebar()->tree(), QStringLiteral("pg-main"), QStringLiteral("db"));
            return item ? std::pair(item->data(0, Qt::AccessibleDescriptionRole).toString(), item->toolTip(0))
                        : std::pair(QString(), QString());
        };
        QTRY_COMPARE(badgeOf().first, expectedBadge);
        QVERIFY(badgeOf().second.contains(QStringLiteral("CNPGClusterWALArchivingFailing")));
        auto* subtitle = m_window->cluster()->findChild<QLabel*>(QStringLiteral("clusterSubtitle"));
        QVERIFY(subtitle);
        QVERIFY2(subtitle->text().contains(QStringLiteral("CNPGClusterWALArchivingFailing")), qPrintable(subtitle->text()));

        // No monitoring permission: the sampler says so, shows no stale figure, and stops asking.
        m_api.control(QStringLiteral("/_control/forbid"),
                      {{QStringLiteral("rules"), QJsonArray{QStringLiteral("get:pods/proxy")}}});
        QSignalSpy failed(&kube, &KubeSession::archivingFailed);
        kube.sampleArchiving();
        QVERIFY(!failed.isEmpty() || failed.wait(30'000));
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Auth);
        QVERIFY(!kube.isSamplingArchiving());
        QTRY_VERIFY(facts->text().contains(QStringLiteral("pods/proxy")));
        // No current reading, no alert shown as current: the badge is the operator's again.
        QTRY_VERIFY(!badgeOf().second.contains(QStringLiteral("CNPGClusterWALArchivingFailing")));
        QVERIFY(!subtitle->text().contains(QStringLiteral("CNPGClusterWALArchivingFailing")));
        m_api.control(QStringLiteral("/_control/forbid"), {{QStringLiteral("rules"), QJsonArray{}}});
        // Readable again, still failing: the badge carries the alert again (not announced twice).
        QTRY_VERIFY_WITH_TIMEOUT((kube.sampleArchiving(),
                                  badgeOf().second.contains(QStringLiteral("CNPGClusterWALArchivingFailing"))),
                                 30'000);
    }

    // "Open bucket" opens the cluster's archive with the Secret's keys, and nothing of it is saved.
    void openBucketUsesTheSecretAndSavesNothing()
    {
        QSignalSpy loaded(m_window.get(), &MainWindow::sourceLoaded);
        m_window->cluster()->findChild<QPushButton*>(QStringLiteral("openBucketButton"))->click();
        QVERIFY(loaded.wait(60'000));
        QVERIFY2(m_window->session().errors().isEmpty(), qPrintable(m_window->session().errors().value(0).oneLine()));
        QCOMPARE(m_window->currentServer(), FixtureEnv::instance().server(QStringLiteral("main")));
        QVERIFY(m_window->session().snapshot(m_window->currentServer()));
        QVERIFY(m_window->currentView() != QLatin1String("cluster"));
        // A drill from here gets the Secret's keys in its PostgreSQL's environment, as a keychain
        // connection's would.
        RestoreWizard* wizard = m_window->openRestoreWizard();
        QVERIFY(wizard);
        QCOMPARE(wizard->source().environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")),
                 FixtureEnv::instance().root().value(QStringLiteral("secret_key")).toString());
        wizard->close();
        m_window->saveSettings();
        QFile settings(m_tmp.filePath(QStringLiteral("settings.ini")));
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QByteArray text = settings.readAll();
        QVERIFY(!text.contains(FixtureEnv::instance().root().value(QStringLiteral("secret_key")).toString().toUtf8()));
        QVERIFY(!text.contains("cnpg:"));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_api.stop();
        test::exportFixtureCredentials();
    }
};

QTEST_MAIN(TestClusterPage)
#include "TestClusterPage.moc"
