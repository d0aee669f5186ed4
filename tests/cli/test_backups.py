#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tideline-cli backups` reads each finished backup's own WAL range and nothing else of wals/.

On a copy of the barman-written fixture bucket with one segment removed from a backup's range:
- which backups there are, and each one's begin_wal and end_wal: barman-cloud-backup-list;
- which segments of those ranges are missing: boto3's listing of the copy;
- what was read: the request log of tests/support/s3proxy.py between the CLI and s3rver.
Every backup's restorable, missing_wal_count and first_missing_wal must follow from the listing,
and the CLI must have listed wals/ only from within those ranges, one listing per range at most.
"""
import argparse
import json
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_buckets as mb  # noqa: E402
import test_retention as tr  # noqa: E402  (checks, fixture environment, temp buckets)
from proxy_client import Proxy  # noqa: E402

check = tr.check
SEGMENTS_PER_LOG = 256  # the main fixture's 16 MiB segments


def segno(name):
    return int(name[8:16], 16) * SEGMENTS_PER_LOG + int(name[16:24], 16)


def segment_name(timeline, n):
    return f"{timeline:08X}{n // SEGMENTS_PER_LOG:08X}{n % SEGMENTS_PER_LOG:08X}"


def segment_of(key):
    """The segment a WAL key holds (name, then a compression suffix at most), else None."""
    parts = key.split("/")[-1].split(".")
    return parts[0] if len(parts[0]) == 24 and len(parts) <= 2 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--env", required=True)
    args = ap.parse_args()
    env = tr.Env(args.cli, args.env)
    main_bucket = env.fixture["scenarios"]["main"]["bucket"]
    server = env.fixture["scenarios"]["main"]["server"]
    proxy = Proxy(env.endpoint)
    try:
        bucket = env.copy(main_bucket, "backups")
        listed = subprocess.run(["barman-cloud-backup-list", "--endpoint-url", env.endpoint, "--format", "json",
                                 env.url(bucket), server], capture_output=True, text=True, check=True, timeout=300)
        done = [b for b in json.loads(listed.stdout)["backups_list"] if b["status"] == "DONE"]
        check(len(done) >= 2, f"the fixture has finished backups to list ({len(done)})")
        # Damage: the middle backup loses the first segment of its range.
        victim = done[len(done) // 2]
        wals = f"{mb.PATH}/{server}/wals/"
        removed = [k for k in env.store.keys(bucket, wals + victim["begin_wal"][:16] + "/")
                   if segment_of(k) == victim["begin_wal"]]
        check(len(removed) == 1, f"the victim's begin_wal {victim['begin_wal']} is archived once")
        for k in removed:
            env.store.delete(bucket, k)
        present = {segment_of(k) for k in env.store.keys(bucket, wals)}

        proxy.reset()
        rc, out, err = env.tideline("backups", env.url(bucket), server, "--json", endpoint=proxy.url)
        check(rc == 0, f"backups exits 0 ({err.strip()[-200:]})")
        mine = {b["backup_id"]: b for b in json.loads(out)["backups_list"]} if rc == 0 else {}
        check(set(mine) >= {b["backup_id"] for b in done}, "every backup barman lists is listed")
        for b in done:
            tl = int(b["begin_wal"][:8], 16)
            missing = [segment_name(tl, n) for n in range(segno(b["begin_wal"]), segno(b["end_wal"]) + 1)
                       if segment_name(tl, n) not in present]
            m = mine.get(b["backup_id"], {})
            check(m.get("restorable") == (not missing) and m.get("missing_wal_count") == len(missing)
                  and m.get("first_missing_wal") == (missing[0] if missing else None)
                  and m.get("unrestorable_cause") == ("missing_wal" if missing else None),
                  f"{b['backup_id']} ({b['begin_wal']}..{b['end_wal']}): restorable {m.get('restorable')}, "
                  f"{m.get('missing_wal_count')} missing from {m.get('first_missing_wal')} "
                  f"({m.get('unrestorable_cause')}); the listing says "
                  f"{len(missing)} missing")
        check(mine.get(victim["backup_id"], {}).get("restorable") is False, "the damaged backup is not restorable")

        # What was read of wals/: listings starting inside a backup's range, at most one per range.
        starts = {f"{wals}{b['begin_wal'][:16]}/{b['begin_wal'][:23]}" for b in done}
        wal_reads = []
        for e in proxy.log():
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(e["target"]).query)
            if "list-type" in query and query.get("prefix", [""])[0].startswith(f"{mb.PATH}/{server}/w"):
                wal_reads.append(query.get("start-after", ["(none)"])[0])
            elif "/wals/" in urllib.parse.unquote(e["target"].split("?")[0]):
                wal_reads.append("GET " + e["target"])
        check(wal_reads and all(s in starts for s in wal_reads) and len(wal_reads) <= len(starts),
              f"wals/ listed only from the backups' ranges ({len(wal_reads)} listings for {len(starts)} ranges: "
              f"{sorted(set(wal_reads) - starts)[:3]} outside)")
    finally:
        proxy.close()
        tr.drop_temp_buckets(env)
    if tr.FAILURES:
        print(f"{len(tr.FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
