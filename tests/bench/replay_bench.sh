#!/usr/bin/env bash
# A real PostgreSQL recovery replaying ~200 WAL segments written by pgbench, timed with three
# restore_commands in one run: `tideline-cli wal-restore` (prefetching spool), barman-cloud-wal-restore,
# and `cp` of already-decompressed segments from local disk (the replay's own floor).
# Run by hand (about 10 minutes; barman's run dominates):
#   tests/bench/replay_bench.sh [BUILD_DIR]      env: SEGMENTS=200 KEEP=0
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
cli="$build/src/cli/tideline-cli"
SEGMENTS="${SEGMENTS:-200}"
PGBIN=/usr/lib/postgresql/15/bin
PY=/usr/bin/python3
[[ -x "$cli" ]] || { echo "build tideline-cli first ($cli)" >&2; exit 2; }

work="$(mktemp -d /tmp/tideline-replay-bench.XXXXXX)"
chmod 755 "$work"
cleanup() {
    for d in "$work"/primary "$work"/r-*; do
        [[ -f "$d/postmaster.pid" ]] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
    done
    "$repo/tests/support/s3rver_ctl.sh" stop "$work/s3" >/dev/null 2>&1 || true
    [[ "${KEEP:-0}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

"$repo/tests/support/s3rver_ctl.sh" start "$work/s3" >/dev/null
endpoint="http://127.0.0.1:$(cat "$work/s3/port")"
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1
$PY -c "import boto3,sys; boto3.client('s3',endpoint_url=sys.argv[1]).create_bucket(Bucket='replay')" "$endpoint"

# 1. A primary archiving with cp (barman-cloud-wal-archive takes ~0.3 s a segment), a base backup
#    by barman-cloud-backup, then pgbench until SEGMENTS more segments are archived.
mkdir -p "$work/primary" "$work/sock" "$work/archive"
chown postgres "$work/primary" "$work/sock" "$work/archive"
runuser -u postgres -- "$PGBIN/initdb" -D "$work/primary" -U postgres --auth=trust >/dev/null
cat >> "$work/primary/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$work/sock'
fsync = off
wal_level = replica
archive_mode = on
archive_command = 'cp %p $work/archive/%f'
max_wal_size = 4GB
EOF
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/primary" -l "$work/sock/primary.log" -w start >/dev/null
psql_() { "$PGBIN/psql" -h "$work/sock" -U postgres -qAtX "$@" postgres; }
runuser -u postgres -- "$PGBIN/pgbench" -h "$work/sock" -i -s 10 -q postgres >/dev/null 2>&1
psql_ -c "CHECKPOINT" >/dev/null
barman-cloud-backup --gzip --endpoint-url "$endpoint" -h "$work/sock" -p 5432 -U postgres s3://replay/cnpg pg >/dev/null
start_seg=$(psql_ -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
echo "== pgbench until $SEGMENTS segments past $start_seg"
runuser -u postgres -- "$PGBIN/pgbench" -h "$work/sock" -c 4 -j 2 -T 600 -n postgres >/dev/null 2>&1 &
bench_pid=$!
while :; do
    now=$(psql_ -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
    (( 16#${now:16:8} + 256 * 16#${now:8:8} - 16#${start_seg:16:8} - 256 * 16#${start_seg:8:8} >= SEGMENTS )) && break
    sleep 1
done
kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true
end_lsn=$(psql_ -c "SELECT pg_current_wal_lsn()")
psql_ -c "SELECT pg_switch_wal()" >/dev/null
sleep 3
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/primary" -m fast -w stop >/dev/null
echo "   recovery target: LSN $end_lsn"

# 2. The archive in barman's layout, gzip, uploaded in parallel.
$PY - "$endpoint" "$work/archive" <<'EOF'
import boto3, concurrent.futures, gzip, os, sys
ep, folder = sys.argv[1:]
s3 = boto3.client("s3", endpoint_url=ep)
def up(name):
    data = open(os.path.join(folder, name), "rb").read()
    key = f"cnpg/pg/wals/{name[:16]}/{name}.gz" if len(name) >= 24 and not name.endswith(".history") else f"cnpg/pg/wals/{name}.gz"
    s3.put_object(Bucket="replay", Key=key, Body=gzip.compress(data, 6))
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(up, sorted(os.listdir(folder))))
EOF

# 3. One restore of the base backup, copied for each run; then recovery to the end LSN.
"$cli" --endpoint-url "$endpoint" restore s3://replay/cnpg pg "$work/base" --target-lsn "$end_lsn" \
    --target-action promote --no-sync >/dev/null
run_recovery() { # label restore_command
    local label="$1" cmd="$2" dir="$work/r-$1"
    rm -rf "$dir"; cp -a "$work/base" "$dir"
    # postgresql.conf doubles single quotes; sed's replacement needs & and | escaped.
    local conf="${cmd//\'/\'\'}"
    conf="${conf//&/\\&}"; conf="${conf//|/\\|}"
    sed -i "s|^restore_command = .*|restore_command = '$conf'|; s|^unix_socket_directories = .*|unix_socket_directories = '$dir'|" \
        "$dir/postgresql.auto.conf"
    sed -i "s|^hba_file = .*|hba_file = '$dir/pg_hba.conf'|; s|^ident_file = .*|ident_file = '$dir/pg_ident.conf'|" "$dir/postgresql.auto.conf"
    local s e
    s=$(date +%s.%N)
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -l "$work/sock/$label.log" -w -t 3600 start >/dev/null
    until [[ "$("$PGBIN/psql" -h "$dir" -U postgres -qAtX -c 'SELECT pg_is_in_recovery()' postgres 2>/dev/null)" == f ]]; do
        sleep 0.2
    done
    e=$(date +%s.%N)
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    grep -q "recovery stopping" "$work/sock/$label.log" || { echo "$label: no recovery stop in the log" >&2; exit 1; }
    rm -rf "$dir"
    echo "$e - $s" | bc
}
wal_cmd=$(grep '^restore_command' "$work/base/postgresql.auto.conf" | sed "s/^restore_command = '//; s/'\$//; s/''/'/g")
t_cp=$(run_recovery cp "cp $work/archive/%f %p")
t_tl=$(run_recovery tideline "$wal_cmd")
t_bm=$(run_recovery barman "barman-cloud-wal-restore --endpoint-url $endpoint s3://replay/cnpg pg %f %p")
segs=$(ls "$work/archive" | grep -c '^[0-9A-F]\{24\}$')
report="| segments archived | cp floor (s) | tideline wal-restore (s) | barman-cloud-wal-restore (s) | tideline / floor | barman / tideline |
|---:|---:|---:|---:|---:|---:|
| $segs | $(printf %.1f "$t_cp") | $(printf %.1f "$t_tl") | $(printf %.1f "$t_bm") | $(printf %.2f "$(echo "$t_tl / $t_cp" | bc -l)") | $(printf %.1f "$(echo "$t_bm / $t_tl" | bc -l)")x |"
echo; echo "$report"
mkdir -p "$repo/tests/bench/results"
printf '# Replay benchmark (%s)\n\nCommand: `tests/bench/replay_bench.sh` (SEGMENTS=%s)\n\n%s\n' "$(date +%F)" "$SEGMENTS" "$report" \
    > "$repo/tests/bench/results/replay-$(date +%Y%m%d).md"
