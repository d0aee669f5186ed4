#!/usr/bin/env bash
# The whole drill, end to end, against the barman way a runbook follows, on one pgbench data set
# in one run (issue 19). Runs, each timed from nothing on disk to a checked, promoted database:
#   1. tideline-cli drill (restore, tuned replay with its own wal-restore, promote, check, clean up)
#   2. the barman way: barman-cloud-restore, then PostgreSQL recovery with barman-cloud-wal-restore
#      as restore_command (settings as the backup left them), then the same check query
# and the floors, each a replay of the same WAL from the same restored base:
#   3. cp of decompressed segments, settings as the backup left them (the untuned floor)
#   4. cp, with the settings Tideline writes for a copy the user keeps (restartpoints, prefetch)
#   5. cp, with a drill's scratch settings (durability off as well)
# with the startup process's own CPU time for each replay (its floor: the work, not the waits).
# Run by hand, as root (20-40 minutes at the defaults; barman's run and the data set dominate):
#   tests/bench/drill_bench.sh [BUILD_DIR]      env: SCALE=70 (1.1 GB) SEGMENTS=200 KEEP=0 BARMAN=1
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
cli="$build/src/cli/tideline-cli"
SCALE="${SCALE:-70}"
SEGMENTS="${SEGMENTS:-200}"
[[ -x "$cli" ]] || { echo "build tideline-cli first ($cli)" >&2; exit 2; }
[[ $EUID -eq 0 ]] || { echo "run as root: PostgreSQL runs as the postgres user" >&2; exit 2; }
# shellcheck source=tests/bench/pgbench_dataset.sh
source "$repo/tests/bench/pgbench_dataset.sh"

bench_workdir tideline-drill-bench
# The data set, its archive and six copies of the data directory: about 20 GB at SCALE=70
# (each copy grows by the segments replay recycles).
need_gb=$(( SCALE * 3 / 10 + SEGMENTS * 16 * 3 / 1024 ))
avail_gb=$(( $(df --output=avail -k "$work" | tail -1) / 1024 / 1024 ))
(( avail_gb >= need_gb )) || { echo "$work has $avail_gb GB free; SCALE=$SCALE needs about $need_gb GB" >&2; exit 2; }
make_dataset "$work" "$SCALE" "$SEGMENTS"
check_sql="SELECT count(*) = $((SCALE * 100000)) FROM pgbench_accounts"
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

# Each run starts with nothing dirty in the page cache: the data set just written (gigabytes)
# would otherwise be flushed during the first run timed, and each run's writes during the next.
settle() { sync; sleep 2; }

# 1. The drill, as a DBA runs it.
echo "== tideline-cli drill"
settle
s=$(now)
"$cli" --endpoint-url "$endpoint" drill s3://replay/cnpg pg --target-lsn "$end_lsn" --check-sql "$check_sql" \
    --scratch "$work" --timeout 3600 --json > "$work/drill.json" || { cat "$work/drill.json" >&2; exit 1; }
t_drill=$(elapsed "$s" "$(now)")
phase() { $PY -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(p['seconds'] for p in r['phases'] if p['name'].startswith(sys.argv[2])))" "$work/drill.json" "$1"; }
t_drill_restore=$(phase "restore")
t_drill_replay=$(phase "recovery")
[[ "$($PY -c "import json; print(json.load(open('$work/drill.json'))['passed'])")" == True ]] || { echo "the drill failed" >&2; exit 1; }

# The recovery every other run starts from: the same base, restored once by Tideline (durable
# settings only), its tuning lines taken out again for the untuned runs.
"$cli" --endpoint-url "$endpoint" restore s3://replay/cnpg pg "$work/base" --target-lsn "$end_lsn" \
    --target-action promote --no-sync --json > "$work/restore.json"
kept_tuning=$($PY -c "import json; print('\n'.join(json.load(open('$work/restore.json'))['recovery_settings']))")
scratch_tuning=$($PY -c "import json; print('\n'.join(json.load(open('$work/drill.json'))['recovery_settings']))")
untune() { # FILE: drop every setting the restore added for speed
    local name
    while IFS= read -r line; do
        name="${line%% = *}"
        sed -i "/^$name = /d" "$1"
    done <<< "$kept_tuning"
}

