// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/S3Store.h"

#include "engine/core/Redactor.h"
#include "engine/core/Timestamp.h"
#include "engine/storage/ListObjectsParser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QThread>
#include <QThreadStorage>
#include <QTimer>
#include <QXmlStreamReader>

#include <algorithm>
#include <cstring>
#include <optional>

namespace tideline::storage {

namespace {

struct S3StoreText {
    Q_DECLARE_TR_FUNCTIONS(S3Store)
};

// Functions, not constants: the text is translated when an error is made, after the catalogue
// is installed.
QString endpointHint()
{
    return S3StoreText::tr("Check --endpoint-url (or AWS_ENDPOINT_URL) and that the endpoint is reachable.");
}

QString authHint()
{
    return S3StoreText::tr(
        "Check the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or --profile / AWS_PROFILE) and that they may "
        "read this bucket.");
}

// One QNetworkAccessManager per thread: a QNAM must only be used on the thread that created it,
// and one per worker also lifts Qt 6.4's limit of 6 connections per host and manager.
QThreadStorage<QNetworkAccessManager*>& namStorage()
{
    static QThreadStorage<QNetworkAccessManager*> storage;
    return storage;
}

void deleteMainThreadNam()
{
    // Runs inside ~QCoreApplication: the main thread's QNAM must go before the application
    // object does, not at static destruction time when Qt Network is already torn down.
    namStorage().setLocalData(nullptr);
}

QNetworkAccessManager* threadNam()
{
    auto& storage = namStorage();
    if (!storage.hasLocalData() || !storage.localData()) {
        auto* nam = new QNetworkAccessManager;
        nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        nam->setAutoDeleteReplies(false);
        storage.setLocalData(nam);
        if (auto* app = QCoreApplication::instance(); app && app->thread() == QThread::currentThread())
            qAddPostRoutine(deleteMainThreadNam);
    }
    return storage.localData();
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

bool isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status >= 500;
}

struct S3ErrorBody {
    QString code;
    QString message;
};

// Namespace-blind: AWS answers in its 2006-03-01 namespace, s3rver and others in their own or none.
S3ErrorBody parseErrorBody(const QByteArray& xml)
{
    S3ErrorBody out;
    if (xml.isEmpty())
        return out;
    QXmlStreamReader reader(xml);
    int depth = 0;
    QString name;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            name = reader.name().toString();
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
            name.clear();
        } else if (token == QXmlStreamReader::Characters && depth == 2) {
            if (name == u"Code")
                out.code += reader.text();
            else if (name == u"Message")
                out.message += reader.text();
        }
    }
    out.code = out.code.trimmed().left(100);
    out.message = out.message.simplified().left(300);
    return out;
}

// RFC 7231 IMF-fixdate ("Wed, 12 Oct 2009 17:50:00 GMT"), always English and GMT.
qint64 parseHttpDateUsec(const QByteArray& value)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*\w{3},\s+(\d{1,2})\s+(\w{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT\s*$)"));
    static const QStringList months = {u"Jan"_qs, u"Feb"_qs, u"Mar"_qs, u"Apr"_qs, u"May"_qs, u"Jun"_qs,
                                       u"Jul"_qs, u"Aug"_qs, u"Sep"_qs, u"Oct"_qs, u"Nov"_qs, u"Dec"_qs};
    const auto m = re.match(QString::fromLatin1(value));
    if (!m.hasMatch())
        return 0;
    const int month = int(months.indexOf(m.captured(2))) + 1;
    const QDateTime dt(QDate(m.captured(3).toInt(), month, m.captured(1).toInt()),
                       QTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt()), Qt::UTC);
    return dt.isValid() ? dt.toMSecsSinceEpoch() * 1000 : 0;
}

struct ContentRange {
    qint64 first = -1;
    qint64 last = -1;
    qint64 total = -1;
};

std::optional<ContentRange> parseContentRange(const QByteArray& value)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$)"));
    const auto m = re.match(QString::fromLatin1(value));
    if (!m.hasMatch())
        return std::nullopt;
    ContentRange r;
    r.first = m.captured(1).toLongLong();
    r.last = m.captured(2).toLongLong();
    r.total = m.captured(3) == u"*" ? -1 : m.captured(3).toLongLong();
    return r;
}

// Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^n)].
int backoffMs(int retryIndex, int baseMs, int maxMs)
{
    const qint64 ceiling = std::min<qint64>(maxMs, qint64(baseMs) << std::min(retryIndex, 20));
    return int(QRandomGenerator::global()->bounded(ceiling + 1));
}

