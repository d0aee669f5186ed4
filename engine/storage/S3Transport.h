// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// S3's side of an exchange, below S3Store: SigV4 signing, S3's error bodies mapped to Tideline's
// codes with hints, and the retry policy (5xx, 408, 429, SlowDown, resets, stalls, short bodies).
// Internal to the storage area: only S3Store uses it. Thread rules are net::exchange()'s: every
// call blocks the calling thread, never the GUI thread.

#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"
#include "engine/storage/S3Store.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace tideline::storage {

class S3Transport {
public:
    struct Request {
        QByteArray method = "GET";
        QString key; ///< decoded key; unused with bucketLevel
        bool bucketLevel = false;
        QList<std::pair<QString, QString>> query;
        QList<std::pair<QByteArray, QByteArray>> headers; ///< signed and sent
        QByteArray body;
        QString what; ///< "GET s3://bucket/key", for messages
    };

    struct ContentRange {
        qint64 first = -1;
        qint64 last = -1;
        qint64 total = -1; ///< -1 for "*"
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
        Error error;            ///< Fail: the error; Retry: why, reported once the attempts run out
        bool truncated = false; ///< a 2xx body ended early (resumable by Range)
        Response response;
    };

    explicit S3Transport(const S3Store::Config& config) : m_config(config) {}

    /// One signed exchange, classified: Done, Retry (with the error to report if attempts run
    /// out) or Fail (a final error: 4xx, refused connection, unknown host, TLS, a hook's error).
    /// Errors are not yet scrubbed; callers pass them through clean().
    Exchange exchangeOnce(const Request& rq, const CancelToken& cancel, const StreamHooks* hooks) const;
    /// exchangeOnce with maxAttempts and full-jitter backoff; the body is kept (not streamed).
    /// Errors: Cancelled, Network (attempts exhausted), the mapped S3 error, all scrubbed.
    Result<Response> execute(const Request& rq, const CancelToken& cancel) const;

    /// The error for giving up after `attempts`, scrubbed: Corrupt for a body that kept arriving
    /// short, Network otherwise.
    Error exhausted(const Request& rq, const Exchange& last, int attempts) const;
    /// Usage errors for keys S3 allows but Tideline cannot address (empty, "." or ".." segments).
    Result<void> checkKey(const QString& key) const;
    /// "s3://bucket/key" for messages.
    QString objectName(const QString& key) const;
    static Error cancelled(const QString& what);
    /// The generic hint for network trouble (translated when called).
    static QString endpointHint();
    /// Removes Authorization values and every registered secret from an error's texts.
    static Error clean(Error e);

private:
    QString hostForHeader() const;
    QString decodedPath(const Request& rq) const;
    Error transportError(const Request& rq, QNetworkReply::NetworkError e, const QString& qtText) const;
    Error httpError(const Request& rq, const Response& resp) const;

    const S3Store::Config& m_config;
};

} // namespace tideline::storage
