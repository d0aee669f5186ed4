// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/net/HttpExchange.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QThread>
#include <QThreadStorage>
#include <QUrl>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

namespace tideline::net {

namespace {

struct HttpExchangeText {
    Q_DECLARE_TR_FUNCTIONS(HttpExchange)
};

// Why not QNetworkAccessManager: Qt 6.4 runs each manager's HTTP on a thread of its own, hands
// every chunk across with queued signals, and reads each response's status line and headers one
// byte per read(2) from an unbuffered socket (143,991 of 149,395 reads in one 617-request
// catalog load). A catalog is hundreds of short exchanges on worker threads that block anyway,
// so a blocking HTTP/1.1 client on the calling thread, reading through the socket's buffer, does
// the same work with a fraction of the system calls and no thread hops.

constexpr int kPollMs = 50;                 // how often cancel is looked at
constexpr qsizetype kMaxLine = 64 * 1024;   // a status, header or chunk-size line
constexpr qsizetype kMaxHead = 1024 * 1024; // status line and headers together
constexpr int kMaxHeaders = 1000;
constexpr qsizetype kErrorBodyDrain = 1 << 20; // read past maxErrorBody to keep the connection, not further

// The idle keep-alive connection of each key (connection pool, scheme, host, port and how the
// peer is verified), per thread: a QSslSocket is used only on the thread that made it, and a
// thread runs one exchange at a time, so one per key is all it can reuse.
struct ThreadConnections {
    std::map<QByteArray, std::unique_ptr<QSslSocket>> idle;
};

QThreadStorage<ThreadConnections*>& connectionStorage()
{
    static QThreadStorage<ThreadConnections*> storage;
    return storage;
}

void dropMainThreadConnections()
{
    // Runs inside ~QCoreApplication: the main thread's sockets go before the application object
    // does, not at static destruction time when Qt Network is already torn down.
    connectionStorage().setLocalData(nullptr);
}

ThreadConnections& threadConnections()
{
    auto& storage = connectionStorage();
    if (!storage.hasLocalData() || !storage.localData()) {
        storage.setLocalData(new ThreadConnections);
        if (auto* app = QCoreApplication::instance(); app && app->thread() == QThread::currentThread())
            qAddPostRoutine(dropMainThreadConnections);
    }
    return *storage.localData();
}

QNetworkReply::NetworkError networkErrorFor(QAbstractSocket::SocketError e)
{
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError: return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError: return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError: return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError: return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError: return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::SslInternalError: return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::SslInvalidUserDataError: return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::ProxyAuthenticationRequiredError: return QNetworkReply::ProxyAuthenticationRequiredError;
    case QAbstractSocket::ProxyConnectionRefusedError: return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyNotFoundError: return QNetworkReply::ProxyNotFoundError;
    default: return QNetworkReply::UnknownNetworkError;
    }
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// Every value of a header that may be repeated, as one comma-separated list (RFC 9110 5.3): a
// second Transfer-Encoding or Connection counts as much as the first.
QByteArray allValues(const HttpResponse& r, QByteArrayView name)
{
    QByteArray out;
    for (const auto& [key, value] : r.headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            out += (out.isEmpty() ? QByteArray() : QByteArray(", ")) + value;
    return out;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView item : list.toByteArray().split(','))
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// One exchange's socket and read buffer, with the waits that honour cancel and the stall timeout.
class Wire {
public:
    enum class Wait { Ready, Cancelled, Stalled, Failed };

    Wire(QSslSocket& socket, const CancelToken& cancel, int stallMs) : m_s(socket), m_cancel(cancel), m_stallMs(stallMs)
    {
        moved();
    }

    void moved() { m_stallAt = QDeadlineTimer(std::max(1, m_stallMs), Qt::PreciseTimer); }

    template <typename Op> Wait await(Op op)
    {
        for (;;) {
            if (m_cancel.isCancelled())
                return Wait::Cancelled;
            const qint64 left = m_stallAt.remainingTime();
            if (left <= 0)
                return Wait::Stalled;
            if (op(int(std::min<qint64>(kPollMs, left))))
                return Wait::Ready;
            // A slice that timed out leaves the socket as it was; every failure (a refused or
            // reset connection, a failed handshake, the peer's close) leaves it unconnected.
            // error() is no guide: a timed-out slice may or may not have set it.
            if (m_s.state() == QAbstractSocket::UnconnectedState)
                return Wait::Failed;
        }
    }

    // Until the socket holds bytes to read.
    Wait bytesToRead()
    {
        if (m_s.bytesAvailable() > 0)
            return Wait::Ready;
        if (m_s.state() != QAbstractSocket::ConnectedState)
            return Wait::Failed;
        return await([this](int ms) { return m_s.waitForReadyRead(ms); });
    }

    // More bytes into the buffer: Ready when some came.
    Wait fill()
    {
        if (const Wait w = bytesToRead(); w != Wait::Ready)
            return w;
        compact();
        const QByteArray more = m_s.readAll();
        m_in.append(more);
        m_gotAny = m_gotAny || !more.isEmpty();
        moved();
        return Wait::Ready;
    }

    // One line without its CRLF (a bare LF is taken too, as Qt and curl do). nullopt: see error().
    std::optional<QByteArray> line(Wait& why, bool& tooLong)
    {
        for (;;) {
            // From where the last look stopped: a line trickled in byte by byte is scanned once.
            const qsizetype nl = m_in.indexOf('\n', std::max(m_at, m_scanned));
            m_scanned = nl >= 0 ? nl + 1 : m_in.size();
            if (nl >= 0) {
                if (nl - m_at > kMaxLine) {
                    tooLong = true;
                    return std::nullopt;
                }
                qsizetype end = nl;
                if (end > m_at && m_in.at(end - 1) == '\r')
                    --end;
                QByteArray out = m_in.mid(m_at, end - m_at);
                m_at = nl + 1;
                return out;
            }
            if (m_in.size() - m_at > kMaxLine) {
                tooLong = true;
                return std::nullopt;
            }
            if (why = fill(); why != Wait::Ready)
                return std::nullopt;
        }
    }

    // Up to `most` body bytes: from the buffer first, else straight from the socket.
    Wait take(qint64 most, QByteArray& out)
    {
        if (m_at < m_in.size()) {
            const qsizetype n = qsizetype(std::min<qint64>(most, m_in.size() - m_at));
            out = m_in.mid(m_at, n);
            m_at += n;
            return Wait::Ready;
        }
        if (const Wait w = bytesToRead(); w != Wait::Ready)
            return w;
        out = m_s.read(std::min<qint64>(most, m_s.bytesAvailable()));
        moved();
        return Wait::Ready;
    }

    Wait send(const QByteArray& bytes)
    {
        if (m_s.write(bytes) != bytes.size())
            return Wait::Failed;
        while (m_s.bytesToWrite() > 0) {
            const qint64 before = m_s.bytesToWrite();
            if (const Wait w = await([this](int ms) { return m_s.waitForBytesWritten(ms); }); w != Wait::Ready)
                return w;
            if (m_s.bytesToWrite() < before)
                moved();
        }
        return Wait::Ready;
    }

    bool gotAny() const { return m_gotAny; }
    bool drained() const { return m_at == m_in.size() && m_s.bytesAvailable() == 0; }
    bool closed() const { return m_s.state() == QAbstractSocket::UnconnectedState; }

private:
    void compact()
    {
        if (m_at == m_in.size()) {
            m_in.resize(0);
            m_at = 0;
            m_scanned = 0;
        } else if (m_at > 4096 && m_at > m_in.size() / 2) {
            m_in.remove(0, m_at);
            m_scanned -= std::min(m_scanned, m_at);
            m_at = 0;
        }
    }

    QSslSocket& m_s;
    const CancelToken& m_cancel;
    int m_stallMs;
    QDeadlineTimer m_stallAt;
    QByteArray m_in;
    qsizetype m_at = 0;
    qsizetype m_scanned = 0; // no '\n' in [m_at, m_scanned)
    bool m_gotAny = false;
};

// The socket address of `address`:`port` in `sa`, and its length; 0 for what is neither IPv4
// nor IPv6.
socklen_t socketAddress(const QHostAddress& address, quint16 port, sockaddr_storage& sa)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto* in = reinterpret_cast<sockaddr_in*>(&sa);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(address.toIPv4Address());
        return sizeof(sockaddr_in);
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&sa);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR a = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &a, sizeof a);
        const QString scope = address.scopeId();
        bool numeric = false;
        in6->sin6_scope_id = scope.toUInt(&numeric);
        if (!numeric && !scope.isEmpty())
            in6->sin6_scope_id = ::if_nametoindex(scope.toLocal8Bit().constData());
        return sizeof(sockaddr_in6);
    }
    return 0;
}

