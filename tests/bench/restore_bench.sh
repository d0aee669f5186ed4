#!/usr/bin/env bash
# Base-backup restore speed, side by side in one run: barman-cloud-restore vs tideline-cli restore
# on the same bucket and machine, with this machine's floors (the fastest inflate alone, and
# `tar -x` of the already-decompressed tar), direct to s3rver and, when tests/support/s3proxy.py
# is there, through it with 20 ms added per request.
#
# Two data sets, because compressibility decides where the time goes: pgbench (gzips ~18x) and
# text-like rows of md5 hex (gzips ~2x). barman-cloud-restore and `tar -x` leave the data in the
# page cache; tideline flushes it to disk before it calls a restore complete (as pg_basebackup
# does), so it is timed both ways. The igzip floor needs Debian's isal package (apt-get install isal).
# Run by hand (it takes several minutes and a few GB):
#   tests/bench/restore_bench.sh [BUILD_DIR]      env: SCALE=75 TEXT_ROWS=7000000 RUNS=3 KEEP=0
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
cli="$build/src/cli/tideline-cli"
SCALE="${SCALE:-75}"
TEXT_ROWS="${TEXT_ROWS:-7000000}"
RUNS="${RUNS:-3}"
PGBIN=/usr/lib/postgresql/15/bin
PY=/usr/bin/python3
[[ -x "$cli" ]] || { echo "build tideline-cli first ($cli)" >&2; exit 2; }

