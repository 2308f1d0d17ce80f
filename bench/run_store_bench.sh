#!/usr/bin/env bash
# Runs one of the store benchmarks built beside the tests (scheduler_bench, redis_floor_bench)
# against its own redis-server on a free loopback port (no persistence), then cleans up:
#   bench/run_store_bench.sh TARGET [ARGS...]
# BENCH_BUILD_DIR (build-bench): where it is built; BENCH_SKIP_BUILD=1 uses what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: bench/run_store_bench.sh scheduler_bench|redis_floor_bench [ARGS...]}"
shift
build_dir="${BENCH_BUILD_DIR:-build-bench}"
if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DLAPOR_TESTS=ON >/dev/null
  cmake --build "$build_dir" --target "$target" -j"$(nproc)" >/dev/null
fi
tmp="$(mktemp -d)"
# shellcheck source=../tests/support/free_port.sh
source tests/support/free_port.sh
port=$(free_port)
redis-server --bind 127.0.0.1 --port "$port" --dir "$tmp" --save "" --appendonly no \
  --daemonize no --logfile "$tmp/redis.log" &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null || true; wait $redis_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
REDIS_URL="redis://127.0.0.1:$port/0" "$build_dir/$target" "$@"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
