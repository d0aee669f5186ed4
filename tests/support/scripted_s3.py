#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A scripted S3 endpoint for TestS3Store: path-style requests on 127.0.0.1, one behaviour per
bucket name, so a test can provoke each failure S3 and R2 produce in the wild.

  python3 scripted_s3.py [--log FILE]   prints its port on stdout, serves until stdin closes

Every request is appended to FILE as one JSON line (method, raw path, headers) so tests can count
attempts and inspect Range and Authorization headers. Every bucket rejects requests carrying
aws-chunked encodings or x-amz-checksum-* headers (R2 does) and requires Accept-Encoding: identity
and x-amz-content-sha256.

Buckets:
  data       an in-memory store: PUT, GET (Range), HEAD, ListObjectsV2 with 3 entries per page
  verify     like data, but the SigV4 signature is recomputed with botocore from the raw request
             line (AKIAIOSFODNN7EXAMPLE / the AWS example secret); mismatch -> 403 SignatureDoesNotMatch
  denied     403 AccessDenied          sigfail   403 SignatureDoesNotMatch (echoes Authorization)
  nobucket   404 NoSuchBucket          e500      always 500 InternalError
  slowdown   503 SlowDown twice per key, then the object
  cut        first GET of a key sends Content-Length N, half the body, then closes; then honest
  stall      first GET of a key sends headers and 100 bytes, then goes silent for 5 s
  stallhead  first request of a key goes silent for 5 s before any header
  pages      a fixed two-page listing in a non-AWS XML namespace with an awkward continuation token
  nostartafter  data's ListObjectsV2, start-after ignored
  inclusive  data's ListObjectsV2, start-after taken as inclusive (the key itself listed again)
  huge       a listing page (and a DeleteObjects answer) of 40 MiB: no honest store sends one
