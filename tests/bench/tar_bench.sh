#!/usr/bin/env bash
# Tar extraction speed: Tideline's TarExtractor vs libarchive on a tar of a real pgbench data
# directory written by Python's tarfile (pax, as barman-cloud writes data.tar). Run by hand:
#   tests/bench/tar_bench.sh [BUILD_DIR]     env: SCALE=30 RUNS=7
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
bench="$build/tests/bench/tar_bench"
SCALE="${SCALE:-30}"
RUNS="${RUNS:-7}"
PGBIN=/usr/lib/postgresql/15/bin
[[ -x "$bench" ]] || { echo "build tar_bench first (needs libarchive-dev): $bench" >&2; exit 2; }

work="$(mktemp -d /var/tmp/tideline-tar-bench.XXXXXX)"
chmod 755 "$work"
trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
mkdir "$work/pg" && touch "$work/pg.log" && chown postgres "$work/pg" "$work/pg.log"
runuser -u postgres -- "$PGBIN/initdb" -D "$work/pg" >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/pg" -o "-p 54329 -k $work/pg -c listen_addresses=''" -l "$work/pg.log" -w start >/dev/null
runuser -u postgres -- "$PGBIN/pgbench" -h "$work/pg" -p 54329 -i -s "$SCALE" -q postgres >/dev/null 2>&1
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null
/usr/bin/python3 - "$work/pg" "$work/data.tar" <<'PY'
import os, sys, tarfile
with tarfile.open(sys.argv[2], "w", format=tarfile.PAX_FORMAT) as t:
    for name in sorted(os.listdir(sys.argv[1])):
        t.add(os.path.join(sys.argv[1], name), arcname=name)
PY
mkdir "$work/out"
"$bench" "$work/data.tar" "$work/out" "$RUNS"
