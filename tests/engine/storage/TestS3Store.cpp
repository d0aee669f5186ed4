// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/S3Store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;

using namespace tideline;
using namespace tideline::storage;

namespace {

const QString kAccessKey = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

// The bytes scripted_s3.py serves for a key (body_for): a SHA-256 chain, position dependent.
QByteArray bodyFor(const QString& key, int size = 10000)
{
    const QByteArray seed = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256);
    QByteArray out;
    for (quint32 i = 0; out.size() < size; ++i) {
        QByteArray block = seed;
        block.append(char(i >> 24)).append(char(i >> 16)).append(char(i >> 8)).append(char(i));
        out += QCryptographicHash::hash(block, QCryptographicHash::Sha256);
    }
    return out.left(size);
}

} // namespace

class TestS3Store : public QObject {
    Q_OBJECT
private:
    QProcess m_server;
    QTemporaryDir m_dir;
    int m_port = 0;
    CancelToken m_cancel;
    QStringList m_errorTexts; ///< every error text a test saw, checked for secrets at the end

    QString logPath() const { return m_dir.path() + QStringLiteral("/requests.jsonl"); }

    S3Store::Config config(const QString& bucket, int port = 0)
    {
        S3Store::Config c;
        c.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port ? port : m_port));
        c.bucket = bucket;
        c.credentials = {kAccessKey, kSecret, {}};
        c.maxAttempts = 4;
        c.requestTimeoutMs = 3000;
        c.backoffBaseMs = 20;
        c.backoffMaxMs = 200;
        return c;
    }

    // Requests the server logged for bucket/key, in order.
    QList<QJsonObject> requests(const QString& bucket, const QString& key = QString())
    {
        QList<QJsonObject> out;
        QFile f(logPath());
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QByteArray& line : f.readAll().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(u"bucket").toString() == bucket && (key.isNull() || o.value(u"key").toString() == key))
                out.append(o);
        }
        return out;
    }

    void remember(const Error& e) { m_errorTexts.append(e.oneLine() + u'\n' + e.message + e.hint + e.detail); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server.start(QStringLiteral("/usr/bin/python3"),
                       {QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/scripted_s3.py"), QStringLiteral("--log"),
                        logPath()});
        QVERIFY(m_server.waitForStarted(10'000));
        QVERIFY(m_server.waitForReadyRead(10'000));
        m_port = m_server.readLine().trimmed().toInt();
        QVERIFY(m_port > 0);
    }

    void cleanupTestCase()
    {
        m_server.closeWriteChannel(); // the server exits when its stdin closes
        if (!m_server.waitForFinished(3000))
            m_server.kill();
        m_server.waitForFinished(3000);
        // Nothing any test printed may carry a credential or a signature.
        for (const QString& text : std::as_const(m_errorTexts)) {
            QVERIFY2(!text.contains(kSecret), qPrintable(text));
            QVERIFY2(!text.contains(u"AWS4-HMAC-SHA256"), qPrintable(text));
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("Signature=[0-9a-f]{8}"))), qPrintable(text));
        }
    }

    // Keys that need encoding, written and read back through a bucket that verifies every
    // signature against botocore from the raw request line.
    void signedRoundTrip_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("plain") << "pg/base/20250101T000000/backup.info";
        QTest::newRow("spaces") << "dir/a b  c.txt";
        QTest::newRow("unicode") << "donn\u00e9es/\u65e5\u672c \u2713.txt";
        QTest::newRow("reserved") << "a+b~c/x=y&z;(1)!*'@$,:.txt";
        QTest::newRow("percent-hash-query") << "100%/#frag?q=1";
        QTest::newRow("double-slash") << "dir//x";
    }
    void signedRoundTrip()
    {
        QFETCH(QString, key);
        S3Store store(config(QStringLiteral("verify")));
        const QByteArray data = "payload of " + key.toUtf8();
        const auto put = store.put(key, data, m_cancel);
        if (!put)
            remember(put.error());
        QVERIFY2(put, put ? "" : qPrintable(put.error().oneLine()));
        const auto got = store.get(key, m_cancel);
        QVERIFY2(got, got ? "" : qPrintable(got.error().oneLine()));
        QCOMPARE(*got, data);
        const auto head = store.head(key, m_cancel);
        QVERIFY(head);
        QCOMPARE(head->size, data.size());
        QCOMPARE(head->etag, QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex()));
        QVERIFY(head->lastModifiedUsec > 0);
        const auto listed = store.list(key, QString(), m_cancel);
        QVERIFY(listed);
        QVERIFY(!listed->objects.isEmpty());
        QCOMPARE(listed->objects.first().key, key);
        // Never a checksum, chunked or compressed exchange.
        for (const QJsonObject& r : requests(QStringLiteral("verify"), key)) {
            const QJsonObject h = r.value(u"headers").toObject();
            QCOMPARE(h.value(u"accept-encoding").toString(), QStringLiteral("identity"));
            QVERIFY(h.contains(u"x-amz-content-sha256"));
            for (auto it = h.begin(); it != h.end(); ++it)
                QVERIFY2(!it.key().startsWith(u"x-amz-checksum"), qPrintable(it.key()));
        }
    }

    // Qt Network would rewrite "." and ".." segments before sending: refused up front.
    void dotSegmentsRefused()
    {
        S3Store store(config(QStringLiteral("verify")));
        QCOMPARE(store.put(QStringLiteral("a/./b"), "x", m_cancel).error().code, ErrorCode::Usage);
        QCOMPARE(store.get(QStringLiteral("a/../b"), m_cancel).error().code, ErrorCode::Usage);
        QCOMPARE(store.head(QStringLiteral(".."), m_cancel).error().code, ErrorCode::Usage);
        QVERIFY(requests(QStringLiteral("verify"), QStringLiteral("a/./b")).isEmpty());
    }

    void sessionTokenSent()
    {
        S3Store::Config c = config(QStringLiteral("data"));
        c.credentials.sessionToken = QStringLiteral("SESSION-TOKEN-VALUE");
        S3Store store(c);
        QVERIFY(store.put(QStringLiteral("token-check"), "x", m_cancel));
        const auto log = requests(QStringLiteral("data"), QStringLiteral("token-check"));
        QCOMPARE(log.size(), 1);
        const QJsonObject h = log.first().value(u"headers").toObject();
        QCOMPARE(h.value(u"x-amz-security-token").toString(), QStringLiteral("SESSION-TOKEN-VALUE"));
        QVERIFY(h.value(u"authorization").toString().contains(u"x-amz-security-token"));
    }

    void errorCodes_data()
    {
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("hintWord");
        QTest::newRow("access-denied") << "denied"
                                       << "get" << int(ErrorCode::Auth) << "credentials";
        QTest::newRow("signature") << "sigfail"
                                   << "get" << int(ErrorCode::Auth) << "secret";
        QTest::newRow("no-such-key") << "data"
                                     << "get" << int(ErrorCode::NotFound) << "key";
        QTest::newRow("head-404") << "data"
                                  << "head" << int(ErrorCode::NotFound) << "key";
        QTest::newRow("no-such-bucket-get") << "nobucket"
                                            << "get" << int(ErrorCode::MissingSource) << "bucket name";
        QTest::newRow("no-such-bucket-list") << "nobucket"
                                             << "list" << int(ErrorCode::MissingSource) << "endpoint";
        QTest::newRow("denied-list") << "denied"
                                     << "list" << int(ErrorCode::Auth) << "profile";
    }
    void errorCodes()
    {
        QFETCH(QString, bucket);
        QFETCH(QString, op);
        QFETCH(int, code);
        QFETCH(QString, hintWord);
        S3Store store(config(bucket));
        const QString key = QStringLiteral("missing/object-%1").arg(QString::fromLatin1(QTest::currentDataTag()));
        Error error;
        if (op == u"get") {
            const auto r = store.get(key, m_cancel);
            QVERIFY(!r);
            error = r.error();
        } else if (op == u"head") {
            const auto r = store.head(key, m_cancel);
            QVERIFY(!r);
            error = r.error();
        } else {
            const auto r = store.list(QStringLiteral("pg/"), QStringLiteral("/"), m_cancel);
            QVERIFY(!r);
            error = r.error();
        }
        remember(error);
        QCOMPARE(int(error.code), code);
        QVERIFY2(error.hint.contains(hintWord, Qt::CaseInsensitive), qPrintable(error.oneLine()));
        QVERIFY(!error.oneLine().contains(u'\n'));
        // 4xx answers are final: exactly one request.
        if (op != u"list")
            QCOMPARE(requests(bucket, key).size(), 1);
    }

    void signatureErrorRedactsAuthorization()
    {
        S3Store store(config(QStringLiteral("sigfail")));
        const auto r = store.get(QStringLiteral("leak"), m_cancel);
        QVERIFY(!r);
        remember(r.error());
        const auto log = requests(QStringLiteral("sigfail"), QStringLiteral("leak"));
        QCOMPARE(log.size(), 1);
        const QString authorization = log.first().value(u"headers").toObject().value(u"authorization").toString();
        QVERIFY(authorization.startsWith(u"AWS4-HMAC-SHA256"));
        const QString signature = authorization.section(QStringLiteral("Signature="), 1);
        QCOMPARE(signature.size(), 64);
        QVERIFY(!r.error().oneLine().contains(signature));
        QVERIFY(!r.error().detail.contains(signature));
    }

    void slowDownIsRetried()
    {
        S3Store store(config(QStringLiteral("slowdown")));
        const auto r = store.get(QStringLiteral("busy"), m_cancel);
        QVERIFY2(r, r ? "" : qPrintable(r.error().oneLine()));
        QCOMPARE(*r, bodyFor(QStringLiteral("busy"), 1000));
        QCOMPARE(requests(QStringLiteral("slowdown"), QStringLiteral("busy")).size(), 3);
    }

    void serverErrorsExhaustRetries()
    {
        S3Store::Config c = config(QStringLiteral("e500"));
        c.maxAttempts = 3;
        S3Store store(c);
        const auto r = store.get(QStringLiteral("always"), m_cancel);
        QVERIFY(!r);
        remember(r.error());
        QCOMPARE(r.error().code, ErrorCode::Network);
        QVERIFY2(r.error().message.contains(u"3 attempts"), qPrintable(r.error().oneLine()));
        QVERIFY(r.error().detail.contains(u"InternalError"));
        QCOMPARE(requests(QStringLiteral("e500"), QStringLiteral("always")).size(), 3);
    }

    void cutBodyResumesWithRange()
    {
        S3Store store(config(QStringLiteral("cut")));
        QByteArray got;
        const auto info = store.read(
            QStringLiteral("wal/000000010000000000000001"),
            [&](QByteArrayView chunk) -> Result<void> {
                got.append(chunk);
                return {};
            },
            m_cancel);
        QVERIFY2(info, info ? "" : qPrintable(info.error().oneLine()));
        const QByteArray expected = bodyFor(QStringLiteral("wal/000000010000000000000001"));
        QCOMPARE(got.size(), expected.size());
        QVERIFY(got == expected);
        QCOMPARE(info->size, expected.size());
        const auto log = requests(QStringLiteral("cut"), QStringLiteral("wal/000000010000000000000001"));
        QCOMPARE(log.size(), 2);
        QVERIFY(!log[0].value(u"headers").toObject().contains(u"range"));
        QCOMPARE(log[1].value(u"headers").toObject().value(u"range").toString(),
                 QStringLiteral("bytes=%1-").arg(expected.size() / 2));
    }

    void cutRangedReadResumesInsideRange()
    {
        S3Store store(config(QStringLiteral("cut")));
        // The scripted cut ignores Range and answers 200 with the whole object, cut at byte 5000:
        // the store must drop the bytes before the range, then resume inside the range.
        const auto got = store.get(QStringLiteral("ranged"), m_cancel, {1000, 6000});
        QVERIFY2(got, got ? "" : qPrintable(got.error().oneLine()));
        QCOMPARE(*got, bodyFor(QStringLiteral("ranged")).mid(1000, 6000));
        const auto log = requests(QStringLiteral("cut"), QStringLiteral("ranged"));
        QCOMPARE(log.size(), 2);
        QCOMPARE(log[0].value(u"headers").toObject().value(u"range").toString(), QStringLiteral("bytes=1000-6999"));
        QCOMPARE(log[1].value(u"headers").toObject().value(u"range").toString(), QStringLiteral("bytes=5000-6999"));
    }

    void stallTimesOutAndRetries_data()
    {
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<int>("size");
        QTest::newRow("mid-body") << "stall" << 10000;
        QTest::newRow("before-headers") << "stallhead" << 500;
    }
    void stallTimesOutAndRetries()
    {
        QFETCH(QString, bucket);
        QFETCH(int, size);
        S3Store::Config c = config(bucket);
        c.requestTimeoutMs = 300;
        S3Store store(c);
        const auto got = store.get(QStringLiteral("slow"), m_cancel);
        QVERIFY2(got, got ? "" : qPrintable(got.error().oneLine()));
        QCOMPARE(*got, bodyFor(QStringLiteral("slow"), size));
        // The order of events on the server's clock: the second request came while the server
        // still held the first one silent (5 s), so the client's timeout ended it, not the server.
        const auto log = requests(bucket, QStringLiteral("slow"));
        QCOMPARE(log.size(), 2);
        const double gap = log[1].value(u"at").toDouble() - log[0].value(u"at").toDouble();
        QVERIFY2(gap < 5.0, qPrintable(QString::number(gap)));
    }

    void twoPageListingInForeignNamespace()
    {
        S3Store store(config(QStringLiteral("pages")));
        const auto l = store.list(QStringLiteral("a/"), QStringLiteral("/"), m_cancel);
        QVERIFY2(l, l ? "" : qPrintable(l.error().oneLine()));
        QCOMPARE(l->requests, 2);
        QStringList keys;
        for (const auto& o : l->objects)
            keys.append(o.key);
        QCOMPARE(keys, (QStringList{u"a/1"_s, u"a/2 \u00e9"_s, u"a/3"_s}));
        QCOMPARE(l->prefixes, (QStringList{u"a/d1/"_s, u"a/d2/"_s}));
        QCOMPARE(l->objects[1].size, qint64(22));
        QCOMPARE(l->objects[2].etag, QStringLiteral("e3"));
        QCOMPARE(l->objects[0].lastModifiedUsec, qint64(1709251199123000)); // 2024-02-29T23:59:59.123Z
        const auto log = requests(QStringLiteral("pages"));
        QCOMPARE(log.size(), 2);
        QVERIFY(log[1].value(u"path").toString().contains(u"continuation-token=tok%2B%2F%3D%20%C3%BC%26x"));
        QVERIFY(log[0].value(u"path").toString().contains(u"list-type=2"));
        QVERIFY(log[0].value(u"path").toString().contains(u"max-keys=1000"));
    }

    // An answer kept whole (a listing page, a DeleteObjects result) is capped: an endpoint that
    // sends 40 MiB for one page gets a Corrupt error after one attempt, not a 40 MiB allocation.
    void oversizedAnswersAreRefused()
    {
        S3Store store(config(QStringLiteral("huge")));
        const auto l = store.list(QString(), QString(), m_cancel);
        QVERIFY(!l);
        QCOMPARE(l.error().code, ErrorCode::Corrupt);
        QCOMPARE(requests(QStringLiteral("huge")).size(), 1);
        const storage::DeleteReport d = store.deleteObjects({QStringLiteral("a"), QStringLiteral("b")}, m_cancel);
        QCOMPARE(d.deleted.size(), 0);
        QCOMPARE(d.failed.size(), 2);
    }

    void pagedListingOfRealStore()
    {
        S3Store store(config(QStringLiteral("data")));
        const QStringList keys = {u"srv/base/1/backup.info"_s,
                                  u"srv/base/1/data.tar"_s,
                                  u"srv/base/2/backup.info"_s,
                                  u"srv/wals/0000000100000000/000000010000000000000001"_s,
                                  u"srv/wals/0000000100000000/000000010000000000000002"_s,
                                  u"srv/wals/00000002.history"_s,
                                  u"srv/Z"_s,
                                  u"srv/z"_s};
        for (const QString& k : keys)
            QVERIFY(store.put(k, k.toUtf8(), m_cancel));
        const auto all = store.list(QStringLiteral("srv/"), QString(), m_cancel);
        QVERIFY(all);
        QCOMPARE(all->requests, 3); // 3 entries per page on the scripted server
        QStringList got;
        for (const auto& o : all->objects)
            got.append(o.key);
        QStringList sorted = keys;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(got, sorted);

        const auto rolled = store.list(QStringLiteral("srv/"), QStringLiteral("/"), m_cancel);
        QVERIFY(rolled);
        QCOMPARE(rolled->prefixes, (QStringList{u"srv/base/"_s, u"srv/wals/"_s}));
        QCOMPARE(rolled->objects.size(), 2);

        const auto empty = store.list(QStringLiteral("nothing/"), QStringLiteral("/"), m_cancel);
        QVERIFY(empty);
        QVERIFY(empty->objects.isEmpty() && empty->prefixes.isEmpty());
    }

    // listRange: keys after one bound up to the other, in S3's order (UTF-8 bytes), pages
    // followed only as far as the range goes; consecutive ranges list every key once.
    void rangeListing()
    {
        S3Store store(config(QStringLiteral("data")));
        const QString e000 = QString::fromUtf8("\xEE\x80\x80");      // U+E000: before U+1F600 in UTF-8, after it in UTF-16
        const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80"); // U+1F600
        QStringList keys;
        for (int i = 0; i < 10; ++i)
            keys << QStringLiteral("rng/d/%1").arg(i);
        keys << u"rng/e/"_s + e000 << u"rng/e/"_s + emoji << u"rng/f"_s;
        for (const QString& k : keys)
            QVERIFY(store.put(k, k.toUtf8(), m_cancel));
        const auto keysOf = [](const Listing& l) {
            QStringList out;
            for (const auto& o : l.objects)
                out << o.key;
            return out;
        };
        const auto middle = store.listRange(u"rng/"_s, u"rng/d/1"_s, u"rng/d/5"_s, m_cancel);
        QVERIFY(middle);
        QCOMPARE(keysOf(*middle), (QStringList{u"rng/d/2"_s, u"rng/d/3"_s, u"rng/d/4"_s, u"rng/d/5"_s}));
        QCOMPARE(middle->requests, 2); // 3 keys a page here: the page holding rng/d/6 ends it
        const auto utf8Order = store.listRange(u"rng/"_s, u"rng/d/9"_s, u"rng/e/"_s + e000, m_cancel);
        QVERIFY(utf8Order);
        QCOMPARE(keysOf(*utf8Order), QStringList{u"rng/e/"_s + e000});
        const auto rest = store.listRange(u"rng/"_s, u"rng/e/"_s + e000, QString(), m_cancel);
        QVERIFY(rest);
        QCOMPARE(keysOf(*rest), (QStringList{u"rng/e/"_s + emoji, u"rng/f"_s}));
        // Three consecutive ranges are the whole listing.
        const auto all = store.list(u"rng/"_s, QString(), m_cancel);
        QVERIFY(all);
        QStringList joined;
        for (const auto& [from, to] : {std::pair{QString(), u"rng/d/4"_s}, std::pair{u"rng/d/4"_s, u"rng/d/9"_s},
                                       std::pair{u"rng/d/9"_s, QString()}}) {
            const auto part = store.listRange(u"rng/"_s, from, to, m_cancel);
            QVERIFY(part);
            joined += keysOf(*part);
        }
        QCOMPARE(joined, keysOf(*all));
        // An endpoint that ignores start-after answers from the start: refused, not listed twice.
        S3Store sloppy(config(QStringLiteral("nostartafter")));
        const auto ignored = sloppy.listRange(u"rng/"_s, u"rng/d/4"_s, u"rng/d/9"_s, m_cancel);
        QVERIFY(!ignored);
        remember(ignored.error());
        QCOMPARE(ignored.error().code, ErrorCode::Corrupt);
        QVERIFY2(ignored.error().message.contains(u"out of order or twice"), qPrintable(ignored.error().message));
        // One that lists start-after itself again: the repeat is dropped, the ranges still join.
        {
            S3Store inclusive(config(QStringLiteral("inclusive")));
            QStringList again;
            for (const auto& [from, to] : {std::pair{QString(), u"rng/d/4"_s}, std::pair{u"rng/d/4"_s, u"rng/d/9"_s},
                                           std::pair{u"rng/d/9"_s, QString()}}) {
                const auto part = inclusive.listRange(u"rng/"_s, from, to, m_cancel);
                QVERIFY2(part, qPrintable(part ? QString() : part.error().oneLine()));
                again += keysOf(*part);
            }
            QCOMPARE(again, keysOf(*all));
        }
        // Its plain listing (no start-after) is still whole.
        const auto plain = sloppy.list(u"rng/"_s, QString(), m_cancel);
        QVERIFY(plain);
        QCOMPARE(keysOf(*plain), keysOf(*all));
    }

    void ranges()
    {
        S3Store store(config(QStringLiteral("data")));
        const QByteArray data = bodyFor(QStringLiteral("ranges"), 4096);
        QVERIFY(store.put(QStringLiteral("ranges"), data, m_cancel));
        QCOMPARE(*store.get(QStringLiteral("ranges"), m_cancel, {100, 50}), data.mid(100, 50));
        QCOMPARE(*store.get(QStringLiteral("ranges"), m_cancel, {4000, -1}), data.mid(4000));
        QCOMPARE(*store.get(QStringLiteral("ranges"), m_cancel, {4000, 1000}), data.mid(4000));
        const auto beyond = store.get(QStringLiteral("ranges"), m_cancel, {5000, -1});
        QVERIFY(!beyond);
        remember(beyond.error());
        QCOMPARE(beyond.error().code, ErrorCode::Refused);
        QVERIFY(store.put(QStringLiteral("empty"), QByteArray(), m_cancel));
        const auto empty = store.get(QStringLiteral("empty"), m_cancel);
        QVERIFY(empty);
        QVERIFY(empty->isEmpty());
    }

    void closedPortIsNetwork()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const int port = probe.serverPort();
        probe.close();
        S3Store store(config(QStringLiteral("data"), port));
        const auto r = store.get(QStringLiteral("x"), m_cancel);
        QVERIFY(!r);
        remember(r.error());
        QCOMPARE(r.error().code, ErrorCode::Network);
        QVERIFY(r.error().hint.contains(u"--endpoint-url"));
    }

    // TLS against a plain-HTTP port: a TLS failure, reported as Network, verification on.
    void tlsFailureIsNetwork()
    {
        S3Store::Config c = config(QStringLiteral("data"));
        c.endpoint = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
        c.maxAttempts = 2;
        S3Store store(c);
        QVERIFY(store.config().verifyTls);
        const auto r = store.get(QStringLiteral("tls"), m_cancel);
        QVERIFY(!r);
        remember(r.error());
        QCOMPARE(r.error().code, ErrorCode::Network);
        QVERIFY2(!r.error().hint.isEmpty(), qPrintable(r.error().oneLine()));
    }

    void cancelled()
    {
        S3Store store(config(QStringLiteral("data")));
        CancelToken token;
        token.cancel();
        QCOMPARE(store.get(QStringLiteral("x"), token).error().code, ErrorCode::Cancelled);
        QCOMPARE(store.list(QString(), QString(), token).error().code, ErrorCode::Cancelled);

        // Cancelling a stalled transfer returns promptly, long before the stall timeout.
        S3Store::Config c = config(QStringLiteral("stall"));
        c.requestTimeoutMs = 10'000;
        S3Store slow(c);
        CancelToken later;
        std::thread canceller([later] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            later.cancel();
        });
        // Not cancelled, the transfer would succeed: the server resumes after its 5 s silence.
        const auto r = slow.get(QStringLiteral("cancel-me"), later);
        canceller.join();
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QCOMPARE(requests(QStringLiteral("stall"), QStringLiteral("cancel-me")).size(), 1);
    }

    void sinkErrorStopsRead()
    {
        S3Store store(config(QStringLiteral("data")));
        QVERIFY(store.put(QStringLiteral("sink"), bodyFor(QStringLiteral("sink")), m_cancel));
        const auto r = store.read(
            QStringLiteral("sink"),
            [](QByteArrayView) -> Result<void> { return fail(ErrorCode::Corrupt, QStringLiteral("sink refuses")); }, m_cancel);
        QVERIFY(!r);
        QCOMPARE(r.error().message, QStringLiteral("sink refuses"));
    }

    // Each thread drives its own QNetworkAccessManager; none is shared.
    void concurrentThreads()
    {
        S3Store store(config(QStringLiteral("verify")));
        const QByteArray data = bodyFor(QStringLiteral("shared"), 2000);
        QVERIFY(store.put(QStringLiteral("shared"), data, m_cancel));
        std::atomic_int good{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 5; ++i) {
                    const auto r = store.get(QStringLiteral("shared"), m_cancel);
                    if (r && *r == data)
                        ++good;
                }
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(good.load(), 20);
    }
};

QTEST_GUILESS_MAIN(TestS3Store)
#include "TestS3Store.moc"
