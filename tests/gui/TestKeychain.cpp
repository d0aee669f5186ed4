// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop keychain for real: CredentialVault through QtKeychain against GNOME Keyring's Secret
// Service, on a private session bus with a keyring in a temporary home (the machine's own
// keychain is never touched). secret-tool (libsecret) reads what was stored, as any other
// program of the desktop would; a locked keyring is refused and the secret kept for the session.
#include "src/jobs/CredentialVault.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace tideline::gui;

namespace {

const QString kService = QStringLiteral("tideline-keychain-test");
const QString kId = QStringLiteral("profile-1");
const S3Secret kSecret{QStringLiteral("AKIDKEYCHAINTEST"), QStringLiteral("Planted-Secret-5d0b7e"), {}};

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

QTEST_GUILESS_MAIN(TestKeychain)
#include "TestKeychain.moc"
