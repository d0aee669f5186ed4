// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <functional>

namespace tideline::net {

/// What came back, as far as it came. Header names compare case-insensitively.
struct HttpResponse {
    int status = 0;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;           ///< the body unless streamed; error bodies capped at HttpCall::maxErrorBody
    qint64 contentLength = -1; ///< Content-Length, -1 when absent
    qint64 received = 0;       ///< body bytes received, streamed or not

    QByteArray header(QByteArrayView name) const;
    bool is2xx() const { return status >= 200 && status < 300; }
};

/// Streaming hooks, called on the calling thread for 2xx responses only. Either may return an
/// error to abort the exchange (End::Aborted, the error kept).
struct HttpHooks {
    std::function<Result<void>(const HttpResponse&)> onHeaders;
    std::function<Result<void>(QByteArrayView)> onData; ///< set: the body is streamed, not kept
};

/// One request. The caller signs and authenticates it (raw headers, TLS configuration and peer
/// verify name of `request`, whose URL must be http or https); exchange() frames it (Host unless
/// given, Content-Length, Accept-Encoding: identity).
struct HttpCall {
    QByteArray method = "GET";
    QNetworkRequest request;
    QByteArray body;
    int stallTimeoutMs = 30'000;  ///< abort when no byte moves for this long
    bool ignoreTlsErrors = false; ///< only where the user's configuration says so
    qint64 maxErrorBody = 64 * 1024;
    /// A 2xx body that is not streamed may not be longer (0: no limit); longer ends the exchange
    /// with a Corrupt abortError, so an endpoint cannot make a caller hold gigabytes.
    qint64 maxBody = 0;
    /// Connections are reused only among calls with the same pool on one thread (and the same
    /// scheme, host, port, peer verify name and ignoreTlsErrors). The TLS configuration itself is
    /// not compared: calls that differ in client certificate or trusted CAs must use different
    /// pools, or one would ride on a connection the other authenticated or verified.
    QByteArray connectionPool;
};

/// How an exchange ended. Only Finished has a complete response; the others say why not and
/// keep what arrived (headersSeen tells whether status and headers are real).
struct HttpExchange {
    enum class End { Finished, Stalled, Cancelled, Aborted, TransportError };
    End end = End::TransportError;
    HttpResponse response;
    bool headersSeen = false;
    Error abortError; ///< Aborted: the hook's error
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText; ///< Qt's text; may name the URL, never credentials (callers scrub)
};

/// Runs one HTTP/1.1 exchange to its end on the calling thread, with blocking socket calls (no
/// event loop, no Qt HTTP thread) on a kept-alive connection of this thread's, or a new one. An
/// idle connection is looked at before reuse: one the server closed, or one with bytes nobody
/// asked for, is dropped. A reused connection that closes before the first byte of an answer
/// carries a GET, HEAD, PUT, DELETE or OPTIONS once more on a new connection (they may be
/// repeated, RFC 9110 9.2.2), never a POST. Blocks: call it on a worker thread or in the CLI,
/// never on the GUI thread. Cancel is polled every 50 ms; the stall timeout covers connecting
/// (every address of the name together), the TLS handshake, sending and every wait for the
/// answer. A host name lookup blocks for the resolver's own timeout, outside both. Never retries
/// otherwise: retry policy is the protocol's (S3 and Kubernetes differ).
///
/// Answers are checked as hostile: a status line, header or chunk-size line over 64 KiB, more
/// than 1 MiB of status line and headers or 1,000 header lines, a Content-Length that is not one
/// number, malformed chunking, or a 101 end the exchange as TransportError with ProtocolFailure.
/// A Transfer-Encoding overrides Content-Length (RFC 9112 6.3; contentLength is then -1). A body
/// without either ends at the close, and any close counts (as with Qt before). No redirects are
/// followed, no cookies or caches kept, and the answer is asked for in identity encoding (a
/// compressed one would break lengths and Range offsets). An error answer's body past
/// maxErrorBody is read and dropped to keep the connection, up to 1 MiB more; then the
/// connection is closed. A request header whose name is not a token or whose value holds CR, LF
/// or NUL is not sent (TransportError, ProtocolUnknownError, not retryable; the value is never
/// repeated).
HttpExchange exchange(const HttpCall& call, const CancelToken& cancel, const HttpHooks* hooks = nullptr);

/// Transport errors (connection, TLS, proxy, an answer that is not HTTP), as opposed to HTTP statuses.
bool isTransportError(QNetworkReply::NetworkError e);
/// Transport errors worth another attempt: not a refused connection, an unknown host, a failed
/// TLS handshake, a redirect or proxy problem, or a cancel.
bool isRetryableTransport(QNetworkReply::NetworkError e);

/// Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(max, base * 2^n)].
int backoffMs(int retryIndex, int baseMs, int maxMs);
/// Sleeps up to ms in small steps; false as soon as cancel is set. Any thread.
bool sleepUnlessCancelled(int ms, const CancelToken& cancel);

} // namespace tideline::net
