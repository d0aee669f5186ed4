// SPDX-License-Identifier: GPL-3.0-or-later
// The window's threading contract: engine jobs run on the runner's pool, never on the GUI thread
// (the guard makes a violation loud), a slow store leaves the event loop responsive, progress
// arrives on the GUI thread, and a running job can be cancelled and says so.
#include "GuiTestSupport.h"
#include "tests/integration/S3Proxy.h"

#include "src/jobs/GuardedStore.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

namespace {
/// Runs a 10 ms timer and records how late it ever fired.
class LatenessProbe : public QObject {
public:
    LatenessProbe()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_worst = std::max(m_worst, now - m_last - 10);
            m_last = now;
            ++m_ticks;
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 worstLateMs() const { return m_worst; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
    int m_ticks = 0;
};
} // namespace

class TestJobRunner : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing: run the fixture.buckets test first");
        test::exportFixtureCredentials();
    }

    void progressArrivesOnTheGuiThread()
    {
        JobRunner runner;
        QList<QThread*> progressThreads;
        QThread* workThread = nullptr;
        connect(&runner, &JobRunner::jobProgress, this,
                [&](quint64, const Progress&) { progressThreads.append(QThread::currentThread()); });
        std::optional<Result<int>> result;
        runner.run<int>(
            QStringLiteral("count"),
            [&workThread](JobContext& context) -> Result<int> {
                workThread = QThread::currentThread();
                for (int i = 0; i <= 3; ++i) {
                    context.report({QStringLiteral("phase %1").arg(i), i, 3, 0});
                }
                return 42;
            },
            this, [&result](Result<int> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QCOMPARE(**result, 42);
        QVERIFY(workThread && workThread != QThread::currentThread());
        QTRY_VERIFY(!progressThreads.isEmpty());
        for (QThread* t : progressThreads)
            QCOMPARE(t, QThread::currentThread());
        QCOMPARE(runner.runningCount(), 0);
    }

    void guardCatchesStoreCallsOnTheGuiThread()
    {
        QStringList caught;
        GuardedStore::setViolationHandler([&caught](const char* call) { caught << QString::fromLatin1(call); });
        auto url = storage::SourceUrl::parse(FixtureEnv::instance().url(QStringLiteral("main")));
        QVERIFY(url.has_value());
        storage::S3Options options;
        options.endpoint = QUrl(FixtureEnv::instance().endpoint());
        auto inner = storage::openStore(*url, options);
        QVERIFY(inner.has_value());
        auto store = std::make_shared<GuardedStore>(std::move(*inner));
        const int before = GuardedStore::violations();

        // On the GUI thread: caught.
        (void)store->head(QStringLiteral("cnpg/none"), CancelToken());
        QCOMPARE(caught, QStringList{QStringLiteral("head")});
        QCOMPARE(GuardedStore::violations(), before + 1);

        // Through the runner: not caught.
        JobRunner runner;
        bool done = false;
        runner.run<storage::Listing>(
            QStringLiteral("list"),
            [store, url = *url](JobContext& c) {
                return store->list(url.key(QStringLiteral("pg-main/")), QStringLiteral("/"), c.cancelToken());
            },
            this, [&done](Result<storage::Listing> r) { done = r.has_value(); });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10'000);
        QCOMPARE(caught.size(), 1);
        GuardedStore::setViolationHandler({});
    }

    void slowStoreLeavesTheEventLoopResponsive()
    {
        // Every request 150 ms late: the load takes seconds, the window must not notice.
        test::S3Proxy proxy;
        QVERIFY(proxy.start(FixtureEnv::instance().endpoint(), {QStringLiteral("--delay-ms"), QStringLiteral("150")}));
        JobRunner runner;
        SourceSession session(runner);
        QSignalSpy finished(&session, &SourceSession::finished);
        LatenessProbe probe;
        QElapsedTimer clock;
        clock.start();
        session.open(test::fixtureProfile(QStringLiteral("main"), proxy.endpoint()), {});
        QVERIFY(finished.wait(60'000));
        QVERIFY2(session.errors().isEmpty(), qPrintable(session.errors().value(0).oneLine()));
        QVERIFY(session.snapshot(QStringLiteral("pg-main")));
        QVERIFY2(clock.elapsed() > 300, "the proxy did not slow the store: the test proves nothing");
        QVERIFY(probe.ticks() > 20);
        QVERIFY2(probe.worstLateMs() <= 250, qPrintable(QStringLiteral("timer late by %1 ms").arg(probe.worstLateMs())));
    }

    void cancellingARunningJob()
    {
        // Every request to the bucket stalls for a minute: only cancelling ends the job.
        test::S3Proxy proxy;
        QVERIFY(proxy.start(FixtureEnv::instance().endpoint(),
                            {QStringLiteral("--rules"),
                             QStringLiteral(R"([{"action": "stall", "path": "tideline-main", "stall_ms": 60000}])")}));
        JobRunner runner;
        SourceSession session(runner);
        QSignalSpy failed(&session, &SourceSession::failed);
        QSignalSpy finished(&session, &SourceSession::finished);
        QSignalSpy jobFinished(&runner, &JobRunner::jobFinished);
        session.open(test::fixtureProfile(QStringLiteral("main"), proxy.endpoint()), {});
        QTest::qWait(500);
        QCOMPARE(runner.runningCount(), 1); // still listing: held by the proxy
        LatenessProbe probe;
        session.cancel();
        // The proxy holds every request for a minute: finishing at all means the cancel ended it.
        QVERIFY(finished.wait(30'000));
        QCOMPARE(runner.runningCount(), 0);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Cancelled);
        QCOMPARE(jobFinished.size(), 1);
        const auto error = jobFinished.first().at(1).value<std::optional<Error>>();
        QVERIFY(error.has_value());
        QCOMPARE(error->code, ErrorCode::Cancelled);
        QVERIFY(probe.worstLateMs() <= 250);
        QVERIFY(session.snapshots().isEmpty()); // nothing half-loaded that looks complete
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "TestJobRunner.moc"
