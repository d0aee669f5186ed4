# Sourced by the k8s benchmarks: a scripted API server (tests/support/k8s_api.py) holding 50
# namespaces, 1,000 clusters and $backups Backups, every request delayed $delay ms. Needs $repo,
# $envjson, $delay and $backups; sets $work (removed on exit), $port and $kc (a token kubeconfig).
[[ -f "$envjson" ]] || { echo "$(basename "$0"): $envjson missing: run the test suite once" >&2; exit 1; }
work="$(mktemp -d)"
api_pid=""
trap '[[ -n "$api_pid" ]] && kill "$api_pid" 2>/dev/null; rm -rf "$work"' EXIT
python3 "$repo/tests/support/k8s_objects.py" --env "$envjson" --out "$work/objects.json" \
    --scale-namespaces 50 --scale-clusters 1000 --scale-backups "$backups" >/dev/null
python3 "$repo/tests/support/k8s_api.py" --objects "$work/objects.json" --tls-dir "$work/tls" \
    --delay-ms "$delay" --no-stdin >"$work/port" 2>"$work/api.log" &
api_pid=$!
for _ in $(seq 300); do [[ -s "$work/port" ]] && break; sleep 0.1; done
port="$(head -1 "$work/port")"
kc="$work/tls/kubeconfig-token"
