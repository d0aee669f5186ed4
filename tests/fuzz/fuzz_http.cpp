// SPDX-License-Identifier: GPL-3.0-or-later
// What an S3 endpoint or an API server can answer: the input, after its first byte, is the whole
// answer a server on 127.0.0.1 writes before it closes; the first byte picks how the answer is
// asked for (kept, streamed, capped, HEAD). Nothing may crash, hang or trip a sanitizer, and what
// exchange() says it received must add up.
#include "engine/net/HttpExchange.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>

using namespace tideline;

namespace {

std::mutex g_mutex;
QByteArray g_answer;
quint16 g_port = 0;
QCoreApplication* g_app = nullptr;

// The application goes before the static that holds the main thread's kept-alive connections
// (made on the first exchange, so destroyed after an exit handler registered after it), and with
// it, through its post routine, those connections: nothing is left for the leak check.
void dropApp()
{
    delete g_app;
    g_app = nullptr;
}

// Reads a request head (up to its blank line) and writes the current answer, then closes: one
// answer per connection, as the end of the input is the end of the stream.
void serve(int listener)
{
    for (;;) {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0)
            continue;
        QByteArray head;
        char buf[4096];
        while (!head.contains("\r\n\r\n")) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0)
                break;
            head.append(buf, n);
        }
        QByteArray answer;
        {
            std::lock_guard lock(g_mutex);
            answer = g_answer;
        }
        for (qsizetype at = 0; at < answer.size();) {
            const ssize_t n = ::send(fd, answer.constData() + at, size_t(answer.size() - at), MSG_NOSIGNAL);
            if (n <= 0)
                break;
            at += n;
        }
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    g_app = new QCoreApplication(*argc, *argv);
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener, 16) != 0)
        std::abort();
    socklen_t len = sizeof addr;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
    g_port = ntohs(addr.sin_port);
    std::thread(serve, listener).detach();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    {
        std::lock_guard lock(g_mutex);
        g_answer = QByteArray(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    }
    const int mode = data[0] % 4;
    net::HttpCall call;
    call.request = QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/bucket/key").arg(g_port)));
    call.method = mode == 3 ? "HEAD" : "GET";
    call.stallTimeoutMs = 2'000;
    call.maxErrorBody = 512;
    if (mode == 2)
        call.maxBody = 100;
    qint64 streamed = 0;
    net::HttpHooks hooks;
    hooks.onHeaders = [](const net::HttpResponse& r) -> Result<void> {
        if (!r.is2xx())
            std::abort(); // hooks are for 2xx answers only
        return {};
    };
    hooks.onData = [&](QByteArrayView piece) -> Result<void> {
        streamed += piece.size();
        return {};
    };
    const net::HttpExchange ex = net::exchange(call, {}, mode == 1 ? &hooks : nullptr);
    static const bool dropAppAtExit = (std::atexit(dropApp), true);
    (void)dropAppAtExit;
    const net::HttpResponse& r = ex.response;
    const bool finished = ex.end == net::HttpExchange::End::Finished;
    if (finished && !ex.headersSeen)
        std::abort();
    if (ex.headersSeen && (r.status < 100 || r.status > 999))
        std::abort();
    if (r.body.size() > r.received)
        std::abort();
    if (mode == 1 && r.is2xx() && (streamed != r.received || !r.body.isEmpty()))
        std::abort();
    if (mode == 2 && r.is2xx() && r.body.size() > 100)
        std::abort();
    if (!r.is2xx() && r.body.size() > call.maxErrorBody)
        std::abort();
    const bool bodiless = mode == 3 || r.status == 204 || r.status == 304; // whatever their length says
    if (finished && r.is2xx() && !bodiless && r.contentLength >= 0 && r.received != r.contentLength
        && !(mode == 2 && r.contentLength > 100))
        std::abort(); // a body accepted as whole that is not what its length said
    if (mode == 3 && r.received != 0)
        std::abort();
    return 0;
}
