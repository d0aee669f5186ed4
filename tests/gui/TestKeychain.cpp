// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop keychain for real: CredentialVault through QtKeychain against GNOME Keyring's Secret
// Service, on a private session bus with a keyring in a temporary home (the machine's own
// keychain is never touched). secret-tool (libsecret) reads what was stored, as any other
// program of the desktop would; a locked keyring is refused and the secret kept for the session.
// A key typed into the connection editor lives in the keychain and nowhere else: not in any text
// the window shows or a picture of it reads, any file under the home, the process table during a
// drill, or the drill's history.
#include "GuiTestSupport.h"
#include "PermissiveS3rver.h"
#include "VisibleTexts.h"

#include "engine/restore/DrillJob.h"
#include "src/app/MainWindow.h"
#include "src/dialogs/ConnectionEditor.h"
#include "src/dialogs/RestoreWizard.h"
#include "src/jobs/CredentialVault.h"
#include "src/views/ConnectionsSidebar.h"
#include "src/views/PitrView.h"

#include <QAbstractButton>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QUuid>

#include <csignal>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

namespace {

const QString kService = QStringLiteral("tideline-keychain-test");
const QString kId = QStringLiteral("profile-1");
const S3Secret kSecret{QStringLiteral("AKIDKEYCHAINTEST"), QStringLiteral("Planted-Secret-5d0b7e"), {}};

/// Every process's command line that holds `needle` (read from /proc; processes that end while
/// being read are skipped).
QStringList commandLinesHolding(const QByteArray& needle)
{
    QStringList hits;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (f.open(QIODevice::ReadOnly))
            if (const QByteArray line = f.readAll(); line.contains(needle))
                hits << QString::fromLocal8Bit(line).replace(QChar(0), QChar(u' '));
    }
    return hits;
}

/// The pids of the processes whose environment holds `needle` (the legitimate way a key reaches
/// the PostgreSQL a drill starts).
QStringList environmentsHolding(const QByteArray& needle)
{
    QStringList pids;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(QStringLiteral("/proc/%1/environ").arg(pid));
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            pids << pid;
    }
    return pids;
}

/// The files under `root` whose bytes hold `needle`.
QStringList filesHolding(const QString& root, const QByteArray& needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits << f.fileName();
    }
    return hits;
}

