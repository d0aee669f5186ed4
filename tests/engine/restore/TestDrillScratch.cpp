// SPDX-License-Identifier: GPL-3.0-or-later
// DrillScratch: which directories a drill may take for abandoned, and how it stops what one left.
// The dangers held here: a stale postmaster.pid whose pid now belongs to another process (after
// a reboot, often another PostgreSQL of the same user) must never be signalled; a drill of
// another host or container (a shared /tmp, NFS) must never be taken for dead; a planted FIFO
// must not hang the reaper. Real processes stand in for the server: what is checked is which
// process gets the signal, found through /proc as the reaper finds it.
#include "engine/restore/DrillScratch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <utility>

#include <csignal>
#include <linux/capability.h>
#include <poll.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using tideline::restore::DrillScratch;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

// A process that ignores nothing and waits; `cwd` is where it stands.
std::unique_ptr<QProcess> waiter(const QString& cwd, bool ignoreQuit = false)
{
    auto p = std::make_unique<QProcess>();
    p->setWorkingDirectory(cwd);
    p->start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"),
              ignoreQuit ? QStringLiteral("trap '' QUIT; echo ready; while :; do sleep 1; done")
                         : QStringLiteral("echo ready; exec sleep 600")});
    p->waitForReadyRead(10'000);
    return p;
}

// A process standing in `data` as its owner, as a killed server's backends do: postgres when the
// test runs as root (the directory is given to it), this user otherwise. With `fromServer` it
// carries the variable a drill's PostgreSQL and all it starts inherit; without, it is an owner's
// shell that happens to stand there. `command` runs in the background of a shell that ends.
struct Stray {
    qint64 pid = 0;
    int pidfd = -1; // held from the start, so that the pid cannot be reused under the test

    Stray() = default;
    Stray(Stray&& o) noexcept : pid(o.pid), pidfd(std::exchange(o.pidfd, -1)) {}
    Stray(const Stray&) = delete;
    Stray& operator=(const Stray&) = delete;
    ~Stray()
    {
        if (pidfd >= 0) {
            ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0);
            ::close(pidfd);
        }
    }
    bool ended(int ms) const
    {
        pollfd p{pidfd, POLLIN, 0};
        return ::poll(&p, 1, ms) == 1;
    }
};

