#!/usr/bin/env bash
# Scheduler benchmark: bench/scheduler_bench with N deadlines (default 100000) against its own
# redis-server (bench/run_store_bench.sh, which reads BENCH_BUILD_DIR and BENCH_SKIP_BUILD).
set -euo pipefail
exec "$(dirname "$0")/run_store_bench.sh" scheduler_bench "${1:-100000}"
