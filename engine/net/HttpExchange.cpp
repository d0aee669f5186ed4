// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/net/HttpExchange.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHash>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QThread>
#include <QThreadStorage>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <optional>

namespace tideline::net {

namespace {

struct HttpExchangeText {
    Q_DECLARE_TR_FUNCTIONS(HttpExchange)
};

// One QNetworkAccessManager per thread and connection pool: a QNAM must only be used on the
// thread that created it, one per worker lifts Qt 6.4's limit of 6 connections per host and
// manager, and Qt's connection cache keys on host and port only, not on the TLS configuration,
// so callers with different TLS identities must not share a manager (HttpCall::connectionPool).
struct ThreadNams {
    QHash<QByteArray, QNetworkAccessManager*> byPool;
    ~ThreadNams() { qDeleteAll(byPool); }
};

QThreadStorage<ThreadNams*>& namStorage()
{
    static QThreadStorage<ThreadNams*> storage;
    return storage;
}

void deleteMainThreadNams()
{
    // Runs inside ~QCoreApplication: the main thread's QNAMs must go before the application
    // object does, not at static destruction time when Qt Network is already torn down.
    namStorage().setLocalData(nullptr);
}

QNetworkAccessManager* threadNam(const QByteArray& pool)
{
    auto& storage = namStorage();
    if (!storage.hasLocalData() || !storage.localData()) {
        storage.setLocalData(new ThreadNams);
        if (auto* app = QCoreApplication::instance(); app && app->thread() == QThread::currentThread())
            qAddPostRoutine(deleteMainThreadNams);
    }
    QNetworkAccessManager*& nam = storage.localData()->byPool[pool];
    if (!nam) {
        nam = new QNetworkAccessManager;
        nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        nam->setAutoDeleteReplies(false);
    }
    return nam;
}

} // namespace

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpExchange exchange(const HttpCall& call, const CancelToken& cancel, const HttpHooks* hooks)
{
    HttpExchange ex;
    HttpResponse& resp = ex.response;

    QNetworkRequest nreq = call.request;
    nreq.setRawHeader("Accept-Encoding", "identity");
    nreq.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    nreq.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    nreq.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    nreq.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    nreq.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    nreq.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    QNetworkAccessManager* nam = threadNam(call.connectionPool);
    QNetworkReply* raw = nullptr;
    if (call.method == "GET")
        raw = nam->get(nreq);
    else if (call.method == "HEAD")
        raw = nam->head(nreq);
    else if (call.method == "PUT")
        raw = nam->put(nreq, call.body);
    else
        raw = nam->sendCustomRequest(nreq, call.method, call.body);
    std::unique_ptr<QNetworkReply> reply(raw);

    bool stalled = false;
    bool cancelled = false;
    std::optional<Error> abortError;
    const bool streamed = hooks && hooks->onData;

    QEventLoop loop;
    QTimer stall;
    stall.setSingleShot(true);
    // A coarse timer may fire up to 5% early: a stall is "this long without a byte", not less.
    stall.setTimerType(Qt::PreciseTimer);
    stall.setInterval(std::max(1, call.stallTimeoutMs));
    QTimer cancelPoll;
    cancelPoll.setInterval(50);

    const auto onMeta = [&] {
        if (ex.headersSeen)
            return;
        const QVariant st = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!st.isValid())
            return;
        ex.headersSeen = true;
        resp.status = st.toInt();
        resp.headers = reply->rawHeaderPairs();
        bool ok = false;
        const qint64 length = reply->rawHeader("Content-Length").toLongLong(&ok);
        resp.contentLength = ok && length >= 0 ? length : -1;
        if (hooks && hooks->onHeaders && resp.is2xx()) {
            if (auto r = hooks->onHeaders(resp); !r) {
                abortError = r.error();
                reply->abort();
            }
        }
    };
    const auto onData = [&] {
        stall.start();
        onMeta();
        if (abortError || cancelled || stalled)
            return;
        const QByteArray chunk = reply->readAll();
        if (chunk.isEmpty())
            return;
        resp.received += chunk.size();
        if (streamed && resp.is2xx()) {
            if (auto r = hooks->onData(chunk); !r) {
                abortError = r.error();
                reply->abort();
            }
        } else if (resp.is2xx() && call.maxBody > 0 && resp.body.size() + chunk.size() > call.maxBody) {
            abortError =
                Error{ErrorCode::Corrupt,
                      HttpExchangeText::tr("%1 answered more than %2 bytes").arg(reply->url().host()).arg(call.maxBody),
                      HttpExchangeText::tr("That is not what this endpoint serves: check the address."),
                      {}};
            reply->abort();
        } else if (resp.is2xx() || resp.body.size() < call.maxErrorBody) {
            resp.body.append(chunk);
        }
    };

    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, [&] {
        stall.start();
        onMeta();
    });
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, onData);
    QObject::connect(reply.get(), &QNetworkReply::uploadProgress, &loop, [&] { stall.start(); });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&stall, &QTimer::timeout, &loop, [&] {
        stalled = true;
        reply->abort();
    });
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (cancel.isCancelled()) {
            cancelled = true;
            reply->abort();
        }
    });
    if (call.ignoreTlsErrors)
        reply->ignoreSslErrors();

    stall.start();
    cancelPoll.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    stall.stop();
    cancelPoll.stop();
    onData(); // whatever arrived together with the end

    ex.networkError = reply->error();
    ex.networkErrorText = reply->errorString();
    if (cancelled)
        ex.end = HttpExchange::End::Cancelled;
    else if (abortError) {
        ex.end = HttpExchange::End::Aborted;
        ex.abortError = *abortError;
    } else if (stalled)
        ex.end = HttpExchange::End::Stalled;
    else if (isTransportError(ex.networkError) || !ex.headersSeen)
        ex.end = HttpExchange::End::TransportError;
    else
        ex.end = HttpExchange::End::Finished;
    return ex;
}

bool isTransportError(QNetworkReply::NetworkError e)
{
    const int v = int(e);
    return (v >= 1 && v <= 99) || (v >= 101 && v <= 199);
}

bool isRetryableTransport(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::OperationCanceledError: return false;
    default: return true;
    }
}

int backoffMs(int retryIndex, int baseMs, int maxMs)
{
    const qint64 ceiling = std::min<qint64>(maxMs, qint64(baseMs) << std::clamp(retryIndex, 0, 20));
    return int(QRandomGenerator::global()->bounded(std::max<qint64>(0, ceiling) + 1));
}

bool sleepUnlessCancelled(int ms, const CancelToken& cancel)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (cancel.isCancelled())
            return false;
        QThread::msleep(std::min<qint64>(20, std::max<qint64>(1, deadline.remainingTime())));
    }
    return !cancel.isCancelled();
}

} // namespace tideline::net
