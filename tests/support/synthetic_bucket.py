#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A read-only S3 endpoint serving make_big_bucket.py's bucket from memory, for sizes s3rver
cannot hold (two million objects would take it hours to write and a file per object to keep).

    synthetic_bucket.py [--bucket tideline-bench] [--path cnpg] [--server pg-bench]
                        [--wals 100000] [--backups 500] [--small-servers 0] [--small-wals 200]
                        [--port 0]

Prints its port on stdout once it listens, then a JSON summary line (make_big_bucket.py's, plus
"objects" and "url"), and serves until stdin closes. The big server holds --wals objects under
wals/ and --backups backups; --small-servers more servers (SERVER-001, ...) hold --small-wals
WAL objects and two backups each, so that a bucket of fifty clusters lists like one.

What it answers, path-style, without checking signatures:
  GET  /BUCKET?list-type=2&prefix=&delimiter=&start-after=&continuation-token=&max-keys=
       ListObjectsV2 as S3 answers it: keys in UTF-8 byte order, at most max-keys (capped at
       1000) keys and common prefixes together, the continuation token opaque, KeyCount,
       IsTruncated, StartAfter and ContinuationToken echoed
  HEAD /BUCKET (HeadBucket), GET /BUCKET/KEY (Range bytes=a-b too), HEAD /BUCKET/KEY; ETag = MD5 of the body, as s3rver
       and S3 give for a single-part upload; Last-Modified is the object's own time (segments
       16 s apart from 2026-01-01, a backup's files at its end time)
Anything else: 501. tests/integration/check_synthetic_bucket.py holds it to s3rver's answers on
the same bucket written through the S3 API.
"""

import argparse
import base64
import bisect
import datetime
import email.utils
import hashlib
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import make_big_bucket as mbb  # noqa: E402

BASE_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


class Bucket:
    def __init__(self, name, objects, times):
        self.name = name
        self.keys = sorted(objects)
        self.objects = objects
        self.times = times
        self.etags = {}  # id(body) -> ETag: the bodies are shared between keys

    def etag(self, body):
        e = self.etags.get(id(body))
        if e is None:
            e = self.etags[id(body)] = '"%s"' % hashlib.md5(body).hexdigest()
        return e

    def list(self, prefix, delimiter, after, max_keys):
        """Returns (keys, common prefixes, truncated, last name returned)."""
        i = bisect.bisect_right(self.keys, after) if after else 0
        i = max(i, bisect.bisect_left(self.keys, prefix))
        keys, prefixes, last = [], [], None
        while i < len(self.keys):
            key = self.keys[i]
            if not key.startswith(prefix):
                break
            if len(keys) + len(prefixes) == max_keys:
                return keys, prefixes, True, last
            cut = key.find(delimiter, len(prefix)) if delimiter else -1
            if cut >= 0:
                common = key[:cut + len(delimiter)]
                prefixes.append(common)
                last = common
                # every key under this prefix sorts before common + U+10FFFF
                i = bisect.bisect_left(self.keys, common + "\U0010ffff", i)
                continue
            keys.append(key)
            last = key
            i += 1
        return keys, prefixes, False, last


def build(args):
    objects, summary = mbb.plan(args.wals, args.backups)
    root = f"{args.path}/" if args.path else ""
    all_objects, times = {}, {}

    def add(server, objs):
        for key, body in objs.items():
            full = f"{root}{server}/{key}"
            all_objects[full] = body
            times[full] = object_time(key)

    add(args.server, objects)
    for n in range(1, args.small_servers + 1):
        small, _ = mbb.plan(args.small_wals, 2)
        add(f"{args.server}-{n:03d}", small)
    summary.update({"bucket": args.bucket, "server": args.server, "objects": len(all_objects),
                    "url": f"s3://{args.bucket}/{args.path}" if args.path else f"s3://{args.bucket}"})
    return Bucket(args.bucket, all_objects, times), summary


def object_time(key):
    """A segment's upload time follows its number; a backup's files carry its id's time."""
    name = key.rsplit("/", 1)[-1]
    if key.startswith("base/"):
        stamp = datetime.datetime.strptime(key.split("/")[1], "%Y%m%dT%H%M%S").replace(tzinfo=datetime.timezone.utc)
        return stamp + datetime.timedelta(seconds=2)
    if len(name) >= 24 and all(c in "0123456789ABCDEF" for c in name[:24]):
        segno = int(name[8:16], 16) * mbb.SEGMENTS_PER_LOG + int(name[16:24], 16)
        return BASE_TIME + datetime.timedelta(seconds=16 * segno)
    return BASE_TIME


