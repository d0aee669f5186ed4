// SPDX-License-Identifier: GPL-3.0-or-later
// The window as a whole: it loads a source given like the command line gives it and fills every
// view, it restores its settings, and `tideline --screenshot` writes a PNG (or fails with one line);
// no text it shows, anywhere, holds a secret.
#include "GuiTestSupport.h"
#include "PermissiveS3rver.h"
#include "VisibleTexts.h"

#include "engine/core/Timestamp.h"
#include "engine/pitr/ServerStatus.h"
#include "src/app/MainWindow.h"
#include "src/dialogs/ConnectionEditor.h"
#include "src/jobs/GuardedStore.h"
#include "src/models/BackupTableModel.h"
#include "src/models/BucketTreeModel.h"
#include "src/views/BackupHistoryView.h"
#include "src/views/BucketBrowserView.h"
#include "src/views/OverviewView.h"
#include "src/views/WalArchiveView.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QUuid>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing: run the fixture.buckets test first");
        test::exportFixtureCredentials();
    }

    void loadsASourceIntoEveryView()
    {
        const int violations = GuardedStore::violations();
        MainWindow window(MainWindow::Options{false, {}});
        window.show();
        QSignalSpy loaded(&window, &MainWindow::sourceLoaded);
        window.openSource(test::fixtureProfile(QStringLiteral("gap")), QStringLiteral("pg-main"));
        QVERIFY(loaded.wait(60'000));
        QCOMPARE(window.currentServer(), QStringLiteral("pg-main"));
        // The gap scenario: the headline is the window the engine computed, and the gap that
        // stops replay from the oldest backup is on the WAL tab.
        const SnapshotPtr snap = window.session().snapshot(QStringLiteral("pg-main"));
        QVERIFY(snap);
        const pitr::ServerStatus facts = pitr::computeStatus(snap->catalog, snap->windows);
        QVERIFY(facts.window);
        QVERIFY2(window.overview()->verdictText().contains(
                     Format::time(facts.window->firstRecoverabilityPoint->usecUtc, TimeZoneMode::Utc)),
                 qPrintable(window.overview()->verdictText()));
        // It ends at the last commit `window --json` decodes from the WAL (the upload time only
        // while the WAL is unread).
        {
            const auto& env = FixtureEnv::instance();
            const QJsonObject w =
                test::cliJson({QStringLiteral("window"), env.url(QStringLiteral("gap")), QStringLiteral("pg-main")});
            QString lastCommit;
            for (const auto& t : w.value(QStringLiteral("timelines")).toArray())
                if (t.toObject().value(QStringLiteral("timeline")).toInt() == int(facts.window->timeline))
                    lastCommit = t.toObject().value(QStringLiteral("last_commit_time")).toString();
            QVERIFY(!lastCommit.isEmpty());
            QVERIFY2(window.overview()->verdictText().contains(
                         Format::time(Timestamp::parse(lastCommit)->usecUtc, TimeZoneMode::Utc)),
                     qPrintable(window.overview()->verdictText()));
        }
        // Ages are read against the view's clock: twelve minutes after the last archived WAL.
        {
            FixedClock later(facts.lastWalUsec + 12 * 60'000'000LL);
            window.overview()->setClock(later);
            QVERIFY2(window.overview()->findChildren<QLabel*>().size() > 0, "no labels");
            bool found = false;
            for (const QLabel* l : window.overview()->findChildren<QLabel*>())
                found |= l->text() == Format::age(facts.lastWalUsec, later.nowUsec());
            QVERIFY2(found, qPrintable(Format::age(facts.lastWalUsec, later.nowUsec())));
            window.overview()->setClock(Clock::system());
        }
        QCOMPARE(window.backups()->model()->rowCount(), snap->catalog.backups.size());
        QVERIFY(window.wals()->cadence().segments > 0);
        QVERIFY(std::any_of(window.wals()->cadence().gaps.cbegin(), window.wals()->cadence().gaps.cend(),
                            [](const auto& g) { return !g.harmless; }));
        QVERIFY2(window.wals()->summaryText().contains(QRegularExpression(QStringLiteral("gaps? that stops? replay"))),
                 qPrintable(window.wals()->summaryText()));
        // The archive delay the WAL tab reports is the worst `events` measures per segment.
        {
            const auto& env = FixtureEnv::instance();
            const QJsonObject events =
                test::cliJson({QStringLiteral("events"), env.url(QStringLiteral("gap")), QStringLiteral("pg-main")});
            double worst = -1;
            QString worstName;
            for (const auto& v : events.value(QStringLiteral("segments")).toArray()) {
                const QJsonObject seg = v.toObject();
                const QJsonValue delay = seg.value(QStringLiteral("archive_delay_seconds"));
                if (!delay.isNull() && !seg.value(QStringLiteral("name")).toString().endsWith(QStringLiteral(".partial"))
                    && delay.toDouble() > worst) {
                    worst = delay.toDouble();
                    worstName = seg.value(QStringLiteral("name")).toString();
                }
            }
            QVERIFY(!worstName.isEmpty());
            QVERIFY2(window.wals()->summaryText().contains(QStringLiteral("(%1)").arg(worstName)),
                     qPrintable(window.wals()->summaryText()));
        }
        // The bucket tab covers every server. Built only while shown (it cost the loading window
        // a tenth of a second each time), it holds each server `servers` lists once shown.
        {
            BucketTreeModel* tree = window.bucket()->model();
            QCOMPARE(tree->rowCount(), 0);
            window.showView(QStringLiteral("bucket"));
            const QJsonArray servers =
                test::cliJson({QStringLiteral("servers"), FixtureEnv::instance().url(QStringLiteral("gap"))})
                    .value(QStringLiteral("servers"))
                    .toArray();
            QVERIFY(!servers.isEmpty());
            QCOMPARE(tree->rowCount(), servers.size());
            window.showView(QStringLiteral("overview"));
        }
        QCOMPARE(GuardedStore::violations(), violations);
        // For a person to look at (TIDELINE_GUI_SHOTS=DIR): the dark theme on real data.
        if (const QString dir = qEnvironmentVariable("TIDELINE_GUI_SHOTS"); !dir.isEmpty()) {
            window.resize(1440, 900);
            window.setTheme(ThemeMode::Dark);
            for (const char* view : {"overview", "backups", "wals"}) {
                window.showView(QString::fromLatin1(view));
                QTest::qWait(100);
                window.grab().save(QStringLiteral("%1/dark-%2.png").arg(dir, QString::fromLatin1(view)));
            }
            window.setTheme(ThemeMode::Light);
        }
        // Switching the zone changes what the tables say, not what they hold.
        window.setTimeZone(TimeZoneMode::Local);
        QVERIFY(window.backups()
                    ->model()
                    ->headerData(BackupTableModel::Begin, Qt::Horizontal, Qt::DisplayRole)
                    .toString()
                    .startsWith(QStringLiteral("Begin (")));
    }

    void settingsRestored()
    {
        const QString file = m_dir.filePath(QStringLiteral("settings.ini"));
        QByteArray geometry;
        {
            MainWindow window(MainWindow::Options{true, file});
            window.show();
            window.resize(1111, 777);
            window.showView(QStringLiteral("wals"));
            window.setTimeZone(TimeZoneMode::Local);
            window.setTheme(ThemeMode::Dark);
            geometry = window.saveGeometry();
            window.close(); // closeEvent saves
        }
        QSettings raw(file, QSettings::IniFormat);
        QCOMPARE(raw.value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
        MainWindow again(MainWindow::Options{true, file});
        again.show();
        QCOMPARE(again.currentView(), QStringLiteral("wals"));
        QCOMPARE(again.timeZone(), TimeZoneMode::Local);
        QCOMPARE(again.theme(), ThemeMode::Dark);
        QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("zoneCombo"))->currentIndex(), 1);
        QCOMPARE(again.size(), QSize(1111, 777));
        QCOMPARE(qApp->palette().color(QPalette::Window).lightness() < 100, true);
        again.setTheme(ThemeMode::Light);
    }

    // A planted key, accepted by a second s3rver over the fixture's store that does not check
    // signatures: the window loads with it and every view is shown, the connection editor tests
    // it, a missing bucket fails with it, the wizard and dialogs open; no text any window shows
    // holds it, nor the settings file.
    void noSecretOnAnyScreen()
    {
        const QString planted = QStringLiteral("Tideline-Planted-Gui-") + QUuid::createUuid().toString(QUuid::Id128);
        const auto restoreCredentials = qScopeGuard([] { test::exportFixtureCredentials(); });
        const test::PermissiveS3rver server(m_dir.filePath(QStringLiteral("permissive")));
        QVERIFY(server.ok());
        const QString endpoint = server.endpoint();
        qputenv("AWS_SECRET_ACCESS_KEY", planted.toUtf8());

        const QString settings = m_dir.filePath(QStringLiteral("secrets.ini"));
        QStringList seen;
        {
            MainWindow window(MainWindow::Options{true, settings});
            window.show();
            QSignalSpy loaded(&window, &MainWindow::sourceLoaded);
            const ConnectionProfile profile = test::fixtureProfile(QStringLiteral("main"), endpoint);
            window.openSource(profile, QStringLiteral("pg-main"));
            QVERIFY(loaded.wait(60'000));
            QVERIFY(window.session().snapshot(QStringLiteral("pg-main")));
            for (const char* view : {"overview", "backups", "wals", "bucket", "usage", "transfers"}) {
                window.showView(QString::fromLatin1(view));
                QTest::qWait(50);
                seen << test::visibleTexts();
            }
            QVERIFY(window.openRestoreWizard());
            QVERIFY(window.openDoctorDialog());
            QTest::qWait(200);
            seen << test::visibleTexts();

            ConnectionEditor editor(window.runner(), window.vault());
            editor.setProfile(profile,
                              {FixtureEnv::instance().root().value(QStringLiteral("access_key")).toString(), planted, {}});
            editor.show();
            QSignalSpy tested(&editor, &ConnectionEditor::testFinished);
            editor.testConnection();
            QVERIFY(tested.wait(60'000));
            QCOMPARE(tested.first().first().toBool(), true);
            seen << test::visibleTexts();

            auto missing = ConnectionProfile::fromSourceUrl(QStringLiteral("s3://no-such-bucket/cnpg"));
            QVERIFY(missing);
            missing->endpoint = endpoint;
            window.openSource(*missing);
            QVERIFY(loaded.wait(60'000));
            seen << test::visibleTexts();
            window.saveSettings();
        }
        QVERIFY2(seen.join(u'\n').contains(QStringLiteral("pg-main")), "the harvest saw the loaded server");
        QVERIFY2(seen.join(u'\n').contains(QStringLiteral("no-such-bucket")), "the harvest saw the failed source");
        const QStringList hits = seen.filter(planted);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.value(0).left(200)));
        QFile ini(settings);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains(planted.toUtf8()));
    }

    void screenshotCommand()
    {
        const auto& env = FixtureEnv::instance();
        const QString png = m_dir.filePath(QStringLiteral("backups.png"));
        auto e = env.environment();
        e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const auto r = FixtureEnv::runWith(e, QStringLiteral(TIDELINE_GUI),
                                           {env.url(QStringLiteral("main")), QStringLiteral("pg-main"),
                                            QStringLiteral("--endpoint-url"), env.endpoint(), QStringLiteral("--screenshot"),
                                            png, QStringLiteral("--view"), QStringLiteral("backups")},
                                           60'000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1440, 900));

        // A bucket that does not exist: no picture, one line with a hint, the CLI's status.
        const QString none = m_dir.filePath(QStringLiteral("none.png"));
        const auto bad = FixtureEnv::runWith(e, QStringLiteral(TIDELINE_GUI),
                                             {QStringLiteral("s3://no-such-bucket/cnpg"), QStringLiteral("--endpoint-url"),
                                              env.endpoint(), QStringLiteral("--screenshot"), none},
                                             60'000);
        QCOMPARE(bad.exitCode, 5);
        QVERIFY(!QFile::exists(none));
        const QList<QByteArray> lines = bad.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains("Hint"), bad.err.constData());
    }

    // The window holds credentials (typed, from the keychain, from the environment), and so
    // would a core of it, and of every process it starts: soft and hard limit both 0 (the
    // kernel's own account of the running process, read while it waits on an endpoint that
    // accepts and never answers).
    void theWindowCannotDumpCore()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(listener >= 0);
        const auto closeListener = qScopeGuard([&] { ::close(listener); });
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        QVERIFY(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        QVERIFY(::listen(listener, 16) == 0);
        QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);

        // Only meaningful where the window would otherwise be allowed a core.
        rlimit own{};
        QVERIFY(::getrlimit(RLIMIT_CORE, &own) == 0);
        if (own.rlim_max == 0)
            QSKIP("this test process may not dump core either (hard limit 0)");
        auto e = FixtureEnv::instance().environment();
        e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        e.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1"));
        for (const char* proxy : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
            e.remove(QString::fromLatin1(proxy));
        QProcess gui;
        gui.setProcessEnvironment(e);
        gui.start(QStringLiteral(TIDELINE_GUI),
                  {QStringLiteral("s3://silent/cnpg"), QStringLiteral("--endpoint-url"),
                   QStringLiteral("http://127.0.0.1:%1").arg(ntohs(address.sin_port)), QStringLiteral("--screenshot"),
                   m_dir.filePath(QStringLiteral("silent.png"))});
        QVERIFY(gui.waitForStarted());
        const auto stop = qScopeGuard([&] {
            gui.kill();
            gui.waitForFinished();
        });
        // Until the window asks the endpoint; a window that ends first says why.
        pollfd asked{listener, POLLIN, 0};
        while (::poll(&asked, 1, 100) == 0 && gui.state() == QProcess::Running)
            gui.waitForFinished(0);
        QVERIFY2(asked.revents & POLLIN,
                 qPrintable(QStringLiteral("the window ended (status %1) before it asked its endpoint: %2")
                                .arg(gui.exitCode())
                                .arg(QString::fromLocal8Bit(gui.readAllStandardError()))));
        QFile limits(QStringLiteral("/proc/%1/limits").arg(gui.processId()));
        QVERIFY(limits.open(QIODevice::ReadOnly));
        QByteArray core;
        for (const QByteArray& line : limits.readAll().split('\n'))
            if (line.startsWith("Max core file size"))
                core = line.mid(int(qstrlen("Max core file size"))).simplified();
        QVERIFY2(core.startsWith("0 0 "), core.constData());
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
