#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A loopback HTTP proxy between Tideline and an S3 endpoint (s3rver) for fault and latency tests.

    s3proxy.py --upstream http://127.0.0.1:PORT [--port 0] [--delay-ms N] [--replay]
               [--rules JSON|@FILE] [--log FILE] [--no-stdin] [--lifetime S]

Prints its port on stdout once it listens; exits when stdin closes (unless --no-stdin), on SIGTERM
or SIGINT, or after --lifetime seconds. Clients are simply pointed at http://127.0.0.1:PORT:
requests are path-style, so method, target, headers (Host included, so SigV4 stays valid) and
body are forwarded unchanged. Toward the client it speaks HTTP/1.1 with keep-alive, one thread
per connection; toward the upstream it keeps a small pool of keep-alive connections.

Behaviour, settable on the command line and at run time on the same port:

  --delay-ms N      every request waits N ms before its answer (a WAN round trip)
  --replay          record each GET/HEAD answer (non-5xx) once, answer repeats from memory, so a
                    benchmark measures the client and not s3rver's single-threaded Node
  --rules JSON      a list of fault rules (below); the first rule that fires wins

A rule is a JSON object:
  {"action": A, "path": REGEX, "method": "GET", "first": N | "every": K | "prob": P, "seed": S,
   "skip": M, "bytes": B, "stall_ms": MS}
