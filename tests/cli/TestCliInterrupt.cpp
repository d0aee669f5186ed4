// SPDX-License-Identifier: GPL-3.0-or-later
// Ctrl-C (SIGINT) and SIGTERM on a running restore and a running drill: the verb cancels through
// its token and exits 8; a restore leaves its incomplete marker and no recovery.signal, a drill
// stops its PostgreSQL and removes its directory. Downloads are held by tests/support/s3proxy.py
// (a stall rule), so the signal surely lands mid-way; the moments to send it are events on disk
// (the marker, postmaster.pid), never a clock.
#include "tests/integration/S3Proxy.h"
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/stat.h>

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

    void anInterruptedDrillStopsItsServer()
    {
        // WAL segment downloads (not listings, not history files: planning needs those) stall,
        // so the drill's PostgreSQL waits in its restore_command.
        QVERIFY(m_proxy.setRules(
            QJsonArray{proxyRule(QStringLiteral("stall"), QStringLiteral("/wals/[0-9A-F]{16}/[0-9A-F]{24}"),
                                 {{QStringLiteral("method"), QStringLiteral("GET")}, {QStringLiteral("stall_ms"), 60000}})}));
        QTemporaryDir scratch;
        QFile::setPermissions(scratch.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ExeGroup | QFileDevice::ExeOther);
        QProcess p;
        startCli(p,
                 {QStringLiteral("drill"), env().url(QStringLiteral("main")), env().server(QStringLiteral("main")),
                  QStringLiteral("--target-immediate"), QStringLiteral("--scratch"), scratch.path(),
                  QStringLiteral("--timeout"), QStringLiteral("3600")});
        qint64 serverPid = 0;
        QVERIFY2(waitFor(p,
                         [&] {
                             QFile pid(findFile(scratch.path(), QStringLiteral("postmaster.pid")));
                             if (pid.open(QIODevice::ReadOnly))
                                 serverPid = pid.readLine().trimmed().toLongLong();
                             return serverPid > 0;
                         }),
                 p.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(120'000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 8, err.constData());
        QVERIFY2(!processAlive(serverPid), "PostgreSQL is still running");
        QVERIFY(QDir(scratch.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }

    void cleanupTestCase() { m_proxy.setRules({}); }
};

QTEST_GUILESS_MAIN(TestCliInterrupt)
#include "TestCliInterrupt.moc"