// Sleeps in small steps so a cancel is honoured promptly.
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

Error cancelledError(const QString& what)
{
    return Error{ErrorCode::Cancelled, S3StoreText::tr("%1 was cancelled").arg(what), {}, {}};
}

// Servers may echo the request back (SignatureDoesNotMatch bodies do); an Authorization value
// never leaves this file, whatever the Redactor knows.
QString scrub(QString text)
{
    static const QRegularExpression authorization(
        QStringLiteral(R"(AWS4-HMAC-SHA256\s+Credential=[^\s,]*(,\s*SignedHeaders=[^\s,]*)?(,\s*Signature=[^\s,)]*)?)"));
    text.replace(authorization, S3StoreText::tr("[authorization removed]"));
    return Redactor::redact(std::move(text));
}

Error clean(Error e)
{
    e.message = scrub(e.message);
    e.hint = scrub(e.hint);
    e.detail = scrub(e.detail);
    return e;
}

} // namespace

namespace {

using Config = S3Store::Config;

struct Request {
    QByteArray method = "GET";
    QString key; ///< decoded key; unused with bucketLevel
    bool bucketLevel = false;
    QList<std::pair<QString, QString>> query;
    QList<std::pair<QByteArray, QByteArray>> headers; ///< signed and sent
    QByteArray body;
    QString what; ///< "GET s3://bucket/key", for messages
};

struct Response {
    int status = 0;
    QByteArray body; ///< error bodies always (capped); 2xx bodies unless streamed
    qint64 contentLength = -1;
    std::optional<ContentRange> contentRange;
    QString etag;
    qint64 lastModifiedUsec = 0;
    QByteArray bucketRegion;
    qint64 received = 0;
};

/// Hooks for streaming a 2xx body; either may return an error to abort the exchange (no retry).
struct StreamHooks {
    std::function<Result<void>(const Response&)> onHeaders;
    std::function<Result<void>(QByteArrayView)> onData;
};

enum class Outcome { Done, Retry, Fail };

struct Exchange {
    Outcome outcome = Outcome::Fail;
    Error error; ///< Fail: the error; Retry: why, reported once the attempts run out
    bool truncated = false;
    Response response;
};

constexpr qint64 kMaxErrorBody = 64 * 1024;

QString hostForHeader(const Config& cfg)
{
    QString host = cfg.endpoint.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    if (cfg.virtualHost)
        host = cfg.bucket + u'.' + host;
    const int port = cfg.endpoint.port();
    const int defaultPort = cfg.endpoint.scheme() == u"https" ? 443 : 80;
    // Signed and sent as given: botocore includes the port only when it is not the default.
    if (port != -1 && port != defaultPort)
        host += u':' + QString::number(port);
    return host;
}

QString decodedPath(const Config& cfg, const Request& rq)
{
    QString base = cfg.endpoint.path(QUrl::FullyDecoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    if (cfg.virtualHost)
        return base + u'/' + (rq.bucketLevel ? QString() : rq.key);
    return base + u'/' + cfg.bucket + (rq.bucketLevel ? QString() : u'/' + rq.key);
}

QString objectName(const Config& cfg, const QString& key)
{
    return QStringLiteral("s3://%1/%2").arg(cfg.bucket, key);
}

Error transportError(const Config& cfg, const Request& rq, QNetworkReply::NetworkError e, const QString& qtText)
{
    const QString endpoint = cfg.endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePath);
    const QString detail = S3StoreText::tr("Qt network error %1: %2").arg(QString::number(int(e)), qtText);
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
        return {ErrorCode::Network, S3StoreText::tr("%1: the connection to %2 was refused").arg(rq.what, endpoint),
                endpointHint(), detail};
    case QNetworkReply::HostNotFoundError:
        return {ErrorCode::Network, S3StoreText::tr("%1: host %2 not found").arg(rq.what, hostForHeader(cfg)),
                endpointHint(), detail};
    case QNetworkReply::SslHandshakeFailedError:
        return {ErrorCode::Network, S3StoreText::tr("%1: the TLS handshake with %2 failed").arg(rq.what, endpoint),
                S3StoreText::tr("Check --endpoint-url and the endpoint's certificate; for a private CA pass its PEM "
                                "bundle in AWS_CA_BUNDLE."),
                detail};
    default:
        return {ErrorCode::Network, S3StoreText::tr("%1: network failure talking to %2").arg(rq.what, endpoint),
                endpointHint(), detail};
    }
}

