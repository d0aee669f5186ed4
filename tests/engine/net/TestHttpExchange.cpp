// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/net/HttpExchange.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <thread>

using namespace tideline;

// net::exchange() is Tideline's own HTTP/1.1 client: every byte of every bucket and API server
// answer goes through it. Each scripted answer's verdict comes from Python's http.client reading
// the same bytes, except where RFC 9112 says reject and http.client guesses (marked strict).
class TestHttpExchange : public QObject {
    Q_OBJECT

    QProcess m_server;
    int m_port = 0;
    QJsonObject m_oracle;
    QByteArray m_pool; // connections kept by one test are not another's

    QUrl url(const QString& path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(path)); }

    net::HttpExchange get(const QString& path, const CancelToken& cancel = {}, int stallMs = 10'000,
                          const net::HttpHooks* hooks = nullptr, qint64 maxBody = 0, QByteArray method = "GET")
    {
        net::HttpCall call;
        call.method = method;
        call.request = QNetworkRequest(url(path));
        call.stallTimeoutMs = stallMs;
        call.maxBody = maxBody;
        call.connectionPool = m_pool;
        return net::exchange(call, cancel, hooks);
    }

    QJsonObject stats()
    {
        const net::HttpExchange ex = get(QStringLiteral("__stats"));
        return QJsonDocument::fromJson(ex.response.body).object();
    }