struct Done {
    bool called = false;
    bool ok = false;
    QString why;
};

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    qint64 m_busPid = 0;

    // secret-tool against the same bus: what the desktop's own tools see under our attributes.
    QProcess::ProcessState lookup(QByteArray& out, int& code)
    {
        QProcess p;
        p.start(QStringLiteral("secret-tool"),
                {QStringLiteral("lookup"), QStringLiteral("server"), kService, QStringLiteral("user"),
                 QStringLiteral("s3/") + kId});
        if (!p.waitForFinished(20'000))
            return p.state();
        out = p.readAllStandardOutput();
        code = p.exitCode();
        return QProcess::NotRunning;
    }

    void store(CredentialVault& vault, Done& d)
    {
        vault.store(kId, kSecret, [&d](bool ok, const QString& why) { d = {true, ok, why}; });
    }

private slots:
    void initTestCase()
    {
        for (const char* tool : {"dbus-daemon", "gnome-keyring-daemon", "secret-tool", "dbus-send"})
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     qPrintable(QStringLiteral("%1 missing: scripts/setup installs it").arg(QLatin1String(tool))));
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        const QString runtime = m_home.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(runtime));
        QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", runtime.toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral("cache")).toUtf8());
        // An unlock prompt fails at once instead of waiting for a user.
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
        // libsecret's reasons in English: the locked test reads one.
        qputenv("LC_ALL", "C");
        qunsetenv("LANGUAGE");

        QProcess bus;
        bus.start(QStringLiteral("dbus-daemon"),
                  {QStringLiteral("--session"), QStringLiteral("--fork"), QStringLiteral("--print-address=1"),
                   QStringLiteral("--print-pid=1")});
        QVERIFY(bus.waitForFinished(20'000));
        const QList<QByteArray> lines = bus.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        m_busPid = lines[1].trimmed().toLongLong();
        qputenv("DBUS_SESSION_BUS_ADDRESS", lines[0].trimmed());

        QProcess keyring;
        keyring.start(QStringLiteral("gnome-keyring-daemon"),
                      {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        QVERIFY(keyring.waitForStarted(20'000));
        keyring.write("keyring-unlock-passphrase");
        keyring.closeWriteChannel();
        QVERIFY(keyring.waitForFinished(20'000));
        QCOMPARE(keyring.exitCode(), 0);
    }

    void aSecretIsStoredInTheKeychainAndReadBack()
    {
        CredentialVault vault(kService);
        vault.probe();
        QTRY_COMPARE_WITH_TIMEOUT(vault.status(), CredentialVault::Status::Available, 20'000);
        QVERIFY(vault.statusText().contains(QStringLiteral("desktop keychain")));
        Done d;
        store(vault, d);
        QTRY_VERIFY_WITH_TIMEOUT(d.called, 20'000);
        QVERIFY2(d.ok, qPrintable(d.why));

        QByteArray out;
        int code = -1;
        QCOMPARE(lookup(out, code), QProcess::NotRunning);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains(kSecret.secretAccessKey.toUtf8()) && out.contains(kSecret.accessKeyId.toUtf8()),
                 out.constData());

        // Another session (a new vault: nothing in memory) reads it from the keychain.
        CredentialVault later(kService);
        QVERIFY(!later.sessionSecret(kId));
        std::optional<S3Secret> got;
        bool called = false;
        later.lookup(kId, [&](std::optional<S3Secret> s, const QString&) {
            got = std::move(s);
            called = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(called, 20'000);
        QVERIFY(got);
        QCOMPARE(got->accessKeyId, kSecret.accessKeyId);
        QCOMPARE(got->secretAccessKey, kSecret.secretAccessKey);

        later.remove(kId);
        QTRY_VERIFY_WITH_TIMEOUT((lookup(out, code), code != 0), 20'000);
    }

    // The whole way of a typed key: the connection editor stores it in the keychain; a new window
    // (nothing in memory, none in the environment) reads it back, loads a bucket that accepts any
    // signature, shows every view and drills through PostgreSQL. Then a search of everything.
    void aTypedKeyLivesInTheKeychainOnly()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing: run the fixture.buckets test first");
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("tesseract")).isEmpty(),
                 "tesseract missing: scripts/setup installs it (tesseract-ocr)");
        const QString planted = QStringLiteral("Tideline-Planted-Keychain-") + QUuid::createUuid().toString(QUuid::Id128);
        const QByteArray needle = planted.toUtf8();
        const QString accessKey = FixtureEnv::instance().root().value(QStringLiteral("access_key")).toString();
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        qunsetenv("AWS_SESSION_TOKEN");
        qunsetenv("AWS_PROFILE");
        const auto restoreEnvironment = qScopeGuard([] { test::exportFixtureCredentials(); });
        qputenv("AWS_DEFAULT_REGION", FixtureEnv::instance().root().value(QStringLiteral("region")).toString().toUtf8());
        const test::PermissiveS3rver server(m_home.filePath(QStringLiteral("permissive")));
        QVERIFY(server.ok());
        const QString settings = m_home.filePath(QStringLiteral("config/tideline.ini"));
        const QString serverName = FixtureEnv::instance().server(QStringLiteral("main"));

        ConnectionProfile profile = test::fixtureProfile(QStringLiteral("main"), server.endpoint());
        profile.credentials = ConnectionProfile::CredentialSource::Keychain;
        profile.transient = false; // as typed into the editor, not given on the command line
        {
            MainWindow first(MainWindow::Options{true, settings, QStringLiteral("en"), false});
            first.show();
            QSignalSpy loaded(&first, &MainWindow::sourceLoaded);
            emit first.findChild<ConnectionsSidebar*>()->addRequested();
            auto* editor = first.findChild<ConnectionEditor*>();
            QVERIFY(editor);
            editor->setProfile(profile, {accessKey, planted, {}});
            editor->accept();
            QVERIFY(loaded.wait(60'000));
            QVERIFY2(first.session().snapshot(serverName), "the bucket loaded with the typed key");
            profile = first.session().profile();
        }
        {
            QProcess lookup;
            lookup.start(QStringLiteral("secret-tool"),
                         {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("Tideline"),
                          QStringLiteral("user"), QStringLiteral("s3/") + profile.id});
            QVERIFY(lookup.waitForFinished(20'000));
            QVERIFY2(lookup.readAllStandardOutput().contains(needle), "the typed key is in the keychain");
        }

        QStringList seen;
        QStringList running;
        QString pictured;
        const QString shots = m_home.filePath(QStringLiteral("shots"));
        QVERIFY(QDir().mkpath(shots));
        {
            MainWindow second(MainWindow::Options{true, settings, QStringLiteral("en"), false});
            second.resize(1400, 900);
            second.show();
            QVERIFY(!second.vault().sessionSecret(profile.id));
            QSignalSpy loaded(&second, &MainWindow::sourceLoaded);
            emit second.findChild<ConnectionsSidebar*>()->serverActivated(profile.id, serverName);
            QVERIFY(loaded.wait(60'000));
            QVERIFY2(second.session().snapshot(serverName), "the new window loaded the bucket");
            // Read from the keychain (nothing held it in memory before), not found some other way.
            QCOMPARE(second.vault().sessionSecret(profile.id).value_or(S3Secret{}).secretAccessKey, planted);
            for (const char* view : {"overview", "backups", "wals", "timeline", "bucket", "usage", "transfers"}) {
                second.showView(QString::fromLatin1(view));
                QTest::qWait(100);
                seen << test::visibleTexts();
                const QString png = shots + QStringLiteral("/%1.png").arg(QLatin1String(view));
                QVERIFY(second.grab().save(png));
                // The painted views hold text no widget does.
                if (qstrcmp(view, "overview") == 0 || qstrcmp(view, "timeline") == 0 || qstrcmp(view, "usage") == 0)
                    pictured += test::ocrText(png);
            }

            // A drill: the key reaches tideline-cli and PostgreSQL's restore_command by the
            // environment only. The process table is read every 20 ms while it runs.
            PitrView* pitr = second.pitr();
            second.showView(QStringLiteral("timeline"));
            const QJsonArray points =
                FixtureEnv::instance().scenario(QStringLiteral("main")).value(QStringLiteral("restore_points")).toArray();
            const QDateTime at =
                QDateTime::fromString(points.at(0).toObject().value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
            pitr->setTargetTime(at.toMSecsSinceEpoch() * 1000);
            QTRY_VERIFY_WITH_TIMEOUT(!pitr->planning(), 20'000);
            QVERIFY(pitr->plan().ok());
            RestoreWizard* w = second.openRestoreWizard();
            QVERIFY(w);
            w->next();
            QCOMPARE(w->currentId(), int(RestoreWizard::ActionPage));
            w->setAction(RestoreWizard::Action::Drill);
            w->checkQueries()->setPlainText(QStringLiteral("SELECT 1 = 1"));
            w->next();
            QCOMPARE(w->currentId(), int(RestoreWizard::ReviewPage));
            seen << w->reviewText();
            QSignalSpy finished(w, &RestoreWizard::runFinished);
            // Also: the key does reach the drill's PostgreSQL (its environment), and the data
            // directory that server runs in never holds it in its configuration.
            int scans = 0;
            QSet<QString> dataDirs;
            QTimer watch;
            connect(&watch, &QTimer::timeout, this, [&] {
                running << commandLinesHolding(needle);
                // The drill's scratch (the data directory and the server log beside it) again
                // every half second while the server runs: what it writes late counts too.
                for (const QString& pid : environmentsHolding(needle)) {
                    const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).canonicalFilePath();
                    if (QFile::exists(cwd + QStringLiteral("/PG_VERSION")) && (!dataDirs.contains(cwd) || scans % 25 == 0)) {
                        dataDirs.insert(cwd);
                        running << filesHolding(QFileInfo(cwd).path(), needle);
                    }
                }
                ++scans;
            });
            watch.start(20);
            w->next();
            QVERIFY(finished.wait(120'000));
            watch.stop();
            QVERIFY(w->drillReport());
            QVERIFY2(w->succeeded(), qPrintable(w->resultMessage()));
            QVERIFY2(scans > 5, "the process table was read while the drill ran");
            QVERIFY2(!dataDirs.isEmpty(), "the drill's PostgreSQL was seen with the key in its environment");
            seen << test::visibleTexts() << w->reportView()->toPlainText();
            w->close();
            second.saveSettings();
        }

        QVERIFY2(seen.join(u'\n').contains(serverName), "the harvest saw the loaded server");
        const QStringList shown = seen.filter(planted);
        QVERIFY2(shown.isEmpty(), qPrintable(shown.value(0).left(200)));
        QVERIFY2(running.isEmpty(), qPrintable(running.value(0).left(300)));
        // The pictures were read (the bucket's name is on the overview), and no part of the key is
        // in them: no 12 characters of its random tail, spaces dropped.
        QString words = pictured;
        words.remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(words.contains(profile.bucket, Qt::CaseInsensitive), qPrintable(pictured.left(400)));
        QVERIFY2(!words.contains(QStringLiteral("Planted"), Qt::CaseInsensitive), qPrintable(pictured.left(400)));
        const QString tail = planted.mid(planted.lastIndexOf(u'-') + 1);
        for (qsizetype i = 0; i + 12 <= tail.size(); ++i)
            QVERIFY2(!words.contains(tail.mid(i, 12), Qt::CaseInsensitive), qPrintable(tail.mid(i, 12)));
        // Settings, drill history, caches, logs, pictures: everything under the home (the XDG
        // directories point into it). The keyring's own file holds the key encrypted.
        const QStringList files = filesHolding(m_home.path(), needle);
        QVERIFY2(files.isEmpty(), qPrintable(files.join(QStringLiteral(", "))));
        QVERIFY2(!restore::drillHistory(serverName).isEmpty(), "the drill wrote its history under the home");
    }

    // Locked (the screen locker, a keyring never unlocked this login): the vault says so, and
    // what was typed lasts for the session only; nothing is written anywhere else.
    void aLockedKeychainKeepsTheSecretForTheSessionOnly()
    {
        QProcess lock;
        lock.start(QStringLiteral("dbus-send"),
                   {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                    QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                    QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                    QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
        QVERIFY(lock.waitForFinished(20'000));
        QVERIFY2(lock.exitCode() == 0, lock.readAllStandardError().constData());

        CredentialVault vault(kService);
        Done d;
        store(vault, d);
        QTRY_VERIFY_WITH_TIMEOUT(d.called, 20'000);
        QVERIFY(!d.ok);
        QVERIFY2(d.why.contains(QLatin1String("locked")), qPrintable(d.why)); // libsecret's reason, shown to the user
        QCOMPARE(vault.status(), CredentialVault::Status::Unavailable);
        QVERIFY2(vault.statusText().contains(QStringLiteral("this session only")), qPrintable(vault.statusText()));
        QCOMPARE(vault.sessionSecret(kId)->secretAccessKey, kSecret.secretAccessKey);
        // Nothing in the home (settings, caches, the keyring's own file) holds it in plain text.
        QProcess grep;
        grep.start(QStringLiteral("grep"),
                   {QStringLiteral("-r"), QStringLiteral("-l"), kSecret.secretAccessKey, m_home.path()});
        QVERIFY(grep.waitForFinished(20'000));
        QVERIFY2(grep.readAllStandardOutput().isEmpty(), "the secret is in a file in plain text");
    }

    void cleanupTestCase()
    {
        // The keyring daemon leaves with its session bus.
        if (m_busPid > 0)
            ::kill(pid_t(m_busPid), SIGTERM);
    }
};

QTEST_MAIN(TestKeychain)
#include "TestKeychain.moc"
