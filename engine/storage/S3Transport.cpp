// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/S3Transport.h"

#include "engine/core/Redactor.h"
#include "engine/net/HttpExchange.h"
#include "engine/storage/ListObjectsParser.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QStringList>
#include <QXmlStreamReader>

namespace tideline::storage {

namespace {

constexpr qint64 kMaxAnswerBytes = 32LL * 1024 * 1024;

// The context stays "S3Store": the store and its transport speak to the user as one.
struct S3StoreText {
    Q_DECLARE_TR_FUNCTIONS(S3Store)
};

using Request = S3Transport::Request;
using Response = S3Transport::Response;
using Exchange = S3Transport::Exchange;
using Outcome = S3Transport::Outcome;

QString authHint()
{
    return S3StoreText::tr(
        "Check the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or --profile / AWS_PROFILE) and that they may "
        "read this bucket.");
}

bool isRetryableStatus(int status)
{
    // 501 Not Implemented and 505 are answers about the request itself: asking again cannot help
    // (a store without DeleteObjects answers 501 every time).
    return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
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

std::optional<S3Transport::ContentRange> parseContentRange(const QByteArray& value)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$)"));
    const auto m = re.match(QString::fromLatin1(value));
    if (!m.hasMatch())
        return std::nullopt;
    S3Transport::ContentRange r;
    r.first = m.captured(1).toLongLong();
    r.last = m.captured(2).toLongLong();
    r.total = m.captured(3) == u"*" ? -1 : m.captured(3).toLongLong();
    return r;
}

QSslConfiguration sslConfigurationFor(const S3Store::Config& cfg)
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    if (!cfg.extraCaCertificates.isEmpty())
        conf.addCaCertificates(cfg.extraCaCertificates);
    if (!cfg.verifyTls)
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    return conf;
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

} // namespace

// Functions, not constants: the text is translated when an error is made, after the catalogue
// is installed.
QString S3Transport::endpointHint()
{
    return S3StoreText::tr("Check --endpoint-url (or AWS_ENDPOINT_URL) and that the endpoint is reachable.");
}

Error S3Transport::cancelled(const QString& what)
{
    return Error{ErrorCode::Cancelled, S3StoreText::tr("%1 was cancelled").arg(what), {}, {}};
}

Error S3Transport::clean(Error e)
{
    e.message = scrub(e.message);
    e.hint = scrub(e.hint);
    e.detail = scrub(e.detail);
    return e;
}

QString S3Transport::hostForHeader() const
{
    QString host = m_config.endpoint.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    if (m_config.virtualHost)
        host = m_config.bucket + u'.' + host;
    const int port = m_config.endpoint.port();
    const int defaultPort = m_config.endpoint.scheme() == u"https" ? 443 : 80;
    // Signed and sent as given: botocore includes the port only when it is not the default.
    if (port != -1 && port != defaultPort)
        host += u':' + QString::number(port);
    return host;
}

