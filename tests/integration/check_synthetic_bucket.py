#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Holds tests/support/synthetic_bucket.py (the in-memory endpoint of the two-million-object
benchmark) to s3rver: the same bucket, written into the fixture's s3rver through the S3 API by
make_big_bucket.py and served from memory by synthetic_bucket.py, must list alike page by page
(keys, sizes, ETags, common prefixes, truncation, for the listings Tideline makes and a few it
does not) and give Tideline the same catalog, so that what the benchmark measures at a scale
s3rver cannot hold is what an S3 endpoint would answer.

    check_synthetic_bucket.py ENV_JSON --cli BUILD/src/cli/tideline-cli
"""

import argparse
import json
import os
import subprocess
import sys

import boto3
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BUCKET, PATH, SERVER, WALS, BACKUPS = "synthetic-check", "cnpg", "pg-bench", 3000, 12
FAILURES = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        FAILURES.append(what)


def client(endpoint, env):
    return boto3.client("s3", endpoint_url=endpoint, region_name=env["region"], aws_access_key_id=env["access_key"],
                        aws_secret_access_key=env["secret_key"], config=Config(retries={"max_attempts": 3}))


def pages(s3, **query):
    """Every page of a ListObjectsV2 walk, reduced to what both servers must agree on. With a
    delimiter, the pages' union: s3rver pages keys and common prefixes apart and lets prefixes
    exceed max-keys, where S3 pages them together in key order. KeyCount is left out: S3 counts
    the common prefixes in it, s3rver does not."""
    if "Delimiter" in query:
        flat = {"keys": [], "prefixes": []}
        for page in walk(s3, **query):
            flat["keys"] += page["keys"]
            flat["prefixes"] += page["prefixes"]
        return [flat]
    return walk(s3, **query)


def walk(s3, **query):
    out, token = [], None
    while True:
        args = dict(Bucket=BUCKET, **query)
        if token:
            args["ContinuationToken"] = token
        r = s3.list_objects_v2(**args)
        out.append({"keys": [(o["Key"], o["Size"], o["ETag"]) for o in r.get("Contents", [])],
                    "prefixes": [p["Prefix"] for p in r.get("CommonPrefixes", [])],
                    "truncated": r["IsTruncated"]})
        token = r.get("NextContinuationToken")
        if not r["IsTruncated"] or len(out) > 100:
            return out


# What comes from upload times (s3rver's are the moment of the PUT), by exact key: the archiving
# cadence, the window's end (the newest segment's upload), upload stamps.
UPLOAD_KEYS = {"cadence", "to", "last_uploaded", "last_modified", "uploaded", "uploaded_at", "switched_at",
               "last_archived_time", "to_time", "recoverable_until_time", "branch_time"}


def without_times(value):
    """A catalog minus what comes from upload times, and minus clock-skew warnings."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items()
                if k not in UPLOAD_KEYS and not k.startswith("uploaded") and not k.endswith("_uploaded")}
    if isinstance(value, list):
        return [without_times(v) for v in value if not (isinstance(v, dict) and v.get("code") == "clock_skew")]
    return value


def first_difference(a, b, path="$"):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {json.dumps(a)[:150]} / {json.dumps(b)[:150]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("env")
    ap.add_argument("--cli", required=True)
    args = ap.parse_args()
    env = json.load(open(args.env))
    subprocess.run(["/usr/bin/python3", os.path.join(REPO, "tests/bench/make_big_bucket.py"), "--endpoint",
                    env["endpoint"], "--bucket", BUCKET, "--path", PATH, "--server", SERVER, "--wals", str(WALS),
                    "--backups", str(BACKUPS)], check=True, stdout=subprocess.DEVNULL)
    synthetic = subprocess.Popen(["/usr/bin/python3", os.path.join(REPO, "tests/support/synthetic_bucket.py"),
                                  "--bucket", BUCKET, "--path", PATH, "--server", SERVER, "--wals", str(WALS),
                                  "--backups", str(BACKUPS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        port = synthetic.stdout.readline().strip()
        synthetic.stdout.readline()
        endpoints = {"s3rver": env["endpoint"], "synthetic": f"http://127.0.0.1:{port}"}
        real, fake = client(endpoints["s3rver"], env), client(endpoints["synthetic"], env)
        wals = f"{PATH}/{SERVER}/wals/"
        every = pages(real, Prefix=wals)
        keys = [k for p in every for k, _, _ in p["keys"]]
        middle = keys[len(keys) // 2]
        queries = [
            {"Prefix": f"{PATH}/", "Delimiter": "/"},
            {"Prefix": f"{PATH}/{SERVER}/", "Delimiter": "/"},
            {"Prefix": wals, "Delimiter": "/"},
            {"Prefix": wals, "Delimiter": "/", "MaxKeys": 3},
            {"Prefix": f"{PATH}/{SERVER}/base/", "Delimiter": "/", "MaxKeys": 5},
            {"Prefix": wals},
            {"Prefix": wals, "MaxKeys": 250},
            {"Prefix": wals, "StartAfter": middle, "MaxKeys": 100},
            {"Prefix": wals, "StartAfter": wals + "00000002"},
            {"Prefix": wals, "StartAfter": keys[-1]},
            {"Prefix": wals + "0000000100000001/"},
            {"Prefix": f"{PATH}/{SERVER}/base/"},
            {"Prefix": "nothing/here/"},
        ]
        for q in queries:
            a, b = pages(real, **q), pages(fake, **q)
            check(a == b, f"ListObjectsV2 {q}: {len(a)} page(s) alike"
                  + ("" if a == b else f" (s3rver {json.dumps(a)[:300]} / synthetic {json.dumps(b)[:300]})"))
        check(len(keys) == WALS, f"both hold the {WALS} WAL objects ({len(keys)})")
        # Tideline's own answers through each.
        for verb in ("wals", "backups", "window"):
            out = {}
            for name, endpoint in endpoints.items():
                p = subprocess.run([args.cli, "--endpoint-url", endpoint, "--json", verb, f"s3://{BUCKET}/{PATH}", SERVER],
                                   capture_output=True, text=True, timeout=600,
                                   env={**os.environ, "AWS_ACCESS_KEY_ID": env["access_key"],
                                        "AWS_SECRET_ACCESS_KEY": env["secret_key"], "AWS_DEFAULT_REGION": env["region"]})
                check(p.returncode in (0, 7), f"{verb} through {name} answers ({p.returncode}: {p.stderr[-200:]})")
                out[name] = without_times(json.loads(p.stdout)) if p.stdout.strip() else None
            if verb == "wals":
                check(out["s3rver"] is not None and len(out["s3rver"].get("timelines", [])) == 4
                      and sum(t["segments"] for t in out["s3rver"]["timelines"]) > 2900,
                      "wals: the compared catalog holds the four timelines and their segments")
            check(out["s3rver"] is not None and out["s3rver"] == out["synthetic"],
                  f"{verb}: Tideline's catalog through s3rver and through the synthetic bucket agree"
                  + ("" if out["s3rver"] == out["synthetic"] else f" ({first_difference(out['s3rver'], out['synthetic'])})"))
    finally:
        synthetic.stdin.close()
        synthetic.wait(timeout=30)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