# Starts the data directory DIR with restore_command CMD and SETTINGS (lines) until promoted,
# runs the check, stops it; prints "seconds startup_cpu_seconds".
recover() { # DIR CMD SETTINGS
    local dir="$1" cmd="$2" settings="$3" label s e cpu
    label=$(basename "$dir")
    local conf="${cmd//\'/\'\'}"
    conf="${conf//&/\\&}"; conf="${conf//|/\\|}"
    sed -i "s|^restore_command = .*|restore_command = '$conf'|; s|^unix_socket_directories = .*|unix_socket_directories = '$dir'|" \
        "$dir/postgresql.auto.conf"
    sed -i "s|^hba_file = .*|hba_file = '$dir/pg_hba.conf'|; s|^ident_file = .*|ident_file = '$dir/pg_ident.conf'|" "$dir/postgresql.auto.conf"
    untune "$dir/postgresql.auto.conf"
    [[ -n "$settings" ]] && while IFS= read -r line; do
        echo "${line%% = *} = '${line#* = }'" >> "$dir/postgresql.auto.conf"
    done <<< "$settings"
    chown -R postgres "$dir"
    s=$(now)
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -l "$work/sock/$label.log" -w -t 3600 start >/dev/null &
    local starter=$!
    watch_startup_cpu "$dir" "$work/$label.cpu" &
    local watcher=$!
    wait "$starter"
    until [[ "$("$PGBIN/psql" -h "$dir" -U postgres -qAtX -c 'SELECT pg_is_in_recovery()' postgres 2>/dev/null)" == f ]]; do
        # A server that stopped (a failed restore_command, a full disk) never promotes: say so.
        if ! runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
            echo "$label: PostgreSQL stopped before promotion; its log ends:" >&2
            grep -v 'restored log file' "$work/sock/$label.log" | tail -n 5 >&2
            kill "$watcher" 2>/dev/null
            exit 1
        fi
        sleep 0.2
    done
    [[ "$("$PGBIN/psql" -h "$dir" -U postgres -qAtX -c "$check_sql" postgres)" == t ]] || { echo "$label: check failed" >&2; exit 1; }
    e=$(now)
    wait "$watcher" || true
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    grep -q "recovery stopping" "$work/sock/$label.log" || { echo "$label: no recovery stop in the log" >&2; exit 1; }
    cpu=$(cat "$work/$label.cpu" 2>/dev/null || echo 0)
    echo "$(elapsed "$s" "$e") ${cpu:-0}"
}

# The drill's durable RTO estimate against a durable recovery measured here: tideline-cli restore
# (files synced, the settings for a kept copy, its own wal-restore), started, promoted, checked.
echo "== durable recovery (restore + replay, kept settings)"
settle
s=$(now)
"$cli" --endpoint-url "$endpoint" restore s3://replay/cnpg pg "$work/durable" --target-lsn "$end_lsn" \
    --target-action promote > /dev/null
read -r t_durable_replay _ < <(recover "$work/durable" "$(grep '^restore_command' "$work/durable/postgresql.auto.conf" |
    sed "s/^restore_command = '//; s/'\$//; s/''/'/g")" "$kept_tuning") || true
[[ -n "${t_durable_replay:-}" ]] || { echo "the durable recovery failed (see above)" >&2; exit 1; }
t_durable=$(elapsed "$s" "$(now)")
t_durable_estimate=$($PY -c "import json; print(json.load(open('$work/drill.json'))['durable_rto_seconds'])")
rm -rf "$work/durable"

# 2. The barman way: restore, then replay fetching each segment with barman-cloud-wal-restore.
t_barman=NA; cpu_barman=NA
if [[ "${BARMAN:-1}" == 1 ]]; then
    echo "== barman-cloud-restore + barman-cloud-wal-restore"
    settle
    s=$(now)
    backup_id=$(barman-cloud-backup-list --endpoint-url "$endpoint" --format json s3://replay/cnpg pg |
        $PY -c "import json,sys; print(json.load(sys.stdin)['backups_list'][-1]['backup_id'])")
    barman-cloud-restore --endpoint-url "$endpoint" s3://replay/cnpg pg "$backup_id" "$work/barman-way"
    # The runbook's recovery settings; the rest as the backup left them.
    cp "$work/base/postgresql.auto.conf" "$work/barman-way/postgresql.auto.conf"
    cp "$work/base/pg_hba.conf" "$work/base/pg_ident.conf" "$work/barman-way/" 2>/dev/null || true
    touch "$work/barman-way/recovery.signal"
    chmod 700 "$work/barman-way"
    read -r t_replay_barman cpu_barman < <(recover "$work/barman-way" \
        "barman-cloud-wal-restore --endpoint-url $endpoint s3://replay/cnpg pg %f %p" "") || true
    [[ -n "${t_replay_barman:-}" ]] || { echo "the barman way failed (see above)" >&2; exit 1; }
    t_barman=$(elapsed "$s" "$(now)")