private slots:
    void initTestCase()
    {
        m_server.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/raw_http.py")});
        QVERIFY(m_server.waitForStarted(10'000));
        QVERIFY(m_server.waitForReadyRead(10'000));
        m_port = m_server.readLine().trimmed().toInt();
        QVERIFY(m_port > 0);
        while (!m_server.canReadLine())
            QVERIFY(m_server.waitForReadyRead(10'000));
        m_oracle = QJsonDocument::fromJson(m_server.readLine()).object();
        QVERIFY(m_oracle.size() > 10);
    }

    void cleanupTestCase()
    {
        m_server.closeWriteChannel();
        if (!m_server.waitForFinished(3000))
            m_server.kill();
    }

    void agreesWithHttpClient_data()
    {
        QTest::addColumn<QString>("scenario");
        for (auto it = m_oracle.begin(); it != m_oracle.end(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }

    void agreesWithHttpClient()
    {
        QFETCH(QString, scenario);
        const QJsonObject want = m_oracle.value(scenario).toObject();
        const net::HttpExchange ex = get(scenario);
        if (want.contains(u"error") || want.value(u"strict").toBool()) {
            QVERIFY2(ex.end == net::HttpExchange::End::TransportError,
                     qPrintable(QStringLiteral("accepted what %1 refuses: status %2, %3 body bytes")
                                    .arg(want.value(u"error").toString(QStringLiteral("RFC 9112")))
                                    .arg(ex.response.status)
                                    .arg(ex.response.body.size())));
            QVERIFY(net::isTransportError(ex.networkError));
            QVERIFY(!ex.networkErrorText.isEmpty());
            return;
        }
        QVERIFY2(ex.end == net::HttpExchange::End::Finished, qPrintable(ex.networkErrorText));
        QCOMPARE(ex.response.status, want.value(u"status").toInt());
        QCOMPARE(ex.response.body.toHex(), want.value(u"body_hex").toString().toLatin1());
        QCOMPARE(ex.response.received, qint64(ex.response.body.size()));
    }

    // What the server read (Python's http.client.parse_headers) is what was meant.
    void theRequestIsFramedAsHttp11()
    {
        net::HttpCall call;
        call.method = "PUT";
        call.request = QNetworkRequest(url(QStringLiteral("keepalive/a%20b?x=1&y=%2F")));
        call.request.setRawHeader("X-Amz-Meta-Test", "value 1");
        call.request.setRawHeader("Content-Length", "5"); // the framing is exchange()'s, not the caller's
        call.request.setRawHeader("Accept-Encoding", "gzip");
        call.body = QByteArray(1000, 'q');
        const net::HttpExchange ex = net::exchange(call, {});
        QVERIFY2(ex.end == net::HttpExchange::End::Finished, qPrintable(ex.networkErrorText));
        QCOMPARE(ex.response.body, QByteArray("ok"));
        const QJsonObject last = stats().value(u"last").toObject();
        QCOMPARE(last.value(u"method").toString(), QStringLiteral("PUT"));
        QCOMPARE(last.value(u"target").toString(), QStringLiteral("/keepalive/a%20b?x=1&y=%2F"));
        QCOMPARE(last.value(u"body_len").toInt(), 1000);
        QCOMPARE(last.value(u"body_sha256").toString().toLatin1(),
                 QCryptographicHash::hash(call.body, QCryptographicHash::Sha256).toHex());
        const QJsonObject headers = last.value(u"headers").toObject();
        QCOMPARE(headers.value(u"host").toString(), QStringLiteral("127.0.0.1:%1").arg(m_port));
        QCOMPARE(headers.value(u"x-amz-meta-test").toString(), QStringLiteral("value 1"));
        QCOMPARE(headers.value(u"accept-encoding").toString(), QStringLiteral("identity"));
        QCOMPARE(headers.value(u"content-length").toString(), QStringLiteral("1000"));
    }

    // A token read from a file or the environment with a line break in it must not become a
    // header (or a request) of its own: nothing is sent, and the value is not repeated.
    void aHeaderWithALineBreakIsNotSent()
    {
        const int before = stats().value(u"requests").toInt();
        net::HttpCall call;
        call.request = QNetworkRequest(url(QStringLiteral("keepalive")));
        call.request.setRawHeader("Authorization", "Bearer sekrit\r\nX-Injected: 1");
        const net::HttpExchange ex = net::exchange(call, {});
        QCOMPARE(ex.end, net::HttpExchange::End::TransportError);
        QVERIFY(net::isTransportError(ex.networkError));
        QVERIFY(!net::isRetryableTransport(ex.networkError));
        QVERIFY(!ex.networkErrorText.contains(u"sekrit"));
        QCOMPARE(stats().value(u"requests").toInt(), before);
    }

    void oneConnectionCarriesManyExchanges()
    {
        const int before = stats().value(u"connections").toInt();
        m_pool = "carry";
        for (int i = 0; i < 5; ++i) {
            const net::HttpExchange ex = get(QStringLiteral("keepalive"));
            QCOMPARE(ex.end, net::HttpExchange::End::Finished);
            QCOMPARE(ex.response.body, QByteArray("ok"));
        }
        const net::HttpExchange head = get(QStringLiteral("head"), {}, 10'000, nullptr, 0, "HEAD");
        QCOMPARE(head.end, net::HttpExchange::End::Finished);
        QCOMPARE(head.response.contentLength, 12345); // a HEAD's length, not a body to wait for
        QCOMPARE(head.response.received, 0);
        QCOMPARE(get(QStringLiteral("keepalive")).response.body, QByteArray("ok"));
        m_pool.clear();
        // One for the seven exchanges, one for each of the two __stats (which close theirs).
        QCOMPARE(stats().value(u"connections").toInt(), before + 2);
    }

    // A server that drops a kept-alive connection without saying so: the next request fails on
    // it before a byte of answer, and goes once more on a new connection.
    void aConnectionTheServerDroppedIsReplacedOnce()
    {
        const int before = stats().value(u"requests").toInt();
        for (int i = 0; i < 3; ++i) {
            const net::HttpExchange ex = get(QStringLiteral("sloppy_close"));
            QVERIFY2(ex.end == net::HttpExchange::End::Finished, qPrintable(ex.networkErrorText));
            QCOMPARE(ex.response.body, QByteArray("ok"));
            QThread::msleep(150); // the server has closed by now
        }
        QCOMPARE(stats().value(u"requests").toInt(), before + 3);
    }

    void aRefusedConnectionSaysSo()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        net::HttpCall call;
        call.request = QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port)));
        const net::HttpExchange ex = net::exchange(call, {});
        QCOMPARE(ex.end, net::HttpExchange::End::TransportError);
        QCOMPARE(ex.networkError, QNetworkReply::ConnectionRefusedError);
        QVERIFY(!net::isRetryableTransport(ex.networkError));
    }

    void aSilentServerStalls()
    {
        const net::HttpExchange ex = get(QStringLiteral("stall_head"), {}, 300);
        QCOMPARE(ex.end, net::HttpExchange::End::Stalled);
        QVERIFY(!ex.headersSeen);
    }

    void cancelEndsTheWait()
    {
        CancelToken cancel;
        std::thread canceller([cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            cancel.cancel();
        });
        const net::HttpExchange ex = get(QStringLiteral("stall_head"), cancel, 60'000);
        canceller.join();
        QCOMPARE(ex.end, net::HttpExchange::End::Cancelled);
    }

    // An error answer is kept up to maxErrorBody; one that never ends is not followed.
    void anEndlessErrorBodyIsNotFollowed()
    {
        const net::HttpExchange ex = get(QStringLiteral("endless_error"));
        QCOMPARE(ex.end, net::HttpExchange::End::Finished);
        QCOMPARE(ex.response.status, 500);
        QCOMPARE(ex.response.body, QByteArray(64 * 1024, 'e'));
        QVERIFY(ex.response.received < 4 * 1024 * 1024);
    }

    void aBodyOverTheLimitIsRefused()
    {
        const net::HttpExchange ex = get(QStringLiteral("big"), {}, 10'000, nullptr, 1'000'000);
        QCOMPARE(ex.end, net::HttpExchange::End::Aborted);
        QCOMPARE(ex.abortError.code, ErrorCode::Corrupt);
        QVERIFY(ex.response.body.size() <= 1'000'000);
    }

    void aStreamedBodyArrivesWhole()
    {
        qint64 streamed = 0;
        bool onlyB = true;
        int statusSeen = 0;
        qint64 lengthSeen = -1;
        net::HttpHooks hooks;
        hooks.onHeaders = [&](const net::HttpResponse& r) -> Result<void> {
            statusSeen = r.status;
            lengthSeen = r.contentLength;
            return {};
        };
        hooks.onData = [&](QByteArrayView piece) -> Result<void> {
            streamed += piece.size();
            onlyB = onlyB && piece.count('b') == piece.size();
            return {};
        };
        const net::HttpExchange ex = get(QStringLiteral("big"), {}, 10'000, &hooks);
        QCOMPARE(ex.end, net::HttpExchange::End::Finished);
        QCOMPARE(statusSeen, 200);
        QCOMPARE(lengthSeen, 3'000'000);
        QCOMPARE(streamed, 3'000'000);
        QVERIFY(onlyB);
        QVERIFY(ex.response.body.isEmpty());
    }

    void aHookCanEndTheExchange()
    {
        net::HttpHooks hooks;
        hooks.onData = [](QByteArrayView) -> Result<void> {
            return std::unexpected(Error{ErrorCode::Refused, QStringLiteral("disk full"), {}, {}});
        };
        const net::HttpExchange ex = get(QStringLiteral("big"), {}, 10'000, &hooks);
        QCOMPARE(ex.end, net::HttpExchange::End::Aborted);
        QCOMPARE(ex.abortError.message, QStringLiteral("disk full"));
        // The connection it left mid-body is not used again: the next answer is whole.
        QCOMPARE(get(QStringLiteral("keepalive")).response.body, QByteArray("ok"));
    }
};

QTEST_GUILESS_MAIN(TestHttpExchange)
#include "TestHttpExchange.moc"
