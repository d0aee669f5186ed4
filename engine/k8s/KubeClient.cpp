// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/KubeClient.h"

#include "engine/core/Redactor.h"
#include "engine/core/Timestamp.h"
#include "engine/net/HttpExchange.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

namespace tideline::k8s {

namespace {

struct KubeText {
    Q_DECLARE_TR_FUNCTIONS(KubeClient)
};

constexpr int kMaxAttempts = 4;
constexpr int kMaxPages = 100'000; // 500 items a page: 50 million objects
constexpr int kMaxRetryAfterSeconds = 10;
constexpr qint64 kMaxPemBytes = 1024 * 1024;
constexpr qint64 kMaxWatchLine = 32 * 1024 * 1024;
constexpr int kExecTimeoutMs = 60'000;

/// The parts of an API path that messages and hints need.
struct ApiPath {
    QString group; ///< "" for the core group
    QString nameSpace;
    QString resource;
    QString name;
    QString subresource;
};

ApiPath parseApiPath(const QString& path)
{
    ApiPath p;
    QStringList s = path.split(u'/', Qt::SkipEmptyParts);
    if (!s.isEmpty() && s.front() == u"api")
        s = s.mid(2);
    else if (!s.isEmpty() && s.front() == u"apis") {
        p.group = s.value(1);
        s = s.mid(3);
    }
    if (s.size() >= 2 && s.front() == u"namespaces" && s.size() != 2) {
        p.nameSpace = s.value(1);
        s = s.mid(2);
    }
    p.resource = s.value(0);
    p.name = s.value(1);
    p.subresource = s.value(2);
    return p;
}

QString verbFor(const ApiPath& p, const QUrlQuery& query)
{
    if (query.hasQueryItem(QStringLiteral("watch")))
        return QStringLiteral("watch");
    return p.name.isEmpty() ? QStringLiteral("list") : QStringLiteral("get");
}

bool isLoopbackHost(const QString& host)
{
    if (host == u"localhost")
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Result<QByteArray> readPem(const QString& path, const QString& what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Usage, KubeText::tr("cannot read the %1 file %2: %3").arg(what, path, f.errorString()),
                    KubeText::tr("Check the path in the kubeconfig (relative paths are read from the file's folder)."));
    // size() is 0 for /dev/zero or a FIFO: read at most one byte more than allowed instead.
    QByteArray data = f.read(kMaxPemBytes + 1);
    if (data.size() > kMaxPemBytes)
        return fail(ErrorCode::Usage, KubeText::tr("the %1 file %2 is too large for a PEM file").arg(what, path));
    return data;
}

std::optional<QSslKey> parseKey(const QByteArray& pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return std::nullopt;
}

/// retryAfterSeconds from a Status body, else the Retry-After header; 1 s when neither says.
int retryAfterMs(const net::HttpResponse& r)
{
    int seconds = QJsonDocument::fromJson(r.body)
                      .object()
                      .value(QStringLiteral("details"))
                      .toObject()
                      .value(QStringLiteral("retryAfterSeconds"))
                      .toInt(0);
    if (seconds <= 0)
        seconds = r.header("Retry-After").trimmed().toInt();
    return std::clamp(seconds <= 0 ? 1 : seconds, 1, kMaxRetryAfterSeconds) * 1000;
}

Error cancelled()
{
    return Error{ErrorCode::Cancelled, KubeText::tr("the Kubernetes request was cancelled"), {}, {}};
}

} // namespace

KubeClient::KubeClient(ResolvedContext context) : m_context(std::move(context))
{}

KubeClient::~KubeClient() = default;

Result<std::unique_ptr<KubeClient>> KubeClient::connect(const ResolvedContext& context)
{
    const KubeCluster& cluster = context.cluster;
    const KubeUser& user = context.user;
    const QUrl server(cluster.server, QUrl::StrictMode);
    const QString where = KubeText::tr("context \"%1\" in %2").arg(context.contextName, context.sourceFile);
    if (!server.isValid() || server.host().isEmpty() || (server.scheme() != u"https" && server.scheme() != u"http"))
        return fail(ErrorCode::Usage, KubeText::tr("the server \"%1\" of %2 is not an http(s) URL").arg(cluster.server, where),
                    KubeText::tr("A cluster's server looks like https://host:6443."));
    if (server.scheme() == u"http" && !isLoopbackHost(server.host()))
        return fail(ErrorCode::Usage,
                    KubeText::tr("the server %1 of %2 is plain http, which would send credentials in clear")
                        .arg(cluster.server, where),
                    KubeText::tr("Use the API server's https address; plain http is accepted only on this machine "
                                 "(127.0.0.1, as kubectl proxy serves)."));
    if (!cluster.proxyUrl.isEmpty())
        return fail(ErrorCode::Usage, KubeText::tr("%1 sets proxy-url, which Tideline does not support yet").arg(where),
                    KubeText::tr("Reach the API server directly, or through `kubectl proxy` and a context whose server is "
                                 "http://127.0.0.1:8001."));
    if (user.authProvider)
        return fail(ErrorCode::Usage,
                    KubeText::tr("the user of %1 uses the legacy auth-provider \"%2\", which Tideline does not run")
                        .arg(where, user.authProviderName),
                    KubeText::tr("Switch the context to the provider's exec plugin (kubectl removed auth-provider "
                                 "support in 1.26; e.g. gke-gcloud-auth-plugin, kubelogin)."));
    if (user.exec) {
        const ExecConfig& exec = *user.exec;
        const bool v1 = exec.apiVersion == u"client.authentication.k8s.io/v1";
        if (!v1 && exec.apiVersion != u"client.authentication.k8s.io/v1beta1")
            return fail(ErrorCode::Usage,
                        KubeText::tr("the exec plugin of %1 asks for apiVersion \"%2\"").arg(where, exec.apiVersion),
                        KubeText::tr("Use client.authentication.k8s.io/v1 or v1beta1 (v1alpha1 is gone from kubectl)."));
        if (exec.command.isEmpty())
            return fail(ErrorCode::Usage, KubeText::tr("the exec plugin of %1 names no command").arg(where));
        if (v1 && exec.interactiveMode.isEmpty())
            return fail(ErrorCode::Usage, KubeText::tr("the exec plugin of %1 has no interactiveMode").arg(where),
                        KubeText::tr("client.authentication.k8s.io/v1 requires interactiveMode (Never or IfAvailable)."));
        if (exec.interactiveMode == u"Always")
            return fail(ErrorCode::Auth,
                        KubeText::tr("the exec plugin %1 of %2 needs a terminal (interactiveMode: Always)")
                            .arg(exec.command, where),
                        KubeText::tr("Log in with the plugin in a terminal first, or use a context whose plugin can run "
                                     "unattended."));
    }

    std::unique_ptr<KubeClient> client(new KubeClient(context));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QByteArray caPem = cluster.certificateAuthorityData;
    if (caPem.isEmpty() && !cluster.certificateAuthority.isEmpty()) {
        auto read = readPem(cluster.certificateAuthority, KubeText::tr("certificate-authority"));
        if (!read)
            return fail(read.error());
        caPem = *read;
    }
    if (!caPem.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromData(caPem, QSsl::Pem);
        if (cas.isEmpty())
            return fail(ErrorCode::Usage, KubeText::tr("the certificate authority of %1 holds no PEM certificate").arg(where));
        // The cluster's CA alone, as kubectl trusts it: a public CA must not vouch for an API server.
        tls.setCaCertificates(cas);
    }
    client->m_baseTls = tls;
    const QString identity = cluster.server + u'\n' + cluster.tlsServerName
        + (cluster.insecureSkipTlsVerify ? QStringLiteral("\ninsecure\n") : QStringLiteral("\n"));
    client->m_poolBase = QCryptographicHash::hash(identity.toUtf8() + caPem, QCryptographicHash::Sha256);
    Redactor::addSecret(user.token);
    Redactor::addSecret(user.password);
    Redactor::addSecret(QString::fromLatin1(user.clientKeyData));
    // Fail now on unreadable files and bad keys, before the first request names no file.
    auto first = client->credential(false, CancelToken{});
    if (!first && (!user.exec || first.error().code == ErrorCode::Usage))
        return fail(first.error());
    if (first) {
        auto tlsCheck = client->tlsFor(*first);
        if (!tlsCheck)
            return fail(tlsCheck.error());
    }
    return client;
}

Result<KubeClient::Credential> KubeClient::credential(bool refresh, const CancelToken& cancel)
{
    QMutexLocker lock(&m_mutex);
    const auto now = QDateTime::currentDateTimeUtc();
    if (m_cached && !refresh && (!m_cached->expires || now.secsTo(*m_cached->expires) > 10))
        return *m_cached;
    const KubeUser& user = m_context.user;
    Credential c;
    if (user.exec) {
        auto executed = runExecPlugin(cancel);
        if (!executed)
            return fail(executed.error());
        c = *executed;
    } else {
        c.token = user.token;
        if (c.token.isEmpty() && !user.tokenFile.isEmpty()) {
            auto read = readPem(user.tokenFile, KubeText::tr("tokenFile"));
            if (!read)
                return fail(read.error());
            c.token = QString::fromUtf8(*read).trimmed();
            Redactor::addSecret(c.token);
        }
    }
    if (c.certPem.isEmpty()) {
        c.certPem = user.clientCertificateData;
        if (c.certPem.isEmpty() && !user.clientCertificate.isEmpty()) {
            auto read = readPem(user.clientCertificate, KubeText::tr("client-certificate"));
            if (!read)
                return fail(read.error());
            c.certPem = *read;
        }
    }
    if (c.keyPem.isEmpty()) {
        c.keyPem = user.clientKeyData;
        if (c.keyPem.isEmpty() && !user.clientKey.isEmpty()) {
            auto read = readPem(user.clientKey, KubeText::tr("client-key"));
            if (!read)
                return fail(read.error());
            c.keyPem = *read;
            Redactor::addSecret(QString::fromLatin1(c.keyPem));
        }
    }
    m_cached = c;
    return c;
}

Result<KubeClient::Credential> KubeClient::runExecPlugin(const CancelToken& cancel)
{
    const ExecConfig& exec = *m_context.user.exec;
    const QString hint = exec.installHint.isEmpty()
        ? KubeText::tr("Run the plugin by hand (%1) to see why; the kubeconfig is %2.").arg(exec.command, m_context.sourceFile)
        : exec.installHint.simplified();

    QJsonObject spec{{QStringLiteral("interactive"), false}};
    if (exec.provideClusterInfo) {
        QJsonObject cluster{{QStringLiteral("server"), m_context.cluster.server}};
        if (!m_context.cluster.tlsServerName.isEmpty())
            cluster.insert(QStringLiteral("tls-server-name"), m_context.cluster.tlsServerName);
        if (m_context.cluster.insecureSkipTlsVerify)
            cluster.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        if (!m_context.cluster.certificateAuthorityData.isEmpty())
            cluster.insert(QStringLiteral("certificate-authority-data"),
                           QString::fromLatin1(m_context.cluster.certificateAuthorityData.toBase64()));
        spec.insert(QStringLiteral("cluster"), cluster);
    }
    const QJsonObject info{{QStringLiteral("apiVersion"), exec.apiVersion},
                           {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                           {QStringLiteral("spec"), spec}};

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : exec.env)
        env.insert(name, value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact)));
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProgram(exec.command);
    process.setArguments(exec.args);
    process.setStandardInputFile(QProcess::nullDevice()); // never interactive
    process.start();
    if (!process.waitForStarted(kExecTimeoutMs))
        return fail(ErrorCode::Auth,
                    KubeText::tr("the exec credential plugin %1 could not start: %2").arg(exec.command, process.errorString()),
                    hint);
    int waited = 0;
    while (!process.waitForFinished(100)) {
        waited += 100;
        if (cancel.isCancelled() || waited >= kExecTimeoutMs) {
            process.kill();
            process.waitForFinished(1000);
            if (cancel.isCancelled())
                return fail(cancelled());
            return fail(ErrorCode::Auth,
                        KubeText::tr("the exec credential plugin %1 did not answer within %2 s")
                            .arg(exec.command)
                            .arg(kExecTimeoutMs / 1000),
                        hint);
        }
    }
    const QByteArray out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString err =
            Redactor::redact(QString::fromUtf8(process.readAllStandardError()).trimmed().section(u'\n', -1)).left(300);
        return fail(ErrorCode::Auth,
                    KubeText::tr("the exec credential plugin %1 failed (exit %2)").arg(exec.command).arg(process.exitCode()),
                    hint, err);
    }
    const QJsonObject reply = QJsonDocument::fromJson(out).object();
    const QJsonObject status = reply.value(QStringLiteral("status")).toObject();
    const auto badReply = [&](const QString& why) {
        return fail(ErrorCode::Auth, KubeText::tr("the exec credential plugin %1 answered badly: %2").arg(exec.command, why),
                    hint);
    };
    if (reply.isEmpty() || reply.value(QStringLiteral("kind")).toString() != u"ExecCredential")
        return badReply(KubeText::tr("not an ExecCredential"));
    if (reply.value(QStringLiteral("apiVersion")).toString() != exec.apiVersion)
        return badReply(KubeText::tr("apiVersion \"%1\" where the kubeconfig asks for \"%2\"")
                            .arg(reply.value(QStringLiteral("apiVersion")).toString(), exec.apiVersion));
    Credential c;
    c.token = status.value(QStringLiteral("token")).toString();
    c.certPem = status.value(QStringLiteral("clientCertificateData")).toString().toUtf8();
    c.keyPem = status.value(QStringLiteral("clientKeyData")).toString().toUtf8();
    Redactor::addSecret(c.token);
    Redactor::addSecret(QString::fromUtf8(c.keyPem));
    if (c.token.isEmpty() && (c.certPem.isEmpty() || c.keyPem.isEmpty()))
        return badReply(KubeText::tr("neither a token nor a client certificate and key"));
    const QString expiry = status.value(QStringLiteral("expirationTimestamp")).toString();
    if (!expiry.isEmpty()) {
        const QDateTime expires = QDateTime::fromString(expiry, Qt::ISODate);
        if (!expires.isValid())
            return badReply(KubeText::tr("expirationTimestamp \"%1\" is not RFC 3339").arg(expiry.left(64)));
        if (expires <= QDateTime::currentDateTimeUtc())
            return badReply(KubeText::tr("the credential expired at %1").arg(expiry));
        c.expires = expires;
    }
    return c;
}