Error httpError(const Config& cfg, const Request& rq, const Response& resp)
{
    const S3ErrorBody eb = parseErrorBody(resp.body);
    QString detail = QStringLiteral("HTTP %1").arg(resp.status);
    if (!eb.code.isEmpty())
        detail += u' ' + eb.code;
    if (!eb.message.isEmpty())
        detail += QStringLiteral(": ") + eb.message;
    const QString endpoint = cfg.endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePath);
    const QString& code = eb.code;

    if (resp.status == 404) {
        if (code == u"NoSuchBucket" || (code.isEmpty() && rq.bucketLevel))
            return {ErrorCode::MissingSource, S3StoreText::tr("bucket \"%1\" does not exist at %2").arg(cfg.bucket, endpoint),
                    S3StoreText::tr("Check the bucket name and --endpoint-url (and --region)."), detail};
        return {ErrorCode::NotFound, S3StoreText::tr("%1 does not exist").arg(objectName(cfg, rq.key)),
                S3StoreText::tr("Check the key; list its prefix to see what is there."), detail};
    }
    if (resp.status == 401 || resp.status == 403) {
        if (code == u"SignatureDoesNotMatch")
            return {ErrorCode::Auth, S3StoreText::tr("%1: %2 rejected the request signature").arg(rq.what, endpoint),
                    S3StoreText::tr("Check the secret access key for this access key id (environment or --profile)."), detail};
        if (code == u"InvalidAccessKeyId")
            return {ErrorCode::Auth, S3StoreText::tr("%1: %2 does not know the access key id").arg(rq.what, endpoint),
                    authHint(), detail};
        if (code == u"ExpiredToken" || code == u"TokenRefreshRequired")
            return {ErrorCode::Auth, S3StoreText::tr("%1: the session token has expired").arg(rq.what),
                    S3StoreText::tr("Refresh the temporary credentials (AWS_SESSION_TOKEN or the profile)."), detail};
        if (code == u"RequestTimeTooSkewed")
            return {ErrorCode::Auth, S3StoreText::tr("%1: the system clock differs too much from %2").arg(rq.what, endpoint),
                    S3StoreText::tr("Fix the system clock (NTP): signatures are only valid for 15 minutes."), detail};
        return {ErrorCode::Auth, S3StoreText::tr("%1: access denied by %2").arg(rq.what, endpoint), authHint(), detail};
    }
    if (resp.status == 301 || resp.status == 307 || code == u"AuthorizationHeaderMalformed" || code == u"PermanentRedirect") {
        const QString region = QString::fromLatin1(resp.bucketRegion);
        return {ErrorCode::Usage,
                S3StoreText::tr("%1: bucket \"%2\" is not served at %3 with region %4")
                    .arg(rq.what, cfg.bucket, endpoint, cfg.region),
                region.isEmpty() ? S3StoreText::tr("Check --region (R2 uses \"auto\") and --endpoint-url.")
                                 : S3StoreText::tr("Use --region %1.").arg(region),
                detail};
    }
    if (resp.status == 416)
        return {ErrorCode::Refused, S3StoreText::tr("%1: the requested range is beyond the end of the object").arg(rq.what),
                S3StoreText::tr("Check the object's size (head) before reading a range."), detail};
    return {ErrorCode::Refused, S3StoreText::tr("%1 was refused by %2").arg(rq.what, endpoint),
            S3StoreText::tr("The endpoint may not support this request; see the detail."), detail};
}

QSslConfiguration sslConfigurationFor(const Config& cfg)
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    if (!cfg.extraCaCertificates.isEmpty())
        conf.addCaCertificates(cfg.extraCaCertificates);
    if (!cfg.verifyTls)
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    return conf;
}

