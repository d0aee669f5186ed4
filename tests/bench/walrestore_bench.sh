#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# wal-restore against barman-cloud-wal-restore, by hand (not in CI): one run, same bucket, same
# machine. Measures per call: barman-cloud-wal-restore; tideline-cli wal-restore cold (no spool);
# a spool hit; a miss (a name never archived). Prints the medians and the ratios the issue sets:
# hit >= 50x faster than barman, cold >= 15x, miss < 60 ms.
#
#   tests/bench/walrestore_bench.sh [ENV_JSON] [CLI]
#     ENV_JSON  the fixture description (default build-walrestore/fixtures/env.json: run
#               `ctest -R fixture` or make_buckets.py first; s3rver must be running)
#     CLI       tideline-cli (default build-walrestore/src/cli/tideline-cli)
#
# Each call is a fresh process, as PostgreSQL runs its restore_command; the destination is
# removed before each call (PostgreSQL unlinks RECOVERYXLOG before asking again).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
env_json="${1:-$repo/build-walrestore/fixtures/env.json}"
cli="${2:-$repo/build-walrestore/src/cli/tideline-cli}"
[[ -f $env_json ]] || { echo "no $env_json: build the fixtures first" >&2; exit 1; }
[[ -x $cli ]] || { echo "no $cli: build first" >&2; exit 1; }

exec /usr/bin/python3 - "$env_json" "$cli" <<'PY'
import json, os, shutil, statistics, subprocess, sys, tempfile, time

env_json, cli = sys.argv[1], sys.argv[2]
e = json.load(open(env_json))
endpoint = e["endpoint"]
url, server = e["scenarios"]["main"]["url"], e["scenarios"]["main"]["server"]
os.environ.update(AWS_ACCESS_KEY_ID=e["access_key"], AWS_SECRET_ACCESS_KEY=e["secret_key"],
                  AWS_DEFAULT_REGION=e["region"])
seg = lambda n: "00000001000000000000%04X" % n
work = tempfile.mkdtemp(prefix="walrestore-bench-")
pg_wal = os.path.join(work, "pg_wal")
os.makedirs(pg_wal)
dest = os.path.join(pg_wal, "RECOVERYXLOG")

def timed(argv, expect):
    if os.path.exists(dest):
        os.unlink(dest)
    t = time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - t) * 1000
    if r.returncode != expect:
        sys.exit("%s: exit %d, expected %d: %s" % (" ".join(argv), r.returncode, expect, r.stderr.decode()))
    return ms

def barman(name):
    return timed(["barman-cloud-wal-restore", "--endpoint-url", endpoint, url, server, name, dest], 0)

def tideline(name, *extra, expect=0):
    return timed([cli, "--endpoint-url", endpoint, "wal-restore", url, server, name, dest, *extra], expect)

def wait_for_prefetcher(spool_root, timeout=30):
    # Done when no prefetcher holds the lock (flock probe through the util-linux flock tool).
    deadline = time.time() + timeout
    while time.time() < deadline:
        locks = [os.path.join(r, "prefetch.lock") for r, _, f in os.walk(spool_root) if "prefetch.lock" in f]
        if locks and all(subprocess.run(["flock", "-n", "-s", l, "true"]).returncode == 0 for l in locks):
            return
        time.sleep(0.1)

names = [seg(n) for n in range(3, 8)]
barman_ms = [barman(n) for n in names]
nospool = ("--prefetch", "0", "--spool", os.path.join(work, "unused-spool"))
cold_ms = [tideline(n, *nospool) for n in names]

# Spool hits: fill the spool 10 ahead, let the prefetcher finish, then ask with a window of 4
# that is already full, so the timed calls neither wait for nor start a prefetcher.
spool = os.path.join(work, "spool")
tideline(seg(2), "--prefetch", "10", "--spool", spool)
wait_for_prefetcher(spool)
hit_ms = [tideline(seg(n), "--prefetch", "4", "--spool", spool) for n in range(3, 8)]
# A hit that does start a prefetcher (the window is not full): what replay sees at its edge.
hit_spawn_ms = [tideline(seg(n), "--prefetch", "8", "--spool", spool) for n in range(8, 11)]
wait_for_prefetcher(spool)
miss_ms = [tideline("00000001000000000000%04X" % n, "--prefetch", "0", expect=1) for n in range(0xF0, 0xF5)]

med = statistics.median
b, c, h, hs, m = med(barman_ms), med(cold_ms), med(hit_ms), med(hit_spawn_ms), med(miss_ms)
fmt = lambda xs: " ".join("%.1f" % x for x in xs)
print("endpoint %s  source %s %s  (16 MiB gzip segments written by barman-cloud-wal-archive)" % (endpoint, url, server))
print("barman-cloud-wal-restore    median %7.1f ms   [%s]" % (b, fmt(barman_ms)))
print("tideline cold (no spool)    median %7.1f ms   [%s]  -> %.1fx faster (target 15x)" % (c, fmt(cold_ms), b / c))
print("tideline spool hit          median %7.1f ms   [%s]  -> %.1fx faster (target 50x)" % (h, fmt(hit_ms), b / h))
print("tideline hit + prefetcher   median %7.1f ms   [%s]  -> %.1fx faster" % (hs, fmt(hit_spawn_ms), b / hs))
print("tideline miss               median %7.1f ms   [%s]  (target < 60 ms)" % (m, fmt(miss_ms)))
shutil.rmtree(work)
PY
