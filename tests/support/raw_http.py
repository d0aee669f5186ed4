#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Serves scripted raw HTTP/1.x answers, byte for byte, for TestHttpExchange, and says what
Python's http.client makes of the same bytes (the oracle).

    raw_http.py

Prints the port on the first line, then one JSON line: for each scenario, what http.client read
from its bytes ({"status", "body_hex"} or {"error": "ExceptionName"}), and whether Tideline is
meant to be stricter than http.client there ("strict": RFC 9112 says reject, http.client
guesses). Exits when stdin closes.

Requests: METHOD /SCENARIO[/anything]. The request head is read with http.client.parse_headers
(so a request Tideline frames wrongly fails here) and its body by Content-Length. GET
/__stats answers {"connections", "requests", "last": {method, target, headers, body_len}}.
"""

import hashlib
import http.client
import io
import json
import socket
import socketserver
import sys
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


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        with LOCK:
            STATS["connections"] += 1
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


def main():
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    print(json.dumps(oracle()), flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
