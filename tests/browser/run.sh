#!/usr/bin/env bash
# The officials' console in headless Chromium (Debian's `chromium`, driven by playwright-core):
# starts a Redis and the real lapor1708 binary (role web only: nothing is sent) on free loopback
# ports with tokens for each role, files a report through the USSD webhook, then runs
# console_test.mjs. Screenshots go to $3.
# Usage: run.sh <lapor1708 binary> <source dir> <screenshot dir>. Exit 77 (skipped) without
# chromium or without `npm ci` having been run in tests/browser (scripts/install-deps --test).
set -euo pipefail
bin="$1"; src="$2"; shots="$3"
here="$src/tests/browser"
chromium="${CHROMIUM:-$(command -v chromium || true)}"
if [[ -z "$chromium" || ! -d "$here/node_modules/playwright-core" ]]; then
  echo "needs chromium and tests/browser/node_modules (scripts/install-deps --test)" >&2
  # scripts/test sets LAPOR1708_REQUIRE_BROWSER: there, a missing browser is a failure, not a skip.
  [[ -n "${LAPOR1708_REQUIRE_BROWSER:-}" ]] && exit 1
  exit 77
fi
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
# shellcheck source=../support/free_port.sh
source "$src/tests/support/free_port.sh"
# A port found free may be taken by another test before Redis binds it: then another port.
redis_up=""
for _ in 1 2 3; do
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$tmp" --save "" --appendonly no \
    --daemonize no --logfile "$tmp/redis.log" &
  pids+=($!)
  for _ in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && { redis_up=yes; break; }
    kill -0 "${pids[-1]}" 2>/dev/null || break  # it exited: the port was taken
    sleep 0.1
  done
  [[ -n "$redis_up" ]] && break
done
if [[ -z "$redis_up" ]]; then
  echo "FAIL: Redis did not start; its log:" >&2
  cat "$tmp/redis.log" >&2
  exit 1
fi

export LAPOR1708_ADMIN_TOKENS_FILE="$tmp/tokens.json"
token() { "$bin" token add --config "$src/config/default.json" --role "$1" --name "$2" | tail -n 1; }
export T_VERIFIER="$(token verifier siti)"
export T_REGION="$(token region_admin:19.04 rina)"
export T_OPD="$(token opd:19.04/dinkes dewi)"
export T_EDITOR="$(token template_editor tina)"
export T_INSPECTORATE="$(token inspectorate:19.04 iwan)"

port="$(free_port)"
REDIS_URL="redis://127.0.0.1:$redis_port/0" LAPOR1708_LISTEN="127.0.0.1:$port" \
  LAPOR1708_ROLES=web "$bin" serve --config "$src/config/default.json" 2> "$tmp/server.log" &
pids+=($!)
ready=""
for _ in $(seq 1 100); do
  curl -sf "127.0.0.1:$port/readyz" >/dev/null && { ready=yes; break; }
  sleep 0.1
done
if [[ -z "$ready" ]]; then
  echo "FAIL: the server never became ready; its log, then Redis's:" >&2
  cat "$tmp/server.log" "$tmp/redis.log" >&2
  exit 1
fi

mkdir -p "$shots"
export BASE="http://127.0.0.1:$port" SERVER_LOG="$tmp/server.log" SCREENSHOTS="$shots"
export CHROMIUM="$chromium"
# config/default.json's Africa's Talking callback token, for filing the report.
export AT_TOKEN="$(sed -n 's/.*"token": "\(.*\)".*/\1/p' "$src/config/default.json" | head -1)"
node "$here/console_test.mjs"
