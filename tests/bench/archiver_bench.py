#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tideline-cli archiver` end to end against the runbook's way, by hand (not in CI).

    tests/bench/archiver_bench.py CLI [--segments 120] [--runs 30]

Starts its own s3rver (tests/support/s3rver_ctl.sh) and a PostgreSQL 15 whose archive_command is
barman-cloud-wal-archive, archives --segments segments, then times, each a fresh process as a
script or a monitor would run it (median and p90 of --runs):
  psql       psql -c 'SELECT * FROM pg_stat_archiver' (the runbook's check; the server's side only)
  tideline   tideline-cli archiver CONNINFO --json (the same facts plus the current WAL, ready files)
  +bucket    tideline-cli archiver CONNINFO --source URL SERVER --json (held against the bucket)
  boto3      a python3 + boto3 script listing the server's wals/ and taking the newest segment
             (what one writes today to learn how far the bucket is behind; no server side)
Goal (issue 15): one `archiver` call on a local server under 50 ms end to end.
"""

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import make_buckets as mb  # noqa: E402

BUCKET, SERVER = "archiver-bench", "pg-bench"
BOTO3_PEER = """
import boto3, sys
s3 = boto3.client("s3", endpoint_url=sys.argv[1])
keys = []
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=sys.argv[2], Prefix=sys.argv[3]):
    keys += [o["Key"].rsplit("/", 1)[1][:24] for o in page.get("Contents", [])]
print(max(k for k in keys if len(k) == 24))
"""


def timed(argv, env, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(argv, env=env, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
        if p.returncode not in (0, 7):
            sys.exit(f"{argv[0]} failed ({p.returncode}): {p.stderr.decode()}")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("--segments", type=int, default=120)
    ap.add_argument("--runs", type=int, default=30)
    a = ap.parse_args()
    support = pathlib.Path(mb.__file__).parent
    work = mb.postgres_work_dir("archiver-bench-")
    s3dir = os.path.join(work, "s3rver")
    subprocess.run([str(support / "s3rver_ctl.sh"), "start", s3dir], check=True, stdout=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{pathlib.Path(s3dir, 'port').read_text().strip()}"
    store = mb.Store(endpoint)
    store.fresh_bucket(BUCKET)
    pg = mb.Cluster(work, "bench")
    try:
        pg.initdb()
        pg.conf(pg.base_settings(mb.Barman(store, work).archive_command(BUCKET, SERVER, compress=True)))
        pg.start()
        pg.sql("CREATE TABLE t (i int)")
        for _ in range(a.segments):
            pg.sql("INSERT INTO t VALUES (1)")
            pg.switch_wal()
        pg.wait_archived(timeout=600)
        conninfo = f"host={pg.sockdir} port={pg.port} dbname=postgres user=postgres"
        env = {"PATH": "/usr/bin:/bin", "HOME": work, "LC_ALL": "C.UTF-8", "AWS_ACCESS_KEY_ID": mb.ACCESS_KEY,
               "AWS_SECRET_ACCESS_KEY": mb.SECRET_KEY, "AWS_DEFAULT_REGION": mb.REGION}
        url = f"s3://{BUCKET}/{mb.PATH}"
        rows = {
            "psql": [f"{mb.PGBIN}/psql", "-X", "-h", pg.sockdir, "-p", str(pg.port), "-U", "postgres", "-d",
                     "postgres", "-c", "SELECT * FROM pg_stat_archiver"],
            "tideline": [a.cli, "--json", "archiver", conninfo],
            "tideline+bucket": [a.cli, "--json", "--endpoint-url", endpoint, "archiver", conninfo, "--source", url,
                                SERVER],
            "boto3 (bucket only)": ["/usr/bin/python3", "-c", BOTO3_PEER, endpoint, BUCKET,
                                    f"{mb.PATH}/{SERVER}/wals/"],
        }
        results = {name: timed(argv, env, a.runs) for name, argv in rows.items()}
        print(f"\n{a.segments} archived segments, {a.runs} runs each, fresh process per run")
        print(f"{'':22}{'median ms':>10}{'p90 ms':>10}")
        for name, (med, p90) in results.items():
            print(f"{name:22}{med:10.1f}{p90:10.1f}")
        tb = results["tideline+bucket"][0]
        print(f"\ntideline+bucket vs boto3 (bucket only): {results['boto3 (bucket only)'][0] / tb:.1f}x faster; "
              f"goal < 50 ms: {'met' if tb < 50 else 'NOT met'} ({tb:.1f} ms)")
    finally:
        pg.stop("immediate")
        subprocess.run([str(support / "s3rver_ctl.sh"), "stop", s3dir], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