class Exchanger {
public:
    Exchanger(const HttpCall& call, const CancelToken& cancel, const HttpHooks* hooks, HttpExchange& ex)
        : m_call(call), m_cancel(cancel), m_hooks(hooks), m_ex(ex)
    {}

    void run()
    {
        const QUrl url = m_call.request.url();
        m_https = url.scheme() == u"https";
        if (!m_https && url.scheme() != u"http") {
            protocolFailure(HttpExchangeText::tr("unsupported URL scheme \"%1\"").arg(url.scheme()),
                            QNetworkReply::ProtocolUnknownError);
            return;
        }
        m_host = url.host();
        m_port = quint16(url.port(m_https ? 443 : 80));
        m_peerName = m_call.request.peerVerifyName();
        m_key = m_call.connectionPool + '\n' + (m_https ? "s" : "p") + '\n' + m_host.toUtf8() + '\n'
            + QByteArray::number(m_port) + '\n' + m_peerName.toUtf8() + '\n' + (m_call.ignoreTlsErrors ? "i" : "v");
        // A value with a line break would end the header early and start a field (or a request)
        // of the value's making; refused without naming the value, which may be a credential.
        const QList<QByteArray> names = m_call.request.rawHeaderList();
        for (const QByteArray& name : names) {
            const QByteArray value = m_call.request.rawHeader(name);
            if (name.isEmpty() || !std::all_of(name.begin(), name.end(), isTokenChar)
                || std::any_of(value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; })) {
                protocolFailure(HttpExchangeText::tr("refused to send the request header \"%1\": it holds a line break or "
                                                     "is not a valid name")
                                    .arg(QString::fromLatin1(name.left(64).toPercentEncoding())),
                                QNetworkReply::ProtocolUnknownError);
                return;
            }
        }
        m_head = requestHead(url);

