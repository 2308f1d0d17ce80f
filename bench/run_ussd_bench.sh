#!/usr/bin/env bash
# USSD load benchmark: complete report sessions against lapor1708 (Release, its own private
# redis-server), then the same load against nginx answering a fixed "CON ..." body (the ceiling
# of this machine for one small HTTP answer), and both figures side by side.
#
#   bench/run_ussd_bench.sh
#
# Environment (all optional):
#   BENCH_DURATION=20s        wrk duration of each run (seconds "20s" or minutes "1m")
#   BENCH_CONNECTIONS=16      concurrent sessions (wrk connections; wrk gets one thread each,
#                             see bench/ussd_session.lua for why). 16 is issue 7's figure
#   BENCH_SERVER_THREADS=2    LAPOR1708_HTTP_THREADS of lapor1708, and nginx worker_processes
#   BENCH_ROLES=web           LAPOR1708_ROLES of lapor1708: the webhook path alone. With the
#                             sender role and no Kannel here, every filed case's SMS notice
#                             would be retried against an absent sendsms during the run
#   BENCH_BUILD_DIR=build-bench   where the Release build goes (built if needed)
#   BENCH_SKIP_BUILD=1        use the binary already in BENCH_BUILD_DIR
#   BENCH_PERF=1              also `perf record -g` lapor1708 for 8 s in the middle of its run
#                             and print the top entries of `perf report` (needs linux-perf,
#                             installed when missing, and root or perf_event_paranoid <= 1)
#   BENCH_NICE=-10            run servers and wrk at this niceness (negative needs root): on a
#                             shared machine, keeps other jobs (a compiler) from taking CPU
#                             from the runs; both runs get the same treatment
#
# Everything runs on 127.0.0.1 on free ports, under a temp dir, and is stopped on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-16}
server_threads=${BENCH_SERVER_THREADS:-2}
build_dir=${BENCH_BUILD_DIR:-$root/build-bench}
binary=$build_dir/lapor1708
script=$root/bench/ussd_session.lua
# config/default.json's example token, as the dashboard's callback URL would carry it.
path=/webhooks/africastalking/ussd?token=change-me-africastalking-token
run=()  # prefix for every process the benchmark measures
if [[ -n ${BENCH_NICE:-} ]]; then run=(nice -n "$BENCH_NICE"); fi

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=release_server.sh
source "$root/bench/release_server.sh"

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if [[ ${BENCH_PERF:-0} == 1 ]]; then command -v perf >/dev/null || missing+=(linux-perf); fi
install_packages "${missing[@]}"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# --- build -------------------------------------------------------------------------------------
build_release_server

# --- scratch space and cleanup -----------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lapor1708-bench.XXXXXX")
pids=()  # every process this script started
stop_started() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    # Bounded wait: whatever has not stopped after 5 s is killed.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  pids=()
}
cleanup() {
  stop_started
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'log interrupted; exit 130' INT TERM

# shellcheck source=../tests/support/free_port.sh
source "$root/tests/support/free_port.sh"

# wait_http URL SECONDS: until URL answers 200.
wait_http() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# run_wrk OUT URL ARGS...: one load run, bounded in time, output in OUT (also shown). wrk runs
# in the background and we `wait` for it, so Ctrl-C stops the script at once (a trapped signal
# interrupts `wait`; the EXIT trap then stops wrk with everything else).
run_wrk() {
  local out=$1 url=$2 secs; shift 2
  case $duration in
    *m) secs=$((${duration%m} * 60)) ;;
    *s) secs=${duration%s} ;;
    *) secs=$duration ;;
  esac
  timeout --kill-after=5 $((secs + 30)) "${run[@]}" wrk -t"$connections" -c"$connections" \
    -d"$duration" --latency -s "$script" "$url" -- "$@" >"$out" 2>&1 &
  pids+=($!)
  wait $! || true
  cat "$out" >&2
  grep -q '^RESULT ' "$out" || die "wrk printed no RESULT line"
}

