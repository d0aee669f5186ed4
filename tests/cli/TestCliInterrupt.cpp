// SPDX-License-Identifier: GPL-3.0-or-later
// Ctrl-C (SIGINT) and SIGTERM on a running restore and a running drill: the verb cancels through
// its token and exits 8; a restore leaves its incomplete marker and no recovery.signal, a drill
// stops its PostgreSQL and removes its directory. Downloads are held by tests/support/s3proxy.py
// (a stall rule), so the signal surely lands mid-way; the moments to send it are events on disk
// (the marker, postmaster.pid), never a clock. A drill killed with SIGKILL is cleaned up by the
// next drill in the same scratch directory.
#include "tests/integration/S3Proxy.h"
#include "tests/support/FixtureEnv.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using tideline::test::FixtureEnv;
using tideline::test::proxyRule;
using tideline::test::S3Proxy;

namespace {
const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

// Polls for `ready` while the process runs; false if it ended first.
template <typename Ready> bool waitFor(QProcess& p, Ready ready)
{
    while (p.state() != QProcess::NotRunning) {
        if (ready())
            return true;
        p.waitForFinished(50);
    }
    return false;
}

QString findFile(const QString& root, const QString& name)
{
    QDirIterator it(root, {name}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    return it.hasNext() ? it.next() : QString();
}

bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    const QByteArray fields = stat.open(QIODevice::ReadOnly) ? stat.readAll() : QByteArray();
    return !fields.isEmpty() && fields.mid(fields.lastIndexOf(')') + 1).trimmed().left(1) != "Z";
}
} // namespace

class TestCliInterrupt : public QObject {
    Q_OBJECT
    S3Proxy m_proxy;

