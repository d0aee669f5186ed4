// SPDX-License-Identifier: GPL-3.0-or-later
// A cancel while the drill's PostgreSQL starts: pg_ctl waits for a server whose restore_command
// hangs (the drill would wait for --timeout, an hour); the cancel must stop the server at once
// and remove the drill's directory. The ctest timeout is the only clock here: a drill that
// ignores the cancel runs into it.
#include "engine/pitr/RecoveryPlanner.h"
#include "engine/restore/DrillJob.h"
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace tideline;
using tideline::test::FixtureEnv;

class TestDrillCancel : public QObject {
    Q_OBJECT
private slots:
    void aCancelStopsAStartingServer()
    {
        const FixtureEnv& env = FixtureEnv::instance();
        QVERIFY(env.ok());
        const auto url = storage::SourceUrl::parse(env.url(QStringLiteral("local")));
        QVERIFY(url);
        auto store = storage::openStore(*url, {});
        QVERIFY(store);
        JobContext loading;
        auto catalog = catalog::loadServerCatalog(**store, *url, env.server(QStringLiteral("local")), loading);
        QVERIFY(catalog);
        pitr::RecoveryTarget target;
        target.kind = pitr::RecoveryTarget::Kind::Immediate;
        const pitr::RecoveryPlan plan = pitr::planRecovery(*catalog, target);
        QVERIFY(plan.ok());

        QTemporaryDir scratch;
        QFile::setPermissions(scratch.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ExeGroup | QFileDevice::ExeOther);
        restore::DrillOptions o;
        o.scratchDirectory = scratch.path();
        o.restoreCommand = QStringLiteral("sleep 600"); // PostgreSQL never gets its first segment
        o.timeoutSeconds = 3600;
        CancelToken cancel;
        JobContext context(cancel);

        // Cancel once the server is there (its postmaster.pid), and remember its pid.
        std::atomic<bool> done{false};
        std::atomic<qint64> serverPid{0};
        std::thread watcher([&] {
            while (!done) {
                QDirIterator it(scratch.path(), {QStringLiteral("postmaster.pid")}, QDir::Files, QDirIterator::Subdirectories);
                if (it.hasNext()) {
                    QFile pid(it.next());
                    if (pid.open(QIODevice::ReadOnly)) {
                        const qint64 value = pid.readLine().trimmed().toLongLong();
                        if (value > 0) {
                            serverPid = value;
                            cancel.cancel();
                            return;
                        }
                    }
                }
                QThread::msleep(50);
            }
        });
        const auto report = restore::runDrill(**store, *catalog, plan, o, context);
        done = true;
        watcher.join();

        QVERIFY2(serverPid > 0, "the server never started");
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::Cancelled);
        // The postmaster is gone: pg_ctl detached it, so once stopped it may linger as a zombie
        // until init reaps it, which is gone all the same.
        QFile stat(QStringLiteral("/proc/%1/stat").arg(serverPid.load()));
        const QByteArray fields = stat.open(QIODevice::ReadOnly) ? stat.readAll() : QByteArray();
        const QByteArray state = fields.mid(fields.lastIndexOf(')') + 1).trimmed().left(1);
        const bool alive = !fields.isEmpty() && state != "Z";
        QVERIFY2(!alive, "PostgreSQL is still running");
        QVERIFY(QDir(scratch.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }
};

QTEST_GUILESS_MAIN(TestDrillCancel)
#include "TestDrillCancel.moc"
