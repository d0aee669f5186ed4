#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A client.authentication.k8s.io exec credential plugin for tests against k8s_api.py.

    k8s_exec_plugin.py --token-file FILE [--ttl S] [--count-file FILE]
                       [--fail | --garbage | --expired | --wrong-api-version]

Reads KUBERNETES_EXEC_INFO (JSON, kind ExecCredential, apiVersion client.authentication.k8s.io/v1
or v1beta1; anything else: a message on stderr and exit 1), issues a fresh random token, appends
{"token", "expires"} (RFC3339) as one JSON line to --token-file (k8s_api.py accepts the tokens
listed there until they expire) and prints
  {"apiVersion": <the same>, "kind": "ExecCredential",
   "status": {"token": ..., "expirationTimestamp": now + --ttl}}
--ttl 0 omits expirationTimestamp (clients cache the token for ever; the server accepts it for a
day). --count-file: the number in FILE is incremented on each run (created at 1).

Modes:
  --fail               "error: ..." on stderr, exit 1 (the client must show it)
  --garbage            prints something that is not JSON, exit 0
  --expired            expirationTimestamp one minute in the past, the token valid for 2 s
  --wrong-api-version  answers with the other apiVersion (v1 <-> v1beta1)
"""

import argparse
import fcntl
import json
import os
import secrets
import sys
from datetime import datetime, timedelta, timezone

VERSIONS = ("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1")


def rfc(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def bump(path):
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        raw = os.read(fd, 64).decode().strip()
        n = int(raw) + 1 if raw.isdigit() else 1
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, f"{n}\n".encode())
    finally:
        os.close(fd)


def append_token(path, token, expires):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, (json.dumps({"token": token, "expires": rfc(expires)}) + "\n").encode())
    finally:
        os.close(fd)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--token-file", required=True)
    ap.add_argument("--ttl", type=int, default=3600)
    ap.add_argument("--count-file")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--fail", action="store_true")
    mode.add_argument("--garbage", action="store_true")
    mode.add_argument("--expired", action="store_true")
    mode.add_argument("--wrong-api-version", action="store_true")
    args = ap.parse_args()

    raw = os.environ.get("KUBERNETES_EXEC_INFO")
    if not raw:
        sys.stderr.write("k8s_exec_plugin: KUBERNETES_EXEC_INFO is not set: not run by a Kubernetes client?\n")
        return 1
    try:
        info = json.loads(raw)
    except ValueError as e:
        sys.stderr.write(f"k8s_exec_plugin: KUBERNETES_EXEC_INFO is not JSON: {e}\n")
        return 1
    api_version = info.get("apiVersion") if isinstance(info, dict) else None
    if api_version not in VERSIONS or info.get("kind") != "ExecCredential":
        sys.stderr.write(f"k8s_exec_plugin: unsupported KUBERNETES_EXEC_INFO apiVersion/kind: "
                         f"{api_version!r}/{info.get('kind') if isinstance(info, dict) else None!r}\n")
        return 1
    if args.count_file:
        bump(args.count_file)
    if args.fail:
        sys.stderr.write("error: tideline test credential helper refused to issue a token (--fail)\n")
        return 1
    if args.garbage:
        sys.stdout.write("Welcome to the credential helper! Your token: <html>not json</html>\n")
        return 0

    now = datetime.now(timezone.utc)
    token = "exec-" + secrets.token_urlsafe(24)
    status = {"token": token}
    if args.expired:
        append_token(args.token_file, token, now + timedelta(seconds=2))
        status["expirationTimestamp"] = rfc(now - timedelta(minutes=1))
    elif args.ttl > 0:
        append_token(args.token_file, token, now + timedelta(seconds=args.ttl))
        status["expirationTimestamp"] = rfc(now + timedelta(seconds=args.ttl))
    else:
        append_token(args.token_file, token, now + timedelta(days=1))
    if args.wrong_api_version:
        api_version = VERSIONS[1] if api_version == VERSIONS[0] else VERSIONS[0]
    json.dump({"apiVersion": api_version, "kind": "ExecCredential", "status": status}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