"""

import argparse
import hashlib
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
PAGE_SIZE = 3
ODD_NS = "urn:example:not-the-aws-namespace"
ODD_TOKEN = "tok+/= \u00fc&x"

LOCK = threading.Lock()
STORES = {"data": {}, "verify": {}}
COUNTS = {}
LOG = None


def body_for(key, size=10000):
    """Deterministic, position-dependent bytes so a misplaced resume shows."""
    seed = hashlib.sha256(key.encode()).digest()
    out = bytearray()
    i = 0
    while len(out) < size:
        out += hashlib.sha256(seed + i.to_bytes(4, "big")).digest()
        i += 1
    return bytes(out[:size])


def count(name):
    with LOCK:
        COUNTS[name] = COUNTS.get(name, 0) + 1
        return COUNTS[name]


def verify_signature(handler, raw_path, body):
    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    auth = handler.headers.get("Authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return "no SigV4 Authorization header"
    parts = dict(p.strip().split("=", 1) for p in auth[len("AWS4-HMAC-SHA256 "):].split(","))
    scope = parts["Credential"].split("/")
    signed = parts["SignedHeaders"].split(";")
    if scope[0] != ACCESS_KEY:
        return "unknown access key"
    headers = {}
    for name in signed:
        values = handler.headers.get_all(name)
        if values is None:
            return f"signed header {name} missing"
        headers[name] = ",".join(values)
    host = handler.headers["Host"]
    request = AWSRequest(method=handler.command, url=f"http://{host}{raw_path}", headers=headers, data=body)
    request.context["timestamp"] = handler.headers["x-amz-date"]
    signer = S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "s3", scope[2])
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if expected != parts["Signature"]:
        return "signature mismatch; canonical request was:\n" + canonical
    payload = handler.headers.get("x-amz-content-sha256")
    if payload != "UNSIGNED-PAYLOAD" and payload != hashlib.sha256(body or b"").hexdigest():
        return "payload hash mismatch"
    # The wire path must be the one encoding AWS defines (botocore's), not a re-encoding.
    decoded = urllib.parse.unquote(raw_path.split("?", 1)[0])
    if urllib.parse.quote(decoded, safe="/~") != raw_path.split("?", 1)[0]:
        return "path not encoded the AWS way: " + raw_path
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # -- helpers -----------------------------------------------------------------------------
    def send(self, status, body=b"", headers=None, content_type="application/xml"):
        self.send_response(status)
        if body or status not in (204, 304):
            self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def error(self, status, code, message="", extra=""):
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
                f"<Message>{message}</Message>{extra}<RequestId>42</RequestId></Error>").encode()
        self.send(status, body)

    def split(self):
        raw = self.path
        path, _, query = raw.partition("?")
        parts = urllib.parse.unquote(path).lstrip("/").split("/", 1)
        bucket = parts[0]
        key = parts[1] if len(parts) > 1 else ""
        params = urllib.parse.parse_qs(query, keep_blank_values=True)
        return raw, bucket, key, {k: v[0] for k, v in params.items()}

    def read_body(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        return self.rfile.read(length) if length else b""

    # -- dispatch ----------------------------------------------------------------------------
    def do_GET(self):
        self.handle_any()

    def do_HEAD(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def handle_any(self):
        raw, bucket, key, params = self.split()
        body = self.read_body()
        if LOG:
            with LOCK, open(LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps({"method": self.command, "path": raw, "bucket": bucket, "key": key,
                                    "at": time.monotonic(),
                                    "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")
        lowered = {k.lower(): v for k, v in self.headers.items()}
        forbidden = [k for k in lowered if k.startswith("x-amz-checksum") or k == "x-amz-sdk-checksum-algorithm"
                     or k == "x-amz-decoded-content-length"]
        if forbidden or "aws-chunked" in lowered.get("content-encoding", "") \
                or lowered.get("x-amz-content-sha256", "").startswith("STREAMING"):
            return self.error(400, "NotImplemented", "checksum or aws-chunked headers are not supported")
        if lowered.get("accept-encoding", "") != "identity" or "x-amz-content-sha256" not in lowered:
            return self.error(400, "InvalidRequest", "Accept-Encoding identity and x-amz-content-sha256 required")

        name = f"{self.command} {bucket}/{key}"
        if bucket == "denied":
            return self.error(403, "AccessDenied", "Access Denied")
        if bucket == "sigfail":
            return self.error(403, "SignatureDoesNotMatch",
                              "The request signature we calculated does not match; you sent "
                              + self.headers.get("Authorization", ""),
                              f"<AWSAccessKeyId>{ACCESS_KEY}</AWSAccessKeyId>")
        if bucket == "nobucket":
            return self.error(404, "NoSuchBucket", "The specified bucket does not exist")
        if bucket == "e500":
            return self.error(500, "InternalError", "We encountered an internal error. Please try again.")
        if bucket == "slowdown":
            if count(name) <= 2:
                return self.error(503, "SlowDown", "Please reduce your request rate.")
            return self.serve_object(body_for(key, 1000))
        if bucket == "cut":
            data = body_for(key)
            if count(name) == 1:
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", '"%s"' % hashlib.md5(data).hexdigest())
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            return self.serve_object(data)
        if bucket == "stall":
            data = body_for(key)
            if count(name) == 1:
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", '"%s"' % hashlib.md5(data).hexdigest())
                self.end_headers()
                self.wfile.write(data[:100])
                self.wfile.flush()
                time.sleep(5)
                self.close_connection = True
                return
            return self.serve_object(data)
        if bucket == "stallhead":
            if count(name) == 1:
                time.sleep(5)
                self.close_connection = True
                return
            return self.serve_object(body_for(key, 500))
        if bucket == "pages":
            return self.serve_pages(params)
        if bucket == "nostartafter":
            # data's listing from its start, whatever start-after says (a sloppy implementation)
            return self.serve_list(STORES["data"], {k: v for k, v in params.items() if k != "start-after"})
        if bucket == "inclusive":
            return self.serve_list(STORES["data"], params, inclusive=True)
        if bucket == "huge":
            return self.serve_huge()
        if bucket in STORES:
            if bucket == "verify":
                problem = verify_signature(self, raw, body)
                if problem:
                    return self.error(403, "SignatureDoesNotMatch", esc(problem))
            return self.serve_store(STORES[bucket], key, params, body)
        return self.error(404, "NoSuchBucket", "The specified bucket does not exist")

    # -- behaviours --------------------------------------------------------------------------
    def serve_object(self, data):
        etag = '"%s"' % hashlib.md5(data).hexdigest()
        headers = {"ETag": etag, "Last-Modified": "Wed, 12 Oct 2009 17:50:00 GMT", "Accept-Ranges": "bytes"}
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes="):
            first, _, last = rng[6:].partition("-")
            if first == "":
                n = int(last)
                first, last = max(0, len(data) - n), len(data) - 1
            else:
                first = int(first)
                last = int(last) if last else len(data) - 1
            if first >= len(data):
                return self.error(416, "InvalidRange", "The requested range is not satisfiable")
            last = min(last, len(data) - 1)
            headers["Content-Range"] = f"bytes {first}-{last}/{len(data)}"
            return self.send(206, data[first:last + 1], headers, "application/octet-stream")
        return self.send(200, data, headers, "application/octet-stream")

    def serve_store(self, store, key, params, body):
        if self.command == "PUT":
            with LOCK:
                store[key] = body
            return self.send(200, b"", {"ETag": '"%s"' % hashlib.md5(body).hexdigest()})
        if key == "" and self.command == "GET":
            return self.serve_list(store, params)
        with LOCK:
            data = store.get(key)
        if data is None:
            if self.command == "HEAD":
                return self.send(404)
            return self.error(404, "NoSuchKey", "The specified key does not exist.")
        return self.serve_object(data)

    def serve_list(self, store, params, inclusive=False):
        if params.get("list-type") != "2":
            return self.error(400, "InvalidArgument", "list-type=2 expected")
        prefix = params.get("prefix", "")
        delimiter = params.get("delimiter", "")
        max_keys = min(int(params.get("max-keys", "1000")), PAGE_SIZE)
        after = params.get("continuation-token") or params.get("start-after", "")
        with LOCK:
            keys = sorted((k for k in store if k.startswith(prefix)), key=lambda k: k.encode())
        contents, prefixes, last = [], [], None
        truncated = False
        for k in keys:
            if after and (k.encode() < after.encode() if inclusive and "continuation-token" not in params
                          else k.encode() <= after.encode()):
                continue
            if after and after.endswith(delimiter or "\0") and k.startswith(after):
                continue
            entry = k
            if delimiter:
                at = k.find(delimiter, len(prefix))
                if at >= 0:
                    entry = k[: at + len(delimiter)]
                    if prefixes and prefixes[-1] == entry:
                        continue
            if len(contents) + len(prefixes) == max_keys:
                truncated = True
                break
            if entry != k:
                prefixes.append(entry)
            else:
                contents.append(k)
            last = entry
        xml = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
               f"<Name>data</Name><Prefix>{esc(prefix)}</Prefix><KeyCount>{len(contents) + len(prefixes)}</KeyCount>",
               f"<MaxKeys>{max_keys}</MaxKeys><IsTruncated>{'true' if truncated else 'false'}</IsTruncated>"]
        for k in contents:
            data = store[k]
            xml.append(f"<Contents><Key>{esc(k)}</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>"
                       f"<ETag>&quot;{hashlib.md5(data).hexdigest()}&quot;</ETag><Size>{len(data)}</Size>"
                       "<StorageClass>STANDARD</StorageClass></Contents>")
        for p in prefixes:
            xml.append(f"<CommonPrefixes><Prefix>{esc(p)}</Prefix></CommonPrefixes>")
        if truncated:
            xml.append(f"<NextContinuationToken>{esc(last)}</NextContinuationToken>")
        xml.append("</ListBucketResult>")
        return self.send(200, "".join(xml).encode())

    def serve_huge(self):
        entry = b"<Contents><Key>" + b"k" * 1000 + b"</Key><Size>1</Size></Contents>"
        head = b'<?xml version="1.0"?><ListBucketResult><IsTruncated>false</IsTruncated>'
        count = 40 * 1024 * 1024 // len(entry)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(head) + count * len(entry) + len(b"</ListBucketResult>")))
        self.end_headers()
        try:
            self.wfile.write(head)
            for _ in range(count // 64):
                self.wfile.write(entry * 64)
            self.wfile.write(entry * (count % 64))
            self.wfile.write(b"</ListBucketResult>")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should

    def serve_pages(self, params):
        token = params.get("continuation-token")
        if token is None:
            # KeyCount lies on purpose: the end must come from IsTruncated, never from counts.
            body = (f'<?xml version="1.0"?><ListBucketResult xmlns="{ODD_NS}"><Name>pages</Name>'
                    "<KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>"
                    "<Contents><Key>a/1</Key><LastModified>2024-02-29T23:59:59.123Z</LastModified>"
                    "<ETag>\"e1\"</ETag><Size>11</Size></Contents>"
                    "<Contents><Key>a/2 \u00e9</Key><LastModified>2024-03-01T00:00:00Z</LastModified>"
                    "<ETag>\"e2\"</ETag><Size>22</Size></Contents>"
                    "<CommonPrefixes><Prefix>a/d1/</Prefix></CommonPrefixes>"
                    f"<NextContinuationToken>{esc(ODD_TOKEN)}</NextContinuationToken></ListBucketResult>")
        elif token == ODD_TOKEN:
            body = (f'<?xml version="1.0"?><ns:ListBucketResult xmlns:ns="{ODD_NS}"><ns:Name>pages</ns:Name>'
                    "<ns:KeyCount>1</ns:KeyCount><ns:IsTruncated>false</ns:IsTruncated>"
                    "<ns:Contents><ns:Key>a/3</ns:Key><ns:LastModified>2024-03-01T00:00:01.000Z</ns:LastModified>"
                    "<ns:ETag>\"e3\"</ns:ETag><ns:Size>33</ns:Size></ns:Contents>"
                    "<ns:CommonPrefixes><ns:Prefix>a/d2/</ns:Prefix></ns:CommonPrefixes></ns:ListBucketResult>")
        else:
            return self.error(400, "InvalidArgument", "bad continuation token: " + esc(token))
        return self.send(200, body.encode())


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    global LOG
    parser = argparse.ArgumentParser()
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=120.0, help="exit after this many seconds anyway")
    args = parser.parse_args()
    LOG = args.log
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)

    def watchdog():
        # Leave no orphan: stop when the test closes our stdin or dies, or after the lifetime.
        threading.Timer(args.lifetime, lambda: os._exit(0)).start()
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watchdog, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