fi

# 3-5. The floors: cp of decompressed segments from local disk.
echo "== replay floors (cp)"
run_floor() { # LABEL SETTINGS
    rm -rf "$work/r-$1"; cp -a "$work/base" "$work/r-$1"
    settle
    recover "$work/r-$1" "cp $work/archive/%f %p" "$2"
}
read -r t_cp cpu_cp < <(run_floor untuned "") || true
read -r t_cp_kept cpu_cp_kept < <(run_floor kept "$kept_tuning") || true
read -r t_cp_scratch cpu_cp_scratch < <(run_floor scratch "$scratch_tuning") || true
[[ -n "$t_cp" && -n "$t_cp_kept" && -n "$t_cp_scratch" ]] || { echo "a replay floor failed (see above)" >&2; exit 1; }
segs=$(ls "$work/archive" | grep -c '^[0-9A-F]\{24\}$')

ratio() { [[ "$1" == NA || "$2" == NA ]] && echo NA || printf %.1f "$(echo "$1 / $2" | bc -l)"; }
f1() { [[ "$1" == NA ]] && echo NA || printf %.1f "$1"; }
report="Data set: pgbench scale $SCALE, $segs WAL segments archived after the base backup; target LSN $end_lsn.

| run | seconds | of which replay (s) | startup CPU (s) |
|---|---:|---:|---:|
| **tideline-cli drill** (end to end, checks and clean-up included) | $(f1 "$t_drill") | $(f1 "$t_drill_replay") | – |
| barman way (barman-cloud-restore + barman-cloud-wal-restore + check) | $(f1 "$t_barman") | $(f1 "${t_replay_barman:-NA}") | $(f1 "$cpu_barman") |
| durable recovery measured (tideline-cli restore, synced, kept settings, check) | $(f1 "$t_durable") | $(f1 "$t_durable_replay") | – |
| restore alone (the drill's restore phase) | $(f1 "$t_drill_restore") | – | – |
| replay with cp, untuned (the backup's settings) | – | $(f1 "$t_cp") | $(f1 "$cpu_cp") |
| replay with cp, settings for a kept copy | – | $(f1 "$t_cp_kept") | $(f1 "$cpu_cp_kept") |
| replay with cp, a drill's scratch settings | – | $(f1 "$t_cp_scratch") | $(f1 "$cpu_cp_scratch") |

- drill vs the barman way: **$(ratio "$t_barman" "$t_drill")x** faster (goal: 8x)
- the drill's replay against the startup process's CPU time (scratch settings, cp): $(ratio "$t_drill_replay" "$cpu_cp_scratch") (goal: within 1.3)
- the drill's durable RTO estimate $(f1 "$t_durable_estimate") s against the durable recovery measured, $(f1 "$t_durable") s: $(printf %+.0f "$(echo "($t_durable_estimate - $t_durable) * 100 / $t_durable" | bc -l)")% (goal: within 15%)
- kept-copy settings against untuned, replay with cp: $(ratio "$t_cp" "$t_cp_kept")x; scratch settings: $(ratio "$t_cp" "$t_cp_scratch")x
- scratch settings written by the drill: $(echo "$scratch_tuning" | paste -sd, | sed 's/,/, /g')"
echo; echo "$report"
mkdir -p "$repo/tests/bench/results"
printf '# Drill benchmark (%s)\n\nCommand: `SCALE=%s SEGMENTS=%s tests/bench/drill_bench.sh`\n\n%s\n' "$(date +%F)" "$SCALE" \
    "$SEGMENTS" "$report" > "$repo/tests/bench/results/drill-$(date +%Y%m%d).md"