// One HTTP exchange, driven by a local event loop on the calling thread.
Exchange exchangeOnce(const Config& cfg, const Request& rq, const CancelToken& cancel, const StreamHooks* hooks)
{
    Exchange ex;
    Response& resp = ex.response;

    SigV4Request sreq;
    sreq.method = rq.method;
    sreq.host = hostForHeader(cfg);
    sreq.path = decodedPath(cfg, rq);
    sreq.query = rq.query;
    sreq.headers = rq.headers;
    sreq.payloadHash = rq.body.isEmpty() ? SigV4::emptyPayloadHash() : SigV4::sha256Hex(rq.body);
    const SigV4Signed sig = SigV4::sign(sreq, cfg.credentials, cfg.region, QDateTime::currentSecsSinceEpoch());

    QByteArray wire = cfg.endpoint.scheme().toLatin1() + "://" + sreq.host.toUtf8() + SigV4::encodePath(sreq.path);
    if (!rq.query.isEmpty())
        wire += '?' + SigV4::encodeQuery(rq.query);
    QNetworkRequest nreq(QUrl::fromEncoded(wire, QUrl::StrictMode));
    for (const auto& [name, value] : sig.headers)
        nreq.setRawHeader(name, value);
    for (const auto& [name, value] : rq.headers)
        nreq.setRawHeader(name, value);
    // identity: Qt would otherwise ask for gzip and inflate transparently, breaking Content-Length
    // checks and byte offsets for Range resume.
    nreq.setRawHeader("Accept-Encoding", "identity");
    nreq.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    nreq.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    nreq.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    nreq.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    nreq.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    nreq.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (cfg.endpoint.scheme() == u"https")
        nreq.setSslConfiguration(sslConfigurationFor(cfg));

    QNetworkAccessManager* nam = threadNam();
    QNetworkReply* raw = nullptr;
    if (rq.method == "GET")
        raw = nam->get(nreq);
    else if (rq.method == "HEAD")
        raw = nam->head(nreq);
    else if (rq.method == "PUT")
        raw = nam->put(nreq, rq.body);
    else
        raw = nam->sendCustomRequest(nreq, rq.method, rq.body);
    std::unique_ptr<QNetworkReply> reply(raw);

    bool headersSeen = false;
    bool stalled = false;
    bool cancelled = false;
    std::optional<Error> abortError;
    const bool streamed = hooks && hooks->onData;
    const auto is2xx = [&] { return resp.status >= 200 && resp.status < 300; };

    QEventLoop loop;
    QTimer stall;
    stall.setSingleShot(true);
    // A coarse timer may fire up to 5% early: a stall is "this long without a byte", not less.
    stall.setTimerType(Qt::PreciseTimer);
    stall.setInterval(std::max(1, cfg.requestTimeoutMs));
    QTimer cancelPoll;
    cancelPoll.setInterval(50);

    const auto onMeta = [&] {
        if (headersSeen)
            return;
        const QVariant st = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!st.isValid())
            return;
        headersSeen = true;
        resp.status = st.toInt();
        bool ok = false;
        const qint64 length = reply->rawHeader("Content-Length").toLongLong(&ok);
        resp.contentLength = ok ? length : -1;
        resp.contentRange = parseContentRange(reply->rawHeader("Content-Range"));
        resp.etag = unquotedEtag(QString::fromLatin1(reply->rawHeader("ETag")));
        resp.lastModifiedUsec = parseHttpDateUsec(reply->rawHeader("Last-Modified"));
        resp.bucketRegion = reply->rawHeader("x-amz-bucket-region");
        if (hooks && hooks->onHeaders && is2xx()) {
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
        if (streamed && is2xx()) {
            if (auto r = hooks->onData(chunk); !r) {
                abortError = r.error();
                reply->abort();
            }
        } else if (resp.body.size() < kMaxErrorBody || is2xx()) {
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
    if (!cfg.verifyTls)
        reply->ignoreSslErrors();

    stall.start();
    cancelPoll.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    stall.stop();
    cancelPoll.stop();
    onData(); // whatever arrived together with the end

    const QNetworkReply::NetworkError err = reply->error();
    if (cancelled) {
        ex.error = cancelledError(rq.what);
        return ex;
    }
    if (abortError) {
        ex.error = *abortError;
        return ex;
    }
    if (stalled) {
        ex.outcome = Outcome::Retry;
        ex.error = {ErrorCode::Network,
                    S3StoreText::tr("%1: no data from %2 for %3 ms")
                        .arg(rq.what, cfg.endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePath),
                             QString::number(cfg.requestTimeoutMs)),
                    endpointHint(), S3StoreText::tr("stalled after %1 bytes").arg(resp.received)};
        ex.truncated = headersSeen && is2xx();
        return ex;
    }
    if (isTransportError(err)) {
        ex.error = transportError(cfg, rq, err, reply->errorString());
        if (headersSeen && is2xx() && rq.method != "HEAD") {
            // The body was cut: resumable by Range, always worth another attempt.
            ex.outcome = Outcome::Retry;
            ex.truncated = true;
            ex.error.detail =
                S3StoreText::tr("%1 (body cut after %2 bytes)").arg(ex.error.detail, QString::number(resp.received));
        } else {
            ex.outcome = isRetryableTransport(err) ? Outcome::Retry : Outcome::Fail;
        }
        return ex;
    }
    if (!headersSeen) {
        ex.outcome = Outcome::Retry;
        ex.error = transportError(cfg, rq, err, reply->errorString());
        return ex;
    }
    if (is2xx()) {
        if (rq.method != "HEAD" && resp.contentLength >= 0 && resp.received < resp.contentLength) {
            ex.outcome = Outcome::Retry;
            ex.truncated = true;
            ex.error = {ErrorCode::Corrupt,
                        S3StoreText::tr("%1: the body ended after %2 of %3 bytes")
                            .arg(rq.what, QString::number(resp.received), QString::number(resp.contentLength)),
                        endpointHint(),
                        {}};
            return ex;
        }
        ex.outcome = Outcome::Done;
        return ex;
    }
    ex.error = httpError(cfg, rq, resp);
    ex.outcome = isRetryableStatus(resp.status) ? Outcome::Retry : Outcome::Fail;
    if (ex.outcome == Outcome::Retry)
        ex.error.code = ErrorCode::Network;
    return ex;
}

// Qt Network resolves "." and ".." path segments before sending (QHttpNetworkRequest::uri uses
// QUrl::NormalizePathSegments, and QUrl decodes %2E), so such a key would be sent as another key
// and fail its signature. S3 allows them; barman never writes them. Refuse them clearly.
Result<void> checkKey(const Config& cfg, const QString& key)
{
    if (key.isEmpty())
        return fail(ErrorCode::Usage, S3StoreText::tr("an empty key was asked from s3://%1").arg(cfg.bucket));
    const QStringList segments = key.split(u'/');
    if (segments.contains(QStringLiteral(".")) || segments.contains(QStringLiteral("..")))
        return fail(ErrorCode::Usage,
                    S3StoreText::tr("the key \"%1\" has \".\" or \"..\" segments, which Tideline cannot address").arg(key),
                    S3StoreText::tr("Rename the object without \".\" or \"..\" path segments."));
    return {};
}

Error exhausted(const Request& rq, const Exchange& last, int attempts)
{
    Error e = last.error;
    // A body that keeps arriving short is unreadable data, anything else is the network.
    e.code = last.truncated && last.error.code == ErrorCode::Corrupt ? ErrorCode::Corrupt : ErrorCode::Network;
    e.message = S3StoreText::tr("%1 failed after %n attempts: %2", nullptr, attempts).arg(rq.what, last.error.message);
    if (e.hint.isEmpty())
        e.hint = endpointHint();
    return clean(std::move(e));
}

Result<Response> execute(const Config& cfg, const Request& rq, const CancelToken& cancel)
{
    const int maxAttempts = std::max(1, cfg.maxAttempts);
    for (int attemptNo = 1;; ++attemptNo) {
        if (cancel.isCancelled())
            return fail(cancelledError(rq.what));
        Exchange ex = exchangeOnce(cfg, rq, cancel, nullptr);
        if (ex.outcome == Outcome::Done)
            return std::move(ex.response);
        if (ex.outcome == Outcome::Fail)
            return fail(clean(std::move(ex.error)));
        if (attemptNo >= maxAttempts)
            return fail(exhausted(rq, ex, attemptNo));
        if (!sleepUnlessCancelled(backoffMs(attemptNo - 1, cfg.backoffBaseMs, cfg.backoffMaxMs), cancel))
            return fail(cancelledError(rq.what));
    }
}

} // namespace

