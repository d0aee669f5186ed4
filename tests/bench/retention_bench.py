#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The retention benchmark of issue 17: Tideline's dry run against its own catalog load, and its
apply against barman-cloud-backup-delete on identical copies of a 100,000-WAL, 500-backup bucket.

    tests/bench/retention_bench.py --cli BUILD/src/cli/tideline-cli [--scratch DIR] [--runs 3]
                                   [--delay-ms 20] [--policy 8m] [--out tests/bench/results/retention-DATE.md]

Starts s3rver in DIR/s3rver (default DIR: build-bench/retention), writes the bucket with
tests/bench/make_big_bucket.py unless DIR/bucket.json says it is there (backups every six hours
from 2026-01-01), then, every request through tests/support/s3proxy.py with --delay-ms added:

  (a) tideline-cli --json backups (a whole catalog load) vs tideline-cli --json retention --policy P
      (the dry run), median of --runs after a warm-up, answers replayed from memory; target: the
      dry run within 1.5x of the load;
  (b) tideline-cli retention --apply on one copy vs barman-cloud-backup-delete -r on another (copies
      made on s3rver's disk), once each, no replay; target: at least 10x faster. Debian's barman
      3.4 lists with one ListObjectsV2 call and never follows a continuation token, so it sees
      only the first 1,000 keys under wals/ and leaves the rest; the figure says how many. The
      same barman code with a listing that follows every page (as list_bucket does in later
      barman) deletes a third copy, and that copy must then hold exactly Tideline's keys.

Run with Debian's /usr/bin/python3 (boto3, barman).
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__))))
from catalog_bench import REPO, Proxy, big_bucket, log, timed  # noqa: E402

UNITS = {"d": "DAYS", "w": "WEEKS", "m": "MONTHS"}

# barman-cloud-backup-delete with S3CloudInterface.list_bucket following every page.
PAGINATED_BARMAN = """
import sys
from barman.cloud_providers import aws_s3
def list_bucket(self, prefix="", delimiter="/"):
    if prefix.startswith(delimiter):
        prefix = prefix.lstrip(delimiter)
    pages = self.s3.meta.client.get_paginator("list_objects_v2").paginate(
        Bucket=self.bucket_name, Prefix=prefix, Delimiter=delimiter)
    for page in pages:
        for p in page.get("CommonPrefixes") or []:
            yield p.get("Prefix")
        for o in page.get("Contents") or []:
            yield o.get("Key")
aws_s3.S3CloudInterface.list_bucket = list_bucket
from barman.clients import cloud_backup_delete
cloud_backup_delete.main(sys.argv[1:])
"""


def keys(endpoint, bucket, prefix):
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="S3RVER",
                      aws_secret_access_key="S3RVER")
    out = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        out += [o["Key"] for o in page.get("Contents", [])]
    return out