Stray strayIn(const QString& data, const QString& command, bool fromServer)
{
    QProcess shell;
    shell.setWorkingDirectory(data);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (fromServer)
        env.insert(QLatin1String(DrillScratch::kServerVariable), QStringLiteral("1"));
    shell.setProcessEnvironment(env);
    QStringList args{QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("%1 </dev/null >/dev/null 2>&1 & echo $!").arg(command)};
    if (::geteuid() == 0) {
        const passwd* pg = ::getpwnam("postgres");
        if (!pg || ::chown(QFile::encodeName(data).constData(), pg->pw_uid, pg->pw_gid) != 0)
            return {};
        args = QStringList{QStringLiteral("--reuid=postgres"), QStringLiteral("--regid=postgres"),
                           QStringLiteral("--clear-groups")}
            + args;
        shell.start(QStringLiteral("setpriv"), args);
    } else {
        shell.start(args.takeFirst(), args);
    }
    shell.waitForFinished(10'000);
    Stray s;
    s.pid = shell.readAllStandardOutput().trimmed().toLongLong();
    if (s.pid > 0)
        s.pidfd = int(::syscall(SYS_pidfd_open, pid_t(s.pid), 0));
    return s;
}

// The pid of a process that has ended (and been reaped): no longer anyone's.
qint64 deadPid()
{
    QProcess p;
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
    p.waitForFinished(10'000);
    return p.readAllStandardOutput().trimmed().toLongLong();
}

} // namespace

class TestDrillScratch : public QObject {
    Q_OBJECT

    QTemporaryDir m_parent;

    QString newDrillDir(const QString& name)
    {
        const QString dir = m_parent.filePath(name);
        QDir().mkpath(dir + QStringLiteral("/data"));
        return dir;
    }

    // This process's own stamp, its fields to be rewritten by a test.
    QList<QByteArray> ownStamp()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-own%1").arg(++m_serial));
        if (!DrillScratch::stamp(dir))
            return {};
        return readAll(dir + QStringLiteral("/drill.pid")).trimmed().split(' ');
    }

    int m_serial = 0;

    // Where the processes these tests start as postgres (when run as root) may write.
    QTemporaryDir m_markers;

private slots:
    void initTestCase()
    {
        // postgres must reach the drills' data directories, and write its markers.
        const auto open = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther;
        QVERIFY(QFile::setPermissions(m_parent.path(), open));
        QVERIFY(QFile::setPermissions(m_markers.path(), open | QFile::WriteOther));
    }

    void aLiveDrillIsNotAbandoned()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-live01"));
        QVERIFY(DrillScratch::stamp(dir));
        QVERIFY(!DrillScratch::abandoned(dir));
        // A second stamp never overwrites the first.
        QVERIFY(!DrillScratch::stamp(dir));
        DrillScratch::release(dir);
        QVERIFY(!QFile::exists(dir + QStringLiteral("/drill.pid")));
        QVERIFY(!DrillScratch::abandoned(dir));
    }

    void whoseProcessIsGone_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("abandoned");
        QTest::newRow("pid gone") << 0 << QByteArray("dead") << true;
        QTest::newRow("pid reused (other start time)") << 1 << QByteArray("1") << true;
        QTest::newRow("rebooted since") << 2 << QByteArray("00000000-0000-0000-0000-000000000000") << true;
        QTest::newRow("another pid namespace") << 3 << QByteArray("1") << false;
        QTest::newRow("another host") << 4 << QByteArray("some-other-host") << false;
        QTest::newRow("not a number") << 0 << QByteArray("12x") << false;
        QTest::newRow("negative pid") << 0 << QByteArray("-5") << false;
        QTest::newRow("old two-field stamp") << 2 << QByteArray() << false;
    }

    void whoseProcessIsGone()
    {
        QFETCH(int, field);
        QFETCH(QByteArray, value);
        QFETCH(bool, abandoned);
        QList<QByteArray> fields = ownStamp();
        QCOMPARE(fields.size(), 5);
        if (value == "dead")
            value = QByteArray::number(deadPid());
        if (value.isEmpty())
            fields = fields.mid(0, field);
        else
            fields[field] = value;
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-gone%1").arg(++m_serial));
        write(dir + QStringLiteral("/drill.pid"), fields.join(' ') + '\n');
        QCOMPARE(DrillScratch::abandoned(dir), abandoned);
    }

    void onlyOurOwnFilesCount()
    {
        QList<QByteArray> fields = ownStamp();
        QCOMPARE(fields.size(), 5);
        fields[0] = QByteArray::number(deadPid());
        const QString real = newDrillDir(QStringLiteral("tideline-drill-real01"));
        write(real + QStringLiteral("/drill.pid"), fields.join(' ') + '\n');
        QVERIFY(DrillScratch::abandoned(real));

        // The directory a link: never followed.
        const QString linked = m_parent.filePath(QStringLiteral("tideline-drill-link01"));
        QVERIFY(QFile::link(real, linked));
        QVERIFY(!DrillScratch::abandoned(linked));
        // The stamp a link to a good stamp: not ours.
        const QString linkedStamp = newDrillDir(QStringLiteral("tideline-drill-link02"));
        QVERIFY(QFile::link(real + QStringLiteral("/drill.pid"), linkedStamp + QStringLiteral("/drill.pid")));
        QVERIFY(!DrillScratch::abandoned(linkedStamp));
        // The stamp a FIFO: no hang, not ours.
        const QString fifo = newDrillDir(QStringLiteral("tideline-drill-fifo01"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo + QStringLiteral("/drill.pid")).constData(), 0600), 0);
        QVERIFY(!DrillScratch::abandoned(fifo));
    }

    // Where another user can rename entries, a drill's name could be swapped for a link
    // between the checks and the reaping: nothing there is taken, whatever its stamp says.
    void notInAParentOthersCanRenameIn()
    {
        QList<QByteArray> fields = ownStamp();
        QCOMPARE(fields.size(), 5);
        fields[0] = QByteArray::number(deadPid());
        const QString open = m_parent.filePath(QStringLiteral("open"));
        QVERIFY(QDir().mkpath(open));
        const QString dir = open + QStringLiteral("/tideline-drill-open01");
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/data")));
        write(dir + QStringLiteral("/drill.pid"), fields.join(' ') + '\n');
        QVERIFY(DrillScratch::abandoned(dir));
        QCOMPARE(::chmod(QFile::encodeName(open).constData(), 0777), 0);
        QVERIFY(!DrillScratch::abandoned(dir));
        QCOMPARE(::chmod(QFile::encodeName(open).constData(), 01777), 0); // sticky, as /tmp
        QVERIFY(DrillScratch::abandoned(dir));
        QCOMPARE(::chmod(QFile::encodeName(open).constData(), 0775), 0);
        QVERIFY(!DrillScratch::abandoned(dir));
    }

    void aStalePidOfAnotherProcessIsNeverSignalled()
    {
        // The pid file names a live process that stands elsewhere: the pid was reused.
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-stale1"));
        auto stranger = waiter(QDir::tempPath());
        QVERIFY(stranger->state() == QProcess::Running);
        write(dir + QStringLiteral("/data/postmaster.pid"),
              QByteArray::number(stranger->processId()) + '\n' + QFile::encodeName(dir) + "/data\n");
        const auto reaped = DrillScratch::reap(dir, 500);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(!QFile::exists(dir));
        QVERIFY(!stranger->waitForFinished(300)); // still running, untouched
        stranger->kill();
        stranger->waitForFinished(5000);
    }

    void aThreadOfAnotherProcessIsNoServer()
    {
        // The pid was reused by a thread: pidfd_open() refuses a thread (EINVAL), and the reaper
        // must still tell that nothing of the drill runs, from where the thread stands.
        std::atomic<bool> done{false};
        std::atomic<pid_t> tid{0};
        std::thread t([&] {
            tid = ::gettid();
            while (!done)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        });
        while (tid == 0)
            std::this_thread::yield();
        const auto stop = qScopeGuard([&] {
            done = true;
            t.join();
        });
        const QString elsewhere = newDrillDir(QStringLiteral("tideline-drill-thread1"));
        write(elsewhere + QStringLiteral("/data/postmaster.pid"), QByteArray::number(tid.load()) + "\n");
        const auto reaped = DrillScratch::reap(elsewhere, 300);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(!QFile::exists(elsewhere));

        // The same thread standing in the data directory (a process's threads share its cwd)
        // cannot be told apart from a server without a pidfd: left, with the reason.
        const QString here = newDrillDir(QStringLiteral("tideline-drill-thread2"));
        write(here + QStringLiteral("/data/postmaster.pid"), QByteArray::number(tid.load()) + "\n");
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(here + QStringLiteral("/data")));
        {
            // Back where it was however the reap ends: the tests after this one use the cwd.
            const auto back = qScopeGuard([&] { QDir::setCurrent(before); });
            const auto refused = DrillScratch::reap(here, 300);
            QVERIFY(!refused);
            QVERIFY2(refused.error().oneLine().contains(QStringLiteral("cannot tell")), qPrintable(refused.error().oneLine()));
        }
        QCOMPARE(QDir::currentPath(), before);
        QVERIFY(QFile::exists(here + QStringLiteral("/data/postmaster.pid")));
    }

    // Root without CAP_SYS_PTRACE (Docker's and Kubernetes' default) cannot see where another
    // user's process stands: /proc/PID/cwd answers EACCES. That says nothing about whether the
    // server still runs, so the reaper refuses and signals nothing (it once took it for "gone").
    void aServerRootCannotInspectIsLeftAlone()
    {
        const passwd* pg = ::getpwnam("postgres");
        if (::geteuid() != 0 || !pg)
            QSKIP("needs root and a postgres user");
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-eacces"));
        QVERIFY(::chown(QFile::encodeName(dir + QStringLiteral("/data")).constData(), pg->pw_uid, pg->pw_gid) == 0);
        // The "server": postgres's process standing in the data directory.
        QProcess server;
        // setpriv execs (runuser forks, and its child would outlive a kill of runuser).
        server.start(QStringLiteral("setpriv"),
                     {QStringLiteral("--reuid=postgres"), QStringLiteral("--regid=postgres"),
                      QStringLiteral("--clear-groups"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                      QStringLiteral("cd \"$1\" && echo ready && exec sleep 600"), QStringLiteral("sh"),
                      dir + QStringLiteral("/data")});
        QVERIFY(server.waitForReadyRead(10'000));
        const auto stopServer = qScopeGuard([&] {
            server.kill();
            server.waitForFinished(5000);
        });
        // setpriv execs the shell, which execs sleep: the process QProcess started is the server.
        const qint64 pid = server.processId();
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(pid) + '\n');
        const QByteArray cwd = "/proc/" + QByteArray::number(pid) + "/cwd";
        struct stat st {};
        QVERIFY2(::stat(cwd.constData(), &st) == 0, "root with CAP_SYS_PTRACE sees the server's cwd");

        // Capabilities are per thread: this one's effective set loses CAP_SYS_PTRACE, then gets it back.
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct saved[2]{};
        QVERIFY(::syscall(SYS_capget, &header, saved) == 0);
        __user_cap_data_struct dropped[2] = {saved[0], saved[1]};
        dropped[0].effective &= ~(1U << CAP_SYS_PTRACE);
        QVERIFY(::syscall(SYS_capset, &header, dropped) == 0);
        const auto restore = qScopeGuard([&] { ::syscall(SYS_capset, &header, saved); });
        QVERIFY2(::stat(cwd.constData(), &st) != 0 && errno == EACCES, "without CAP_SYS_PTRACE, /proc refuses");

        const auto reaped = DrillScratch::reap(dir, 300);
        QVERIFY(!reaped);
        QVERIFY2(reaped.error().oneLine().contains(QStringLiteral("cannot tell")), qPrintable(reaped.error().oneLine()));
        QVERIFY(QFile::exists(dir + QStringLiteral("/data/postmaster.pid")));
        QVERIFY(!server.waitForFinished(300)); // never signalled
    }

    // postmaster.pid is the data directory owner's to write: it may name root's shell standing
    // in that directory. PostgreSQL runs only as the owner, so that process is no server and is
    // never signalled, and the drill's files go as for a server that is gone.
    void anotherUsersProcessThereIsNoServer()
    {
        const passwd* pg = ::getpwnam("postgres");
        if (::geteuid() != 0 || !pg)
            QSKIP("needs root and a postgres user");
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-uid001"));
        QVERIFY(::chown(QFile::encodeName(dir + QStringLiteral("/data")).constData(), pg->pw_uid, pg->pw_gid) == 0);
        auto shell = waiter(dir + QStringLiteral("/data")); // root's, standing in the data directory
        QVERIFY(shell->state() == QProcess::Running);
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(shell->processId()) + '\n');
        const auto reaped = DrillScratch::reap(dir, 500);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(!QFile::exists(dir));
        QVERIFY(!shell->waitForFinished(300)); // never signalled
        shell->kill();
        shell->waitForFinished(5000);
    }

    // A postmaster killed outright (the OOM killer) leaves its backends running until they next
    // notice, holding the files a removal would free: they get SIGTERM (a backend's "terminate")
    // and the directory goes once they have ended. The marker proves it was SIGTERM.
    void theOrphansOfAKilledServerAreStopped()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-orph01"));
        const QString marker = m_markers.filePath(QStringLiteral("orph01-terminated"));
        const QString ready = m_markers.filePath(QStringLiteral("orph01-ready"));
        const Stray backend =
            strayIn(dir + QStringLiteral("/data"),
                    QStringLiteral("python3 -c 'import signal, sys, time\n"
                                   "def term(*_):\n    open(sys.argv[1], \"w\").close()\n    sys.exit(3)\n"
                                   "signal.signal(signal.SIGTERM, term)\nopen(sys.argv[2], \"w\").close()\n"
                                   "time.sleep(600)' %1 %2")
                        .arg(marker, ready),
                    true);
        QVERIFY(backend.pidfd >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 10'000); // its handler is in place
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(deadPid()) + '\n');
        const auto reaped = DrillScratch::reap(dir, 5000);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(backend.ended(5000));
        QVERIFY(QFile::exists(marker));
        QVERIFY(!QFile::exists(dir));
    }

    // Backends are the postmaster's forks: PostgreSQL writes its process title over the
    // environment the kernel shows, so no variable marks them. A PostgreSQL binary standing there
    // as the owner is one (a copy of sleep named postgres, here).
    void aKilledServersBackendIsStopped()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-orph04"));
        const QString binary = m_markers.filePath(QStringLiteral("bin/postgres"));
        QVERIFY(QDir().mkpath(QFileInfo(binary).path()));
        QVERIFY(QFile::copy(QStringLiteral("/bin/sleep"), binary));
        QVERIFY(QFile::setPermissions(m_markers.filePath(QStringLiteral("bin")),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                          | QFile::ExeOther));
        const Stray backend = strayIn(dir + QStringLiteral("/data"), binary + QStringLiteral(" 600"), false);
        QVERIFY(backend.pidfd >= 0);
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(deadPid()) + '\n');
        const auto reaped = DrillScratch::reap(dir, 5000);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(backend.ended(5000));
        QVERIFY(!QFile::exists(dir));
    }

    // One that ignores SIGTERM is killed after the grace, as a postmaster kills children that
    // outlast an immediate shutdown.
    void anOrphanIgnoringSigtermIsKilled()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-orph02"));
        const QString ready = m_markers.filePath(QStringLiteral("orph02-ready"));
        const Stray background =
            strayIn(dir + QStringLiteral("/data"),
                    QStringLiteral("python3 -c 'import signal, sys, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                                   "open(sys.argv[1], \"w\").close()\ntime.sleep(600)' %1")
                        .arg(ready),
                    true);
        QVERIFY(background.pidfd >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 10'000); // SIGTERM ignored from here on
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(deadPid()) + '\n');
        const auto reaped = DrillScratch::reap(dir, 300);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(background.ended(5000));
        QVERIFY(!QFile::exists(dir));
    }

    // Only what the server started is its: a shell or pager the owner left standing in the
    // directory is not signalled, however its files are removed.
    void anOwnersShellThereIsNoOrphan()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-orph03"));
        const Stray shell = strayIn(dir + QStringLiteral("/data"), QStringLiteral("sleep 600"), false);
        const Stray backend = strayIn(dir + QStringLiteral("/data"), QStringLiteral("sleep 600"), true);
        QVERIFY(shell.pidfd >= 0 && backend.pidfd >= 0);
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(deadPid()) + '\n');
        const auto reaped = DrillScratch::reap(dir, 300);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(backend.ended(5000)); // positive control: the sweep ran
        QVERIFY(!shell.ended(300));
    }

    void theServerOnItsDataIsStopped()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-srv001"));
        auto server = waiter(dir + QStringLiteral("/data"));
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(server->processId()) + "\n");
        const auto reaped = DrillScratch::reap(dir, 5000);
        QVERIFY2(reaped, reaped ? "" : qPrintable(reaped.error().oneLine()));
        QVERIFY(server->waitForFinished(5000));
        QCOMPARE(server->exitStatus(), QProcess::CrashExit); // SIGQUIT, PostgreSQL's immediate shutdown
        QVERIFY(!QFile::exists(dir));
    }

    void aServerThatWillNotStopKeepsItsFiles()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-srv002"));
        auto server = waiter(dir + QStringLiteral("/data"), true);
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(server->processId()) + "\n");
        const auto reaped = DrillScratch::reap(dir, 300);
        QVERIFY(!reaped);
        QVERIFY(reaped.error().oneLine().contains(QStringLiteral("still runs")));
        QVERIFY(QFile::exists(dir + QStringLiteral("/data/postmaster.pid")));
        QVERIFY(!server->waitForFinished(200)); // waits on the process itself, not a cached state
        server->kill();
        server->waitForFinished(5000);
    }

    void aPlantedFifoDoesNotHang()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-fifo02"));
        QCOMPARE(::mkfifo(QFile::encodeName(dir + QStringLiteral("/data/postmaster.pid")).constData(), 0600), 0);
        const auto reaped = DrillScratch::reap(dir, 300);
        QVERIFY(!reaped);
        QVERIFY(reaped.error().oneLine().contains(QStringLiteral("not a regular file")));
        QVERIFY(QFile::exists(dir));
    }

    void noServerLeftMeansRemoved()
    {
        const QString dir = newDrillDir(QStringLiteral("tideline-drill-none01"));
        write(dir + QStringLiteral("/data/postmaster.pid"), QByteArray::number(deadPid()) + "\n");
        QVERIFY(DrillScratch::reap(dir, 300));
        QVERIFY(!QFile::exists(dir));
        const QString bare = newDrillDir(QStringLiteral("tideline-drill-none02"));
        QVERIFY(DrillScratch::reap(bare, 300));
        QVERIFY(!QFile::exists(bare));
    }
};

QTEST_GUILESS_MAIN(TestDrillScratch)
#include "TestDrillScratch.moc"
