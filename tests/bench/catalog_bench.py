#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The catalog benchmark of issue 3: Tideline against boto3 and barman-cloud on a 100,000-WAL bucket.

    tests/bench/catalog_bench.py --cli BUILD/src/cli/tideline-cli [--scratch DIR] [--runs 5]
                                 [--delay-ms 20] [--out tests/bench/results/catalog.md]

Starts s3rver in DIR/s3rver (tests/support/s3rver_ctl.sh; default DIR: build-bench/bench), writes
the bucket with tests/bench/make_big_bucket.py unless DIR/bucket.json says it is there, then
measures, median of --runs runs each after one warm-up run:

  (a) tideline-cli --json wals        vs a sequential single-stream boto3 ListObjectsV2 walk of
                                         the same wals/ prefix (timed in-process: client creation
                                         and the walk, not Python's start-up)
  (b) tideline-cli --json backups     vs barman-cloud-backup-list --format json (both as commands)
  (c) peak RSS of tideline-cli --json wals and backups (/usr/bin/time -v)
  (d) sequential round trips, requests and peak concurrency of wals --json (s3proxy.py's log)
  (e) with --window BIN: the window loading the bucket (window_catalog_bench.cpp): first answer,
      the GUI thread's longest stall, the Timeline's paint time

each (1) through tests/support/s3proxy.py replaying recorded answers from memory with --delay-ms
added per request, and (2) direct to s3rver (round trips then through a pass-through proxy
without delay or replay). Prints a markdown table with ratios against the issue's targets and
writes it to --out. Run with Debian's /usr/bin/python3 (boto3, barman).
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import shlex
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import boto3
from botocore.config import Config

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="S3RVER", AWS_SECRET_ACCESS_KEY="S3RVER", AWS_DEFAULT_REGION="us-east-1",
           TZ="UTC")
ENV.pop("AWS_PROFILE", None)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Proxy:
    def __init__(self, upstream, *args):
        self.proc = subprocess.Popen(["/usr/bin/python3", os.path.join(REPO, "tests/support/s3proxy.py"),
                                      "--upstream", upstream, *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else (b"{}" if method == "POST" else None)
        with urllib.request.urlopen(urllib.request.Request(self.endpoint + "/__proxy/" + path, data=data,
                                                           method=method)) as r:
            return json.loads(r.read())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def big_bucket(scratch):
    """s3rver started in SCRATCH/s3rver with make_big_bucket.py's bucket written once (its summary
    kept in SCRATCH/bucket.json): returns (endpoint, summary)."""
    s3dir = os.path.join(scratch, "s3rver")
    subprocess.run([os.path.join(REPO, "tests/support/s3rver_ctl.sh"), "start", s3dir], check=True,
                   stdout=subprocess.DEVNULL)
    upstream = "http://127.0.0.1:" + open(os.path.join(s3dir, "port")).read().strip()
    summary_path = os.path.join(scratch, "bucket.json")
    if not os.path.exists(summary_path) or not open(summary_path).read().strip():
        log("writing the bucket (a few minutes)")
        out = subprocess.run(["/usr/bin/python3", os.path.join(REPO, "tests/bench/make_big_bucket.py"),
                              "--endpoint", upstream], check=True, stdout=subprocess.PIPE, text=True).stdout
        open(summary_path, "w").write(out)
    return upstream, json.loads(open(summary_path).read())


class Synthetic:
    """tests/support/synthetic_bucket.py: the bucket from memory, for sizes s3rver cannot hold."""

    def __init__(self, wals):
        self.proc = subprocess.Popen(["/usr/bin/python3", os.path.join(REPO, "tests/support/synthetic_bucket.py"),
                                      "--wals", str(wals), "--backups", "500", "--small-servers", "49"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.endpoint = "http://127.0.0.1:" + self.proc.stdout.readline().strip()
        self.summary = json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def timed(cmd):
    """(wall seconds, stdout, the command's CPU seconds: user + system, its threads included)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {shlex.join(cmd)}\n{p.stderr.decode()[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, p.stdout, cpu


def boto3_walk(endpoint, bucket, prefix):
    t0 = time.monotonic()
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="S3RVER",
                      aws_secret_access_key="S3RVER", config=Config(retries={"max_attempts": 3, "mode": "standard"}))
    count = pages = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        count += page.get("KeyCount", 0)
        pages += 1
    return time.monotonic() - t0, count, pages


def peak_rss_mb(cmd):
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    if p.returncode != 0:
        raise SystemExit(f"failed: {shlex.join(cmd)}\n{p.stderr[-2000:]}")
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return kb / 1024.0


def median_of(runs, fn):
    fn()  # warm-up: fills the proxy's replay cache and the page cache
    return statistics.median(fn() for _ in range(runs))


def measure(label, endpoint, depth_proxy, args, summary):
    url, server, bucket = summary["url"], summary["server"], summary["bucket"]
    cli = [args.cli, "--endpoint-url", endpoint, "--json"]
    wals_cmd = cli + ["wals", url, server]
    backups_cmd = cli + ["backups", url, server]
    barman_cmd = ["/usr/bin/barman-cloud-backup-list", "--endpoint-url", endpoint, "--format", "json", url, server]
    prefix = url.split("/", 3)[3] + "/" + server + "/wals/"
    r = {"label": label}
    log(f"[{label}] tideline wals --json")
    wals_cpu = []

    def wals_run():
        elapsed, _, cpu = timed(wals_cmd)
        wals_cpu.append(cpu)
        return elapsed

    r["wals_s"] = median_of(args.runs, wals_run)
    r["wals_cpu_s"] = statistics.median(wals_cpu[1:])  # after the warm-up
    log(f"[{label}] tideline backups --json")
    r["backups_s"] = median_of(args.runs, lambda: timed(backups_cmd)[0])
    r["backups"] = len(json.loads(timed(backups_cmd)[1])["backups_list"])
    if not args.skip_peers:
        log(f"[{label}] boto3 walk")
        walk = []
        r["boto3_s"] = median_of(args.runs, lambda: walk.append(boto3_walk(endpoint, bucket, prefix)) or walk[-1][0])
        r["boto3_objects"], r["boto3_pages"] = walk[-1][1], walk[-1][2]
        log(f"[{label}] barman-cloud-backup-list")
        r["barman_s"] = median_of(args.runs, lambda: timed(barman_cmd)[0])
        n_barman = len(json.loads(timed(barman_cmd)[1])["backups_list"])
        if n_barman != r["backups"]:
            raise SystemExit(f"backups differ: barman {n_barman}, tideline {r['backups']}")
    wals = json.loads(timed(wals_cmd)[1])
    r["segments"] = sum(t["segments"] for t in wals["timelines"])
    log(f"[{label}] peak RSS")
    r["rss_wals_mb"] = max(peak_rss_mb(wals_cmd) for _ in range(3))
    r["rss_backups_mb"] = max(peak_rss_mb(backups_cmd) for _ in range(3))
    log(f"[{label}] round trips")
    depth_cmd = [args.cli, "--endpoint-url", depth_proxy.endpoint, "--json", "wals", url, server]
    timed(depth_cmd)  # warm-up (records)
    depths = []
    wal_depths = []
    for _ in range(args.runs):
        depth_proxy.call("POST", "reset")
        timed(depth_cmd)
        depths.append(depth_proxy.call("GET", "stats"))
        # The WAL half alone: listings of wals/ (its top level and its hash directories).
        wal_depths.append(depth_proxy.call("GET", "stats?match=" + urllib.parse.quote("list-type=2.*prefix=[^&]*wals%2F")))
    if args.dump_log:  # the last run's requests, for a look at where the round trips go
        with urllib.request.urlopen(depth_proxy.endpoint + "/__proxy/log") as f, open(args.dump_log, "wb") as out:
            out.write(f.read())
    r["depth"] = statistics.median(d["sequential_depth"] for d in depths)
    r["depth_max"] = max(d["sequential_depth"] for d in depths)
    r["wal_depth"] = statistics.median(d["sequential_depth"] for d in wal_depths)
    r["wal_depth_max"] = max(d["sequential_depth"] for d in wal_depths)
    r["wal_requests"] = wal_depths[-1]["requests"]
    r["requests"] = depths[-1]["requests"]
    r["peak_concurrency"] = depths[-1]["peak_concurrency"]
    if args.window:
        log(f"[{label}] the window")
        window_cmd = [args.window, endpoint, url, server]
        window_env = dict(ENV, QT_QPA_PLATFORM="offscreen")
        subprocess.run(window_cmd, env=window_env, check=True, stdout=subprocess.DEVNULL)  # warm-up (records)
        runs = [json.loads(subprocess.run(window_cmd, env=window_env, check=True, stdout=subprocess.PIPE,
                                          text=True).stdout) for _ in range(args.runs)]
        for w in runs:
            log(f"[{label}]   stall {w['worst_gui_stall_ms']} ms ending at {w.get('worst_gui_stall_end_ms', '?')} ms; "
                f"this server shown at {w['big_server_ms']} ms, all at {w['all_loaded_ms']} ms")
        for key in runs[0]:
            if key.endswith("_ms"):
                r["window_" + key] = statistics.median(w[key] for w in runs)
        r["window_servers"] = runs[0]["servers"]
    return r


def table(results, summary, args, cmdline):
    dirs = summary["directories"]
    depth_target = math.ceil(dirs / 16) + 2
    lines = [
        f"# Catalog benchmark ({datetime.date.today().isoformat()})",
        "",
        f"Command: `{cmdline}`",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.platform()}; "
        + ("tests/support/synthetic_bucket.py (from memory; held to s3rver by integration.synthetic_bucket)"
           if args.synthetic else "s3rver 3.x") + " on 127.0.0.1.",
        f"Bucket: {summary['url']} server {summary['server']}: {summary['wal_objects']} objects under wals/ in "
        f"{dirs} hash directories ({summary['segments']} segments, timelines {summary['timelines']}, "
        f"{len(summary['gaps'])} gaps), {summary['backups']} backups (backup.info + data.tar.gz), written by "
        "tests/bench/make_big_bucket.py" + (f"'s plan, and 49 small servers ({summary['objects']} objects)."
                                            if args.synthetic else "."),
        f"Median of {args.runs} runs after one warm-up run. Proxy: tests/support/s3proxy.py --replay "
        f"--delay-ms {args.delay_ms:g} (answers recorded once, replayed from memory, {args.delay_ms:g} ms added "
        "per request). Round trips = the longest chain of requests in the proxy log each starting after the "
        "previous ended (direct: through a pass-through proxy without delay or replay).",
        "",
        "| figure | " + " | ".join(r["label"] for r in results) + " | target |",
        "|---|" + "---|" * len(results) + "---|",
    ]

    def cell(fmt, r):
        try:
            return fmt(r)
        except KeyError:  # a peer left out with --skip-peers
            return "–"

    def row(name, fmt, key, target=""):
        lines.append(f"| {name} | " + " | ".join(cell(fmt, r) for r in results) + f" | {target} |")

    big = summary["wal_objects"] > 1_000_000
    row("tideline-cli --json wals (s)",
        lambda r: f"{r['wals_s']:.3f}" + ((" ✓" if r["wals_s"] < 15 else " ✗") if big else ""), "wals_s",
        "< 15 (issue 18, 2,000,000 objects)" if big else "")
    row("tideline-cli --json wals: client CPU, user + system (s)", lambda r: f"{r['wals_cpu_s']:.3f}", "wals_cpu_s", "")
    row(f"boto3 ListObjectsV2 walk, 1 stream (s) [{results[0].get('boto3_pages', '–')} pages]",
        lambda r: f"{r['boto3_s']:.3f}", "boto3_s")
    row("wals / boto3 walk", lambda r: f"{r['wals_s'] / r['boto3_s']:.3f} {'✓' if r['wals_s'] * 4 <= r['boto3_s'] else '✗'}",
        None, "≤ 0.25 (proxy)")
    row("WAL listing sequential round trips (median / max)", lambda r: f"{r['wal_depth']:g} / {r['wal_depth_max']:g} "
        f"{'✓' if r['wal_depth_max'] <= 8 else '✗'}", None, "≤ 8 (issue 18; was ⌈392/16⌉+2 = 27)")
    row("WAL listing requests", lambda r: f"{r['wal_requests']}", None, f"was {dirs} + 1")
    row("whole catalog sequential round trips (median / max; base/ included)",
        lambda r: f"{r['depth']:g} / {r['depth_max']:g} {'✓' if r['depth_max'] <= depth_target else '✗'}", None,
        f"≤ ⌈{dirs}/16⌉+2 = {depth_target}")
    row("wals requests / peak concurrency", lambda r: f"{r['requests']} / {r['peak_concurrency']}", None)
    row("tideline-cli --json backups (s)", lambda r: f"{r['backups_s']:.3f}", "backups_s")
    row("barman-cloud-backup-list --format json (s)", lambda r: f"{r['barman_s']:.3f}", "barman_s")
    row("barman / backups (speed-up)", lambda r: f"{r['barman_s'] / r['backups_s']:.1f}x "
        f"{'✓' if r['barman_s'] >= 5 * r['backups_s'] else '✗'}", None, "≥ 5x (proxy)")
    rss_target = 500 if summary["wal_objects"] > 1_000_000 else 200
    row("peak RSS wals --json (MB)",
        lambda r: f"{r['rss_wals_mb']:.1f} {'✓' if r['rss_wals_mb'] < rss_target else '✗'}", None, f"< {rss_target}")
    row("peak RSS backups --json (MB)", lambda r: f"{r['rss_backups_mb']:.1f}", None)
    row("segments / backups found", lambda r: f"{r['segments']} / {r['backups']}", None)
    if args.window:
        row("window: servers listed / first server shown (ms)",
            lambda r: f"{r['window_listed_ms']:g} / {r['window_first_server_ms']:g} [{r['window_servers']} servers]", None,
            "first answer before the end")
        row("window: this server shown / every server loaded (ms)",
            lambda r: f"{r['window_big_server_ms']:g} / {r['window_all_loaded_ms']:g}", None)
        row("window: longest GUI-thread stall while loading (ms)",
            lambda r: f"{r['window_worst_gui_stall_ms']:g} {'✓' if r['window_worst_gui_stall_ms'] < 100 else '✗'}", None,
            "< 100 (responsive)")
        row("window: Timeline paint on this catalog, median / worst of 30 (ms)",
            lambda r: f"{r['window_timeline_paint_median_ms']:.1f} / {r['window_timeline_paint_worst_ms']:.1f} "
            f"{'✓' if r['window_timeline_paint_median_ms'] < 16 else '✗'}", None, "< 16")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True, help="the tideline-cli binary to measure")
    ap.add_argument("--scratch", default=os.path.join(REPO, "build-bench", "bench"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--delay-ms", type=float, default=20.0)
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "bench", "results", "catalog.md"))
    ap.add_argument("--skip-direct", action="store_true", help="only the proxy figures")
    ap.add_argument("--dump-log", help="write the proxy's log of the last round-trip run (JSON lines) here")
    ap.add_argument("--skip-peers", action="store_true",
                    help="leave out boto3 and barman-cloud (for quick iterations; a report quotes both)")
    ap.add_argument("--window", help="build/tests/bench/window_catalog_bench: the window loading the same bucket")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N",
                    help="serve a bucket of N WAL objects (and 49 small servers) from memory "
                         "(tests/support/synthetic_bucket.py) instead of s3rver: issue 18's 2,000,000")
    args = ap.parse_args()
    cmdline = shlex.join([os.path.relpath(sys.argv[0], REPO)] + sys.argv[1:])

    synthetic = None
    if args.synthetic:
        log(f"building the synthetic bucket ({args.synthetic} WAL objects and 49 small servers)")
        synthetic = Synthetic(args.synthetic)
        upstream, summary = synthetic.endpoint, synthetic.summary
    else:
        upstream, summary = big_bucket(args.scratch)

    results = []
    replay = Proxy(upstream, "--replay", "--delay-ms", str(args.delay_ms))
    try:
        results.append(measure(f"proxy, replay, +{args.delay_ms:g} ms", replay.endpoint, replay, args, summary))
    finally:
        replay.close()
    if not args.skip_direct:
        passthrough = Proxy(upstream)
        try:
            results.append(measure("direct to s3rver", upstream, passthrough, args, summary))
        finally:
            passthrough.close()
    if synthetic:
        synthetic.close()
    text = table(results, summary, args, cmdline)
    print(text)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
        f.write("\nRaw figures:\n\n```json\n" + json.dumps(results, indent=1) + "\n```\n")


if __name__ == "__main__":
    main()