work="$(mktemp -d /tmp/tideline-restore-bench.XXXXXX)"
chmod 755 "$work"
proxy_pid=""
cleanup() {
    for d in "$work"/pg-*; do
        [[ -d "$d" ]] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
    done
    [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null || true
    "$repo/tests/support/s3rver_ctl.sh" stop "$work/s3" >/dev/null 2>&1 || true
    [[ "${KEEP:-0}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

"$repo/tests/support/s3rver_ctl.sh" start "$work/s3" >/dev/null
endpoint="http://127.0.0.1:$(cat "$work/s3/port")"
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1
$PY -c "import boto3,sys; boto3.client('s3',endpoint_url=sys.argv[1]).create_bucket(Bucket='bench')" "$endpoint"

# median of the given numbers
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# seconds taken by a command, to the millisecond
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; return 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }

make_dataset() { # name
    local name="$1" data="$work/pg-$1" sock="$work/sock-$1"
    mkdir -p "$sock" "$data"; chown postgres "$sock" "$data"
    runuser -u postgres -- "$PGBIN/initdb" -D "$data" -U postgres --auth=trust >/dev/null
    cat >> "$data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$sock'
fsync = off
max_wal_size = 8GB
wal_level = replica
archive_mode = on
archive_command = '/bin/true'
EOF
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$data" -l "$sock/postgres.log" -w start >/dev/null
    if [[ "$name" == pgbench ]]; then
        runuser -u postgres -- "$PGBIN/pgbench" -h "$sock" -i -s "$SCALE" -q postgres >/dev/null 2>&1
    else
        "$PGBIN/psql" -h "$sock" -U postgres -qc "CREATE TABLE t AS SELECT i, md5(i::text) a, md5((i * 7)::text) b,
            md5(random()::text) c FROM generate_series(1, $TEXT_ROWS) i" postgres
    fi
    # The load's WAL is not needed; the backup's own WAL is archived by barman from here on.
    "$PGBIN/psql" -h "$sock" -U postgres -qc "ALTER SYSTEM SET archive_command =
        'barman-cloud-wal-archive --gzip --endpoint-url $endpoint s3://bench/$name srv %p'" -c "SELECT pg_reload_conf()" \
        -c "CHECKPOINT" postgres >/dev/null
    barman-cloud-backup --gzip --endpoint-url "$endpoint" -h "$sock" -p 5432 -U postgres "s3://bench/$name" srv >/dev/null
    "$PGBIN/psql" -h "$sock" -U postgres -qc "SELECT pg_switch_wal()" postgres >/dev/null
    sleep 3
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    rm -rf "$data"
}

report="$work/report.md"
{
    echo "| data set | path | tideline restore (s) | tideline --no-sync (s) | barman-cloud-restore (s) | ratio (no-sync) | inflate floor (s) | tar -x floor (s) | no-sync / floor |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
} > "$report"

for name in pgbench text; do
    echo "== building the $name data set"
    make_dataset "$name"
    id=$("$cli" --endpoint-url "$endpoint" --json show "s3://bench/$name" srv latest | $PY -c "import json,sys; print(json.load(sys.stdin)['backup_id'])")
    # Floors, from a local copy of the backup's tar.
    $PY - "$endpoint" "$name" "$id" "$work/data.tar.gz" <<'EOF'
import boto3, sys
ep, name, bid, out = sys.argv[1:]
s3 = boto3.client("s3", endpoint_url=ep)
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="bench", Prefix=f"{name}/srv/base/{bid}/")["Contents"]]
s3.download_file("bench", next(k for k in keys if k.endswith("data.tar.gz")), out)
EOF
    gz_bytes=$(stat -c %s "$work/data.tar.gz")
    gzip -dc "$work/data.tar.gz" > "$work/data.tar"
    tar_bytes=$(stat -c %s "$work/data.tar")
    inflate_gzip=(); inflate_igzip=(); tarx=()
    for _ in $(seq "$RUNS"); do
        inflate_gzip+=("$(timed sh -c "gzip -dc '$work/data.tar.gz' > /dev/null")")
        if command -v igzip >/dev/null; then inflate_igzip+=("$(timed sh -c "igzip -dc '$work/data.tar.gz' > /dev/null")"); fi
        rm -rf "$work/tarx"; mkdir "$work/tarx"
        tarx+=("$(timed tar -xf "$work/data.tar" -C "$work/tarx")")
    done
    rm -rf "$work/tarx" "$work/data.tar"
    floor_inflate=$(median "${inflate_igzip[@]:-${inflate_gzip[@]}}")
    floor_tar=$(median "${tarx[@]}")
    floor=$(echo "if ($floor_inflate > $floor_tar) $floor_inflate else $floor_tar" | bc)
    echo "   tar.gz $((gz_bytes / 1048576)) MiB -> tar $((tar_bytes / 1048576)) MiB; gzip -dc $(median "${inflate_gzip[@]}") s," \
         "igzip -dc ${floor_inflate} s, tar -x ${floor_tar} s"

    paths=("direct|$endpoint")
    if [[ -f "$repo/tests/support/s3proxy.py" && -z "$proxy_pid" ]]; then
        coproc PROXY { exec $PY "$repo/tests/support/s3proxy.py" --upstream "$endpoint" --delay-ms 20; }
        proxy_pid=$PROXY_PID
        read -r proxy_port <&"${PROXY[0]}"
    fi
    [[ -n "$proxy_pid" ]] && paths+=("proxy 20 ms|http://127.0.0.1:${proxy_port}")
    for entry in "${paths[@]}"; do
        label="${entry%%|*}"; ep="${entry#*|}"
        ours=(); nosync=(); theirs=()
        for _ in $(seq "$RUNS"); do
            rm -rf "$work/r"; sync
            ours+=("$(timed "$cli" --endpoint-url "$ep" restore "s3://bench/$name" srv "$work/r" --target-immediate --backup-id "$id" --owner root)")
            rm -rf "$work/r"; sync
            nosync+=("$(timed "$cli" --endpoint-url "$ep" restore "s3://bench/$name" srv "$work/r" --target-immediate --backup-id "$id" --owner root --no-sync)")
            rm -rf "$work/r"; sync
            theirs+=("$(timed barman-cloud-restore --endpoint-url "$ep" "s3://bench/$name" srv "$id" "$work/r")")
        done
        rm -rf "$work/r"
        o=$(median "${ours[@]}"); n=$(median "${nosync[@]}"); t=$(median "${theirs[@]}")
        printf '| %s | %s | %.2f | %.2f | %.2f | %.1fx | %.2f | %.2f | %.2f |\n' "$name" "$label" "$o" "$n" "$t" \
            "$(echo "$t / $n" | bc -l)" "$floor_inflate" "$floor_tar" "$(echo "$n / $floor" | bc -l)" >> "$report"
        echo "   $label: tideline ${o} s (--no-sync ${n} s), barman ${t} s"
    done
done

echo
cat "$report"
mkdir -p "$repo/tests/bench/results"
cp "$report" "$repo/tests/bench/results/restore-$(date +%Y%m%d).md"