Result<QSslConfiguration> KubeClient::tlsFor(const Credential& credential) const
{
    QSslConfiguration tls = m_baseTls;
    if (credential.certPem.isEmpty() && credential.keyPem.isEmpty())
        return tls;
    const QString where = KubeText::tr("the user of context \"%1\"").arg(m_context.contextName);
    const QList<QSslCertificate> chain = QSslCertificate::fromData(credential.certPem, QSsl::Pem);
    if (chain.isEmpty())
        return fail(ErrorCode::Usage, KubeText::tr("the client certificate of %1 is not a PEM certificate").arg(where));
    const auto key = parseKey(credential.keyPem);
    if (!key)
        return fail(ErrorCode::Usage, KubeText::tr("the client key of %1 is not an unencrypted PEM RSA or EC key").arg(where));
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(*key);
    return tls;
}

int KubeClient::requestCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

Result<KubeClient::Response> KubeClient::send(const QString& path, const QUrlQuery& query, const CancelToken& cancel,
                                              const std::function<Result<void>(QByteArrayView)>* onData, int stallTimeoutMs,
                                              const QByteArray& accept, int maxAttempts)
{
    const KubeCluster& cluster = m_context.cluster;
    QUrl url(cluster.server, QUrl::StrictMode);
    // A server URL may carry a path prefix (Rancher's /k8s/clusters/ID): the API path goes under it.
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(query);
    const bool refreshable = m_context.user.exec || !m_context.user.tokenFile.isEmpty();

    bool refreshed = false;
    for (int attempt = 0;; ++attempt) {
        auto cred = credential(false, cancel);
        if (!cred)
            return fail(cred.error());
        auto tls = tlsFor(*cred);
        if (!tls)
            return fail(tls.error());

        net::HttpCall call;
        call.request = QNetworkRequest(url);
        call.request.setRawHeader("Accept", accept);
        call.request.setRawHeader("User-Agent", "tideline/" + QCoreApplication::applicationVersion().toUtf8());
        if (!cred->token.isEmpty())
            call.request.setRawHeader("Authorization", "Bearer " + cred->token.toUtf8());
        else if (!m_context.user.username.isEmpty())
            call.request.setRawHeader("Authorization",
                                      "Basic "
                                          + (m_context.user.username + u':' + m_context.user.password).toUtf8().toBase64());
        if (url.scheme() == u"https")
            call.request.setSslConfiguration(*tls);
        if (!cluster.tlsServerName.isEmpty())
            call.request.setPeerVerifyName(cluster.tlsServerName);
        call.ignoreTlsErrors = cluster.insecureSkipTlsVerify;
        // A client certificate authenticates the connection, not the request: never share one.
        call.connectionPool = "k8s:"
            + (cred->certPem.isEmpty()
                   ? m_poolBase
                   : QCryptographicHash::hash(m_poolBase + cred->certPem + cred->keyPem, QCryptographicHash::Sha256))
                  .toHex();
        call.stallTimeoutMs = stallTimeoutMs;
        // A page of 500 objects is a few MB; a server that sends more than this is not paging.
        call.maxBody = 256LL << 20;
        net::HttpHooks hooks;
        if (onData)
            hooks.onData = *onData;
        {
            QMutexLocker lock(&m_mutex);
            ++m_requests;
        }
        const net::HttpExchange http = net::exchange(call, cancel, onData ? &hooks : nullptr);
        const bool lastAttempt = attempt + 1 >= std::min(maxAttempts, kMaxAttempts);
        switch (http.end) {
        case net::HttpExchange::End::Cancelled: return fail(cancelled());
        case net::HttpExchange::End::Aborted: return fail(http.abortError);
        case net::HttpExchange::End::Stalled:
        case net::HttpExchange::End::TransportError: {
            const bool retryable = http.end == net::HttpExchange::End::Stalled || !net::isTransportError(http.networkError)
                || net::isRetryableTransport(http.networkError);
            // Once a streamed body has begun, a retry would deliver its start twice.
            if (retryable && !lastAttempt && http.response.received == 0) {
                if (!net::sleepUnlessCancelled(net::backoffMs(attempt, 200, 5'000), cancel))
                    return fail(cancelled());
                continue;
            }
            const QString endpoint = url.authority();
            const bool tlsFailure = http.networkError == QNetworkReply::SslHandshakeFailedError;
            return fail(ErrorCode::Network,
                        http.end == net::HttpExchange::End::Stalled
                            ? KubeText::tr("the API server %1 stopped answering").arg(endpoint)
                            : tlsFailure ? KubeText::tr("the TLS handshake with the API server %1 failed").arg(endpoint)
                                         : KubeText::tr("cannot reach the API server %1").arg(endpoint),
                        tlsFailure ? KubeText::tr("Check the context's certificate-authority and tls-server-name "
                                                  "(kubectl uses the same).")
                                   : KubeText::tr("Check the network and the server address in %1 (context \"%2\").")
                                         .arg(m_context.sourceFile, m_context.contextName),
                        Redactor::redact(http.networkErrorText));
        }
        case net::HttpExchange::End::Finished: break;
        }
        const int status = http.response.status;
        if (status == 401 && refreshable && !refreshed) {
            refreshed = true;
            auto renewed = credential(true, cancel);
            if (!renewed)
                return fail(renewed.error());
            continue;
        }
        if ((status == 429 || status >= 500) && !lastAttempt) {
            if (!net::sleepUnlessCancelled(retryAfterMs(http.response), cancel))
                return fail(cancelled());
            continue;
        }
        return Response{status, http.response.body, http.response.header("Content-Type")};
    }
}

Error KubeClient::statusError(const QString& path, const QUrlQuery& query, const Response& response) const
{
    const ApiPath api = parseApiPath(path);
    const QJsonObject st = QJsonDocument::fromJson(response.body).object();
    const bool isStatus = st.value(QStringLiteral("kind")).toString() == u"Status";
    const QString serverMessage = Redactor::redact(st.value(QStringLiteral("message")).toString()).left(500);
    const QString detail =
        QStringLiteral("HTTP %1%2")
            .arg(response.status)
            .arg(isStatus ? QStringLiteral(" ") + st.value(QStringLiteral("reason")).toString() : QString());
    const QString server = QUrl(m_context.cluster.server).authority();
    const QString ns = api.nameSpace.isEmpty() ? QString() : QStringLiteral(" -n ") + api.nameSpace;
    const QString resource = api.subresource.isEmpty() ? api.resource : api.resource + u'/' + api.subresource;

    switch (response.status) {
    case 401:
        return {ErrorCode::Auth,
                KubeText::tr("the API server %1 did not accept the credentials of context \"%2\"")
                    .arg(server, m_context.contextName),
                m_context.user.exec
                    ? KubeText::tr("The exec plugin %1 gave a credential the server refused; log in with "
                                   "it again.")
                          .arg(m_context.user.exec->command)
                    : KubeText::tr("The token or client certificate in %1 is expired or wrong.").arg(m_context.sourceFile),
                detail};
    case 403:
        return {ErrorCode::Auth,
                serverMessage.isEmpty()
                    ? KubeText::tr("the API server %1 forbids %2 %3").arg(server, verbFor(api, query), resource)
                    : serverMessage,
                KubeText::tr("Tideline needs \"%1\" on %2. Check with: kubectl auth can-i %1 %2%3")
                    .arg(verbFor(api, query), resource, ns),
                detail};
    case 404:
        if (!isStatus && api.group == u"postgresql.cnpg.io")
            return {ErrorCode::MissingSource, KubeText::tr("CloudNativePG is not installed in this cluster (%1)").arg(server),
                    KubeText::tr("No API group postgresql.cnpg.io: check the context, or install the CNPG operator."), detail};
        if (!isStatus && api.group == u"barmancloud.cnpg.io")
            return {ErrorCode::MissingSource,
                    KubeText::tr("the Barman Cloud plugin is not installed in this cluster (%1)").arg(server),
                    KubeText::tr("No API group barmancloud.cnpg.io: clusters here back up with the in-tree "
                                 "barmanObjectStore, or the plugin is missing."),
                    detail};
        return {ErrorCode::MissingSource,
                serverMessage.isEmpty() ? KubeText::tr("%1 not found on %2").arg(path, server) : serverMessage,
                api.nameSpace.isEmpty() ? KubeText::tr("Check the name and the context.")
                                        : KubeText::tr("Check the name and the namespace (%1).").arg(api.nameSpace),
                detail};
    default: break;
    }
    return {response.status >= 500 || response.status == 429 ? ErrorCode::Network : ErrorCode::Refused,
            serverMessage.isEmpty() ? KubeText::tr("the API server %1 answered HTTP %2").arg(server).arg(response.status)
                                    : serverMessage,
            response.status >= 500 ? KubeText::tr("The API server is failing or overloaded; try again shortly.") : QString(),
            detail};
}

namespace {

Result<QJsonObject> parseObject(const QByteArray& body, const QString& path)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(ErrorCode::Corrupt, KubeText::tr("the API server's answer for %1 is not a JSON object").arg(path),
                    KubeText::tr("A proxy between Tideline and the API server may be rewriting answers."),
                    error.errorString());
    return doc.object();
}

} // namespace

Result<QJsonObject> KubeClient::get(const QString& path, const QUrlQuery& query, const CancelToken& cancel)
{
    auto response = send(path, query, cancel);
    if (!response)
        return fail(response.error());
    if (response->status != 200)
        return fail(statusError(path, query, *response));
    return parseObject(response->body, path);
}

Result<QByteArray> KubeClient::getText(const QString& path, const CancelToken& cancel, qsizetype maxBytes)
{
    QByteArray body;
    const std::function<Result<void>(QByteArrayView)> collect = [&](QByteArrayView chunk) -> Result<void> {
        if (body.size() + chunk.size() > maxBytes)
            return fail(ErrorCode::Corrupt, KubeText::tr("%1 answered more than %2 bytes").arg(path).arg(maxBytes),
                        KubeText::tr("That is not what this endpoint serves: check the pod and the port."));
        body.append(chunk);
        return {};
    };
    // Prometheus's exporters negotiate the format on Accept: ask for the text format by name. One
    // attempt: a pod that does not answer now is reported as such, and a monitor asks again later.
    auto response = send(path, {}, cancel, &collect, 30'000, "text/plain;version=0.0.4;q=1,*/*;q=0.1", 1);
    if (!response)
        return fail(response.error());
    if (response->status != 200)
        return fail(statusError(path, {}, *response));
    return body;
}

Result<KubeClient::ListResult> KubeClient::list(const QString& path, QUrlQuery query, const CancelToken& cancel, int pageSize)
{
    QList<QJsonObject> items;
    auto result = list(
        path, std::move(query), cancel, pageSize,
        [&](const QJsonObject& item) -> Result<void> {
            items.append(item);
            return {};
        },
        [&] { items.clear(); });
    if (result)
        result->items = std::move(items);
    return result;
}

Result<KubeClient::ListResult> KubeClient::list(const QString& path, QUrlQuery query, const CancelToken& cancel,
                                                int pageSize, const std::function<Result<void>(const QJsonObject&)>& onItem,
                                                const std::function<void()>& onRestart)
{
    ListResult result;
    QString continueToken;
    QSet<QString> seenTokens;
    int pages = 0;
    query.removeAllQueryItems(QStringLiteral("limit"));
    query.removeAllQueryItems(QStringLiteral("continue"));
    for (;;) {
        QUrlQuery page = query;
        if (pageSize > 0)
            page.addQueryItem(QStringLiteral("limit"), QString::number(pageSize));
        if (!continueToken.isEmpty())
            page.addQueryItem(QStringLiteral("continue"), continueToken);
        auto response = send(path, page, cancel);
        if (!response)
            return fail(response.error());
        ++result.requests;
        if (response->status == 410 && !continueToken.isEmpty() && !result.relisted) {
            // The continue token outlived etcd's compaction: start over at a fresh resourceVersion.
            result.relisted = true;
            if (onRestart)
                onRestart();
            continueToken.clear();
            continue;
        }
        if (response->status != 200)
            return fail(statusError(path, page, *response));
        auto object = parseObject(response->body, path);
        if (!object)
            return fail(object.error());
        const QJsonValue items = object->value(QStringLiteral("items"));
        if (!items.isArray() && !items.isNull() && !items.isUndefined())
            return fail(ErrorCode::Corrupt, KubeText::tr("the API server's list of %1 has no items array").arg(path));
        for (const QJsonValue& item : items.toArray()) {
            if (!item.isObject())
                return fail(ErrorCode::Corrupt, KubeText::tr("the API server's list of %1 holds a non-object").arg(path));
            if (auto taken = onItem(item.toObject()); !taken)
                return fail(taken.error());
        }
        const QJsonObject meta = object->value(QStringLiteral("metadata")).toObject();
        result.resourceVersion = meta.value(QStringLiteral("resourceVersion")).toString();
        const QString next = meta.value(QStringLiteral("continue")).toString();
        if (next.isEmpty())
            return result;
        // A token seen before would page in a circle; a list longer than any real cluster holds is
        // a server that never ends it. Either ends here.
        if (next == continueToken || seenTokens.contains(next) || ++pages > kMaxPages)
            return fail(ErrorCode::Corrupt,
                        KubeText::tr("the API server's list of %1 does not end (page %2)").arg(path).arg(pages),
                        KubeText::tr("A proxy or API server in between is replaying pages; list with kubectl to compare."));
        seenTokens.insert(next);
        continueToken = next;
    }
}

Result<KubeClient::WatchEnd> KubeClient::watch(const QString& path, QUrlQuery query, const QString& resourceVersion,
                                               const std::function<bool(const WatchEvent&)>& onEvent,
                                               const CancelToken& cancel, int timeoutSeconds)
{
    for (const char* key : {"watch", "resourceVersion", "allowWatchBookmarks", "timeoutSeconds"})
        query.removeAllQueryItems(QString::fromLatin1(key));
    query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    if (!resourceVersion.isEmpty())
        query.addQueryItem(QStringLiteral("resourceVersion"), resourceVersion);
    query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    query.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(std::max(1, timeoutSeconds)));

    WatchEnd end;
    end.resourceVersion = resourceVersion;
    bool stopped = false;
    std::optional<Error> streamError;
    QByteArray pending;
    const Error stop{ErrorCode::Cancelled, QStringLiteral("watch stopped"), {}, {}};

    const auto handleLine = [&](QByteArrayView line) -> bool {
        QJsonParseError perr{};
        const QJsonObject event = QJsonDocument::fromJson(line.toByteArray(), &perr).object();
        const QString type = event.value(QStringLiteral("type")).toString();
        const QJsonObject object = event.value(QStringLiteral("object")).toObject();
        if (perr.error != QJsonParseError::NoError || type.isEmpty()) {
            streamError = Error{ErrorCode::Corrupt,
                                KubeText::tr("the watch on %1 sent a line that is not an event").arg(path),
                                {},
                                perr.errorString()};
            return false;
        }
        if (type == u"ERROR") {
            if (object.value(QStringLiteral("code")).toInt() == 410) {
                end.expired = true;
                return false;
            }
            streamError =
                statusError(path, query,
                            Response{object.value(QStringLiteral("code")).toInt(500), QJsonDocument(object).toJson(), {}});
            return false;
        }
        WatchEvent ev;
        if (type == u"ADDED")
            ev.type = EventType::Added;
        else if (type == u"MODIFIED")
            ev.type = EventType::Modified;
        else if (type == u"DELETED")
            ev.type = EventType::Deleted;
        else if (type == u"BOOKMARK")
            ev.type = EventType::Bookmark;
        else
            return true; // a future event type: skip it rather than guess
        ev.object = object;
        const QString rv =
            object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("resourceVersion")).toString();
        if (!rv.isEmpty())
            end.resourceVersion = rv;
        if (!onEvent(ev)) {
            stopped = true;
            return false;
        }
        return true;
    };
    const std::function<Result<void>(QByteArrayView)> onData = [&](QByteArrayView data) -> Result<void> {
        pending.append(data);
        qsizetype start = 0;
        for (qsizetype nl = pending.indexOf('\n', start); nl >= 0; nl = pending.indexOf('\n', start)) {
            const QByteArrayView line = QByteArrayView(pending).sliced(start, nl - start).trimmed();
            start = nl + 1;
            if (!line.isEmpty() && !handleLine(line))
                return fail(stop);
        }
        pending.remove(0, start);
        if (pending.size() > kMaxWatchLine) {
            streamError =
                Error{ErrorCode::Corrupt, KubeText::tr("the watch on %1 sent an event over 32 MiB").arg(path), {}, {}};
            return fail(stop);
        }
        return {};
    };
    // Bookmarks arrive about once a minute; silence past the server's own timeout is a dead stream.
    auto response = send(path, query, cancel, &onData, (std::max(1, timeoutSeconds) + 30) * 1000);
    if (streamError)
        return fail(*streamError);
    if (stopped || end.expired)
        return end;
    if (!response)
        return fail(response.error());
    if (response->status == 410) {
        end.expired = true;
        return end;
    }
    if (response->status != 200)
        return fail(statusError(path, query, *response));
    if (!pending.trimmed().isEmpty() && !handleLine(QByteArrayView(pending).trimmed()) && streamError)
        return fail(*streamError);
    return end;
}

} // namespace tideline::k8s
