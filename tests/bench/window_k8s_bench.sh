#!/usr/bin/env bash
# The window's Kubernetes side against a scripted API server holding 50 namespaces, 1,000 clusters
# and 20,000 Backups, every request delayed DELAY_MS: clusters in the sidebar, the GUI thread's
# longest stall, and watch events reaching the cluster page (window_k8s_bench.cpp says what each
# figure is). kubectl has no window to compare with; `kubectl get clusters -A` on the same server
# is printed beside the sidebar figure as the peer's time to the same list.
#   tests/bench/window_k8s_bench.sh [BUILD]   (default build); DELAY_MS=20 BACKUPS=20000 EVENTS=10
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
delay="${DELAY_MS:-20}"
backups="${BACKUPS:-20000}"
envjson="$build/fixtures/env.json"
source "$repo/tests/bench/k8s_scale_server.sh"
echo "window_k8s_bench: 1,000 clusters and $backups Backups in 50 namespaces, ${delay} ms per request"
if command -v kubectl >/dev/null 2>&1; then
    start=$(date +%s%N)
    kubectl --kubeconfig "$kc" get clusters.postgresql.cnpg.io -A --no-headers | wc -l | tr -d '\n'
    end=$(date +%s%N)
    echo " clusters from kubectl get clusters -A in $(( (end - start) / 1000000 )) ms"
fi
QT_QPA_PLATFORM=offscreen "$build/tests/bench/window_k8s_bench" "$kc" "$port" "${EVENTS:-10}"