QString S3Transport::decodedPath(const Request& rq) const
{
    QString base = m_config.endpoint.path(QUrl::FullyDecoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    if (m_config.virtualHost)
        return base + u'/' + (rq.bucketLevel ? QString() : rq.key);
    return base + u'/' + m_config.bucket + (rq.bucketLevel ? QString() : u'/' + rq.key);
}

QString S3Transport::objectName(const QString& key) const
{
    return QStringLiteral("s3://%1/%2").arg(m_config.bucket, key);
}

Error S3Transport::transportError(const Request& rq, QNetworkReply::NetworkError e, const QString& qtText) const
{
    const QString endpoint = m_config.endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePath);
    const QString detail = S3StoreText::tr("Qt network error %1: %2").arg(QString::number(int(e)), qtText);
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
        return {ErrorCode::Network, S3StoreText::tr("%1: the connection to %2 was refused").arg(rq.what, endpoint),
                endpointHint(), detail};
    case QNetworkReply::HostNotFoundError:
        return {ErrorCode::Network, S3StoreText::tr("%1: host %2 not found").arg(rq.what, hostForHeader()), endpointHint(),
                detail};
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

Error S3Transport::httpError(const Request& rq, const Response& resp) const
{
    const S3ErrorBody eb = parseErrorBody(resp.body);
    QString detail = QStringLiteral("HTTP %1").arg(resp.status);
    if (!eb.code.isEmpty())
        detail += u' ' + eb.code;
    if (!eb.message.isEmpty())
        detail += QStringLiteral(": ") + eb.message;
    const QString endpoint = m_config.endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePath);
    const QString& code = eb.code;

    if (resp.status == 404) {
        if (code == u"NoSuchBucket" || (code.isEmpty() && rq.bucketLevel))
            return {ErrorCode::MissingSource,
                    S3StoreText::tr("bucket \"%1\" does not exist at %2").arg(m_config.bucket, endpoint),
                    S3StoreText::tr("Check the bucket name and --endpoint-url (and --region)."), detail};
        return {ErrorCode::NotFound, S3StoreText::tr("%1 does not exist").arg(objectName(rq.key)),
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
                    .arg(rq.what, m_config.bucket, endpoint, m_config.region),
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

S3Transport::Exchange S3Transport::exchangeOnce(const Request& rq, const CancelToken& cancel, const StreamHooks* hooks) const
{
    Exchange ex;
    const S3Store::Config& cfg = m_config;

    SigV4Request sreq;
    sreq.method = rq.method;
    sreq.host = hostForHeader();
    sreq.path = decodedPath(rq);
    sreq.query = rq.query;
    sreq.headers = rq.headers;
    sreq.payloadHash = rq.body.isEmpty() ? SigV4::emptyPayloadHash() : SigV4::sha256Hex(rq.body);
    const SigV4Signed sig = SigV4::sign(sreq, cfg.credentials, cfg.region, QDateTime::currentSecsSinceEpoch());

    QByteArray wire = cfg.endpoint.scheme().toLatin1() + "://" + sreq.host.toUtf8() + SigV4::encodePath(sreq.path);
    if (!rq.query.isEmpty())
        wire += '?' + SigV4::encodeQuery(rq.query);
    net::HttpCall call;
    call.method = rq.method;
    call.body = rq.body;
    call.stallTimeoutMs = cfg.requestTimeoutMs;
    call.ignoreTlsErrors = !cfg.verifyTls;
    // Bodies kept whole are answers about objects (listing pages, delete results, settings), never
    // objects: a page of 1,000 keys is a few MiB at most, so an endpoint cannot make us hold more.
    if (!hooks)
        call.maxBody = kMaxAnswerBytes;
    call.request = QNetworkRequest(QUrl::fromEncoded(wire, QUrl::StrictMode));
    for (const auto& [name, value] : sig.headers)
        call.request.setRawHeader(name, value);
    for (const auto& [name, value] : rq.headers)
        call.request.setRawHeader(name, value);
    if (cfg.endpoint.scheme() == u"https") {
        call.request.setSslConfiguration(sslConfigurationFor(cfg));
        // Connections verified differently must not be shared (see HttpCall::connectionPool).
        if (!cfg.verifyTls || !cfg.extraCaCertificates.isEmpty()) {
            QCryptographicHash pool(QCryptographicHash::Sha256);
            pool.addData(cfg.verifyTls ? QByteArrayView("verify") : QByteArrayView("insecure"));
            for (const QSslCertificate& ca : cfg.extraCaCertificates)
                pool.addData(ca.toDer());
            call.connectionPool = "s3:" + pool.result().toHex();
        }
    }

    const auto s3Response = [](const net::HttpResponse& r) {
        Response out;
        out.status = r.status;
        out.body = r.body;
        out.contentLength = r.contentLength;
        out.contentRange = parseContentRange(r.header("Content-Range"));
        out.etag = unquotedEtag(QString::fromLatin1(r.header("ETag")));
        out.lastModifiedUsec = parseHttpDateUsec(r.header("Last-Modified"));
        out.bucketRegion = r.header("x-amz-bucket-region");
        out.received = r.received;
        return out;
    };
    net::HttpHooks netHooks;
    if (hooks && hooks->onHeaders)
        netHooks.onHeaders = [&](const net::HttpResponse& r) { return hooks->onHeaders(s3Response(r)); };
    if (hooks && hooks->onData)
        netHooks.onData = hooks->onData;

    const net::HttpExchange http = net::exchange(call, cancel, hooks ? &netHooks : nullptr);
    ex.response = s3Response(http.response);
    const Response& resp = ex.response;
    const bool body2xx = http.headersSeen && http.response.is2xx();

    switch (http.end) {
    case net::HttpExchange::End::Cancelled: ex.error = cancelled(rq.what); return ex;
    case net::HttpExchange::End::Aborted: ex.error = http.abortError; return ex;
    case net::HttpExchange::End::Stalled:
        ex.outcome = Outcome::Retry;
        ex.error = {ErrorCode::Network,
                    S3StoreText::tr("%1: no data from %2 for %3 ms")
                        .arg(rq.what, cfg.endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePath),
                             QString::number(cfg.requestTimeoutMs)),
                    endpointHint(), S3StoreText::tr("stalled after %1 bytes").arg(resp.received)};
        ex.truncated = body2xx;
        return ex;
    case net::HttpExchange::End::TransportError:
        ex.error = transportError(rq, http.networkError, http.networkErrorText);
        if (!net::isTransportError(http.networkError)) {
            ex.outcome = Outcome::Retry; // ended without a status line and without an error
        } else if (body2xx && rq.method != "HEAD") {
            // The body was cut: resumable by Range, always worth another attempt.
            ex.outcome = Outcome::Retry;
            ex.truncated = true;
            ex.error.detail =
                S3StoreText::tr("%1 (body cut after %2 bytes)").arg(ex.error.detail, QString::number(resp.received));
        } else {
            ex.outcome = net::isRetryableTransport(http.networkError) ? Outcome::Retry : Outcome::Fail;
        }
        return ex;
    case net::HttpExchange::End::Finished: break;
    }
    if (body2xx) {
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
    ex.error = httpError(rq, resp);
    ex.outcome = isRetryableStatus(resp.status) ? Outcome::Retry : Outcome::Fail;
    if (ex.outcome == Outcome::Retry)
        ex.error.code = ErrorCode::Network;
    return ex;
}

// "." and ".." path segments are resolved by URL code on the way (RFC 3986 5.2.4: proxies, load
// balancers, QUrl when asked to normalise; and QUrl decodes %2E), so such a key could be served as
// another key or fail its signature. S3 allows them; barman never writes them. Refuse them clearly.
Result<void> S3Transport::checkKey(const QString& key) const
{
    if (key.isEmpty())
        return fail(ErrorCode::Usage, S3StoreText::tr("an empty key was asked from s3://%1").arg(m_config.bucket));
    const QStringList segments = key.split(u'/');
    if (segments.contains(QStringLiteral(".")) || segments.contains(QStringLiteral("..")))
        return fail(ErrorCode::Usage,
                    S3StoreText::tr("the key \"%1\" has \".\" or \"..\" segments, which Tideline cannot address").arg(key),
                    S3StoreText::tr("Rename the object without \".\" or \"..\" path segments."));
    return {};
}

Error S3Transport::exhausted(const Request& rq, const Exchange& last, int attempts) const
{
    Error e = last.error;
    // A body that keeps arriving short is unreadable data, anything else is the network.
    e.code = last.truncated && last.error.code == ErrorCode::Corrupt ? ErrorCode::Corrupt : ErrorCode::Network;
    e.message = S3StoreText::tr("%1 failed after %n attempts: %2", nullptr, attempts).arg(rq.what, last.error.message);
    if (e.hint.isEmpty())
        e.hint = endpointHint();
    return clean(std::move(e));
}

Result<S3Transport::Response> S3Transport::execute(const Request& rq, const CancelToken& cancel) const
{
    const int maxAttempts = std::max(1, m_config.maxAttempts);
    for (int attemptNo = 1;; ++attemptNo) {
        if (cancel.isCancelled())
            return fail(cancelled(rq.what));
        Exchange ex = exchangeOnce(rq, cancel, nullptr);
        if (ex.outcome == Outcome::Done)
            return std::move(ex.response);
        if (ex.outcome == Outcome::Fail)
            return fail(clean(std::move(ex.error)));
        if (attemptNo >= maxAttempts)
            return fail(exhausted(rq, ex, attemptNo));
        if (!net::sleepUnlessCancelled(net::backoffMs(attemptNo - 1, m_config.backoffBaseMs, m_config.backoffMaxMs), cancel))
            return fail(cancelled(rq.what));
    }
}

} // namespace tideline::storage
