// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"
#include "engine/k8s/Kubeconfig.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace tideline::k8s {

/// A Kubernetes API client for one context, on Qt Network (net::exchange).
///
/// Every call blocks the calling thread: use it on worker threads and in the CLI, never on the
/// GUI thread. One client may be used from several threads at once (credentials are guarded).
/// Secrets (tokens, keys, passwords) are registered with the Redactor when loaded and never
/// appear in errors.
///
/// Errors, for every call: Network (unreachable, TLS, 5xx/429 after retries), Auth (401: the
/// token or the exec plugin; 403: the server's sentence naming the verb and resource, with the
/// `kubectl auth can-i` line to check), MissingSource (404: the Status's message; an API group
/// the server does not serve: "CNPG is not installed"), Corrupt (a body that is not the JSON
/// Kubernetes sends), Cancelled.
class KubeClient {
public:
    /// Reads the certificates, keys and token files the context names, and checks the server
    /// URL; no request is sent. Errors: Usage (unreadable or malformed PEM files, a non-https
    /// server without insecure-skip-tls-verify... plain http is refused except to loopback,
    /// the legacy auth-provider), Auth (an exec plugin kubectl could run but Tideline may not:
    /// interactiveMode Always).
    static Result<std::unique_ptr<KubeClient>> connect(const ResolvedContext& context);
    ~KubeClient();

    const ResolvedContext& context() const { return m_context; }

    /// GET path (e.g. "/apis/postgresql.cnpg.io/v1/namespaces/db/clusters/pg-main").
    Result<QJsonObject> get(const QString& path, const QUrlQuery& query, const CancelToken& cancel);

    /// GET path for an answer that is not a Kubernetes object (a pod's /metrics through
    /// pods/proxy): the body as sent, at most maxBytes (more is Corrupt: a broken or hostile
    /// endpoint cannot fill memory). Errors as for get(); a pod that does not answer comes back
    /// from the API server as 503 (Network after retries).
    Result<QByteArray> getText(const QString& path, const CancelToken& cancel, qsizetype maxBytes = 16 << 20);

    struct ListResult {
        QList<QJsonObject> items;
        QString resourceVersion; ///< the list's, for a watch that follows
        int requests = 0;        ///< pages fetched (a relist counts its pages too)
        bool relisted = false;   ///< a continue token expired (410) and the list started over
    };
    /// Every item of a collection, `pageSize` per request with limit/continue, all pages at one
    /// resourceVersion. A 410 Expired continue token starts the list over once, without a
    /// continue (client-go's pager does the same).
    Result<ListResult> list(const QString& path, QUrlQuery query, const CancelToken& cancel, int pageSize = 500);
    /// The same, handing each item to onItem as its page arrives instead of keeping it (items
    /// stays empty): a list of 20,000 Backups never sits in memory as JSON. After a relist,
    /// onItem sees the first pages' items again; onRestart is called first so the caller can drop
    /// what it kept. An error from onItem ends the list with that error.
    Result<ListResult> list(const QString& path, QUrlQuery query, const CancelToken& cancel, int pageSize,
                            const std::function<Result<void>(const QJsonObject&)>& onItem,
                            const std::function<void()>& onRestart);

    enum class EventType { Added, Modified, Deleted, Bookmark };
    struct WatchEvent {
        EventType type = EventType::Added;
        QJsonObject object;
    };
    struct WatchEnd {
        QString resourceVersion; ///< the last one seen (objects and bookmarks): resume from here
        bool expired = false;    ///< 410, in-stream or as a status: relist before watching again
    };
    /// Watches a collection from resourceVersion with bookmarks, calling onEvent for each event
    /// until the server ends the stream (timeoutSeconds), onEvent returns false, or cancel.
    /// resourceVersions are opaque strings and are never compared.
    Result<WatchEnd> watch(const QString& path, QUrlQuery query, const QString& resourceVersion,
                           const std::function<bool(const WatchEvent&)>& onEvent, const CancelToken& cancel,
                           int timeoutSeconds = 300);

    /// Requests sent so far (tests and benchmarks).
    int requestCount() const;

private:
    explicit KubeClient(ResolvedContext context);

    struct Credential {
        QString token;
        QByteArray certPem;
        QByteArray keyPem;
        std::optional<QDateTime> expires; ///< exec credentials only
    };
    struct Response {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
    };
    Result<Credential> credential(bool refresh, const CancelToken& cancel);
    Result<Credential> runExecPlugin(const CancelToken& cancel);
    Result<QSslConfiguration> tlsFor(const Credential& credential) const;
    /// One request with the API server's retry policy (429/5xx with Retry-After, transport
    /// errors) and one credential refresh on 401 for exec and token-file users.
    Result<Response> send(const QString& path, const QUrlQuery& query, const CancelToken& cancel,
                          const std::function<Result<void>(QByteArrayView)>* onData = nullptr, int stallTimeoutMs = 30'000,
                          const QByteArray& accept = "application/json", int maxAttempts = 4);
    Error statusError(const QString& path, const QUrlQuery& query, const Response& response) const;

    ResolvedContext m_context;
    QSslConfiguration m_baseTls;
    QByteArray m_poolBase; ///< the server's TLS identity, for net's connection pools
    mutable QMutex m_mutex;
    std::optional<Credential> m_cached;
    int m_requests = 0;
};

} // namespace tideline::k8s
