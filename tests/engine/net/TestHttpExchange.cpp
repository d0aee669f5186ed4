// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/net/HttpExchange.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
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
    int m_slowPort = 0;
    int m_tlsPort = 0;
    QString m_tlsCa;
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
        // Whole lines: a pipe may hand over part of one.
        const auto nextLine = [this] {
            while (!m_server.canReadLine())
                if (!m_server.waitForReadyRead(10'000))
                    return QByteArray();
            return m_server.readLine();
        };
        m_port = nextLine().trimmed().toInt();
        QVERIFY(m_port > 0);
        const QJsonObject ports = QJsonDocument::fromJson(nextLine()).object();
        m_slowPort = ports.value(u"slow_port").toInt();
        m_tlsPort = ports.value(u"tls_port").toInt();
        m_tlsCa = ports.value(u"tls_ca").toString();
        QVERIFY2(m_slowPort > 0 && m_tlsPort > 0 && QFile::exists(m_tlsCa), QJsonDocument(ports).toJson().constData());
        m_oracle = QJsonDocument::fromJson(nextLine()).object();
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
            // Refused for what the bytes are, not for a wait: a body cut short is a closed
            // connection after the headers, anything else an answer that is not HTTP.
            if (want.value(u"error").toString() == u"IncompleteRead" && scenario != u"chunked_bad_hex") {
                QCOMPARE(ex.networkError, QNetworkReply::RemoteHostClosedError);
                QVERIFY(ex.headersSeen);
            } else {
                QCOMPARE(ex.networkError, QNetworkReply::ProtocolFailure);
            }
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

    // A server that closes a kept-alive connection when the next request comes, without a byte
    // of answer: a GET goes once more on a new connection, a POST (which may not be repeated)
    // does not.
    void aConnectionClosedUnansweredIsReplacedForWhatMayBeRepeated()
    {
        m_pool = "unanswered";
        const QJsonObject before = stats();
        QCOMPARE(get(QStringLiteral("second_unanswered")).response.body, QByteArray("ok"));
        const net::HttpExchange again = get(QStringLiteral("second_unanswered"));
        QVERIFY2(again.end == net::HttpExchange::End::Finished, qPrintable(again.networkErrorText));
        QCOMPARE(again.response.body, QByteArray("ok"));
        const net::HttpExchange post = get(QStringLiteral("second_unanswered"), {}, 10'000, nullptr, 0, "POST");
        m_pool.clear();
        QCOMPARE(post.end, net::HttpExchange::End::TransportError);
        QCOMPARE(post.networkError, QNetworkReply::RemoteHostClosedError);
        const QJsonObject after = stats();
        // GET (new), GET (reused, unanswered; again on a new one), POST (reused, unanswered).
        QCOMPARE(after.value(u"requests").toInt() - before.value(u"requests").toInt(), 4);
        QCOMPARE(after.value(u"connections").toInt() - before.value(u"connections").toInt(), 2 + 1);
    }

    // Bytes that come after an answer (a body after a HEAD's answer, the rest of an error body
    // not read) must never be read as the next request's answer.
    void bytesAfterAnAnswerAreNotTheNextAnswer()
    {
        m_pool = "stray";
        const net::HttpExchange head = get(QStringLiteral("head_then_stray"), {}, 10'000, nullptr, 0, "HEAD");
        QCOMPARE(head.end, net::HttpExchange::End::Finished);
        QThread::msleep(800); // the stray answer has come by now (sent 100 ms after)
        const net::HttpExchange next = get(QStringLiteral("keepalive"));
        QVERIFY2(next.end == net::HttpExchange::End::Finished, qPrintable(next.networkErrorText));
        QCOMPARE(next.response.body, QByteArray("ok"));

        const net::HttpExchange error = get(QStringLiteral("long_error"));
        QCOMPARE(error.end, net::HttpExchange::End::Finished);
        QCOMPARE(error.response.status, 404);
        QCOMPARE(error.response.body.size(), 64 * 1024); // kept up to maxErrorBody
        const net::HttpExchange after = get(QStringLiteral("keepalive"));
        m_pool.clear();
        QVERIFY2(after.end == net::HttpExchange::End::Finished, qPrintable(after.networkErrorText));
        QCOMPARE(after.response.body, QByteArray("ok"));
    }

    // A connection that takes longer than the 50 ms in which cancel is looked at (here a SYN
    // dropped by a full accept queue, retransmitted after a second) is waited for.
    void aSlowConnectionIsWaitedFor()
    {
        QCOMPARE(get(QStringLiteral("__arm_slow")).response.status, 204);
        net::HttpCall call;
        call.request = QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/keepalive").arg(m_slowPort)));
        const net::HttpExchange ex = net::exchange(call, {});
        QVERIFY2(ex.end == net::HttpExchange::End::Finished, qPrintable(ex.networkErrorText));
        QCOMPARE(ex.response.body, QByteArray("ok"));
    }

    void tls()
    {
        const QUrl tlsUrl(QStringLiteral("https://127.0.0.1:%1/keepalive").arg(m_tlsPort));
        QFile caFile(m_tlsCa);
        QVERIFY(caFile.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> ca = QSslCertificate::fromData(caFile.readAll(), QSsl::Pem);
        QCOMPARE(ca.size(), 1);
        const auto call = [&](const QByteArray& pool, bool trustCa, const QString& peerName, bool ignoreErrors) {
            net::HttpCall c;
            c.request = QNetworkRequest(tlsUrl);
            QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
            if (trustCa)
                conf.addCaCertificates(ca);
            c.request.setSslConfiguration(conf);
            if (!peerName.isEmpty())
                c.request.setPeerVerifyName(peerName);
            c.ignoreTlsErrors = ignoreErrors;
            c.connectionPool = pool;
            return net::exchange(c, {});
        };
        const QString name = QStringLiteral("tideline.test");
        // Trusted CA and the certificate's name: through, the name sent as SNI (the connection
        // is made to an address), and the connection kept for the next call.
        const int before = stats().value(u"connections").toInt();
        const net::HttpExchange good = call("tls-ca", true, name, false);
        QVERIFY2(good.end == net::HttpExchange::End::Finished, qPrintable(good.networkErrorText));
        QCOMPARE(good.response.body, QByteArray("ok"));
        QCOMPARE(call("tls-ca", true, name, false).response.body, QByteArray("ok"));
        const QJsonObject seen = stats();
        QCOMPARE(seen.value(u"sni").toString(), name);
        QCOMPARE(seen.value(u"connections").toInt(), before + 1 + 1); // one TLS, one __stats
        // An unknown CA, or the address instead of the certificate's name: refused, not retried.
        for (const auto& [trust, peer] : {std::pair{false, name}, std::pair{true, QString()}}) {
            const net::HttpExchange bad = call(trust ? "tls-ca" : "tls-default", trust, peer, false);
            QCOMPARE(bad.end, net::HttpExchange::End::TransportError);
            QCOMPARE(bad.networkError, QNetworkReply::SslHandshakeFailedError);
            QVERIFY(!net::isRetryableTransport(bad.networkError));
        }
        // Verification off, where the configuration says so: through.
        const net::HttpExchange insecure = call("tls-insecure", false, QString(), true);
        QVERIFY2(insecure.end == net::HttpExchange::End::Finished, qPrintable(insecure.networkErrorText));
        QCOMPARE(insecure.response.body, QByteArray("ok"));
        // and a verifying call does not ride on the connection it left.
        QCOMPARE(call("tls-insecure", false, QString(), false).networkError, QNetworkReply::SslHandshakeFailedError);

        // A server's close_notify, its FIN not yet sent: the connection carries no more requests,
        // not even a POST (which would not be sent again).
        net::HttpCall notify;
        notify.request = QNetworkRequest(QUrl(QStringLiteral("https://127.0.0.1:%1/notify_then_hold").arg(m_tlsPort)));
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.addCaCertificates(ca);
        notify.request.setSslConfiguration(conf);
        notify.request.setPeerVerifyName(name);
        notify.connectionPool = "tls-notify";
        QCOMPARE(net::exchange(notify, {}).response.body, QByteArray("ok"));
        QThread::msleep(800); // the alert has come by now (sent 100 ms after)
        net::HttpCall post = notify;
        post.method = "POST";
        post.request.setUrl(QUrl(QStringLiteral("https://127.0.0.1:%1/keepalive").arg(m_tlsPort)));
        const net::HttpExchange posted = net::exchange(post, {});
        QVERIFY2(posted.end == net::HttpExchange::End::Finished, qPrintable(posted.networkErrorText));
        QCOMPARE(posted.response.body, QByteArray("ok"));
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
