#!/usr/bin/env bash
# The Redis that scripts/run starts (scripts/local-redis) is durable and bounded as documented:
# loopback only, AOF with appendfsync always, a memory limit (256mb, or
# $LAPOR1708_REDIS_MAXMEMORY) and no eviction.
# Usage: local_redis_test.sh <source dir>
set -euo pipefail
src="$1"
tmp="$(mktemp -d)"
redis_pid=""
cleanup() {
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
# shellcheck source=../support/free_port.sh
source "$src/tests/support/free_port.sh"

failed=0
expect() {  # <port> <setting> <wanted value>
  local got
  got="$(redis-cli -p "$1" config get "$2" | sed -n 2p)"
  if [[ "$got" == "$3" ]]; then
    echo "ok   $2 = $got"
  else
    echo "FAIL: $2 is '$got', wanted '$3'"
    failed=1
  fi
}
start() {  # <port> <dir>: starts scripts/local-redis and waits until it answers
  "$src/scripts/local-redis" "$1" "$2" &
  redis_pid=$!
  for _ in $(seq 1 50); do redis-cli -p "$1" ping >/dev/null 2>&1 && return; sleep 0.1; done
  echo "FAIL: scripts/local-redis never answered on port $1"
  exit 1
}
stop() {
  kill "$redis_pid" && wait "$redis_pid" 2>/dev/null || true
  redis_pid=""
}

port="$(free_port)"
start "$port" "$tmp/data"
expect "$port" bind 127.0.0.1
expect "$port" appendonly yes
expect "$port" appendfsync always
expect "$port" maxmemory 268435456
expect "$port" maxmemory-policy noeviction
expect "$port" dir "$tmp/data"
stop

port="$(free_port)"
LAPOR1708_REDIS_MAXMEMORY=64mb start "$port" "$tmp/data2"
expect "$port" maxmemory 67108864
stop

if "$src/scripts/local-redis" 2>/dev/null; then
  echo "FAIL: no arguments was accepted"
  failed=1
else
  echo "ok   no arguments: refused"
fi
exit "$failed"
