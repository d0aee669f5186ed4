#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `tideline-cli events` against pg_waldump, by hand (not in CI), on one pgbench archive in one run:
#   1. local decode: the same uncompressed segments on disk, `events --no-cache` on a file://
#      source in barman's layout against `pg_waldump --stats=record` (goal: at least as fast);
#   2. from the bucket, cold: `events --no-cache` from s3rver against barman-cloud-wal-restore of
#      each segment followed by pg_waldump over what it fetched (goal: at least 5x faster);
#   3. warm: a second `events` over the unchanged archive reads no segment (segments_read == 0).
# The commit count of every run is held against pg_waldump's, so a fast wrong answer fails.
#
#   tests/bench/wal_events_bench.sh [BUILD_DIR]     env: SCALE=10 SEGMENTS=60 KEEP=0 DATASET_LIMIT=1800
#   DATASET=/tmp/tideline-wal-events-bench.XXXX    reuse a kept data set (its s3rver must still run)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
cli="$build/src/cli/tideline-cli"
SEGMENTS="${SEGMENTS:-60}"
[[ -x "$cli" ]] || { echo "build tideline-cli first ($cli)" >&2; exit 2; }
command -v barman-cloud-wal-restore >/dev/null || { echo "barman-cloud-wal-restore missing (apt-get install barman-cli-cloud)" >&2; exit 2; }
# shellcheck source=tests/bench/pgbench_dataset.sh
source "$repo/tests/bench/pgbench_dataset.sh"

if [[ -n "${DATASET:-}" ]]; then # a data set an earlier run kept (KEEP=1), its s3rver still up
    work="$DATASET"
    endpoint="$(cat "$work/endpoint")"
    export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1
else
    bench_workdir tideline-wal-events-bench
    make_dataset "$work" "${SCALE:-10}" "$SEGMENTS"
fi