# busy_pct SECONDS: percent of all CPUs busy over the next SECONDS (from /proc/stat). Sampled
# before each run, while what we started is idle: anything else running (a compiler, a test
# suite) takes CPU from both sides and makes the figures meaningless.
busy_pct() {
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat)
  sleep "$1"
  read -r -a b < <(grep '^cpu ' /proc/stat)
  awk -v u="$((b[1] + b[2] + b[3] + b[6] + b[7] + b[8] - a[1] - a[2] - a[3] - a[6] - a[7] - a[8]))" \
      -v i="$((b[4] + b[5] - a[4] - a[5]))" 'BEGIN { printf "%.0f", (u + i > 0 ? 100 * u / (u + i) : 0) }'
}
check_quiet() {
  local pct
  pct=$(busy_pct 2)
  log "background CPU before this run: $pct%"
  if ((pct > 10)); then
    log "WARNING: something else is using $pct% of the CPUs; the figures will be low and noisy"
  fi
  echo "$pct"
}

# cpu_ticks PID...: CPU time (user + system, in clock ticks) used so far by each PID and its
# children (nginx's workers), summed.
cpu_ticks() {
  local pid total=0 t
  for pid in "$@" $(pgrep -P "$(IFS=,; echo "$*")" || true); do
    t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
# kernel_ticks PID: the system part of cpu_ticks PID (the process alone).
kernel_ticks() { awk '{ print $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# us_per_request TICKS RESULT: CPU microseconds per answered request.
us_per_request() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$(field "$2" requests)" \
    'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }'
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# status_kib PID FIELD: a memory figure of /proc/PID/status (VmRSS now, VmHWM the peak), in KiB.
status_kib() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ussd_step URL SESSION PHONE TEXT: one step as Africa's Talking sends it.
ussd_step() {
  curl -fsS -o /dev/null --max-time 5 --data-urlencode "sessionId=$2" \
    --data-urlencode 'serviceCode=*1708#' --data-urlencode "phoneNumber=$3" \
    --data-urlencode 'networkCode=51010' --data-urlencode "text=$4" "$1"
}

# memory_usage PATTERN: the keys matching PATTERN, and the sum of MEMORY USAGE over them.
memory_usage() {
  local key bytes=0 n=0
  while read -r key; do
    [[ -n $key ]] || continue
    bytes=$((bytes + $(redis-cli -p "$redis_port" memory usage "$key" samples 0)))
    n=$((n + 1))
  done < <(redis-cli -p "$redis_port" --scan --pattern "$1")
  echo "$n $bytes"
}

# live_session_bytes URL: plays one report up to its last CON screen (7 of 8 steps, the most a
# live session holds), under a session id as long as Africa's Talking's ("ATUid_" and 32 hex
# digits), then sums MEMORY USAGE of what it left: the citizen's USSD state and any dedupe record
# of its steps (there should be none), and, apart, the number's budget counter (its window is 10
# minutes). Prints "total state dedupe dedupe-records budget".
live_session_bytes() {
  local sid phone=+6281299999999 text='' input
  sid=$(printf 'ATUid_%032x' "$$")
  local -a inputs=(1 1 1 koba 1 'Antrean puskesmas lama sekali')
  ussd_step "$1" "$sid" "$phone" ''
  for input in "${inputs[@]}"; do
    text+=${text:+*}$input
    ussd_step "$1" "$sid" "$phone" "$text"
  done
  local -a state seen budget
  read -r -a state < <(memory_usage "l1708:ussd:{$phone}")
  read -r -a seen < <(memory_usage "l1708:seen:at-ussd:$sid:*")
  read -r -a budget < <(memory_usage "l1708:budget:{$phone}:*")
  echo "$((state[1] + seen[1])) ${state[1]} ${seen[1]} ${seen[0]} ${budget[1]}"
}

# redis_stat FIELD: a figure of INFO stats (total_reads_processed: the socket reads Redis made),
# 0 when Redis does not give it.
redis_stat() {
  local value
  value=$(redis-cli -p "$redis_port" info stats | tr -d '\r' | sed -n "s/^$1:\([0-9]*\).*/\1/p")
  echo "${value:-0}"
}

# evalsha_usec: Redis's own time per EVALSHA call (INFO commandstats).
evalsha_usec() {
  redis-cli -p "$redis_port" info commandstats | tr -d '\r' |
    sed -n 's/^cmdstat_evalsha:.*usec_per_call=\([0-9.]*\).*/\1/p'
}

# perf_top PID SECONDS OUT: samples PID with call graphs while the load runs (BENCH_PERF=1).
perf_top() {
  sleep 4
  perf record -F 999 -g -p "$1" -o "$3.data" -- sleep "$2" >/dev/null 2>&1 || return 0
  perf report -i "$3.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9.]+%' | head -25 >"$3"
}

# --- lapor1708 + redis -------------------------------------------------------------------------
redis_port=$(free_port)
"${run[@]}" redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
  --dir "$tmp" --logfile "$tmp/redis.log" --daemonize no &
pids+=($!)
for _ in $(seq 50); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$redis_port" ping >/dev/null || die "redis-server did not start ($tmp/redis.log)"

server_port=$(free_port)
REDIS_URL=redis://127.0.0.1:$redis_port/0 \
LAPOR1708_LISTEN=127.0.0.1:$server_port \
LAPOR1708_HTTP_THREADS=$server_threads \
LAPOR1708_ROLES=${BENCH_ROLES:-web} \
  "${run[@]}" "$binary" serve --config "$root/config/default.json" 2>"$tmp/server.log" &
pids+=($!)
wait_http "http://127.0.0.1:$server_port/readyz" 15 \
  || { tail -20 "$tmp/server.log" >&2; die "lapor1708 not ready"; }

log "lapor1708 on 127.0.0.1:$server_port ($server_threads threads, roles ${BENCH_ROLES:-web}), redis on :$redis_port"
log "wrk: $connections sessions at a time, $duration"
lapor_bg=$(check_quiet)
redis_pid=${pids[0]} lapor_pid=${pids[1]}
if [[ ${BENCH_PERF:-0} == 1 ]]; then
  perf_top "$lapor_pid" 8 "$tmp/perf.top" &
  perf_job=$!
fi
redis_before=$(cpu_ticks "$redis_pid")
lapor_before=$(cpu_ticks "$lapor_pid")
lapor_kernel_before=$(kernel_ticks "$lapor_pid")
redis_reads_before=$(redis_stat total_reads_processed)
run_wrk "$tmp/lapor.out" "http://127.0.0.1:$server_port$path"
lapor=$(grep '^RESULT ' "$tmp/lapor.out")
# CPU of each process over the measured window (from before wrk started to after it stopped).
lapor_us=$(us_per_request $(($(cpu_ticks "$lapor_pid") - lapor_before)) "$lapor")
redis_us=$(us_per_request $(($(cpu_ticks "$redis_pid") - redis_before)) "$lapor")
lapor_kernel_us=$(us_per_request $(($(kernel_ticks "$lapor_pid") - lapor_kernel_before)) "$lapor")
# Socket reads Redis made per step: each costs it a wake-up, a read and a write, whatever the
# read holds (bench/README.md, "What a step costs Redis").
redis_reads=$(awk -v r="$(($(redis_stat total_reads_processed) - redis_reads_before))" \
  -v n="$(field "$lapor" requests)" 'BEGIN { printf "%.2f", (n > 0 ? r / n : 0) }')
lapor_cpu=$(awk -v a="$lapor_us" -v b="$redis_us" 'BEGIN { printf "%.1f", a + b }')
lapor_rss=$(status_kib "$lapor_pid" VmRSS) lapor_hwm=$(status_kib "$lapor_pid" VmHWM)
evalsha=$(evalsha_usec)
filed=$(redis-cli -p "$redis_port" --scan --pattern 'l1708:case:*' | grep -cE '^l1708:case:[0-9]+$' || true)
log "cases filed in redis: $filed"
if [[ -n ${perf_job:-} ]]; then wait "$perf_job" || true; fi
read -r -a live < <(live_session_bytes "http://127.0.0.1:$server_port$path")

# Stop lapor1708 and redis before the ceiling run so they take no CPU from it.
stop_started

# --- nginx ceiling -----------------------------------------------------------------------------
# The same fixed screen for every step: the main menu, 101 bytes like lapor1708's (its answers
# average ~90 bytes over a session).
nginx_port=$(free_port)
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $server_threads;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  # lapor1708 keeps a connection open for any number of requests; so does the ceiling.
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      default_type "text/plain; charset=utf-8";
      return 200 "CON LAPOR! 1708 - Layanan Aspirasi dan Pengaduan\n1. Lapor\n2. Cek status\n3. Bantuan\n4. Bahasa/Language";
    }
  }
}
EOF
"${run[@]}" "$nginx_bin" -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" \
  -g 'daemon off;' &
