# Sourced by replay_bench.sh and drill_bench.sh: a real pgbench data set in barman's layout.
#
# make_dataset WORK SCALE SEGMENTS
#   starts s3rver in WORK/s3 and a PostgreSQL 15 primary archiving with cp into WORK/archive,
#   loads pgbench at SCALE (about 16 MB a unit: 70 is 1.1 GB), takes a base backup with
#   barman-cloud-backup into s3://replay/cnpg (server pg), then runs pgbench until SEGMENTS more
#   segments are written and uploads the archive in barman's layout (gzip). Sets: endpoint,
#   end_lsn (the recovery target), segments_written. Stops with a clear message when pgbench ends
#   before the archive is long enough, or after DATASET_LIMIT seconds (default 1800).
# stop_dataset WORK
#   stops what make_dataset started (for the EXIT trap).
# bench_workdir NAME
#   sets `work` to a new directory /tmp/NAME.XXXXXX that PostgreSQL's user can enter, stopped and
#   removed on exit (KEEP=1 leaves it).

PGBIN=/usr/lib/postgresql/15/bin
PY=/usr/bin/python3

stop_dataset() {
    local work="$1" d
    for d in "$work"/primary "$work"/r-* "$work"/barman-*; do
        [[ -f "$d/postmaster.pid" ]] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
    done
    "$repo/tests/support/s3rver_ctl.sh" stop "$work/s3" >/dev/null 2>&1 || true
}

bench_workdir() {
    work="$(mktemp -d "/tmp/$1.XXXXXX")"
    chmod 755 "$work"
    trap 'stop_dataset "$work"; [[ "${KEEP:-0}" == 1 ]] || rm -rf "$work"' EXIT
}

segment_number() { # NAME -> its number within the timeline (log * 256 + seg, 16 MB segments)
    echo $(( 16#${1:8:8} * 256 + 16#${1:16:8} ))
}

make_dataset() {
    local work="$1" scale="$2" segments="$3" limit="${DATASET_LIMIT:-1800}"
    "$repo/tests/support/s3rver_ctl.sh" start "$work/s3" >/dev/null
    endpoint="http://127.0.0.1:$(cat "$work/s3/port")"
    echo "$endpoint" > "$work/endpoint"
    export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1
    $PY -c "import boto3,sys; boto3.client('s3',endpoint_url=sys.argv[1]).create_bucket(Bucket='replay')" "$endpoint"

    # A primary archiving with cp (barman-cloud-wal-archive takes ~0.3 s a segment and would
    # pace the workload), so the archive is uploaded in one go afterwards.
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
shared_buffers = 256MB
EOF
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/primary" -l "$work/sock/primary.log" -w start >/dev/null
    echo "== pgbench -i -s $scale"
    runuser -u postgres -- "$PGBIN/pgbench" -h "$work/sock" -i -s "$scale" -q postgres >/dev/null 2>&1
    psql_primary -c "CHECKPOINT" >/dev/null
    echo "== barman-cloud-backup ($(psql_primary -c "SELECT pg_size_pretty(pg_database_size('postgres'))"))"
    barman-cloud-backup --gzip --endpoint-url "$endpoint" -h "$work/sock" -p 5432 -U postgres s3://replay/cnpg pg >/dev/null
    local start_seg now written started=$SECONDS
    start_seg=$(psql_primary -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
    echo "== pgbench until $segments segments past $start_seg"
    # In rounds of a minute, so a workload too slow to reach the goal is seen, never waited on.
    while :; do
        now=$(psql_primary -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
        written=$(( $(segment_number "$now") - $(segment_number "$start_seg") ))
        (( written >= segments )) && break
        if (( SECONDS - started > limit )); then
            echo "pgbench wrote $written of $segments segments in ${limit} s: give a smaller SEGMENTS or a larger DATASET_LIMIT" >&3
            exit 3
        fi
        if ! runuser -u postgres -- "$PGBIN/pgbench" -h "$work/sock" -c 4 -j 2 -T 60 -n postgres >"$work/sock/pgbench.out" 2>&1; then
            now=$(psql_primary -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
            (( $(segment_number "$now") - $(segment_number "$start_seg") >= segments )) && break # stopped below
            echo "pgbench ended early after $written of $segments segments: $(tail -n 2 "$work/sock/pgbench.out")" >&3
            exit 3
        fi
    done 3>&2 2>/dev/null &
    local loop=$!
    # The loop above only decides; the check below stops pgbench as soon as the goal is met.
    while kill -0 "$loop" 2>/dev/null; do
        now=$(psql_primary -c "SELECT pg_walfile_name(pg_current_wal_lsn())" 2>/dev/null || echo "$start_seg")
        if (( $(segment_number "$now") - $(segment_number "$start_seg") >= segments )); then
            pkill -f "pgbench -h $work/sock" 2>/dev/null || true
        fi
        sleep 1
    done
    wait "$loop" || exit $?
    end_lsn=$(psql_primary -c "SELECT pg_current_wal_lsn()")
    now=$(psql_primary -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
    segments_written=$(( $(segment_number "$now") - $(segment_number "$start_seg") ))
    psql_primary -c "SELECT pg_switch_wal()" >/dev/null
    until [[ -f "$work/archive/$now" ]]; do sleep 0.2; done
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/primary" -m fast -w stop >/dev/null
    echo "   $segments_written segments written; recovery target: LSN $end_lsn"

    # The archive in barman's layout, gzip, uploaded in parallel.
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
}

psql_primary() { "$PGBIN/psql" -h "$work/sock" -U postgres -qAtX "$@" postgres; }

# The startup process's CPU time (user + system, seconds) while it lives: polled from /proc
# into FILE until the process ends. Start it in the background right before pg_ctl start.
watch_startup_cpu() { # DATADIR FILE
    local dir="$1" out="$2" pid="" ticks
    ticks=$(getconf CLK_TCK)
    : > "$out"
    for _ in $(seq 1 600); do # find it: up to a minute
        pid=$(pgrep -f "^postgres: startup" -P "$(head -1 "$dir/postmaster.pid" 2>/dev/null || echo 0)" 2>/dev/null | head -1 || true)
        [[ -n "$pid" ]] && break
        sleep 0.1
    done
    [[ -n "$pid" ]] || return 0
    while [[ -r /proc/$pid/stat ]]; do
        read -r -a f < <(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || break
        # After "pid (comm) ", field 3 of stat is index 0: utime and stime are stat fields 14, 15.
        [[ ${#f[@]} -gt 13 ]] && echo "scale=2; (${f[11]} + ${f[12]}) / $ticks" | bc > "$out"
        sleep 0.1
    done
}