# The base backup's metadata beside the plain segments: a file:// source in barman's layout whose
# WAL is the uncompressed files pg_waldump reads (hard links, so both read the same inodes).
$PY - "$endpoint" "$work/local" <<'EOF'
import boto3, os, sys
ep, root = sys.argv[1:]
s3 = boto3.client("s3", endpoint_url=ep)
for page in s3.get_paginator("list_objects_v2").paginate(Bucket="replay", Prefix="cnpg/pg/base/"):
    for o in page.get("Contents", []):
        if o["Key"].endswith("backup.info"):
            path = os.path.join(root, o["Key"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            s3.download_file("replay", o["Key"], path)
EOF
for f in "$work"/archive/*; do
    name=$(basename "$f")
    [[ $name =~ ^[0-9A-F]{24}$ ]] || continue
    mkdir -p "$work/local/cnpg/pg/wals/${name:0:16}"
    ln -f "$f" "$work/local/cnpg/pg/wals/${name:0:16}/$name"
done

exec "$PY" - "$cli" "$endpoint" "$work" "$repo" "$SEGMENTS" <<'PY'
import json, os, re, statistics, subprocess, sys, tempfile, time

cli, endpoint, work, repo, wanted = sys.argv[1:]
pgbin = "/usr/lib/postgresql/15/bin"
segs = sorted(n for n in os.listdir(f"{work}/archive") if re.fullmatch(r"[0-9A-F]{24}", n))
first, last = segs[0], segs[-1]
cache = f"{work}/cache"

peak_rss = {}  # program -> the largest resident set one run of it reached (MiB)

def run(argv, env=None, ok=(0,)):
    # Output through files, so the child is reaped with wait4 and its own peak RSS is known.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        s = time.perf_counter() - t
        code = os.waitstatus_to_exitcode(status)
        prog = os.path.basename(argv[0])
        peak_rss[prog] = max(peak_rss.get(prog, 0), usage.ru_maxrss / 1024)
        out.seek(0); err.seek(0)
        if code not in ok:
            sys.exit("%s: exit %d: %s" % (" ".join(argv[:4]), code, err.read().decode()[-400:]))
        return s, out.read().decode()

def waldump(folder):
    # pg_waldump ends with an error at the end of the WAL it was given (no next record): exit 1
    # is its normal end here; the stats table is the answer.
    s, out = run([f"{pgbin}/pg_waldump", "--stats=record", "-p", folder, first, last], ok=(0, 1))
    m = re.search(r"^Transaction/COMMIT\s+(\d+)", out, re.M)
    if not m:
        sys.exit("pg_waldump printed no COMMIT count:\n" + out[-800:])
    return s, int(m.group(1))

def events(source, no_cache=True):
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    argv = [cli, "--endpoint-url", endpoint, "--json", "events", source, "pg", "--kind", "restore_point"]
    s, out = run(argv + (["--no-cache"] if no_cache else []), env=env, ok=(0, 6))
    j = json.loads(out)
    commits = sum(seg["commits"] for seg in j["segments"])
    return s, commits, j

# 1. Local: both read the same plain files; three alternating runs each, the median kept.
loc_wd, loc_tl = [], []
for _ in range(3):
    s, wd_commits = waldump(f"{work}/archive")
    loc_wd.append(s)
    s, tl_commits, j = events(f"file://{work}/local/cnpg")
    loc_tl.append(s)
    if tl_commits != wd_commits:
        sys.exit(f"local: tideline counted {tl_commits} commits, pg_waldump {wd_commits}")

# 2. From the bucket, cold: barman-cloud-wal-restore per segment then pg_waldump, against events.
fetched = f"{work}/fetched"
os.makedirs(fetched, exist_ok=True)
t0 = time.perf_counter()
for n in segs:
    run(["barman-cloud-wal-restore", "--endpoint-url", endpoint, "s3://replay/cnpg", "pg", n, f"{fetched}/{n}"])
barman_fetch = time.perf_counter() - t0
s, wd_commits2 = waldump(fetched)
barman_total = barman_fetch + s
cold_tl = []
for _ in range(3):
    s, tl_commits2, j = events("s3://replay/cnpg")
    cold_tl.append(s)
if tl_commits2 != wd_commits2:
    sys.exit(f"bucket: tideline counted {tl_commits2} commits, pg_waldump {wd_commits2}")

# 3. Warm: fill the cache, then a second look must read nothing.
events("s3://replay/cnpg", no_cache=False)
warm_tl = []
for _ in range(3):
    s, tl_commits3, j = events("s3://replay/cnpg", no_cache=False)
    if j["segments_read"] != 0:
        sys.exit(f"warm run read {j['segments_read']} segments again")
    if tl_commits3 != wd_commits2:
        sys.exit(f"warm: tideline counted {tl_commits3} commits, pg_waldump {wd_commits2}")
    warm_tl.append(s)

med = statistics.median
lw, lt, ct, wt = med(loc_wd), med(loc_tl), med(cold_tl), med(warm_tl)
mib = sum(os.path.getsize(f"{work}/archive/{n}") for n in segs) / 2**20
report = f"""| run | seconds | ratio | goal |
|---|---:|---:|---|
| pg_waldump --stats=record, local plain segments | {lw:.2f} | | |
| tideline events --no-cache, same files (file://) | {lt:.2f} | {lw / lt:.2f}x pg_waldump | >= 1x |
| barman-cloud-wal-restore x {len(segs)} + pg_waldump | {barman_total:.2f} ({barman_fetch:.2f} + {barman_total - barman_fetch:.2f}) | | |
| tideline events --no-cache from s3rver | {ct:.2f} | {barman_total / ct:.1f}x | >= 5x |
| tideline events, warm cache (0 segments read) | {wt:.2f} | {barman_total / wt:.1f}x | |

{len(segs)} segments of 16 MiB ({mib:.0f} MiB) written by pgbench, gzip in the bucket; {wd_commits2} commits,
equal in every run to pg_waldump's Transaction/COMMIT count. Peak RSS: tideline-cli {peak_rss['tideline-cli']:.0f} MiB, pg_waldump {peak_rss['pg_waldump']:.0f} MiB.
Medians of three runs; 2 cores."""
print("\n" + report)
os.makedirs(f"{repo}/tests/bench/results", exist_ok=True)
with open(f"{repo}/tests/bench/results/wal-events-{time.strftime('%Y%m%d')}.md", "w") as f:
    f.write(f"# WAL events benchmark ({time.strftime('%F')})\n\nCommand: `tests/bench/wal_events_bench.sh` "
            f"({'DATASET= of an earlier KEEP=1 run' if os.environ.get('DATASET') else f'SEGMENTS={wanted}'})\n\n{report}\n")
PY
