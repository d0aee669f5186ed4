// SPDX-License-Identifier: GPL-3.0-or-later
// WalSpool::stopPrefetchers, which a drill calls before it removes its scratch directory: it finds
// the prefetchers of one spool base by their program and command line (as `ps` shows them), stops
// them, waits until they are gone, and leaves alone the prefetchers of any other spool and any
// other program that merely carries the same arguments.
#include "engine/restore/WalSpool.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

#include <unistd.h>

using tideline::restore::WalSpool;

namespace {

// A stand-in with a prefetcher's command line: /bin/sh runs `sleep`, and its $0 and $@ carry
// the worker's flags, so /proc/PID/cmdline reads as a real worker's does.
QProcess* fakePrefetcher(const QString& program, const QString& base, bool ignoreTerm)
{
    auto* p = new QProcess;
    // "ready" once the trap is in place, so the signal never arrives before it.
    const QString script = ignoreTerm ? QStringLiteral("trap '' TERM; echo ready; while :; do sleep 1; done")
                                      : QStringLiteral("echo ready; while :; do sleep 1; done");
    p->start(program, {QStringLiteral("-c"), script, QStringLiteral("--prefetch-worker"), QStringLiteral("--spool"), base});
    p->waitForReadyRead(10'000);
    return p;
}

} // namespace

class TestWalSpoolPrefetchers : public QObject {
    Q_OBJECT

private slots:
    void stopsOnlyTheSpoolsOwn()
    {
        // A shell under tideline-cli's name: /proc/PID/exe then names a tideline-cli, as for a
        // real prefetcher.
        QTemporaryDir dir;
        const QString program = dir.filePath(QStringLiteral("tideline-cli"));
        QVERIFY(QFile::copy(QStringLiteral("/bin/sh"), program));
        QVERIFY(QFile::setPermissions(program, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const QString base = dir.filePath(QStringLiteral("data/pg_wal/tideline-spool"));
        const QString other = base + QStringLiteral("-other");
        std::unique_ptr<QProcess> a(fakePrefetcher(program, base, false));
        std::unique_ptr<QProcess> b(fakePrefetcher(program, base, true)); // ignores SIGTERM: killed after the grace
        std::unique_ptr<QProcess> c(fakePrefetcher(program, other, false));
        std::unique_ptr<QProcess> d(fakePrefetcher(QStringLiteral("/bin/sh"), base, false)); // not tideline-cli
        QCOMPARE(WalSpool::stopPrefetchers(base.toStdString(), ::geteuid(), 300), 0);
        // Gone when it returns (reaped by us here, its parent; a zombie counts as gone).
        QVERIFY(a->waitForFinished(1000));
        QVERIFY(b->waitForFinished(1000));
        QCOMPARE(a->exitStatus(), QProcess::CrashExit); // SIGTERM
        QCOMPARE(b->exitStatus(), QProcess::CrashExit); // SIGKILL
        QCOMPARE(c->state(), QProcess::Running);
        QCOMPARE(d->state(), QProcess::Running);
        QCOMPARE(WalSpool::stopPrefetchers(other.toStdString(), ::geteuid(), 300), 0);
        QVERIFY(c->waitForFinished(1000));
        d->kill();
        d->waitForFinished(1000);
    }
};

QTEST_GUILESS_MAIN(TestWalSpoolPrefetchers)
#include "TestWalSpoolPrefetchers.moc"