S3Store::S3Store(Config config) : m_config(std::move(config))
{
    Redactor::addSecret(m_config.credentials.accessKeyId);
    Redactor::addSecret(m_config.credentials.secretAccessKey);
    Redactor::addSecret(m_config.credentials.sessionToken);
}

S3Store::~S3Store() = default;

QString S3Store::describe() const
{
    return QStringLiteral("s3://%1 (%2)").arg(m_config.bucket, m_config.endpoint.toString(QUrl::RemoveUserInfo));
}

bool S3Store::autoVirtualHost(const QUrl& endpoint, const QString& bucket)
{
    static const QRegularExpression dnsSafe(QStringLiteral("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"));
    const QString host = endpoint.host().toLower();
    const bool aws = host == u"amazonaws.com" || host.endsWith(u".amazonaws.com");
    return aws && dnsSafe.match(bucket).hasMatch();
}

Result<Listing> S3Store::list(const QString& prefix, const QString& delimiter, const CancelToken& cancel)
{
    Listing out;
    QString token;
    QString startAfter;
    for (;;) {
        Request rq;
        rq.bucketLevel = true;
        rq.what = S3StoreText::tr("listing s3://%1/%2").arg(m_config.bucket, prefix);
        rq.query = {{QStringLiteral("list-type"), QStringLiteral("2")}, {QStringLiteral("max-keys"), QStringLiteral("1000")}};
        if (!prefix.isEmpty())
            rq.query.append({QStringLiteral("prefix"), prefix});
        if (!delimiter.isEmpty())
            rq.query.append({QStringLiteral("delimiter"), delimiter});
        if (!token.isEmpty())
            rq.query.append({QStringLiteral("continuation-token"), token});
        else if (!startAfter.isEmpty())
            rq.query.append({QStringLiteral("start-after"), startAfter});

        auto resp = execute(m_config, rq, cancel);
        if (!resp)
            return fail(resp.error());
        ++out.requests;
        auto page = parseListObjectsPage(resp->body);
        if (!page)
            return fail(page.error());
        out.objects.append(page->objects);
        out.prefixes.append(page->prefixes);
        if (!page->truncated)
            break;
        if (!page->nextToken.isEmpty()) {
            if (page->nextToken == token)
                return fail(ErrorCode::Corrupt,
                            S3StoreText::tr("%1: the endpoint repeated its continuation token").arg(rq.what),
                            S3StoreText::tr("The endpoint's listing does not advance; report it to its operator."));
            token = page->nextToken;
            continue;
        }
        // Truncated without a token (old or partial implementations): continue after the last
        // name this page returned, which S3 defines for start-after.
        QString last = page->objects.isEmpty() ? QString() : page->objects.constLast().key;
        if (!page->prefixes.isEmpty() && page->prefixes.constLast() > last)
            last = page->prefixes.constLast();
        if (last.isEmpty() || last == startAfter)
            return fail(ErrorCode::Corrupt,
                        S3StoreText::tr("%1: a truncated listing page gave no way to continue").arg(rq.what),
                        S3StoreText::tr("The endpoint's listing does not advance; report it to its operator."));
        startAfter = last;
        token.clear();
    }
    return out;
}

