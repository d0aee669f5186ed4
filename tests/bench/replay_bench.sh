#!/usr/bin/env bash
# A real PostgreSQL recovery replaying ~200 WAL segments written by pgbench, timed with three
# restore_commands in one run: `tideline-cli wal-restore` (prefetching spool), barman-cloud-wal-restore,
# and `cp` of already-decompressed segments from local disk (the replay's own floor).
# Run by hand (about 10 minutes; barman's run dominates):
#   tests/bench/replay_bench.sh [BUILD_DIR]      env: SCALE=10 SEGMENTS=200 KEEP=0 DATASET_LIMIT=1800
# The end-to-end drill against the barman way, with tuned replay, is tests/bench/drill_bench.sh.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
cli="$build/src/cli/tideline-cli"
SEGMENTS="${SEGMENTS:-200}"
[[ -x "$cli" ]] || { echo "build tideline-cli first ($cli)" >&2; exit 2; }
# shellcheck source=tests/bench/pgbench_dataset.sh
source "$repo/tests/bench/pgbench_dataset.sh"

bench_workdir tideline-replay-bench

make_dataset "$work" "${SCALE:-10}" "$SEGMENTS"

# One restore of the base backup, copied for each run; then recovery to the end LSN.
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
