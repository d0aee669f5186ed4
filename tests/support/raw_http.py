#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Serves scripted raw HTTP/1.x answers, byte for byte, for TestHttpExchange, and says what
Python's http.client makes of the same bytes (the oracle).

    raw_http.py

Prints the port on the first line; on the second a JSON object with "slow_port" (a listener
whose accept queue is full, so a connection takes a SYN retransmission, about a second, once
GET /__arm_slow has it accept 300 ms later), "tls_port" (the same answers over TLS, with a
certificate for the name tideline.test only) and "tls_ca" (the PEM that signs it); on the third
one JSON line: for each scenario, what http.client read from its bytes ({"status", "body_hex"}
or {"error": "ExceptionName"}), and whether Tideline is meant to be stricter than http.client
there ("strict": RFC 9112 says reject, http.client guesses). Exits when stdin closes.

Requests: METHOD /SCENARIO[/anything]. The request head is read with http.client.parse_headers
(so a request Tideline frames wrongly fails here) and its body by Content-Length. GET
/__stats answers {"connections", "requests", "last": {method, target, headers, body_len,
body_sha256}, "sni"} about the requests before it (itself not counted, but its connection is;
"sni" is the server name the last TLS client sent).
"""

import hashlib
import http.client
import io
import json
import socket
import os
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time

BODY = bytes(range(256)) * 40  # 10,240 bytes, every byte value


def chunked(data, size, ext=b""):
    out = b""
    for i in range(0, len(data), size):
        piece = data[i:i + size]
        out += b"%x%s\r\n" % (len(piece), ext) + piece + b"\r\n"
    return out


SCENARIOS = {
    # name: (raw answer, strict)
    "length": (b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nETag: \"x\"\r\n\r\n" % len(BODY) + BODY, False),
    "chunked": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(BODY, 1000, b";name=value")
                + b"0\r\nX-Trailer: yes\r\n\r\n", False),
    "chunked_upper_hex": (b"HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n", False),
    "chunked_bad_hex": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", False),
    "chunked_cut": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(BODY[:3000], 1000), False),
    "length_cut": (b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(BODY) + BODY[:5000], False),
    "to_close_http10": (b"HTTP/1.0 200 OK\r\nServer: old\r\n\r\n" + BODY, False),
    "interim_100": (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", False),
    "te_and_length": (b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + chunked(BODY[:2500], 700) + b"0\r\n\r\n", False),
    "bare_lf": (b"HTTP/1.1 200 OK\nContent-Length: 5\n\nhello", False),
    "status_garbage": (b"HTTP/1.1 2x0 OK\r\nContent-Length: 5\r\n\r\nhello", False),
    "not_http": (b"SSH-2.0-OpenSSH_9.2\r\n", False),
    "long_header": (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\nContent-Length: 5\r\n\r\nhello", False),
    "error_404": (b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nNoSuchKey", False),
    "no_content": (b"HTTP/1.1 204 No Content\r\n\r\n", False),
    # a 204 has no body whatever its length says (fuzz_http's first find, in its own invariant)
    "no_content_with_length": (b"HTTP/1.1 204 No Content\r\nContent-Length: 10240\r\n\r\n", False),
    # RFC 9112 6.3: differing Content-Length values are unrecoverable; http.client falls back to
    # reading to the close.
    "length_conflict": (b"HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!", True),
    "length_negative": (b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello", True),
    # RFC 9112 5: a field name is a token; a line without a colon is not a field.
    "header_no_colon": (b"HTTP/1.1 200 OK\r\nthis is not a header\r\nContent-Length: 5\r\n\r\nhello", True),
}


class FakeSocket:
    def __init__(self, data):
        self.data = data

    def makefile(self, mode):
        return io.BytesIO(self.data)


def oracle(method="GET"):
    out = {}
    for name, (raw, strict) in SCENARIOS.items():
        r = http.client.HTTPResponse(FakeSocket(raw), method=method)
        try:
            r.begin()
            body = r.read()
            out[name] = {"status": r.status, "body_hex": body.hex(), "strict": strict}
        except Exception as e:  # what http.client refuses, by class name
            out[name] = {"error": type(e).__name__, "strict": strict}
    return out


LOCK = threading.Lock()
STATS = {"connections": 0, "requests": 0, "last": None}


SLOW_ARMED = threading.Event()


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        with LOCK:
            STATS["connections"] += 1
        on_this_connection = 0
        while True:
            line = self.rfile.readline(65537)
            if not line:
                return
            parts = line.decode("latin-1").rstrip("\r\n").split(" ")
            if len(parts) != 3 or parts[2] != "HTTP/1.1":
                self.wfile.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            method, target, _ = parts
            headers = http.client.parse_headers(self.rfile)
            length = int(headers.get("Content-Length", "0"))
            body = self.rfile.read(length) if length else b""
            name = target.lstrip("/").split("/")[0].split("?")[0]
            on_this_connection += 1
            if name != "__stats":
                with LOCK:
                    STATS["requests"] += 1
                    STATS["last"] = {"method": method, "target": target,
                                     "headers": {k.lower(): v for k, v in headers.items()},
                                     "body_sha256": hashlib.sha256(body).hexdigest(), "body_len": len(body)}
            if name == "__stats":
                with LOCK:
                    data = json.dumps(STATS).encode()
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(data) + data)
                return
            if name == "__arm_slow":
                SLOW_ARMED.set()
                self.wfile.write(b"HTTP/1.1 204 No Content\r\n\r\n")
                continue
            if name == "second_unanswered":  # answers a connection's first request only
                if on_this_connection > 1:
                    return
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                continue
            if name == "head_then_stray" and method == "HEAD":  # bytes after a HEAD's answer
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
                self.wfile.flush()
                time.sleep(0.1)
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nEVIL!")
                continue
            if name == "long_error":  # an error body longer than a client keeps, then an answer
                tail = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nEVIL!"
                data = b"e" * (4_000_000 - len(tail)) + tail
                self.wfile.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
                continue
            if name == "notify_then_hold":  # TLS: answers, then close_notify, and no FIN for a while
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                self.wfile.flush()
                time.sleep(0.1)
                self.request.settimeout(1.5)
                try:
                    self.request.unwrap()  # sends close_notify, waits for the client's
                except OSError:
                    pass
                time.sleep(1.5)
                return
            if name == "keepalive":  # answers and keeps the connection
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                continue
            if name == "sloppy_close":  # answers as if keeping the connection, then drops it
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                self.wfile.flush()
                time.sleep(0.05)
                return
            if name == "stall_head":
                time.sleep(3)
                return
            if name == "endless_error":  # an error body that never ends
                self.wfile.write(b"HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n")
                try:
                    for _ in range(100000):
                        self.wfile.write(chunked(b"e" * 4096, 4096))
                except OSError:
                    pass
                return
            if name == "big":  # 3 MB with a length
                data = b"b" * 3_000_000
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
                continue
            if name == "head" and method == "HEAD":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 12345\r\n\r\n")
                continue
            if name in SCENARIOS:
                self.wfile.write(SCENARIOS[name][0])
                return  # one answer per connection: the end of the bytes is the close
            self.wfile.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that refused our certificate, or went away: nothing to report


class TlsServer(Server):
    def __init__(self, address, handler, context):
        super().__init__(address, handler)
        self.context = context

    def finish_request(self, request, client_address):
        with self.context.wrap_socket(request, server_side=True) as tls:
            self.RequestHandlerClass(tls, client_address, self)


def tls_context(workdir):
    """A CA and a certificate it signs for the name tideline.test only (EC P-256: quick)."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=workdir, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
        "-out", "ca.crt", "-days", "2", "-subj", "/CN=raw_http test CA")
    run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=tideline.test")
    with open(os.path.join(workdir, "ext"), "w") as f:
        f.write("subjectAltName=DNS:tideline.test\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
        "-extfile", "ext", "-out", "server.crt")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.path.join(workdir, "server.crt"), os.path.join(workdir, "server.key"))

    def sni(sslobj, name, ctx):  # the name the client asked for: what __stats calls "sni"
        with LOCK:
            STATS["sni"] = name
    context.sni_callback = sni
    return context, os.path.join(workdir, "ca.crt")


def slow_listener(server):
    """A listener whose one-place accept queue a connection already fills: the next connect's SYN
    is dropped until, armed, it starts accepting (Linux retransmits the SYN after a second)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    filler = socket.create_connection(listener.getsockname())

    def serve_one(conn, addr):
        with conn:
            Handler(conn, addr, server)

    def accept():
        SLOW_ARMED.wait()
        time.sleep(0.3)
        filler.close()
        while True:
            conn, addr = listener.accept()
            threading.Thread(target=serve_one, args=(conn, addr), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def main():
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    workdir = tempfile.mkdtemp(prefix="raw_http.")
    context, ca = tls_context(workdir)
    tls = TlsServer(("127.0.0.1", 0), Handler, context)
    threading.Thread(target=tls.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    print(json.dumps({"slow_port": slow_listener(server), "tls_port": tls.server_address[1], "tls_ca": ca}), flush=True)
    print(json.dumps(oracle()), flush=True)
    sys.stdin.read()
    server.shutdown()
    tls.shutdown()
    for name in os.listdir(workdir):
        os.unlink(os.path.join(workdir, name))
    os.rmdir(workdir)


if __name__ == "__main__":
    main()
