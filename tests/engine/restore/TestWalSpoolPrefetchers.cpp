// SPDX-License-Identifier: GPL-3.0-or-later
// WalSpool::stopPrefetchers, which a drill calls before it removes its scratch directory: it finds
// the prefetchers of one spool base by their command line (as `ps` shows them), stops them, waits
// until they are gone, and leaves the prefetchers of any other spool alone.
#include "engine/restore/WalSpool.h"

#include <QProcess>
#include <QTest>

#include <csignal>

using tideline::restore::WalSpool;

namespace {

// A stand-in with a prefetcher's command line: /bin/sh runs `sleep`, and its $0 and $@ carry
// the worker's flags, so /proc/PID/cmdline reads as a real worker's does.
QProcess* fakePrefetcher(const QString& base, bool ignoreTerm)
{
    auto* p = new QProcess;
    // "ready" once the trap is in place, so the signal never arrives before it.
    const QString script = ignoreTerm ? QStringLiteral("trap '' TERM; echo ready; while :; do sleep 1; done")
                                      : QStringLiteral("echo ready; while :; do sleep 1; done");
    p->start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"), script, QStringLiteral("--prefetch-worker"), QStringLiteral("--spool"), base});
    p->waitForReadyRead(10'000);
    return p;
}

} // namespace

class TestWalSpoolPrefetchers : public QObject {
    Q_OBJECT

private slots:
    void stopsOnlyTheSpoolsOwn()
    {
        const QString base = QStringLiteral("/tmp/tideline-test-%1/data/pg_wal/tideline-spool").arg(::getpid());
        const QString other = base + QStringLiteral("-other");
        std::unique_ptr<QProcess> a(fakePrefetcher(base, false));
        std::unique_ptr<QProcess> b(fakePrefetcher(base, true)); // ignores SIGTERM: killed after the grace
        std::unique_ptr<QProcess> c(fakePrefetcher(other, false));
        QCOMPARE(WalSpool::stopPrefetchers(base.toStdString(), 300), 2);
        // Gone when it returns (reaped by us here, its parent; a zombie counts as gone).
        QVERIFY(a->waitForFinished(1000));
        QVERIFY(b->waitForFinished(1000));
        QCOMPARE(a->exitStatus(), QProcess::CrashExit); // SIGTERM
        QCOMPARE(b->exitStatus(), QProcess::CrashExit); // SIGKILL
        QCOMPARE(c->state(), QProcess::Running);
        QCOMPARE(WalSpool::stopPrefetchers(base.toStdString(), 300), 0);
        QCOMPARE(WalSpool::stopPrefetchers(other.toStdString(), 300), 1);
        QVERIFY(c->waitForFinished(1000));
    }
};

QTEST_GUILESS_MAIN(TestWalSpoolPrefetchers)
#include "TestWalSpoolPrefetchers.moc"
