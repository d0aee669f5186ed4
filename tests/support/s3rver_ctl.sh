#!/usr/bin/env bash
# s3rver_ctl.sh start DIR | stop DIR | status DIR
#
# Runs the pinned s3rver from $repo/.deps on 127.0.0.1 on a free port, objects under DIR/store.
# start writes DIR/port and DIR/pid (and DIR/s3rver.log) and returns once s3rver answers HTTP;
# stop kills that pid. Used by scripts/setup, scripts/demo and the ctest fixtures.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
s3rver_js="$repo/.deps/node_modules/s3rver/bin/s3rver.js"

die() { printf 's3rver_ctl: ERROR: %s\n' "$*" >&2; exit 1; }

running() { [[ -f "$1/pid" ]] && alive "$(cat "$1/pid")"; }

# A killed s3rver is nobody's child (setsid, its starter gone), so it stays a zombie until init
# reaps it: kill -0 alone would report it alive.
alive() { [[ -r /proc/$1/stat ]] && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]; }

# An HTTP answer of any status on / (bash's /dev/tcp: curl is not on a minimal Debian).
# shellcheck disable=SC2016  # the inner bash expands $1
answers() {
    timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" &&
        printf "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" >&3 &&
        read -r status <&3 && [[ $status == HTTP/* ]]' _ "$1" 2>/dev/null
}

start() {
    local dir="$1"
    [[ -f "$s3rver_js" ]] || die "s3rver is not installed in $repo/.deps; run scripts/setup"
    mkdir -p "$dir/store"
    dir="$(cd "$dir" && pwd)"
    if running "$dir"; then
        echo "s3rver already running: http://127.0.0.1:$(cat "$dir/port") (pid $(cat "$dir/pid"))"
        return 0
    fi
    rm -f "$dir/port" "$dir/pid"

    # --openssl-legacy-provider: s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with DES,
    #   which OpenSSL 3 (Node >= 17) only offers through the legacy provider; without it every
    #   second page of a listing answers 500.
    # -p 0: the kernel picks a free port, so parallel runs never collide; s3rver prints it.
    # setsid and all three streams redirected: ctest waits for a test's output pipes to close, so
    #   the server must hold none of them, and must not die with the test's process group.
    : >"$dir/s3rver.log"
    # S3RVER_EXTRA_ARGS: e.g. --allow-mismatched-signatures, for a test that signs with a planted
    #   secret key nothing else knows.
    # shellcheck disable=SC2086  # word splitting of the extra arguments is wanted
    setsid node --openssl-legacy-provider "$s3rver_js" \
        --directory "$dir/store" --address 127.0.0.1 --port 0 --silent ${S3RVER_EXTRA_ARGS:-} \
        </dev/null >>"$dir/s3rver.log" 2>&1 &
    local pid=$!
    echo "$pid" >"$dir/pid"

    local port="" i
    for ((i = 0; i < 200; i++)); do
        alive "$pid" || { cat "$dir/s3rver.log" >&2; die "s3rver exited during startup"; }
        port="$(sed -n 's/^S3rver listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$dir/s3rver.log")"
        if [[ -n "$port" ]] && answers "$port"; then
            echo "$port" >"$dir/port"
            echo "s3rver listening on http://127.0.0.1:$port (pid $pid, data $dir/store)"
            return 0
        fi
        sleep 0.05
    done
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/pid"
    cat "$dir/s3rver.log" >&2
    die "s3rver did not answer within 10 s"
}

stop() {
    local dir="$1" pid i
    if ! [[ -f "$dir/pid" ]]; then
        echo "s3rver not running (no $dir/pid)"
        return 0
    fi
    pid="$(cat "$dir/pid")"
    if kill "$pid" 2>/dev/null; then
        for ((i = 0; i < 100; i++)); do
            alive "$pid" || break
            sleep 0.05
        done
        if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
        echo "s3rver stopped (pid $pid)"
    else
        echo "s3rver was not running (stale pid $pid)"
    fi
    rm -f "$dir/pid" "$dir/port"
}

case "${1:-}:${2:-}" in
    start:?*) start "$2" ;;
    stop:?*) stop "$2" ;;
    status:?*)
        if running "$2"; then echo "running: http://127.0.0.1:$(cat "$2/port") (pid $(cat "$2/pid"))"
        else echo "not running"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|status DIR" >&2; exit 2 ;;
esac
