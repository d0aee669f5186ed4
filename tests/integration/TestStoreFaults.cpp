// SPDX-License-Identifier: GPL-3.0-or-later
// S3Store against the fixture's s3rver through tests/support/s3proxy.py injecting faults: reads
// of a real barman-cloud tar survive cut, truncated and stalled bodies with a Range resume and
// identical bytes; listings survive throttling and resets; a listing whose second page keeps
// failing fails as a whole; an exhausted retry budget is a Network error with a hint.
#include "engine/storage/S3Store.h"
#include "tests/integration/S3Proxy.h"
#include "tests/support/FixtureEnv.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

using namespace tideline;
using storage::S3Store;
using test::FixtureEnv;
using test::proxyRule;
using test::S3Proxy;

namespace {

const QString kPagedBucket = QStringLiteral("tideline-paged");
const QString kPagedPrefix = QStringLiteral("cnpg/pg-paged/wals/0000000100000000/");

struct Knobs {
    int timeoutMs = 5'000;
    int attempts = 5;
    int backoffMs = 20; // short: the tests measure recovery, not patience
};

std::unique_ptr<S3Store> makeStore(const QString& endpoint, const QString& bucket, Knobs knobs = {})
{
    const QJsonObject& root = FixtureEnv::instance().root();
    S3Store::Config cfg;
    cfg.endpoint = QUrl(endpoint);
    cfg.bucket = bucket;
    cfg.region = root.value(QStringLiteral("region")).toString();
    cfg.credentials = {root.value(QStringLiteral("access_key")).toString(),
                       root.value(QStringLiteral("secret_key")).toString(),
                       {}};
    cfg.requestTimeoutMs = knobs.timeoutMs;
    cfg.maxAttempts = knobs.attempts;
    cfg.backoffBaseMs = knobs.backoffMs;
    cfg.backoffMaxMs = 200;
    return std::make_unique<S3Store>(cfg);
}

QString bucketOf(const QString& url)
{
    return url.mid(5).section(u'/', 0, 0);
}

QJsonObject opts(std::initializer_list<std::pair<QString, QJsonValue>> list)
{
    QJsonObject o;
    for (const auto& [k, v] : list)
        o.insert(k, v);
    return o;
}

// Requests to one key, in the order the proxy saw them.
QList<QJsonObject> gets(S3Proxy& proxy, const QString& key)
{
    QList<QJsonObject> out;
    for (const QJsonObject& e : proxy.logFor(key))
        if (e.value(QStringLiteral("method")).toString() == u"GET")
            out.append(e);
    return out;
}

} // namespace

class TestStoreFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing");
        QVERIFY2(m_proxy.start(FixtureEnv::instance().endpoint()), qPrintable(m_proxy.error()));
        m_bucket = bucketOf(FixtureEnv::instance().url(QStringLiteral("main")));
        m_direct = makeStore(FixtureEnv::instance().endpoint(), m_bucket);

        // The largest base-backup tar barman-cloud wrote: a real multi-megabyte body to cut.
        const QString prefix = QStringLiteral("cnpg/%1/base/").arg(FixtureEnv::instance().server(QStringLiteral("main")));
        auto listing = m_direct->list(prefix, {}, {});
        QVERIFY2(listing.has_value(), listing ? "" : qPrintable(listing.error().message));
        qint64 best = 0;
        for (const auto& o : listing->objects)
            if (o.key.contains(QStringLiteral(".tar")) && o.size > best) {
                best = o.size;
                m_tarKey = o.key;
            }
        QVERIFY2(best > 1'000'000, "no base-backup tar of more than 1 MB in the main bucket");
        auto body = m_direct->get(m_tarKey, {});
        QVERIFY(body.has_value());
        m_tar = *body;
        QCOMPARE(m_tar.size(), best);
    }
    void init() { QVERIFY(m_proxy.reset()); }

    void cutBodyIsResumedWithRange_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<int>("cutAt");
        QTest::addColumn<bool>("exactOffset"); // a FIN delivers every byte sent; an RST may drop some
        QTest::newRow("reset-mid-body") << QStringLiteral("reset_body") << 1'000'000 << false;
        QTest::newRow("truncated-body") << QStringLiteral("truncate") << 700'001 << true;
        QTest::newRow("stall-mid-body") << QStringLiteral("stall_body") << 300'000 << true;
        QTest::newRow("reset-after-headers") << QStringLiteral("reset_body") << 0 << true;
    }
    void cutBodyIsResumedWithRange()
    {
        QFETCH(QString, action);
        QFETCH(int, cutAt);
        QFETCH(bool, exactOffset);
        QVERIFY(m_proxy.setRules({proxyRule(action, QRegularExpression::escape(m_tarKey),
                                            opts({{QStringLiteral("first"), 1},
                                                  {QStringLiteral("bytes"), cutAt},
                                                  {QStringLiteral("stall_ms"), 20'000}}))}));
        auto store = makeStore(m_proxy.endpoint(), m_bucket, {.timeoutMs = 600});
        QByteArray got;
        int chunks = 0;
        auto info = store->read(m_tarKey,
                                [&](QByteArrayView chunk) -> Result<void> {
                                    got.append(chunk);
                                    ++chunks;
                                    return {};
                                },
                                {});
        QVERIFY2(info.has_value(), info ? "" : qPrintable(info.error().message));
        // On the proxy's clock: the resume started while the cut request was still held (a
        // stall_body holds 20 s), so the client's own timeout or the cut ended it.
        {
            const QList<QJsonObject> log = gets(m_proxy, m_tarKey);
            QVERIFY(log.size() >= 2);
            QVERIFY(log[1].value(QStringLiteral("start")).toDouble() - log[0].value(QStringLiteral("start")).toDouble() < 20.0);
        }
        QCOMPARE(info->size, qint64(m_tar.size()));
        QCOMPARE(got.size(), m_tar.size());
        QVERIFY(got == m_tar);

        const QList<QJsonObject> seen = gets(m_proxy, m_tarKey);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].value(QStringLiteral("action")).toString(), action);
        QVERIFY(seen[0].value(QStringLiteral("range")).isNull());
        const QString range = seen[1].value(QStringLiteral("range")).toString();
        static const QRegularExpression re(QStringLiteral("^bytes=(\\d+)-$"));
        const auto m = re.match(range);
        QVERIFY2(m.hasMatch() || (cutAt == 0 && range.isEmpty()), qPrintable(range));
        const qint64 from = m.hasMatch() ? m.captured(1).toLongLong() : 0;
        if (exactOffset)
            QCOMPARE(from, qint64(cutAt));
        else
            QVERIFY2(from > 0 && from <= cutAt, qPrintable(range));
    }

    void throttledAndResetGetsSucceed()
    {
        QVERIFY(m_proxy.setRules(
            {proxyRule(QStringLiteral("slowdown"), QRegularExpression::escape(m_tarKey), opts({{QStringLiteral("first"), 2}})),
             proxyRule(QStringLiteral("reset"), QRegularExpression::escape(m_tarKey), opts({{QStringLiteral("first"), 1}}))}));
        auto store = makeStore(m_proxy.endpoint(), m_bucket);
        auto body = store->get(m_tarKey, {});
        QVERIFY2(body.has_value(), body ? "" : qPrintable(body.error().message));
        QVERIFY(*body == m_tar);
        // Two SlowDowns, then one reset (a rule only counts the requests that reach it, so the
        // reset rule first sees the third request), then the object.
        const QList<QJsonObject> seen = gets(m_proxy, m_tarKey);
        QCOMPARE(seen.size(), 4);
        QCOMPARE(seen[0].value(QStringLiteral("status")).toInt(), 503);
        QCOMPARE(seen[2].value(QStringLiteral("action")).toString(), QStringLiteral("reset"));
        QCOMPARE(seen[3].value(QStringLiteral("status")).toInt(), 200);
    }

    void listingSurvivesThrottlingAndResets()
    {
        auto direct = makeStore(FixtureEnv::instance().endpoint(), kPagedBucket);
        auto expected = direct->list(kPagedPrefix, {}, {});
        QVERIFY(expected.has_value());
        QCOMPARE(expected->objects.size(), 1500);
        QCOMPARE(expected->requests, 2);

        QVERIFY(m_proxy.setRules(
            {proxyRule(QStringLiteral("slowdown"), QStringLiteral("list-type=2"), opts({{QStringLiteral("every"), 2}})),
             proxyRule(QStringLiteral("reset_body"), QStringLiteral("continuation-token="),
                       opts({{QStringLiteral("first"), 1}})),
             proxyRule(QStringLiteral("truncate"), QStringLiteral("list-type=2"), opts({{QStringLiteral("first"), 1}}))}));
        auto store = makeStore(m_proxy.endpoint(), kPagedBucket);
        auto got = store->list(kPagedPrefix, {}, {});
        QVERIFY2(got.has_value(), got ? "" : qPrintable(got.error().message));
        QCOMPARE(got->requests, 2);
        QCOMPARE(got->objects.size(), expected->objects.size());
        for (qsizetype i = 0; i < got->objects.size(); ++i) {
            QCOMPARE(got->objects[i].key, expected->objects[i].key);
            QCOMPARE(got->objects[i].size, expected->objects[i].size);
            QCOMPARE(got->objects[i].etag, expected->objects[i].etag);
        }
        QVERIFY2(m_proxy.stats().value(QStringLiteral("faults")).toInt() >= 3, "the faults never fired");
    }

    void failingSecondPageFailsTheListing_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("slowdown") << QStringLiteral("slowdown");
        QTest::newRow("error500") << QStringLiteral("error500");
        QTest::newRow("reset") << QStringLiteral("reset");
        QTest::newRow("truncate") << QStringLiteral("truncate");
    }
    void failingSecondPageFailsTheListing()
    {
        QFETCH(QString, action);
        QVERIFY(m_proxy.setRules({proxyRule(action, QStringLiteral("continuation-token="))}));
        auto store = makeStore(m_proxy.endpoint(), kPagedBucket, {.attempts = 3});
        auto got = store->list(kPagedPrefix, {}, {});
        QVERIFY2(!got.has_value(), "a listing missing its second page was reported complete");
        QVERIFY2(got.error().code == ErrorCode::Network || got.error().code == ErrorCode::Corrupt,
                 qPrintable(got.error().message));
        QVERIFY(!got.error().hint.isEmpty());
        QVERIFY2(got.error().message.contains(QStringLiteral("after 3 attempts")), qPrintable(got.error().message));
        // Qt Network resends once by itself when a reused keep-alive connection is reset before
        // any answer; every other fault costs exactly one request per attempt.
        const qsizetype tries = m_proxy.logFor(QStringLiteral("continuation-token=")).size();
        if (action == u"reset")
            QVERIFY2(tries >= 3 && tries <= 6, qPrintable(QString::number(tries)));
        else
            QCOMPARE(tries, qsizetype(3));
    }

    void exhaustedRetriesAreANetworkError()
    {
        QVERIFY(m_proxy.setRules({proxyRule(QStringLiteral("slowdown"), QRegularExpression::escape(m_tarKey))}));
        auto store = makeStore(m_proxy.endpoint(), m_bucket, {.attempts = 4});
        QByteArray got;
        auto info = store->read(m_tarKey,
                                [&](QByteArrayView c) -> Result<void> {
                                    got.append(c);
                                    return {};
                                },
                                {});
        QVERIFY(!info.has_value());
        QCOMPARE(info.error().code, ErrorCode::Network);
        QVERIFY(!info.error().hint.isEmpty());
        QVERIFY(info.error().detail.contains(QStringLiteral("SlowDown")));
        QVERIFY(got.isEmpty());
        QCOMPARE(gets(m_proxy, m_tarKey).size(), 4);
    }

    void stallBeforeHeadersTimesOutAndRetries()
    {
        QVERIFY(m_proxy.setRules({proxyRule(QStringLiteral("stall"), QRegularExpression::escape(m_tarKey),
                                            opts({{QStringLiteral("first"), 2}, {QStringLiteral("stall_ms"), 30'000}}))}));
        auto store = makeStore(m_proxy.endpoint(), m_bucket, {.timeoutMs = 400});
        auto body = store->get(m_tarKey, {});
        QVERIFY2(body.has_value(), body ? "" : qPrintable(body.error().message));
        QVERIFY(*body == m_tar);
        // On the proxy's clock: each retry came while the stalled request before it was still
        // held (30 s), so the client's timeout ended it, and the third answered.
        const QList<QJsonObject> log = gets(m_proxy, m_tarKey);
        QCOMPARE(log.size(), 3);
        for (int i = 1; i < 3; ++i)
            QVERIFY(log[i].value(QStringLiteral("start")).toDouble()
                    < log[i - 1].value(QStringLiteral("start")).toDouble() + 30.0);
    }

    void cleanupTestCase() { m_proxy.stop(); }

private:
    S3Proxy m_proxy;
    QString m_bucket;
    QString m_tarKey;
    QByteArray m_tar;
    std::unique_ptr<S3Store> m_direct;
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "TestStoreFaults.moc"