    void startCli(QProcess& p, const QStringList& args)
    {
        p.setProcessEnvironment(env().environment());
        p.start(QStringLiteral(TIDELINE_CLI), QStringList{QStringLiteral("--endpoint-url"), m_proxy.endpoint()} + args);
        QVERIFY(p.waitForStarted(10'000));
    }

    // A drill whose WAL segment downloads stall (not listings, not history files: planning needs
    // those), so its PostgreSQL waits in restore_command: the server's pid once postmaster.pid
    // names it, 0 when the drill ended first. The scratch directory is one postgres may enter.
    qint64 startStalledDrill(QProcess& p, const QTemporaryDir& scratch, QString& pidFile)
    {
        if (!m_proxy.setRules(QJsonArray{
                proxyRule(QStringLiteral("stall"), QStringLiteral("/wals/[0-9A-F]{16}/[0-9A-F]{24}"),
                          {{QStringLiteral("method"), QStringLiteral("GET")}, {QStringLiteral("stall_ms"), 60000}})}))
            return 0;
        QFile::setPermissions(scratch.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ExeGroup | QFileDevice::ExeOther);
        startCli(p,
                 {QStringLiteral("drill"), env().url(QStringLiteral("main")), env().server(QStringLiteral("main")),
                  QStringLiteral("--target-immediate"), QStringLiteral("--scratch"), scratch.path(),
                  QStringLiteral("--timeout"), QStringLiteral("3600")});
        qint64 serverPid = 0;
        waitFor(p, [&] {
            pidFile = findFile(scratch.path(), QStringLiteral("postmaster.pid"));
            QFile pid(pidFile);
            if (!pidFile.isEmpty() && pid.open(QIODevice::ReadOnly))
                serverPid = pid.readLine().trimmed().toLongLong();
            return serverPid > 0;
        });
        return serverPid;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(env().ok());
        QVERIFY2(m_proxy.start(env().endpoint()), qPrintable(m_proxy.error()));
    }

    void aSignalledRestoreStaysMarkedIncomplete_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void aSignalledRestoreStaysMarkedIncomplete()
    {
        QFETCH(int, signal);
        // Tar downloads answer nothing for a minute: the restore is mid-way when the marker is there.
        QVERIFY(m_proxy.setRules(
            QJsonArray{proxyRule(QStringLiteral("stall"), QStringLiteral("data\\.tar"),
                                 {{QStringLiteral("method"), QStringLiteral("GET")}, {QStringLiteral("stall_ms"), 60000}})}));
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("dest"));
        QProcess p;
        startCli(p,
                 {QStringLiteral("restore"), env().url(QStringLiteral("main")), env().server(QStringLiteral("main")), dest,
                  QStringLiteral("--target-immediate"), QStringLiteral("--no-sync")});
        const QString marker = dest + QStringLiteral("/TIDELINE_RESTORE_INCOMPLETE");
        QVERIFY2(waitFor(p, [&] { return QFileInfo::exists(marker); }), p.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(p.processId()), signal);
        QVERIFY(p.waitForFinished(60'000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 8, err.constData());
        QVERIFY2(err.contains("cancelled"), err.constData());
        QVERIFY(QFileInfo::exists(marker));
        QVERIFY(!QFileInfo::exists(dest + QStringLiteral("/recovery.signal")));
    }

    // SIGKILL gives the restore no chance to tidy up: the marker is what tells. A rerun into the
    // same place is refused with the reason; one into a new place gives what barman-cloud-restore
    // gives for the same backup (diff -r, but for the files a restore writes on purpose).
    void aRestoreKilledWithSigkillStaysIncompleteAndRerunsClean()
    {
        QVERIFY(m_proxy.setRules(
            QJsonArray{proxyRule(QStringLiteral("stall"), QStringLiteral("data\\.tar"),
                                 {{QStringLiteral("method"), QStringLiteral("GET")}, {QStringLiteral("stall_ms"), 60000}})}));
        const QString id =
            env().scenario(QStringLiteral("main")).value(QStringLiteral("backup_ids")).toArray().last().toString();
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("dest"));
        const QStringList restore{QStringLiteral("restore"),
                                  env().url(QStringLiteral("main")),
                                  env().server(QStringLiteral("main")),
                                  dest,
                                  QStringLiteral("--target-immediate"),
                                  QStringLiteral("--backup-id"),
                                  id,
                                  QStringLiteral("--no-sync")};
        QProcess p;
        startCli(p, restore);
        const QString marker = dest + QStringLiteral("/TIDELINE_RESTORE_INCOMPLETE");
        QVERIFY2(waitFor(p, [&] { return QFileInfo::exists(marker); }), p.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QVERIFY(QFileInfo::exists(marker));
        QVERIFY(!QFileInfo::exists(dest + QStringLiteral("/recovery.signal")));

        QVERIFY(m_proxy.setRules({}));
        const auto again = env().cli(restore);
        QCOMPARE(again.exitCode, 7);
        QVERIFY2(again.err.contains("never finished"), again.err.constData());

        const QString fresh = dir.filePath(QStringLiteral("fresh"));
        QStringList rerun = restore;
        rerun[3] = fresh;
        const auto done = env().cli(rerun);
        QVERIFY2(done.exitCode == 0, done.err.constData());
        QVERIFY(!QFileInfo::exists(fresh + QStringLiteral("/TIDELINE_RESTORE_INCOMPLETE")));
        QVERIFY(QFileInfo::exists(fresh + QStringLiteral("/recovery.signal")));
        const QString barman = dir.filePath(QStringLiteral("barman"));
        const auto b = env().run(QStringLiteral("barman-cloud-restore"),
                                 {QStringLiteral("--endpoint-url"), env().endpoint(), env().url(QStringLiteral("main")),
                                  env().server(QStringLiteral("main")), id, barman});
        QVERIFY2(b.exitCode == 0, b.err.constData());
        QStringList diff{QStringLiteral("-r"), QStringLiteral("--no-dereference")};
        for (const char* written :
             {"pg_hba.conf", "pg_hba.conf.from-backup", "postgresql.auto.conf", "recovery.signal", "archive_status"})
            diff << QStringLiteral("-x") << QLatin1String(written);
        const auto d = env().run(QStringLiteral("diff"), diff + QStringList{barman, fresh});
        QVERIFY2(d.exitCode == 0, d.out.left(2000).constData());
    }

    void anInterruptedDrillStopsItsServer()
    {
        QTemporaryDir scratch;
        QProcess p;
        QString pidFile;
        const qint64 serverPid = startStalledDrill(p, scratch, pidFile);
        QVERIFY2(serverPid > 0, p.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(120'000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 8, err.constData());
        QVERIFY2(!processAlive(serverPid), "PostgreSQL is still running");
        QVERIFY(QDir(scratch.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }

    // kill -9 leaves the drill no chance to clean up: its server and prefetchers run on, its copy
    // replayed with durability off. The next drill in the same place stops and removes all of it,
    // and leaves alone what is not a dead drill's: a kept drill (no owner file), a live one, a
    // stamp that is a link.
    void aDrillKilledWithSigkillIsReapedByTheNext()
    {
        QTemporaryDir scratch;
        // Not a dead drill's: kept (no stamp), alive (this test's own stamp), a stamp through a
        // link, another host's. A dead drill's whose postmaster.pid names a pid now another
        // process's (a reboot, pid reuse): reaped, and that process never signalled.
        const QString kept = scratch.filePath(QStringLiteral("tideline-drill-kept00"));
        const QString alive = scratch.filePath(QStringLiteral("tideline-drill-alive0"));
        const QString linked = scratch.filePath(QStringLiteral("tideline-drill-link00"));
        const QString remote = scratch.filePath(QStringLiteral("tideline-drill-host00"));
        for (const QString& d : {kept, alive, linked, remote})
            QVERIFY(QDir().mkpath(d + QStringLiteral("/data")));
        // The stamp's form (pid, start ticks, boot id, pid namespace, host) read from /proc here,
        // not from the code under test.
        const auto stampOf = [](qint64 pid, const QByteArray& ticks, const QByteArray& host) {
            QFile boot(QStringLiteral("/proc/sys/kernel/random/boot_id"));
            boot.open(QIODevice::ReadOnly);
            struct stat ns {};
            ::stat("/proc/self/ns/pid", &ns);
            return QByteArray::number(pid) + ' ' + ticks + ' ' + boot.readAll().trimmed() + ' '
                + QByteArray::number(quint64(ns.st_ino)) + ' ' + host + '\n';
        };
        const auto write = [](const QString& path, const QByteArray& bytes) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
        };
        char hostName[256] = {};
        ::gethostname(hostName, sizeof hostName - 1);
        QFile self(QStringLiteral("/proc/self/stat"));
        QVERIFY(self.open(QIODevice::ReadOnly));
        const QByteArray stat = self.readAll();
        const QByteArray ticks = stat.mid(stat.lastIndexOf(')') + 2).split(' ').value(19);
        QVERIFY(write(alive + QStringLiteral("/drill.pid"), stampOf(QCoreApplication::applicationPid(), ticks, hostName)));
        QVERIFY(write(remote + QStringLiteral("/drill.pid"), stampOf(999'999'999, "1", "another-host")));
        const QString deadStamp = scratch.filePath(QStringLiteral("dead-stamp"));
        QVERIFY(write(deadStamp, stampOf(999'999'999, "1", hostName)));
        QVERIFY(QFile::link(deadStamp, linked + QStringLiteral("/drill.pid")));

        QProcess p;
        QString pidFile;
        const qint64 serverPid = startStalledDrill(p, scratch, pidFile);
        QVERIFY2(serverPid > 0, p.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        // Whatever fails below, the server does not outlive the test.
        const auto stopServer = qScopeGuard([serverPid] {
            if (processAlive(serverPid))
                ::kill(static_cast<pid_t>(serverPid), SIGQUIT);
        });
        QVERIFY2(processAlive(serverPid), "the killed drill's server should outlive it");
        const QString dead = QFileInfo(QFileInfo(pidFile).path()).path(); // <scratch>/tideline-drill-XXXXXX
        QVERIFY(QFileInfo::exists(dead + QStringLiteral("/drill.pid")));
        // Planted only now (the stalled drill above waits for the first postmaster.pid it finds).
        const QString stale = scratch.filePath(QStringLiteral("tideline-drill-stale0"));
        QVERIFY(QDir().mkpath(stale + QStringLiteral("/data")));
        QVERIFY(write(stale + QStringLiteral("/drill.pid"), stampOf(999'999'999, "1", hostName)));
        QProcess stranger;
        stranger.setWorkingDirectory(scratch.path());
        stranger.start(QStringLiteral("sleep"), {QStringLiteral("600")});
        QVERIFY(stranger.waitForStarted());
        const auto stopStranger = qScopeGuard([&] {
            stranger.kill();
            stranger.waitForFinished(5000);
        });
        QVERIFY(write(stale + QStringLiteral("/data/postmaster.pid"),
                      QByteArray::number(stranger.processId()) + '\n' + QFile::encodeName(stale) + "/data\n"));

        QVERIFY(m_proxy.setRules({}));
        QProcess next;
        startCli(next,
                 {QStringLiteral("--json"), QStringLiteral("drill"), env().url(QStringLiteral("main")),
                  env().server(QStringLiteral("main")), QStringLiteral("--target-immediate"), QStringLiteral("--scratch"),
                  scratch.path(), QStringLiteral("--timeout"), QStringLiteral("600")});
        QVERIFY(next.waitForFinished(600'000));
        const QByteArray out = next.readAllStandardOutput();
        QVERIFY2(next.exitCode() == 0, next.readAllStandardError().constData());
        QVERIFY2(out.contains("removed what a drill killed earlier left in"), out.constData());
        QVERIFY2(!processAlive(serverPid), "the killed drill's server is still running");
        QVERIFY(!QFileInfo::exists(dead));
        QVERIFY(!QFileInfo::exists(stale));
        QVERIFY(processAlive(stranger.processId())); // from /proc, not QProcess's cached state
        QStringList left = QDir(scratch.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        left.sort();
        QCOMPARE(left,
                 (QStringList{QStringLiteral("dead-stamp"), QStringLiteral("tideline-drill-alive0"),
                              QStringLiteral("tideline-drill-host00"), QStringLiteral("tideline-drill-kept00"),
                              QStringLiteral("tideline-drill-link00")}));
    }

    void cleanupTestCase() { m_proxy.setRules({}); }
};

QTEST_GUILESS_MAIN(TestCliInterrupt)
#include "TestCliInterrupt.moc"