Result<ObjectInfo> S3Store::read(const QString& key, const ChunkSink& sink, const CancelToken& cancel, ByteRange range)
{
    const QString what = QStringLiteral("GET %1").arg(objectName(m_config, key));
    if (auto ok = checkKey(m_config, key); !ok)
        return fail(ok.error());
    if (range.offset < 0)
        return fail(ErrorCode::Usage, S3StoreText::tr("%1: negative range offset").arg(what));
    if (range.length == 0) {
        auto info = head(key, cancel);
        return info;
    }

    ObjectInfo info;
    info.key = key;
    info.size = -1;
    qint64 delivered = 0;
    qint64 expected = -1; // bytes the sink must receive in all; -1 until a response says
    QString firstEtag;
    const int maxAttempts = std::max(1, m_config.maxAttempts);
    int fruitless = 0;  // attempts that delivered nothing
    int retryIndex = 0; // backoff exponent, restarted whenever an attempt makes progress
    int attempts = 0;

    for (;;) {
        if (cancel.isCancelled())
            return fail(cancelledError(what));
        ++attempts;
        const qint64 position = range.offset + delivered;
        Request rq;
        rq.key = key;
        rq.what = what;
        if (position > 0 || range.length > 0) {
            QByteArray value = "bytes=" + QByteArray::number(position) + '-';
            if (range.length > 0)
                value += QByteArray::number(range.offset + range.length - 1);
            rq.headers.append(std::pair<QByteArray, QByteArray>("Range", value));
        }

        qint64 skip = 0;
        qint64 progress = 0;
        StreamHooks hooks;
        hooks.onHeaders = [&](const Response& r) -> Result<void> {
            qint64 total = -1;
            if (r.status == 206) {
                if (!r.contentRange || r.contentRange->first != position)
                    return fail(ErrorCode::Corrupt,
                                S3StoreText::tr("%1: the endpoint answered another range than asked").arg(what),
                                S3StoreText::tr("The endpoint's Range support looks broken; report it to its operator."),
                                S3StoreText::tr("asked from byte %1").arg(position));
                total = r.contentRange->total;
            } else {
                // A 200 to a ranged request: the server sent everything; drop what we already have.
                total = r.contentLength;
                skip = position;
            }
            if (!firstEtag.isEmpty() && !r.etag.isEmpty() && r.etag != firstEtag)
                return fail(ErrorCode::Corrupt, S3StoreText::tr("%1: the object changed while it was being read").arg(what),
                            S3StoreText::tr("Retry once the writer is done."));
            if (info.size >= 0 && total >= 0 && total != info.size)
                return fail(ErrorCode::Corrupt,
                            S3StoreText::tr("%1: the object's size changed while it was being read").arg(what),
                            S3StoreText::tr("Retry once the writer is done."));
            if (firstEtag.isEmpty())
                firstEtag = r.etag;
            info.etag = r.etag;
            info.lastModifiedUsec = r.lastModifiedUsec;
            if (total >= 0) {
                info.size = total;
                const qint64 rest = std::max<qint64>(0, total - range.offset);
                expected = range.length > 0 ? std::min(range.length, rest) : rest;
            }
            return {};
        };
        hooks.onData = [&](QByteArrayView chunk) -> Result<void> {
            if (skip > 0) {
                const qint64 n = std::min<qint64>(skip, chunk.size());
                chunk = chunk.sliced(n);
                skip -= n;
            }
            if (range.length > 0) {
                const qint64 room = range.length - delivered;
                if (chunk.size() > room)
                    chunk = chunk.first(std::max<qint64>(0, room));
            }
            if (chunk.isEmpty())
                return {};
            if (auto r = sink(chunk); !r)
                return r;
            delivered += chunk.size();
            progress += chunk.size();
            return {};
        };

        Exchange ex = exchangeOnce(m_config, rq, cancel, &hooks);
        if (ex.outcome == Outcome::Fail)
            return fail(clean(std::move(ex.error)));
        if (ex.outcome == Outcome::Done) {
            if (expected < 0)
                expected = delivered; // no length announced: the server's end is the end
            if (info.size < 0)
                info.size = range.offset + delivered;
            if (delivered == expected)
                return info;
            ex.outcome = Outcome::Retry;
            ex.truncated = true;
            ex.error = {ErrorCode::Corrupt,
                        S3StoreText::tr("%1: got %2 of %3 bytes").arg(what, QString::number(delivered), QString::number(expected)),
                        endpointHint(),
                        {}};
        }
        if (progress > 0) {
            retryIndex = 0;
        } else {
            ++fruitless;
        }
        // Progress resets the backoff but not the overall cap, so a trickling server cannot
        // keep a read alive forever.
        if (fruitless >= maxAttempts || attempts >= maxAttempts * 20)
            return fail(exhausted(rq, ex, attempts));
        if (!sleepUnlessCancelled(backoffMs(retryIndex++, m_config.backoffBaseMs, m_config.backoffMaxMs), cancel))
            return fail(cancelledError(what));
    }
}

Result<ObjectInfo> S3Store::head(const QString& key, const CancelToken& cancel)
{
    if (auto ok = checkKey(m_config, key); !ok)
        return fail(ok.error());
    Request rq;
    rq.method = "HEAD";
    rq.key = key;
    rq.what = QStringLiteral("HEAD %1").arg(objectName(m_config, key));
    auto resp = execute(m_config, rq, cancel);
    if (!resp)
        return fail(resp.error());
    ObjectInfo info;
    info.key = key;
    info.size = std::max<qint64>(0, resp->contentLength);
    info.etag = resp->etag;
    info.lastModifiedUsec = resp->lastModifiedUsec;
    return info;
}

Result<void> S3Store::put(const QString& key, const QByteArray& data, const CancelToken& cancel)
{
    if (auto ok = checkKey(m_config, key); !ok)
        return fail(ok.error());
    Request rq;
    rq.method = "PUT";
    rq.key = key;
    rq.body = data;
    rq.headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/octet-stream"));
    rq.what = QStringLiteral("PUT %1").arg(objectName(m_config, key));
    auto resp = execute(m_config, rq, cancel);
    if (!resp)
        return fail(resp.error());
    return {};
}

} // namespace tideline::storage
