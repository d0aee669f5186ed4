#!/usr/bin/env bash
# How long wal-restore takes to answer "not archived" (PostgreSQL's probe for the next timeline's
# history file, at every recovery's start and end) from a file:// archive of SEGMENTS segments.
#   tests/bench/notfound_bench.sh [CLI ...]   (default: build/src/cli/tideline-cli); CALLS=20 SEGMENTS=10240
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
calls="${CALLS:-20}"
segments="${SEGMENTS:-10240}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$segments" <<'PY'
import os, sys
root, n = sys.argv[1] + "/cnpg/pg-big/wals", int(sys.argv[2])
for s in range(n):
    d = f"{root}/00000001{s // 256:08X}"
    os.makedirs(d, exist_ok=True)
    open(f"{d}/00000001{s // 256:08X}{s % 256:08X}.gz", "w").close()
os.makedirs(sys.argv[1] + "/cnpg/pg-big/base")
PY
[[ $# -gt 0 ]] || set -- "$repo/build/src/cli/tideline-cli"
for cli in "$@"; do
    start=$(date +%s%N)
    for _ in $(seq "$calls"); do
        rc=0
        "$cli" wal-restore "file://$work/cnpg" pg-big 00000002.history "$work/x" --retry-for 0 >/dev/null 2>&1 || rc=$?
        [[ $rc -eq 1 ]] || { echo "$cli: exit $rc, not 1" >&2; exit 1; }
    done
    end=$(date +%s%N)
    echo "$cli: $(( (end - start) / calls / 1000000 )) ms per 'not archived' answer ($segments segments, $calls calls)"
done
