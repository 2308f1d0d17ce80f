#!/usr/bin/env bash
# User-space instructions per USSD step, counted by callgrind: the same complete reports as
# run_ussd_bench.sh (bench/ussd_session.lua), against one server thread under valgrind. Unlike
# CPU time on a shared 2-core machine (a few percent of noise between runs), the count barely
# moves between runs, so it shows what a change to our code buys; it leaves out the kernel
# (syscalls, wake-ups), which run_ussd_bench.sh's µs per step include.
#
#   bench/run_ussd_instructions.sh [top]      prints instructions per step, then the `top`
#                                             (default 25) functions by their own instructions
#
# Environment (all optional):
#   BENCH_BUILD_DIR=build-bench   where the Release build goes (built if needed)
#   BENCH_SKIP_BUILD=1            use the binary already in BENCH_BUILD_DIR
#   BENCH_SECONDS=8               how long the counted load runs (after 3 s of warm-up)
#   BENCH_OUT=<dir>               keep callgrind's file there (callgrind_annotate reads it)
#
# Everything runs on 127.0.0.1 on free ports, under a temp dir, and is stopped on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
top=${1:-25}
seconds=${BENCH_SECONDS:-8}
build_dir=${BENCH_BUILD_DIR:-$root/build-bench}
binary=$build_dir/lapor1708
log() { printf '[instructions] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=release_server.sh
source "$root/bench/release_server.sh"

missing=()
command -v valgrind >/dev/null || missing+=(valgrind)
command -v wrk >/dev/null || missing+=(wrk)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v curl >/dev/null || missing+=(curl)
install_packages "${missing[@]}"
build_release_server

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lapor1708-instructions.XXXXXX")
out=${BENCH_OUT:-$tmp}
mkdir -p "$out"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source=../tests/support/free_port.sh
source "$root/tests/support/free_port.sh"
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
  --dir "$tmp" --logfile "$tmp/redis.log" &
pids+=($!)
server_port=$(free_port)
REDIS_URL=redis://127.0.0.1:$redis_port/0 LAPOR1708_LISTEN=127.0.0.1:$server_port \
  LAPOR1708_HTTP_THREADS=1 LAPOR1708_ROLES=web \
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
  "$binary" serve --config "$root/config/default.json" 2>"$tmp/server.log" &
valgrind_pid=$!
pids+=("$valgrind_pid")
for _ in $(seq 600); do
  curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$server_port/readyz" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$server_port/readyz" ||
  { tail -20 "$tmp/server.log" >&2; die "lapor1708 not ready under valgrind"; }

url="http://127.0.0.1:$server_port/webhooks/africastalking/ussd?token=change-me-africastalking-token"
load() { wrk -t2 -c2 -d"$1"s -s "$root/bench/ussd_session.lua" "$url"; }
load 3 >/dev/null 2>&1  # start-up and first sessions are not counted
callgrind_control -z "$valgrind_pid" >/dev/null 2>&1
load "$seconds" >"$tmp/wrk.out" 2>&1
callgrind_control -d "$valgrind_pid" >/dev/null 2>&1  # writes callgrind.out.1: the counted window

steps=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' "$tmp/wrk.out")
counted=$(sed -n 's/^summary: //p' "$out/callgrind.out.1")
[[ -n $steps && $steps -gt 0 && -n $counted ]] || die "no steps or no count ($tmp/wrk.out)"
echo "lapor1708 user-space instructions per USSD step: $((counted / steps)) ($counted over $steps steps)"
# Each function's own instructions per step; the thread's entry points, which callgrind_annotate
# lists with everything under them, are left out.
echo "per step  function (its own instructions)"
callgrind_annotate --threshold=100 --auto=no "$out/callgrind.out.1" 2>/dev/null |
  sed -n '/file:function/,$p' | sed -n '3,$p' |
  awk -v n="$steps" -v total="$counted" -v top="$top" '
    NF == 0 { exit }
    {
      count = $1; gsub(",", "", count); count += 0; name = $0
      if (count > total / 2) next
      sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", name); sub(/ \[[^]]*\]$/, "", name)
      sub(/^\?\?\?:/, "", name)
      printf "%8.0f  %s\n", count / n, name
      if (++shown == top) exit
    }' | cut -c1-160