pids+=($!)
wait_http "http://127.0.0.1:$nginx_port/" 10 \
  || { cat "$tmp/nginx/error.log" >&2; die "nginx did not start"; }

log "nginx on 127.0.0.1:$nginx_port ($server_threads workers), fixed CON body"
ceiling_bg=$(check_quiet)
nginx_pids=("${pids[@]}")  # the master; cpu_ticks adds its workers
cpu_before=$(cpu_ticks "${nginx_pids[@]}")
run_wrk "$tmp/nginx.out" "http://127.0.0.1:$nginx_port$path" checks=off
ceiling=$(grep '^RESULT ' "$tmp/nginx.out")
ceiling_cpu=$(us_per_request $(($(cpu_ticks "${nginx_pids[@]}") - cpu_before)) "$ceiling")

# --- side by side ------------------------------------------------------------------------------
l_rate=$(field "$lapor" steps_per_s); n_rate=$(field "$ceiling" steps_per_s)
ratio=$(awk -v a="$l_rate" -v b="$n_rate" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo
echo "USSD steps, $connections concurrent sessions, $duration, $(nproc) cores ($(uname -m))"
# cpu_us/step: CPU the server side spent per answer (lapor1708 + redis-server, or nginx's
# master and workers); background: CPU busy before the run (should be ~0).
row='%-20s %9s %11s %8s %8s %7s %12s %11s\n'
# shellcheck disable=SC2059
{
  printf "$row" "" steps/s sessions/s p50_ms p99_ms errors cpu_us/step background
  printf "$row" "lapor1708 + redis" "$l_rate" "$(field "$lapor" sessions_per_s)" \
    "$(field "$lapor" p50_ms)" "$(field "$lapor" p99_ms)" "$(field "$lapor" errors)" \
    "$lapor_cpu" "$lapor_bg%"
  printf "$row" "nginx fixed CON" "$n_rate" "-" "$(field "$ceiling" p50_ms)" \
    "$(field "$ceiling" p99_ms)" "$(field "$ceiling" errors)" "$ceiling_cpu" "$ceiling_bg%"
}
echo "lapor1708 / nginx = $ratio (aim: >= 0.50)"
echo "lapor1708 CPU per step: server $lapor_us us ($lapor_kernel_us in the kernel), redis $redis_us" \
  "us (aim: <= 20 each); EVALSHA ${evalsha:-?} us per call (INFO commandstats);" \
  "redis socket reads per step $redis_reads"
echo "lapor1708 RSS: $(mib "$lapor_rss") MiB at the end, $(mib "$lapor_hwm") MiB peak (aim: <= 32)"
echo "redis bytes per live USSD session (7 of 8 steps answered): ${live[0]} (aim: <= 400):" \
  "USSD state ${live[1]}, dedupe ${live[2]} in ${live[3]} records;" \
  "besides, the number's budget counter for its window ${live[4]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [[ -s $tmp/perf.top ]]; then
  echo
  echo "perf report (lapor1708, 8 s of its run, --no-children --sort dso,sym), top entries:"
  cat "$tmp/perf.top"
fi