def floor_delete(endpoint, bucket, doomed, threads=4):
    """The store's own floor: the same keys deleted with DeleteObjects, 1,000 per request, `threads`
    requests at once, by boto3 doing nothing else (no listing, no planning)."""
    import concurrent.futures

    def one(batch):
        # A session per call: boto3's default session is not safe across threads.
        s3 = boto3.session.Session().client("s3", endpoint_url=endpoint, region_name="us-east-1",
                                            aws_access_key_id="S3RVER", aws_secret_access_key="S3RVER")
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True})

    batches = [doomed[i:i + 1000] for i in range(0, len(doomed), 1000)]
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, batches))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--scratch", default=os.path.join(REPO, "build-bench", "retention"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--delay-ms", type=float, default=20.0)
    ap.add_argument("--policy", default="8m", help="CNPG's form: N followed by d, w or m")
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "bench", "results",
                                                  f"retention-{datetime.date.today():%Y%m%d}.md"))
    args = ap.parse_args()
    cmdline = shlex.join([os.path.relpath(sys.argv[0], REPO)] + sys.argv[1:])
    barman_policy = f"RECOVERY WINDOW OF {args.policy[:-1]} {UNITS[args.policy[-1]]}"

    upstream, summary = big_bucket(args.scratch)
    s3dir = os.path.join(args.scratch, "s3rver")
    bucket, path, server = "tideline-bench", "cnpg", "pg-bench"
    url = f"s3://{bucket}/{path}"
    r = {}

    replay = Proxy(upstream, "--replay", "--delay-ms", str(args.delay_ms))
    try:
        cli = [args.cli, "--endpoint-url", replay.endpoint, "--json"]
        load_cmd = cli + ["backups", url, server]
        dry_cmd = cli + ["retention", url, server, "--policy", args.policy]
        timed(load_cmd)
        log("catalog load")
        r["load_s"] = statistics.median(timed(load_cmd)[0] for _ in range(args.runs))
        timed(dry_cmd)
        log("dry run")
        r["dry_s"] = statistics.median(timed(dry_cmd)[0] for _ in range(args.runs))
        plan = json.loads(timed(dry_cmd)[1])
        r["delete_backups"] = len(plan["steps"])
        r["delete_wals"] = plan["wals"]["delete_count"]
        r["delete_objects"] = sum(len(s["files"]) + 1 + len(s["wals"]) for s in plan["steps"])
        doomed = [k for s in plan["steps"] for k in s["files"] + [s["backup_info"]] + s["wals"]]
    finally:
        replay.close()

    store = os.path.join(s3dir, "store")
    copies = {}
    for who in ("tideline", "barman", "paginated", "floor"):
        copies[who] = f"{bucket}-{who}"
        shutil.rmtree(os.path.join(store, copies[who]), ignore_errors=True)
        log(f"copying the bucket for {who} on disk")
        subprocess.run(["cp", "-a", os.path.join(store, bucket), os.path.join(store, copies[who])], check=True)
    delayed = Proxy(upstream, "--delay-ms", str(args.delay_ms))
    try:
        log("tideline apply")
        delayed.call("POST", "reset")
        r["tideline_apply_s"], out = timed([args.cli, "--endpoint-url", delayed.endpoint, "--json", "retention",
                                            f"s3://{copies['tideline']}/{path}", server, "--policy", args.policy,
                                            "--apply", "--confirm", server])
        applied = json.loads(out)
        r["tideline_complete"] = applied["complete"]
        r["tideline_stats"] = delayed.call("GET", "stats")
        log("barman-cloud-backup-delete")
        delayed.call("POST", "reset")
        r["barman_apply_s"], _ = timed(["/usr/bin/barman-cloud-backup-delete", "--endpoint-url", delayed.endpoint,
                                        "-r", barman_policy, f"s3://{copies['barman']}/{path}", server])
        r["barman_stats"] = delayed.call("GET", "stats")
        log("barman-cloud-backup-delete, listing every page")
        delayed.call("POST", "reset")
        r["paginated_apply_s"], _ = timed(["/usr/bin/python3", "-c", PAGINATED_BARMAN, "--endpoint-url",
                                           delayed.endpoint, "-r", barman_policy, f"s3://{copies['paginated']}/{path}",
                                           server])
        r["paginated_stats"] = delayed.call("GET", "stats")
        log("the store's floor: the same keys, DeleteObjects only, 4 at once")
        delayed.call("POST", "reset")
        started = time.monotonic()
        floor_delete(delayed.endpoint, copies["floor"], doomed)
        r["floor_s"] = time.monotonic() - started
        r["floor_stats"] = delayed.call("GET", "stats")
    finally:
        delayed.close()
    prefix = f"{path}/{server}/"
    left = {who: keys(upstream, b, prefix) for who, b in copies.items()}
    r["floor_same_keys"] = left["floor"] == left["tideline"]
    r["same_keys"] = left["tideline"] == left["paginated"]
    r["left_objects"] = len(left["tideline"])
    r["barman34_left_behind"] = len(set(left["barman"]) - set(left["tideline"]))
    r["barman34_extra_deleted"] = len(set(left["tideline"]) - set(left["barman"]))
    for b in copies.values():
        shutil.rmtree(os.path.join(store, b), ignore_errors=True)

    ok_dry = r["dry_s"] <= 1.5 * r["load_s"]
    ok_apply = r["paginated_apply_s"] >= 10 * r["tideline_apply_s"]
    text = "\n".join([
        f"# Retention benchmark ({datetime.date.today().isoformat()})",
        "",
        f"Command: `{cmdline}`",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.platform()}; s3rver 3.x on 127.0.0.1, every request through "
        f"tests/support/s3proxy.py with {args.delay_ms:g} ms added.",
        f"Bucket: {url} server {server}: {summary['wal_objects']} objects under wals/, {summary['backups']} backups "
        "six hours apart from 2026-01-01 (tests/bench/make_big_bucket.py).",
        f"Policy `{args.policy}` ({barman_policy}) on {datetime.date.today().isoformat()}: {r['delete_backups']} "
        f"backups and {r['delete_wals']} WAL objects go ({r['delete_objects']} objects), {r['left_objects']} stay.",
        "",
        "| figure | seconds | target |",
        "|---|---|---|",
        f"| catalog load, `backups --json` (median of {args.runs}, replayed answers) | {r['load_s']:.2f} | |",
        f"| dry run, `retention --json` (median of {args.runs}, replayed answers) | {r['dry_s']:.2f} | |",
        f"| dry run / catalog load | {r['dry_s'] / r['load_s']:.2f} {'✓' if ok_dry else '✗'} | ≤ 1.5 |",
        f"| `retention --apply` | {r['tideline_apply_s']:.1f} | |",
        f"| `barman-cloud-backup-delete -r` (Debian's 3.4) | {r['barman_apply_s']:.1f} | |",
        f"| objects barman 3.4 left that its own rules delete (first 1,000 keys listed only) | "
        f"{r['barman34_left_behind']} | 0 |",
        f"| the same barman code, listing every page | {r['paginated_apply_s']:.1f} | |",
        f"| speed-up against it | {r['paginated_apply_s'] / r['tideline_apply_s']:.1f}x {'✓' if ok_apply else '✗'} "
        "| ≥ 10x |",
        f"| the store's floor: the same keys by DeleteObjects alone, 4 requests at once (boto3) | {r['floor_s']:.1f} | |",
        f"| `retention --apply` / floor (listing, planning and the ordered rounds included) | "
        f"{r['tideline_apply_s'] / r['floor_s']:.2f} | |",
        f"| barman listing every page / floor: the most any client could gain on this store | "
        f"{r['paginated_apply_s'] / r['floor_s']:.1f}x | |",
        "| requests / sequential round trips: Tideline; barman 3.4; barman listing every page | "
        + "; ".join(f"{r[k]['requests']} / {r[k]['sequential_depth']}" for k in ("tideline_stats", "barman_stats",
                                                                              "paginated_stats")) + " | |",
        f"| same keys left as by barman listing every page | {'yes ✓' if r['same_keys'] else 'NO ✗'} | yes |",
        "",
    ])
    print(text)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text + "\nRaw figures:\n\n```json\n" + json.dumps(r, indent=1) + "\n```\n")
    return 0 if r["same_keys"] and r["tideline_complete"] else 1


if __name__ == "__main__":
    sys.exit(main())
