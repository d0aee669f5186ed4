// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-cli through tests/support/s3proxy.py in front of the fixture's s3rver: throttling,
// resets, cut bodies and stalls are retried and the JSON is byte-for-byte what a direct run
// prints; an exhausted retry budget is exit status 3 with one line and a hint, and a listing whose
// later page keeps failing fails the command instead of printing a partial answer.
#include "tests/integration/S3Proxy.h"
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;
using tideline::test::proxyRule;
using tideline::test::S3Proxy;

namespace {

const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

QJsonObject opts(std::initializer_list<std::pair<QString, QJsonValue>> list)
{
    QJsonObject o;
    for (const auto& [k, v] : list)
        o.insert(k, v);
    return o;
}

struct Knobs {
    int timeoutMs = 5'000;
    int attempts = 5;
    int backoffMs = 20; // short: these tests measure recovery, not patience
};

ProcessResult cliAt(const QString& endpoint, const QStringList& args, Knobs knobs = {}, int timeoutMs = 60'000)
{
    QProcessEnvironment e = env().environment();
    e.insert(QStringLiteral("TIDELINE_S3_TIMEOUT_MS"), QString::number(knobs.timeoutMs));
    e.insert(QStringLiteral("TIDELINE_S3_MAX_ATTEMPTS"), QString::number(knobs.attempts));
    e.insert(QStringLiteral("TIDELINE_S3_BACKOFF_MS"), QString::number(knobs.backoffMs));
    return FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI),
                               QStringList{QStringLiteral("--endpoint-url"), endpoint} + args, timeoutMs);
}

void checkOneLine(const ProcessResult& r)
{
    const QByteArray err = r.err.trimmed();
    QVERIFY2(!err.isEmpty(), "no error message");
    QVERIFY2(!err.contains('\n'), err.constData());
    QVERIFY2(err.contains("Hint:"), err.constData());
}

const QString kPagedUrl = QStringLiteral("s3://tideline-paged/cnpg");
const QString kPagedServer = QStringLiteral("pg-paged");

} // namespace

class TestCliFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(env().ok(), "fixture env.json missing");
        QVERIFY2(m_proxy.start(env().endpoint()), qPrintable(m_proxy.error()));
        // The reference answers, straight from s3rver.
        for (const QString& verb : {QStringLiteral("backups"), QStringLiteral("wals")}) {
            const ProcessResult r = cliAt(env().endpoint(), {QStringLiteral("--json"), verb, url(), server()});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY(!r.out.isEmpty());
            m_direct[verb] = r.out;
        }
    }
    void init() { QVERIFY(m_proxy.reset()); }

    void faultsAreRetriedToTheSameAnswer_data()
    {
        QTest::addColumn<QString>("verb");
        QTest::addColumn<QJsonArray>("rules");
        // Every fault here must stay recoverable whatever the threads' interleaving: a request
        // fails for good only after 8 faults in a row (0.15^8 for the seeded one), and the
        // counted rules fire fewer times than that in all. Seed 2 fires at its third and fourth
        // draws: `backups` makes few requests now that it lists only its backups' WAL ranges.
        const QJsonObject seeded = opts({{QStringLiteral("prob"), 0.15}, {QStringLiteral("seed"), 2}});
        for (const QString& verb : {QStringLiteral("backups"), QStringLiteral("wals")}) {
            QTest::addRow("%s-slowdown", qPrintable(verb))
                << verb << QJsonArray{proxyRule(QStringLiteral("slowdown"), {}, seeded)};
            QTest::addRow("%s-reset-every-3rd", qPrintable(verb))
                << verb << QJsonArray{proxyRule(QStringLiteral("reset"), {}, opts({{QStringLiteral("every"), 3}}))};
            QTest::addRow("%s-listings-500-and-cut", qPrintable(verb))
                << verb
                << QJsonArray{proxyRule(QStringLiteral("error500"), QStringLiteral("list-type=2"),
                                        opts({{QStringLiteral("first"), 3}})),
                              proxyRule(QStringLiteral("reset_body"), QStringLiteral("list-type=2"),
                                        opts({{QStringLiteral("first"), 3}, {QStringLiteral("bytes"), 200}}))};
            QTest::addRow("%s-bodies-truncated", qPrintable(verb))
                << verb
                << QJsonArray{proxyRule(QStringLiteral("truncate"), QStringLiteral("backup\\.info|\\.history"),
                                        opts({{QStringLiteral("first"), 20}, {QStringLiteral("bytes"), 30}})),
                              proxyRule(QStringLiteral("truncate"), QStringLiteral("list-type=2"),
                                        opts({{QStringLiteral("first"), 3}}))};
        }
    }
    void faultsAreRetriedToTheSameAnswer()
    {
        QFETCH(QString, verb);
        QFETCH(QJsonArray, rules);
        QVERIFY(m_proxy.setRules(rules));
        const ProcessResult r = cliAt(m_proxy.endpoint(), {QStringLiteral("--json"), verb, url(), server()}, {.attempts = 8});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, m_direct.value(verb));
        const QJsonObject stats = m_proxy.stats();
        QVERIFY2(stats.value(QStringLiteral("faults")).toInt() >= 2,
                 qPrintable(QStringLiteral("only %1 faults fired").arg(stats.value(QStringLiteral("faults")).toInt())));
    }

    void stallHitsTheTimeoutAndIsRetried()
    {
        // Both top-level listings and the first backup.info stall for 30 s; a 500 ms timeout
        // turns each into a retry.
        QVERIFY(m_proxy.setRules({proxyRule(QStringLiteral("stall"), QStringLiteral("list-type=2"),
                                            opts({{QStringLiteral("first"), 2}, {QStringLiteral("stall_ms"), 30'000}})),
                                  proxyRule(QStringLiteral("stall_body"), QStringLiteral("backup\\.info"),
                                            opts({{QStringLiteral("first"), 1},
                                                  {QStringLiteral("bytes"), 10},
                                                  {QStringLiteral("stall_ms"), 30'000}}))}));
        // The process may run 25 s, less than one 30 s stall: it finishes only by timing out
        // the stalled requests and retrying them.
        const ProcessResult r =
            cliAt(m_proxy.endpoint(), {QStringLiteral("--json"), QStringLiteral("backups"), url(), server()},
                  {.timeoutMs = 500}, 25'000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, m_direct.value(QStringLiteral("backups")));
        const QJsonObject byAction = m_proxy.stats().value(QStringLiteral("by_action")).toObject();
        QCOMPARE(byAction.value(QStringLiteral("stall")).toInt(), 2);
        QCOMPARE(byAction.value(QStringLiteral("stall_body")).toInt(), 1);
    }

    void exhaustedRetriesAreExitStatus3_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("path");
        QTest::newRow("slowdown-everything") << QStringLiteral("slowdown") << QString();
        QTest::newRow("reset-backup-info") << QStringLiteral("reset") << QStringLiteral("backup\\.info");
        // The hash directories, listed as ranges of wals/ (no delimiter; start-after past the first).
        QTest::newRow("500-wal-dirs") << QStringLiteral("error500") << QStringLiteral("prefix=[^&]*wals%2F(&start-after=|$)");
        QTest::newRow("stall-listings") << QStringLiteral("stall") << QStringLiteral("list-type=2");
    }
    void exhaustedRetriesAreExitStatus3()
    {
        QFETCH(QString, action);
        QFETCH(QString, path);
        QVERIFY(m_proxy.setRules({proxyRule(action, path, opts({{QStringLiteral("stall_ms"), 30'000}}))}));
        const ProcessResult r = cliAt(m_proxy.endpoint(), {QStringLiteral("--json"), QStringLiteral("wals"), url(), server()},
                                      {.timeoutMs = 300, .attempts = 3}, 25'000);
        QVERIFY2(r.exitCode == 3, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
        checkOneLine(r);
        QVERIFY2(r.err.contains("after 3 attempts"), r.err.constData());
        QVERIFY2(r.out.trimmed().isEmpty(), "a failed catalog printed an answer");
        // No request was tried more than the budget allows. Qt Network itself resends a request
        // once when a reused keep-alive connection is reset before any answer, so a reset may
        // cost two requests per attempt.
        const int perAttempt = action == u"reset" ? 2 : 1;
        QHash<QString, int> perTarget;
        for (const QJsonObject& e : m_proxy.log())
            ++perTarget[e.value(QStringLiteral("target")).toString()];
        for (auto it = perTarget.cbegin(); it != perTarget.cend(); ++it)
            QVERIFY2(it.value() <= 3 * perAttempt, qPrintable(it.key()));
    }

    void laterPageFailingFailsTheCommand()
    {
        const ProcessResult direct =
            cliAt(env().endpoint(), {QStringLiteral("--json"), QStringLiteral("wals"), kPagedUrl, kPagedServer});
        QVERIFY2(direct.exitCode == 0, direct.err.constData());
        const QJsonArray timelines = direct.json().value(QStringLiteral("timelines")).toArray();
        QCOMPARE(timelines.size(), 1);
        QCOMPARE(timelines.first().toObject().value(QStringLiteral("segments")).toInt(), 1500);

        // Page 2 fails twice, then answers: the same complete answer.
        QVERIFY(m_proxy.setRules({proxyRule(QStringLiteral("slowdown"), QStringLiteral("continuation-token="),
                                            opts({{QStringLiteral("first"), 2}}))}));
        const ProcessResult healed =
            cliAt(m_proxy.endpoint(), {QStringLiteral("--json"), QStringLiteral("wals"), kPagedUrl, kPagedServer});
        QVERIFY2(healed.exitCode == 0, healed.err.constData());
        QCOMPARE(healed.out, direct.out);

        // Page 2 never answers: the command fails, and prints no 1000-segment timeline.
        QVERIFY(m_proxy.reset());
        QVERIFY(m_proxy.setRules({proxyRule(QStringLiteral("slowdown"), QStringLiteral("continuation-token="))}));
        const ProcessResult broken =
            cliAt(m_proxy.endpoint(), {QStringLiteral("--json"), QStringLiteral("wals"), kPagedUrl, kPagedServer},
                  {.attempts = 3});
        QCOMPARE(broken.exitCode, 3);
        checkOneLine(broken);
        QVERIFY(broken.out.trimmed().isEmpty());
        QCOMPARE(m_proxy.logFor(QStringLiteral("continuation-token=")).size(), 3);
    }

    // A store (or a middlebox) that answers 200 with wrong bytes: never retried into success,
    // never handed over. An uncompressed 1 MiB segment with a page header's magic inverted is
    // caught by the page checks (PostgreSQL would take it for the end of the WAL); a gzip one with
    // a byte inverted by its CRC. The file PostgreSQL asked for is not written in either case.
    void wrongBytesWithA200AreCaught_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("offset");
        QTest::newRow("plain segment, third page header") << QStringLiteral("plain") << 2 * 8192;
        QTest::newRow("gzip segment, middle") << QStringLiteral("main") << -1;
    }
    void wrongBytesWithA200AreCaught()
    {
        QFETCH(QString, scenario);
        QFETCH(int, offset);
        const QString url = env().url(scenario), server = env().server(scenario);
        const ProcessResult wals = cliAt(env().endpoint(), {QStringLiteral("--json"), QStringLiteral("wals"), url, server});
        QVERIFY2(wals.exitCode == 0, wals.err.constData());
        const QString segment =
            wals.json().value(QStringLiteral("timelines")).toArray().first().toObject().value(QStringLiteral("first")).toString();
        QVERIFY(!segment.isEmpty());
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("pg_wal/") + segment);
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("pg_wal"))));
        const QStringList args{QStringLiteral("wal-restore"),
                               url,
                               server,
                               segment,
                               dest,
                               QStringLiteral("--prefetch"),
                               QStringLiteral("0"),
                               QStringLiteral("--retry-for"),
                               QStringLiteral("2")};
        // The same call through a clean proxy works: the fault is the only difference.
        const ProcessResult clean = cliAt(m_proxy.endpoint(), args);
        QVERIFY2(clean.exitCode == 0, clean.err.constData());
        QVERIFY(QFile::remove(dest));

        QJsonObject o{{QStringLiteral("method"), QStringLiteral("GET")}}; // the object, not its listing
        if (offset >= 0)
            o.insert(QStringLiteral("bytes"), offset);
        QVERIFY(m_proxy.setRules(
            QJsonArray{proxyRule(QStringLiteral("flip"), QStringLiteral("/%1(\\.[a-z0-9]+)?$").arg(segment), o)}));
        const ProcessResult r = cliAt(m_proxy.endpoint(), args);
        // 255 stops PostgreSQL's startup process; 1 would tell it "not archived" and end recovery early.
        QVERIFY2(r.exitCode == 255, r.err.constData());
        QVERIFY2(r.err.contains(scenario == u"plain" ? "its page at offset 16384" : "checksum mismatch"), r.err.constData());
        checkOneLine(r);
        QVERIFY(!QFileInfo::exists(dest));
        QCOMPARE(QDir(dir.filePath(QStringLiteral("pg_wal"))).entryList(QDir::Files | QDir::Hidden).size(), 0);
        QVERIFY(m_proxy.stats().value(QStringLiteral("faults")).toInt() >= 1);
    }

    void cleanupTestCase() { m_proxy.stop(); }

private:
    static QString url() { return env().url(QStringLiteral("main")); }
    static QString server() { return env().server(QStringLiteral("main")); }

    S3Proxy m_proxy;
    QHash<QString, QByteArray> m_direct;
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "TestCliFaults.moc"
