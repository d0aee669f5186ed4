#!/usr/bin/env bash
# `tideline-cli k8s backups -A --json` against a scripted API server (tests/support/k8s_api.py)
# holding 50 namespaces, 1,000 clusters and 20,000 Backups, every request delayed DELAY_MS (a WAN
# round trip), side by side with kubectl (where the machine has it) and python3-kubernetes on the
# same server. Prints wall time, peak RSS, requests and the sequential paging floor.
#   tests/bench/k8s_bench.sh [CLI]   (default build/src/cli/tideline-cli); DELAY_MS=20 BACKUPS=20000
# Needs build/fixtures/env.json (any fixture run writes it; only its endpoint and keys are used).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${1:-$repo/build/src/cli/tideline-cli}"
delay="${DELAY_MS:-20}"
backups="${BACKUPS:-20000}"
envjson="$repo/build/fixtures/env.json"
source "$repo/tests/bench/k8s_scale_server.sh"
ctl() { # METHOD PATH: the scripted server's control plane
    python3 -c "import ssl,sys,urllib.request as u; c=ssl._create_unverified_context(); print(u.urlopen(u.Request(sys.argv[1], data=b'{}' if sys.argv[2] == 'POST' else None, method=sys.argv[2]), context=c).read().decode())" \
        "https://127.0.0.1:$port/_control/$2" "$1"
}
requests() { ctl GET requests | python3 -c "import json,sys; print(len(json.load(sys.stdin)))"; }

measure() { # name, command...
    local name="$1"; shift
    ctl POST reset-requests >/dev/null
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out.json" 2>"$work/err" || { echo "$name failed:"; cat "$work/err"; return 1; }
    end=$(date +%s%N)
    local items
    items=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d.get('backups', d.get('items', []))))" "$work/out.json")
    printf '%-34s %7.2f s  peak RSS %4d MB  %3s requests  %s items\n' "$name" \
        "$(echo "($end - $start) / 1000000000" | bc -l)" "$(( $(cat "$work/rss") / 1024 ))" "$(requests)" "$items"
    echo "$(( (end - start) / 1000000 ))" >"$work/ms.$name"
}

echo "k8s_bench: $backups Backups in 50 namespaces, ${delay} ms per request"
measure tideline "$cli" --kubeconfig "$kc" k8s backups -A --json
tideline_requests=$(requests)
if command -v kubectl >/dev/null 2>&1; then
    measure kubectl kubectl --kubeconfig "$kc" get backups.postgresql.cnpg.io -A -o json
    echo "ratio kubectl/tideline: $(echo "scale=1; $(cat "$work/ms.kubectl") / $(cat "$work/ms.tideline")" | bc)x"
else
    echo "kubectl: not on this machine"
fi
measure python3-kubernetes /usr/bin/python3 -c '
import json, sys
from kubernetes import client, config
api = client.CustomObjectsApi(config.new_client_from_config(config_file=sys.argv[1]))
items, token = [], None
while True:
    page = api.list_cluster_custom_object("postgresql.cnpg.io", "v1", "backups", limit=500, _continue=token)
    items += page["items"]; token = page["metadata"].get("continue")
    if not token: break
json.dump({"items": items}, sys.stdout)' "$kc"
echo "paging floor (tideline's $tideline_requests pages x ${delay} ms): $(( tideline_requests * delay )) ms"
