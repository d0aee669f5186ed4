#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signs a table of S3 requests with botocore's own SigV4 signer at a fixed instant and prints
them as JSON, so TestSigV4 can compare Tideline's Authorization header with the reference
implementation on awkward inputs (spaces, unicode, '+', '~', empty query values, session
tokens, region "auto"). Run with Debian's /usr/bin/python3 (python3-botocore)."""

import datetime
import json
import sys
import types

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.utils import percent_encode, percent_encode_sequence

AK = "AKIAIOSFODNN7EXAMPLE"
SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

CASES = [
    # The two S3 examples of the AWS SigV4 documentation ("GET Object" with Range, "GET Bucket").
    dict(name="aws-get-object-range", scheme="https", host="examplebucket.s3.amazonaws.com", path="/test.txt",
         headers=[["Range", "bytes=0-9"]], when=(2013, 5, 24, 0, 0, 0)),
    dict(name="aws-list-objects", scheme="https", host="examplebucket.s3.amazonaws.com", path="/",
         query=[["max-keys", "2"], ["prefix", "J"]], when=(2013, 5, 24, 0, 0, 0)),
    dict(name="path-style-spaces", host="127.0.0.1:9000", path="/bucket/dir/a b  c.txt"),
    dict(name="unicode-key", host="127.0.0.1:9000", path="/bucket/donn\u00e9es/\u65e5\u672c\u8a9e \u2713.txt"),
    dict(name="plus-tilde-reserved", host="127.0.0.1:9000", path="/bucket/a+b~c/x=y&z;(1)!*'@$,:.txt"),
    dict(name="percent-and-double-slash", host="127.0.0.1:9000", path="/bucket/100%//../x"),
    dict(name="list-v2-empty-values", host="127.0.0.1:9000", path="/bucket",
         query=[["list-type", "2"], ["prefix", "pg/wals/"], ["delimiter", "/"], ["max-keys", "1000"],
                ["continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="], ["start-after", ""],
                ["encoding-type", ""]]),
    dict(name="session-token", scheme="https", host="bucket.s3.eu-west-3.amazonaws.com",
         path="/pg/base/20250101T000000/data.tar.gz", region="eu-west-3",
         token="FwoGZXIvYXdzEBYaDH+/session/token==", headers=[["Range", "bytes=100-"]]),
    dict(name="r2-region-auto", scheme="https", host="0123456789abcdef.r2.cloudflarestorage.com",
         path="/backups/pg/wals/0000000100000000/000000010000000000000001.gz", region="auto"),
    dict(name="put-with-body", method="PUT", host="localhost:4568", path="/bucket/pg/hello.txt",
         body="hello, world\n", headers=[["Content-Type", "application/octet-stream"]]),
    dict(name="unsigned-payload", scheme="https", method="PUT", host="s3.amazonaws.com",
         path="/bucket/big.bin", body="x" * 100, unsigned=True),
    dict(name="header-whitespace", host="127.0.0.1:9000", path="/bucket/k",
         headers=[["X-Amz-Meta-Note", "  two   spaces  inside "], ["range", "bytes=0-0"]]),
    dict(name="head-query-unicode", method="HEAD", host="127.0.0.1:9000", path="/bucket/k",
         query=[["prefix", "\u00e9t\u00e9 +/~"], ["a", "b"], ["A", "c"]]),
]


def sign(case):
    when = datetime.datetime(*case.get("when", (2025, 1, 2, 3, 4, 5)))

    class FixedDateTime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return when

    botocore.auth.datetime = types.SimpleNamespace(datetime=FixedDateTime)

    scheme = case.get("scheme", "http")
    method = case.get("method", "GET")
    query = case.get("query", [])
    # What botocore's serializer puts in the URL: the key encoded with '/' and '~' kept.
    url = f"{scheme}://{case['host']}{percent_encode(case['path'], safe='/~')}"
    if query:
        url += "?" + percent_encode_sequence([(k, v) for k, v in query])
    body = case.get("body")
    request = AWSRequest(method=method, url=url, data=body.encode() if body is not None else None,
                         headers={k: v for k, v in case.get("headers", [])})
    if case.get("unsigned"):
        request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
    credentials = Credentials(AK, SK, case.get("token"))
    auth = botocore.auth.S3SigV4Auth(credentials, "s3", case.get("region", "us-east-1"))
    auth.add_auth(request)
    return {
        "name": case["name"],
        "method": method,
        "host": case["host"],
        "path": case["path"],
        "query": query,
        "headers": case.get("headers", []),
        "body": body,
        "unsigned": bool(case.get("unsigned")),
        "region": case.get("region", "us-east-1"),
        "access_key": AK,
        "secret_key": SK,
        "token": case.get("token", ""),
        "unix_time": int(when.replace(tzinfo=datetime.timezone.utc).timestamp()),
        "url_path": url.split("://", 1)[1][len(case["host"]):],
        "authorization": request.headers["Authorization"],
        "content_sha256": request.headers["X-Amz-Content-SHA256"],
    }


def main():
    json.dump([sign(c) for c in CASES], sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