Rules are tried in order until one fires; a rule counts only the requests that reach it (those
no earlier rule fired on), so "first"/"every"/"skip" count within what is left.

  path     re.search against the request target (path and query, as sent); default: any
  method   default: any
  skip     ignore the first M matching requests
  first    fire on the first N matching requests (after skip) only
  every    fire on every Kth matching request (the Kth, 2Kth, ...)
  prob     fire with probability P, from a generator seeded with S (default 0): reproducible
           (none of first/every/prob: fire on every match)
  action   slowdown     503 SlowDown (S3's throttling answer)
           error500     500 InternalError
           notfound     404 NoSuchKey (an eventually consistent store, or a delete racing a read)
           notimplemented  501 NotImplemented (a store without an API, e.g. multi-object delete)
           accessdenied 403 AccessDenied (a key lacking a permission, e.g. delete)
           badrequest   400 InvalidRequest (with without_header: S3's "Missing required header")
           answer       a canned answer in S3's form, for APIs s3rver lacks: "status" (default 200) with
                        "code" (an S3 error body) or "body" (sent as application/xml)
  without_header  fire only on requests that lack this header (e.g. Content-MD5 on DeleteObjects)
           reset        connection reset (RST) before any byte of the answer
           reset_body   the real status and headers and B body bytes (default half), then RST
           truncate     the real headers (full Content-Length) and B body bytes, then a clean close
           stall        no answer for stall_ms (default 60000), then close
           stall_body   the real headers and B body bytes, then silence for stall_ms, then close
           delay        wait stall_ms more, then answer normally
           flip         the real status, headers and length, with the body byte at offset B (default
                        the middle) inverted: a store or a middlebox handing over wrong bytes with a 200

Control API (never logged, never faulted):
  GET  /__proxy/config            {"delay_ms", "replay", "rules", "upstream", "cached"}
  POST /__proxy/config  {...}     set delay_ms / replay / rules (any subset)
  POST /__proxy/rules   [...]     replace the rules (their counters start over)
  GET  /__proxy/log               the request log as JSON lines
  GET  /__proxy/stats             {"requests", "faults", "peak_concurrency", "sequential_depth",
                                   "wall_s", "by_action"} over the log
  GET  /__proxy/stats?match=RE    the same over the requests whose target matches RE
  POST /__proxy/reset             clear rules and log; {"cache": true} also drops recorded answers

Each log line: {"id", "method", "target", "range", "status", "action", "replayed", "bytes",
"start", "end"} with start/end in seconds on the proxy's monotonic clock. sequential_depth is the
longest chain of requests each starting after the previous one ended: the round trips a client
could not overlap.
"""

import argparse
import http.client
import json
import os
import queue
import random
import re
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}
T0 = time.monotonic()


def now():
    return time.monotonic() - T0


class Rule:
    ACTIONS = {"slowdown", "error500", "notfound", "notimplemented", "accessdenied", "badrequest", "answer", "reset", "reset_body", "truncate", "stall", "stall_body", "delay", "flip"}

    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise ValueError("a rule is a JSON object")
        self.spec = spec
        self.action = spec.get("action")
        if self.action not in self.ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")
        self.path = re.compile(spec["path"]) if spec.get("path") else None
        self.method = spec.get("method")
        self.without_header = (spec.get("without_header") or "").lower()
        self.skip = int(spec.get("skip", 0))
        self.first = spec.get("first")
        self.every = spec.get("every")
        self.prob = spec.get("prob")
        self.random = random.Random(spec.get("seed", 0))
        self.bytes = spec.get("bytes")
        self.stall_ms = int(spec.get("stall_ms", 60000))
        self.matches = 0
        self.fired = 0

    def fires(self, method, target, headers=None):
        """Called under the state lock: counts a match and decides."""
        if self.method and self.method != method:
            return False
        if self.without_header and headers is not None and self.without_header in {k.lower() for k in headers.keys()}:
            return False
        if self.path and not self.path.search(target):
            return False
        self.matches += 1
        n = self.matches - self.skip
        if n <= 0:
            return False
        if self.first is not None:
            hit = n <= int(self.first)
        elif self.every is not None:
            hit = n % int(self.every) == 0
        elif self.prob is not None:
            hit = self.random.random() < float(self.prob)
        else:
            hit = True
        if hit:
            self.fired += 1
        return hit


class State:
    def __init__(self, upstream, delay_ms, replay, rules, log_path, pool_size):
        self.lock = threading.Lock()
        self.upstream = urllib.parse.urlsplit(upstream)
        if self.upstream.scheme != "http" or not self.upstream.hostname:
            raise SystemExit("s3proxy: --upstream must be http://host:port")
        self.delay_ms = delay_ms
        self.replay = replay
        self.rules = [Rule(r) for r in rules]
        self.cache = {}
        self.log = []
        self.log_file = open(log_path, "a", buffering=1) if log_path else None
        self.next_id = 0
        self.active = 0
        self.pool = queue.LifoQueue()
        self.pool_size = pool_size

    # -- upstream connections: reused while healthy, never more than pool_size kept idle
    def connection(self):
        try:
            return self.pool.get_nowait()
        except queue.Empty:
            return http.client.HTTPConnection(self.upstream.hostname, self.upstream.port or 80, timeout=120)

    def release(self, conn):
        if self.pool.qsize() < self.pool_size:
            self.pool.put(conn)
        else:
            conn.close()

    def forward(self, method, target, headers, body):
        """(status, reason, [(name, value)], body) from the upstream; one retry on a stale
        pooled connection (the upstream may have closed an idle keep-alive)."""
        for attempt in (0, 1):
            conn = self.connection()
            try:
                conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
                for name, value in headers:
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        conn.putheader(name, value)
                if body or method in ("PUT", "POST"):
                    conn.putheader("Content-Length", str(len(body)))
                conn.endheaders(body if body else None)
                resp = conn.getresponse()
                data = resp.read() if method != "HEAD" else b""
                out = (resp.status, resp.reason, resp.getheaders(), data)
                if resp.will_close:
                    conn.close()
                else:
                    self.release(conn)
                return out
            except (http.client.HTTPException, OSError):
                conn.close()
                if attempt == 1:
                    raise

    def record(self, entry):
        with self.lock:
            self.log.append(entry)
        if self.log_file:
            self.log_file.write(json.dumps(entry) + "\n")

    def stats(self, match=None):
        with self.lock:
            log = [e for e in self.log if match is None or match.search(e["target"])]
        by_action = {}
        for e in log:
            by_action[e["action"] or "none"] = by_action.get(e["action"] or "none", 0) + 1
        # peak concurrency: sweep over start (+1) and end (-1) events, ends first on ties
        events = sorted([(e["start"], 1) for e in log] + [(e["end"], -1) for e in log], key=lambda x: (x[0], x[1]))
        peak = cur = 0
        for _, d in events:
            cur += d
            peak = max(peak, cur)
        # longest chain of requests each starting after the previous ended
        by_end = sorted(log, key=lambda e: e["end"])
        depth = {}
        best_before = 0
        j = 0
        for e in sorted(log, key=lambda e: e["start"]):
            while j < len(by_end) and by_end[j]["end"] <= e["start"]:
                best_before = max(best_before, depth.get(by_end[j]["id"], 0))
                j += 1
            depth[e["id"]] = best_before + 1
        # every end processed after its start: an interval ends after it starts, so depth is set
        seq = max(depth.values(), default=0)
        wall = (max(e["end"] for e in log) - min(e["start"] for e in log)) if log else 0.0
        return {"requests": len(log), "faults": sum(1 for e in log if e["action"]),
                "peak_concurrency": peak, "sequential_depth": seq, "wall_s": round(wall, 6),
                "by_action": by_action}


STATE = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "s3proxy"
    sys_version = ""

    def log_message(self, fmt, *args):  # quiet: the JSON log is the record
        pass

    def setup(self):
        super().setup()
        # Without TCP_NODELAY, the last small segment of an answer waits for the client's delayed
        # ACK (40 ms on Linux): that, not the client, would dominate every round trip.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        self.handle_any()

    def do_HEAD(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def do_DELETE(self):
        self.handle_any()

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    # -- answers
    def send_raw(self, status, reason, headers, body, head_only):
        self.send_response_only(status, reason)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        # Headers and body in one write: one segment train per answer.
        self._headers_buffer.append(b"\r\n")
        if not head_only:
            self._headers_buffer.append(body)
        self.wfile.write(b"".join(self._headers_buffer))
        self._headers_buffer = []
        self.wfile.flush()

    def send_json(self, obj, status=200):
        body = json.dumps(obj).encode()
        self.send_raw(status, None, [("Content-Type", "application/json")], body, False)

    def s3_error(self, status, code, message):
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
                f"<RequestId>s3proxy</RequestId></Error>").encode()
        self.send_raw(status, None, [("Content-Type", "application/xml")], body, self.command == "HEAD")

    def reset(self):
        """An RST, not a FIN: SO_LINGER with a zero timeout, then close."""
        try:
            self.wfile.flush()
        except OSError:
            pass
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def close_cleanly(self):
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        self.close_connection = True

    def wait(self, ms):
        """Sleeps up to ms, returning early once the client has gone (so a stall ends with it)."""
        deadline = time.monotonic() + ms / 1000.0
        while time.monotonic() < deadline:
            try:
                self.connection.settimeout(min(0.05, max(0.001, deadline - time.monotonic())))
                if self.connection.recv(1, socket.MSG_PEEK) == b"":
                    return
            except socket.timeout:
                continue
            except OSError:
                return
            time.sleep(0.01)  # pipelined bytes waiting: keep stalling, but do not spin

    def partial(self, status, reason, headers, body, rule):
        """Real headers with the full Content-Length, then part of the body."""
        cut = len(body) // 2 if rule.bytes is None else max(0, min(int(rule.bytes), len(body)))
        self.send_response_only(status, reason)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:cut])
        self.wfile.flush()
        return cut

    # -- control API
    def control(self):
        path = urllib.parse.urlsplit(self.path).path
        body = self.read_body()
        try:
            data = json.loads(body) if body.strip() else None
        except ValueError as e:
            return self.send_json({"error": f"bad JSON: {e}"}, 400)
        try:
            if path == "/__proxy/config" and self.command == "GET":
                pass
            elif path == "/__proxy/config" and self.command == "POST":
                data = data or {}
                with STATE.lock:
                    if "delay_ms" in data:
                        STATE.delay_ms = float(data["delay_ms"])
                    if "replay" in data:
                        STATE.replay = bool(data["replay"])
                    if "rules" in data:
                        STATE.rules = [Rule(r) for r in data["rules"]]
            elif path == "/__proxy/rules" and self.command == "POST":
                rules = [Rule(r) for r in (data or [])]
                with STATE.lock:
                    STATE.rules = rules
            elif path == "/__proxy/log" and self.command == "GET":
                with STATE.lock:
                    text = "".join(json.dumps(e) + "\n" for e in STATE.log).encode()
                return self.send_raw(200, None, [("Content-Type", "application/x-ndjson")], text, False)
            elif path == "/__proxy/stats" and self.command == "GET":
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                match = re.compile(query["match"][0]) if "match" in query else None
                return self.send_json(STATE.stats(match))
            elif path == "/__proxy/reset" and self.command == "POST":
                with STATE.lock:
                    STATE.rules = []
                    STATE.log = []
                    if data and data.get("cache"):
                        STATE.cache = {}
            else:
                return self.send_json({"error": f"no {self.command} {path}"}, 404)
        except (ValueError, KeyError, TypeError, re.error) as e:
            return self.send_json({"error": str(e)}, 400)
        with STATE.lock:
            return self.send_json({"delay_ms": STATE.delay_ms, "replay": STATE.replay,
                                   "rules": [dict(r.spec, matches=r.matches, fired=r.fired) for r in STATE.rules],
                                   "upstream": STATE.upstream.geturl(), "cached": len(STATE.cache)})

    # -- proxying
    def handle_any(self):
        if self.path.startswith("/__proxy/"):
            return self.control()
        start = now()
        with STATE.lock:
            STATE.next_id += 1
            rid = STATE.next_id
            STATE.active += 1
            rule = next((r for r in STATE.rules if r.fires(self.command, self.path, self.headers)), None)
            delay_ms = STATE.delay_ms
            replay = STATE.replay
        entry = {"id": rid, "method": self.command, "target": self.path, "range": self.headers.get("Range"),
                 "status": None, "action": rule.action if rule else None, "replayed": False, "bytes": 0,
                 "start": round(start, 6), "end": None}
        try:
            self.proxy(entry, rule, delay_ms, replay)
        except (ConnectionError, BrokenPipeError, socket.timeout, OSError) as e:
            entry["error"] = f"{type(e).__name__}: {e}"
            self.close_connection = True
        finally:
            with STATE.lock:
                STATE.active -= 1
            entry["end"] = round(now(), 6)
            STATE.record(entry)

    def proxy(self, entry, rule, delay_ms, replay):
        body = self.read_body()
        if delay_ms > 0:
            time.sleep(delay_ms / 1000.0)
        action = rule.action if rule else None
        head_only = self.command == "HEAD"
        if action == "slowdown":
            entry["status"] = 503
            return self.s3_error(503, "SlowDown", "Please reduce your request rate.")
        if action == "error500":
            entry["status"] = 500
            return self.s3_error(500, "InternalError", "We encountered an internal error. Please try again.")
        if action == "notfound":
            entry["status"] = 404
            return self.s3_error(404, "NoSuchKey", "The specified key does not exist.")
        if action == "notimplemented":
            entry["status"] = 501
            return self.s3_error(501, "NotImplemented", "A header you provided implies functionality that is not implemented.")
        if action == "badrequest":
            entry["status"] = 400
            missing = rule.spec.get("without_header") or "a header"
            return self.s3_error(400, "InvalidRequest", f"Missing required header for this request: {missing}")
        if action == "answer":
            entry["status"] = int(rule.spec.get("status", 200))
            if rule.spec.get("code"):
                return self.s3_error(entry["status"], rule.spec["code"], rule.spec.get("message", rule.spec["code"]))
            return self.send_raw(entry["status"], None, [("Content-Type", "application/xml")],
                                 rule.spec.get("body", "").encode(), head_only)
        if action == "accessdenied":
            entry["status"] = 403
            return self.s3_error(403, "AccessDenied", "Access Denied")
        if action == "reset":
            return self.reset()
        if action == "stall":
            self.wait(rule.stall_ms)
            return self.reset()
        if action == "delay":
            time.sleep(rule.stall_ms / 1000.0)

        key = (self.command, self.path, self.headers.get("Range"))
        cacheable = replay and self.command in ("GET", "HEAD")
        answer = STATE.cache.get(key) if cacheable else None
        if answer is not None:
            entry["replayed"] = True
        else:
            answer = STATE.forward(self.command, self.path, list(self.headers.items()), body)
            if cacheable and answer[0] < 500:
                with STATE.lock:
                    STATE.cache[key] = answer
        status, reason, headers, data = answer
        entry["status"] = status

        if action in ("reset_body", "truncate", "stall_body") and not head_only:
            entry["bytes"] = self.partial(status, reason, headers, data, rule)
            if action == "reset_body":
                return self.reset()
            if action == "stall_body":
                self.wait(rule.stall_ms)
                return self.reset()
            return self.close_cleanly()
        if action == "flip" and data and not head_only:
            at = min(rule.bytes, len(data) - 1) if rule.bytes is not None else len(data) // 2
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
        self.send_raw(status, reason, headers, data, head_only)
        entry["bytes"] = 0 if head_only else len(data)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main():
    global STATE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--upstream", required=True, help="http://127.0.0.1:PORT of the real endpoint")
    ap.add_argument("--port", type=int, default=0, help="0: any free port (printed)")
    ap.add_argument("--delay-ms", type=float, default=0.0)
    ap.add_argument("--replay", action="store_true")
    ap.add_argument("--rules", default="[]", help="JSON list of rules, or @FILE")
    ap.add_argument("--log", help="also append every log line to this file")
    ap.add_argument("--pool", type=int, default=8, help="idle upstream connections kept")
    ap.add_argument("--no-stdin", action="store_true", help="do not exit when stdin closes")
    ap.add_argument("--lifetime", type=float, default=0.0, help="exit after this many seconds (0: never)")
    args = ap.parse_args()
    rules_text = open(args.rules[1:]).read() if args.rules.startswith("@") else args.rules
    STATE = State(args.upstream, args.delay_ms, args.replay, json.loads(rules_text), args.log, args.pool)

    server = Server(("127.0.0.1", args.port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    print(server.server_address[1], flush=True)

    if not args.no_stdin:
        def watch_stdin():
            # Leave no orphan: stop when whoever started us closes our stdin or dies.
            try:
                while sys.stdin.buffer.read(65536):
                    pass
            finally:
                os._exit(0)
        threading.Thread(target=watch_stdin, daemon=True).start()
    if args.lifetime > 0:
        threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    server.serve_forever(poll_interval=0.5)


if __name__ == "__main__":
    main()