BUCKET = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "synthetic-bucket"
    sys_version = ""

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None, head=False):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def error(self, status, code):
        body = f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{code}</Message></Error>'
        self.send(status, body.encode(), {"Content-Type": "application/xml"})

    def do_HEAD(self):
        self.handle_get(head=True)

    def do_GET(self):
        self.handle_get(head=False)

    def do_PUT(self):
        self.error(501, "NotImplemented")

    do_POST = do_DELETE = do_PUT

    def handle_get(self, head):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.lstrip("/").split("/", 1)
        if parts[0] != BUCKET.name:
            return self.error(404, "NoSuchBucket")
        params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if len(parts) == 1 or parts[1] == "":
            if head:  # HeadBucket (barman-cloud's first call)
                return self.send(200, b"", {}, head)
            if params.get("list-type") != "2":
                return self.error(501, "NotImplemented")
            return self.serve_list(params)
        key = urllib.parse.unquote(parts[1])
        body = BUCKET.objects.get(key)
        if body is None:
            return self.error(404, "NoSuchKey")
        headers = {"ETag": BUCKET.etag(body), "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream",
                   "Last-Modified": email.utils.format_datetime(BUCKET.times[key], usegmt=True)}
        status, payload = 200, body
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes="):
            first, _, last = rng[6:].partition("-")
            if not first:  # a suffix range: the last N bytes
                a, b = max(0, len(body) - int(last)), len(body) - 1
            else:
                a = int(first)
                b = min(int(last) if last else len(body) - 1, len(body) - 1)
            if a >= len(body):
                return self.error(416, "InvalidRange")
            status, payload = 206, body[a:b + 1]
            headers["Content-Range"] = f"bytes {a}-{b}/{len(body)}"
        self.send(status, payload, headers, head)

    def serve_list(self, params):
        prefix = params.get("prefix", "")
        delimiter = params.get("delimiter", "")
        token = params.get("continuation-token")
        start_after = params.get("start-after", "")
        try:
            max_keys = min(1000, int(params.get("max-keys", "1000")))
            if max_keys < 0:
                raise ValueError
        except ValueError:
            return self.error(400, "InvalidArgument")
        after = start_after
        if token is not None:
            try:
                kind, after = base64.urlsafe_b64decode(token.encode()).decode().split(":", 1)
            except ValueError:
                return self.error(400, "InvalidArgument")
            if kind == "P":  # the page ended on a common prefix: go on after everything under it
                after += "\U0010ffff"
        keys, prefixes, truncated, last = BUCKET.list(prefix, delimiter, after, max_keys)
        truncated = truncated and last is not None  # max-keys=0 lists nothing and has no next page
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
               f"<Name>{escape(BUCKET.name)}</Name><Prefix>{escape(prefix)}</Prefix>"]
        if start_after:
            out.append(f"<StartAfter>{escape(start_after)}</StartAfter>")
        if token is not None:
            out.append(f"<ContinuationToken>{escape(token)}</ContinuationToken>")
        out.append(f"<KeyCount>{len(keys) + len(prefixes)}</KeyCount><MaxKeys>{max_keys}</MaxKeys>")
        if delimiter:
            out.append(f"<Delimiter>{escape(delimiter)}</Delimiter>")
        out.append(f"<IsTruncated>{'true' if truncated else 'false'}</IsTruncated>")
        if truncated:
            kind = "P" if prefixes and last == prefixes[-1] else "K"
            out.append(f"<NextContinuationToken>{base64.urlsafe_b64encode(f'{kind}:{last}'.encode()).decode()}"
                       f"</NextContinuationToken>")
        for key in keys:
            body = BUCKET.objects[key]
            stamp = BUCKET.times[key].strftime("%Y-%m-%dT%H:%M:%S.000Z")
            out.append(f"<Contents><Key>{escape(key)}</Key><LastModified>{stamp}</LastModified>"
                       f"<ETag>{escape(BUCKET.etag(body))}</ETag><Size>{len(body)}</Size>"
                       f"<StorageClass>STANDARD</StorageClass></Contents>")
        for p in prefixes:
            out.append(f"<CommonPrefixes><Prefix>{escape(p)}</Prefix></CommonPrefixes>")
        out.append("</ListBucketResult>")
        self.send(200, "".join(out).encode(), {"Content-Type": "application/xml"})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a wave of 32 range listings connects at once


def main():
    global BUCKET
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bucket", default="tideline-bench")
    ap.add_argument("--path", default="cnpg")
    ap.add_argument("--server", default="pg-bench")
    ap.add_argument("--wals", type=int, default=100_000)
    ap.add_argument("--backups", type=int, default=500)
    ap.add_argument("--small-servers", type=int, default=0)
    ap.add_argument("--small-wals", type=int, default=200)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    BUCKET, summary = build(args)
    server = Server(("127.0.0.1", args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    print(json.dumps(summary), flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