        std::unique_ptr<QSslSocket> socket = idleConnection();
        const bool reused = socket != nullptr;
        if (!socket)
            socket = connect();
        if (!socket)
            return;
        bool reusable = false;
        bool anyResponseByte = false;
        exchangeOn(*socket, reusable, anyResponseByte);
        // A kept-alive connection the server had closed meanwhile fails before the first byte of
        // an answer. The request most likely never reached it, but that is not known once it was
        // written: only a request that may be repeated (RFC 9110 9.2.2) goes once more, on a
        // connection of its own.
        if (reused && !anyResponseByte && idempotent() && m_ex.end == HttpExchange::End::TransportError
            && !m_cancel.isCancelled()) {
            m_ex = HttpExchange{};
            socket = connect();
            if (!socket)
                return;
            exchangeOn(*socket, reusable, anyResponseByte);
        }
        if (reusable)
            keep(std::move(socket));
    }

private:
    bool idempotent() const
    {
        const QByteArray& m = m_call.method;
        return m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS";
    }

    QByteArray requestHead(const QUrl& url) const
    {
        QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
        if (!target.startsWith('/'))
            target.prepend('/');
        QByteArray head = m_call.method + ' ' + target + " HTTP/1.1\r\n";
        const QNetworkRequest& rq = m_call.request;
        if (!rq.hasRawHeader("Host")) {
            QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
            if (host.contains(':'))
                host = '[' + host + ']';
            if (url.port() != -1 && url.port() != (m_https ? 443 : 80))
                host += ':' + QByteArray::number(url.port());
            head += "Host: " + host + "\r\n";
        }
        for (const QByteArray& name : rq.rawHeaderList()) {
            // The framing is this function's: a caller's Content-Length or Transfer-Encoding
            // would contradict the body it actually sends.
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0
                || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
                || name.compare("Connection", Qt::CaseInsensitive) == 0
                || name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0)
                continue;
            head += name + ": " + rq.rawHeader(name) + "\r\n";
        }
        // Identity: a compressed answer would break lengths and Range offsets.
        head += "Accept-Encoding: identity\r\n";
        if (!rq.hasRawHeader("User-Agent"))
            head += "User-Agent: Tideline\r\n";
        if (!m_call.body.isEmpty() || m_call.method == "PUT" || m_call.method == "POST")
            head += "Content-Length: " + QByteArray::number(m_call.body.size()) + "\r\n";
        head += "\r\n";
        return head;
    }

    std::unique_ptr<QSslSocket> idleConnection()
    {
        auto& idle = threadConnections().idle;
        const auto it = idle.find(m_key);
        if (it == idle.end())
            return nullptr;
        std::unique_ptr<QSslSocket> s = std::move(it->second);
        idle.erase(it);
        // Without an event loop nothing reads an idle socket: look once, without waiting. A
        // connection the server closed, or one with bytes nobody asked for (a body after a HEAD,
        // bytes past a Content-Length), cannot carry a request: those bytes would be read as its
        // answer.
        if (usable(*s))
            s->waitForReadyRead(0);
        return usable(*s) ? std::move(s) : nullptr;
    }

    // A TLS peer's close_notify leaves the socket connected until its FIN comes (Qt records an
    // error that the next read overwrites): the alert marks it, and a marked one carries nothing.
    static constexpr const char* kClosedByPeer = "tidelineClosedByPeer";

    static bool usable(const QSslSocket& s)
    {
        return s.state() == QAbstractSocket::ConnectedState && s.bytesAvailable() == 0 && !s.property(kClosedByPeer).toBool();
    }

    void keep(std::unique_ptr<QSslSocket> s) { threadConnections().idle[m_key] = std::move(s); }

    // The connection is made here, not by QAbstractSocket: its waitForConnected() gives the
    // connection up when it times out, so it cannot be waited for in cancel-sized slices (a
    // 50 ms slice failed every endpoint further away than that). A non-blocking connect(2) and
    // poll(2) can; Qt takes the connected descriptor over, and starts TLS on it.
    std::unique_ptr<QSslSocket> connect()
    {
        QList<QHostAddress> addresses;
        if (QHostAddress literal; literal.setAddress(m_host)) {
            addresses = {literal};
        } else {
            // Blocks for the resolver's own timeout, outside cancel and the stall timeout.
            const QHostInfo info = QHostInfo::fromName(m_host);
            addresses = info.addresses();
            if (info.error() != QHostInfo::NoError || addresses.isEmpty()) {
                m_ex.end = HttpExchange::End::TransportError;
                m_ex.networkError = QNetworkReply::HostNotFoundError;
                m_ex.networkErrorText = info.errorString();
                return nullptr;
            }
        }
        const QDeadlineTimer overall(std::max(1, m_call.stallTimeoutMs), Qt::PreciseTimer);
        int lastErrno = ECONNREFUSED;
        for (qsizetype i = 0; i < addresses.size(); ++i) {
            // Each address gets its share of what is left (two seconds at least), so one that
            // drops every packet (IPv6 listed first, and not routed) leaves time for the others.
            const qint64 left = overall.remainingTime();
            const qsizetype others = addresses.size() - i - 1;
            const QDeadlineTimer share(others == 0 ? left : std::min(left, std::max<qint64>(2'000, left / (others + 1))),
                                       Qt::PreciseTimer);
            int error = 0;
            const int fd = dial(addresses[i], share, overall, error);
            if (fd >= 0)
                return adopt(fd);
            if (error == 0)
                return nullptr; // cancelled or stalled: the exchange has ended
            lastErrno = error;
        }
        m_ex.end = HttpExchange::End::TransportError;
        m_ex.networkError = lastErrno == ECONNREFUSED ? QNetworkReply::ConnectionRefusedError
            : lastErrno == ETIMEDOUT                  ? QNetworkReply::TimeoutError
                                                      : QNetworkReply::UnknownNetworkError;
        m_ex.networkErrorText = qt_error_string(lastErrno);
        return nullptr;
    }

    // A TCP connection to one address within its share of the time: the descriptor, or -1 with
    // `error` (an errno) when this address failed, or -1 with `error` 0 when cancel or the
    // overall deadline ended the exchange.
    int dial(const QHostAddress& address, const QDeadlineTimer& share, const QDeadlineTimer& overall, int& error)
    {
        sockaddr_storage sa{};
        const socklen_t len = socketAddress(address, m_port, sa);
        if (len == 0) {
            error = EAFNOSUPPORT;
            return -1;
        }
        const int fd = ::socket(sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            error = errno;
            return -1;
        }
        error = ::connect(fd, reinterpret_cast<const sockaddr*>(&sa), len) == 0 ? 0 : errno;
        if (error == EINTR || error == EINPROGRESS) { // the connection goes on (POSIX connect(2))
            const std::optional<int> outcome = awaitConnected(fd, share, overall);
            error = outcome.value_or(0);
            if (!outcome) {
                ::close(fd);
                return -1;
            }
        }
        if (error != 0) {
            ::close(fd);
            return -1;
        }
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
        return fd;
    }

    // The connection's outcome (0 or an errno); nullopt when cancel or the overall deadline
    // ended the exchange.
    std::optional<int> awaitConnected(int fd, const QDeadlineTimer& share, const QDeadlineTimer& overall)
    {
        for (;;) {
            if (m_cancel.isCancelled() || overall.hasExpired()) {
                ended(m_cancel.isCancelled() ? Wire::Wait::Cancelled : Wire::Wait::Stalled);
                return std::nullopt;
            }
            if (share.hasExpired())
                return ETIMEDOUT; // this address's share is spent: the next one
            pollfd p{fd, POLLOUT, 0};
            const int rc = ::poll(&p, 1, int(std::clamp<qint64>(share.remainingTime(), 1, kPollMs)));
            if (rc > 0) {
                int err = 0;
                socklen_t errLen = sizeof err;
                return ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &errLen) == 0 ? err : errno;
            }
            if (rc < 0 && errno != EINTR)
                return errno;
        }
    }

    // Qt takes the connected descriptor over; for https, TLS is started on it.
    std::unique_ptr<QSslSocket> adopt(int fd)
    {
        auto s = std::make_unique<QSslSocket>();
        if (!s->setSocketDescriptor(fd, QAbstractSocket::ConnectedState)) {
            // Qt closes the descriptor itself only when it cannot make it non-blocking, which
            // SOCK_NONBLOCK already did: otherwise it is still ours to close.
            ::close(fd);
            m_ex.end = HttpExchange::End::TransportError;
            m_ex.networkError = QNetworkReply::UnknownNetworkError;
            m_ex.networkErrorText = s->errorString();
            return nullptr;
        }
        if (!m_https)
            return s;
        QSslSocket* socket = s.get();
        socket->setSslConfiguration(m_call.request.sslConfiguration());
        // The name the certificate must carry and the one sent as SNI: the connection was made to
        // an address, so Qt has no host name of its own.
        socket->setPeerVerifyName(m_peerName.isEmpty() ? m_host : m_peerName);
        // Signals come inside waitFor*() on this thread: direct calls, no event loop.
        if (m_call.ignoreTlsErrors)
            QObject::connect(
                socket, &QSslSocket::sslErrors, socket, [socket] { socket->ignoreSslErrors(); }, Qt::DirectConnection);
        QObject::connect(
            socket, &QSslSocket::alertReceived, socket,
            [socket](QSsl::AlertLevel, QSsl::AlertType type, const QString&) {
                if (type == QSsl::AlertType::CloseNotify)
                    socket->setProperty(kClosedByPeer, true);
            },
            Qt::DirectConnection);
        socket->startClientEncryption();
        Wire wire(*socket, m_cancel, m_call.stallTimeoutMs);
        // A handshake's wait for more bytes times out without giving the connection up.
        if (const Wire::Wait w = wire.await([socket](int ms) { return socket->waitForEncrypted(ms); });
            w != Wire::Wait::Ready) {
            ended(w, socket);
            return nullptr;
        }
        return s;
    }

    // Maps a wait that did not come back Ready onto how the exchange ended.
    void ended(Wire::Wait w, const QSslSocket* s = nullptr)
    {
        switch (w) {
        case Wire::Wait::Cancelled:
            m_ex.end = HttpExchange::End::Cancelled;
            m_ex.networkError = QNetworkReply::OperationCanceledError;
            m_ex.networkErrorText = HttpExchangeText::tr("Operation canceled");
            return;
        case Wire::Wait::Stalled:
            m_ex.end = HttpExchange::End::Stalled;
            m_ex.networkError = QNetworkReply::OperationCanceledError;
            m_ex.networkErrorText = HttpExchangeText::tr("no data for %1 ms").arg(m_call.stallTimeoutMs);
            return;
        case Wire::Wait::Failed:
        case Wire::Wait::Ready: break;
        }
        m_ex.end = HttpExchange::End::TransportError;
        const QAbstractSocket::SocketError e = s ? s->error() : QAbstractSocket::UnknownSocketError;
        if (e == QAbstractSocket::SocketTimeoutError || e == QAbstractSocket::UnknownSocketError) {
            // Closed without an error of its own: the peer ended the connection.
            m_ex.networkError = QNetworkReply::RemoteHostClosedError;
            m_ex.networkErrorText = HttpExchangeText::tr("Connection closed");
        } else {
            m_ex.networkError = networkErrorFor(e);
            m_ex.networkErrorText = s->errorString();
        }
    }

    void protocolFailure(const QString& text, QNetworkReply::NetworkError e = QNetworkReply::ProtocolFailure)
    {
        m_ex.end = HttpExchange::End::TransportError;
        m_ex.networkError = e;
        m_ex.networkErrorText = text;
    }

    void aborted(Error error)
    {
        m_ex.end = HttpExchange::End::Aborted;
        m_ex.abortError = std::move(error);
        m_ex.networkError = QNetworkReply::OperationCanceledError;
    }

    struct Body {
        Wire& wire;
        QSslSocket& s;
        bool is2xx;
    };

    void exchangeOn(QSslSocket& s, bool& reusable, bool& anyResponseByte)
    {
        reusable = false;
        anyResponseByte = false;
        Wire wire(s, m_cancel, m_call.stallTimeoutMs);
        if (Wire::Wait w = wire.send(m_head + m_call.body); w != Wire::Wait::Ready)
            return ended(w, &s);

        HttpResponse& resp = m_ex.response;
        bool keepAlive = true;
        // The status line, skipping interim 1xx answers.
        QByteArray statusLine;
        qsizetype headBytes = 0;
        for (;;) {
            Wire::Wait why = Wire::Wait::Ready;
            bool tooLong = false;
            auto line = wire.line(why, tooLong);
            if (!line) {
                anyResponseByte = wire.gotAny();
                if (tooLong)
                    return protocolFailure(HttpExchangeText::tr("%1 sent an over-long status line").arg(m_host));
                return ended(why, &s);
            }
            anyResponseByte = true;
            headBytes += line->size() + 2;
            if (headBytes > kMaxHead)
                return protocolFailure(HttpExchangeText::tr("%1 sent too many headers").arg(m_host));
            if (line->isEmpty() && statusLine.isEmpty())
                continue; // a stray CRLF before the status line (RFC 9112 2.2)
            statusLine = *line;
            // "HTTP/1.x NNN reason"
            if (statusLine.size() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.at(8) != ' '
                || (statusLine.size() > 12 && statusLine.at(12) != ' '))
                return protocolFailure(HttpExchangeText::tr("%1 did not answer in HTTP/1.1").arg(m_host));
            int status = 0;
            for (int i = 9; i < 12; ++i) {
                const char c = statusLine.at(i);
                if (c < '0' || c > '9')
                    return protocolFailure(HttpExchangeText::tr("%1 sent a malformed status line").arg(m_host));
                status = status * 10 + (c - '0');
            }
            if (status < 100)
                return protocolFailure(HttpExchangeText::tr("%1 sent a malformed status line").arg(m_host));
            keepAlive = statusLine.at(7) == '1';
            resp.status = status;
            resp.headers.clear();
            // Headers.
            for (;;) {
                auto header = wire.line(why, tooLong);
                if (!header) {
                    if (tooLong)
                        return protocolFailure(HttpExchangeText::tr("%1 sent an over-long header").arg(m_host));
                    return ended(why, &s);
                }
                headBytes += header->size() + 2;
                if (headBytes > kMaxHead || resp.headers.size() >= kMaxHeaders)
                    return protocolFailure(HttpExchangeText::tr("%1 sent too many headers").arg(m_host));
                if (header->isEmpty())
                    break;
                const qsizetype colon = header->indexOf(':');
                if (colon <= 0 || !std::all_of(header->begin(), header->begin() + colon, isTokenChar))
                    return protocolFailure(HttpExchangeText::tr("%1 sent a malformed header").arg(m_host));
                resp.headers.append({header->left(colon), header->mid(colon + 1).trimmed()});
            }
            if (status >= 200)
                break;
            if (status == 101)
                return protocolFailure(HttpExchangeText::tr("%1 switched protocols unasked").arg(m_host));
        }
        m_ex.headersSeen = true;

        // Framing (RFC 9112 6.3).
        const QByteArray transferEncoding = allValues(resp, "Transfer-Encoding");
        const bool chunked = !transferEncoding.isEmpty()
            && transferEncoding.split(',').last().trimmed().compare("chunked", Qt::CaseInsensitive) == 0;
        if (!transferEncoding.isEmpty() && !chunked)
            keepAlive = false; // read to the close
        qint64 length = -1;
        for (const auto& [name, value] : resp.headers) {
            if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
                continue;
            for (QByteArrayView item : QByteArray(value).split(',')) {
                item = item.trimmed();
                bool ok = !item.isEmpty() && item.size() <= 18
                    && std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; });
                const qint64 v = ok ? item.toLongLong(&ok) : -1;
                if (!ok || (length >= 0 && v != length))
                    return protocolFailure(HttpExchangeText::tr("%1 sent an invalid Content-Length").arg(m_host));
                length = v;
            }
        }
        const bool noBody = m_call.method == "HEAD" || resp.status == 204 || resp.status == 304;
        // Transfer-Encoding overrides Content-Length (such an answer ends the connection); a
        // bodiless answer's length is the size of what a GET would have sent.
        if (!transferEncoding.isEmpty() && length >= 0) {
            keepAlive = false;
            if (!noBody)
                length = -1;
        }
        resp.contentLength = length;
        const QByteArray connection = allValues(resp, "Connection");
        if (hasToken(connection, "close"))
            keepAlive = false;
        else if (statusLine.at(7) == '0' && !hasToken(connection, "keep-alive"))
            keepAlive = false;

        const bool is2xx = resp.is2xx();
        if (is2xx && m_hooks && m_hooks->onHeaders) {
            if (auto r = m_hooks->onHeaders(resp); !r)
                return aborted(r.error());
        }

        if (!noBody) {
            Body body{wire, s, is2xx};
            const bool whole = chunked ? readChunked(body) : length >= 0 ? readLength(body, length) : readToClose(body);
            if (!whole)
                return;
            if (length < 0 && !chunked)
                keepAlive = false;
        }
        m_ex.end = HttpExchange::End::Finished;
        m_ex.networkError = QNetworkReply::NoError;
        reusable = keepAlive && !m_cutShort && wire.drained() && usable(s);
    }

    // One piece of the body to its destination. False: the exchange ended (aborted).
    bool deliver(const Body& b, const QByteArray& piece)
    {
        HttpResponse& resp = m_ex.response;
        resp.received += piece.size();
        const bool streamed = m_hooks && m_hooks->onData;
        if (b.is2xx && streamed) {
            if (auto r = m_hooks->onData(piece); !r) {
                aborted(r.error());
                return false;
            }
        } else if (b.is2xx && m_call.maxBody > 0 && resp.body.size() + piece.size() > m_call.maxBody) {
            aborted(Error{ErrorCode::Corrupt,
                          HttpExchangeText::tr("%1 answered more than %2 bytes").arg(m_host).arg(m_call.maxBody),
                          HttpExchangeText::tr("That is not what this endpoint serves: check the address."),
                          {}});
            return false;
        } else if (b.is2xx) {
            resp.body.append(piece);
        } else if (resp.body.size() < m_call.maxErrorBody) {
            resp.body.append(piece.left(m_call.maxErrorBody - resp.body.size()));
        }
        return true;
    }

    // An error answer's body past what is kept is read only to keep the connection; an endless
    // one is not followed.
    bool enoughOfAnError(const Body& b) const
    {
        return !b.is2xx && m_ex.response.received > m_call.maxErrorBody + kErrorBodyDrain;
    }

    // The body up to `length` bytes in all (a Content-Length, or the end of a chunk).
    bool readLength(const Body& b, qint64 length)
    {
        while (m_ex.response.received < length) {
            if (enoughOfAnError(b))
                return finishedEarly();
            QByteArray piece;
            if (Wire::Wait w = b.wire.take(length - m_ex.response.received, piece); w != Wire::Wait::Ready) {
                ended(w, &b.s);
                return false;
            }
            if (!deliver(b, piece))
                return false;
        }
        return true;
    }

    bool readToClose(const Body& b)
    {
        for (;;) {
            if (enoughOfAnError(b))
                return finishedEarly();
            QByteArray piece;
            const Wire::Wait w = b.wire.take(1 << 20, piece);
            if (w == Wire::Wait::Failed && b.wire.closed())
                return true; // the close is the end
            if (w != Wire::Wait::Ready) {
                ended(w, &b.s);
                return false;
            }
            if (!deliver(b, piece))
                return false;
        }
    }

    bool readChunked(const Body& b)
    {
        for (;;) {
            if (enoughOfAnError(b))
                return finishedEarly();
            Wire::Wait why = Wire::Wait::Ready;
            bool tooLong = false;
            auto line = b.wire.line(why, tooLong);
            if (!line)
                return chunkFailure(b, why, tooLong);
            // size [; extensions]
            QByteArrayView hex = QByteArrayView(*line);
            if (const qsizetype semi = hex.indexOf(';'); semi >= 0)
                hex = hex.first(semi);
            hex = hex.trimmed();
            if (hex.isEmpty() || hex.size() > 15)
                return chunkFailure(b, Wire::Wait::Ready, false);
            qint64 size = 0;
            for (const char c : hex) {
                const int d = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f'         ? c - 'a' + 10
                    : c >= 'A' && c <= 'F'         ? c - 'A' + 10
                                                   : -1;
                if (d < 0)
                    return chunkFailure(b, Wire::Wait::Ready, false);
                size = size * 16 + d;
            }
            if (size == 0) {
                // Trailers, up to the empty line.
                for (int n = 0;; ++n) {
                    auto trailer = b.wire.line(why, tooLong);
                    if (!trailer)
                        return chunkFailure(b, why, tooLong);
                    if (trailer->isEmpty())
                        return true;
                    if (n >= kMaxHeaders)
                        return chunkFailure(b, Wire::Wait::Ready, false);
                }
            }
            if (!readLength(b, m_ex.response.received + size))
                return false;
            if (m_cutShort)
                return true;
            auto crlf = b.wire.line(why, tooLong);
            if (!crlf || !crlf->isEmpty())
                return chunkFailure(b, crlf ? Wire::Wait::Ready : why, tooLong);
        }
    }

    bool chunkFailure(const Body& b, Wire::Wait why, bool tooLong)
    {
        if (why != Wire::Wait::Ready && !tooLong)
            ended(why, &b.s);
        else
            protocolFailure(HttpExchangeText::tr("%1 sent a malformed chunked body").arg(m_host));
        return false;
    }

    bool finishedEarly()
    {
        // The rest of the body is still on its way: the connection is not used again.
        m_cutShort = true;
        return true;
    }

    const HttpCall& m_call;
    const CancelToken& m_cancel;
    const HttpHooks* m_hooks;
    HttpExchange& m_ex;
    bool m_https = false;
    QString m_host;
    quint16 m_port = 0;
    QString m_peerName;
    QByteArray m_key;
    QByteArray m_head;
    bool m_cutShort = false; // an answer's body left unread
};

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
    // A thread Qt did not start (a std::thread) has no event dispatcher until something asks for
    // one, and a socket's notifiers warn without it. A QEventLoop's constructor makes it.
    if (!QAbstractEventDispatcher::instance())
        QEventLoop ensureDispatcher;
    HttpExchange ex;
    Exchanger(call, cancel, hooks, ex).run();
    return ex;
}

bool isTransportError(QNetworkReply::NetworkError e)
{
    const int v = int(e);
    // A response that could not be read as HTTP is the transport's failure too: the bytes that
    // came are not an answer.
    return (v >= 1 && v <= 99) || (v >= 101 && v <= 199) || e == QNetworkReply::ProtocolFailure
        || e == QNetworkReply::ProtocolUnknownError;
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
    case QNetworkReply::ProtocolUnknownError:
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
