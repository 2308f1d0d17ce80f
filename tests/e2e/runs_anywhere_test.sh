#!/usr/bin/env bash
# The binary needs no source tree: copied with config/, dialogs/, templates/ and data/ alone (what
# the image holds) and started from another folder, it loads its embedded Lua scripts and the map
# of Indonesia, answers /readyz and serves a USSD step that looks a place up.
# Usage: runs_anywhere_test.sh <lapor1708 binary> <source dir>
set -euo pipefail
bin="$1"
src="$2"
tmp="$(mktemp -d)"
redis_pid=""
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
# shellcheck source=../support/free_port.sh
source "$src/tests/support/free_port.sh"

mkdir -p "$tmp/app/bin" "$tmp/elsewhere"
cp "$bin" "$tmp/app/bin/lapor1708"
cp -r "$src/config" "$src/dialogs" "$src/templates" "$src/data" "$tmp/app/"

redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$tmp" \
  --daemonize no --logfile "$tmp/redis.log" &
redis_pid=$!
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

port="$(free_port)"
cd "$tmp/elsewhere"
REDIS_URL="redis://127.0.0.1:$redis_port/0" LAPOR1708_LISTEN="127.0.0.1:$port" \
  LAPOR1708_ROLES=web "$tmp/app/bin/lapor1708" serve --config "$tmp/app/config/default.json" \
  2>"$tmp/server.log" &
server_pid=$!

ready=""
for _ in $(seq 1 100); do
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" == "200" ]]; then
    ready=yes
    break
  fi
  sleep 0.1
done
if [[ -z "$ready" ]]; then
  echo "FAIL: /readyz never answered 200"; cat "$tmp/server.log"; exit 1
fi
# The callback URL carries config/default.json's Africa's Talking token, as the dashboard's does.
token="$(sed -n 's/.*"token": "\(.*\)".*/\1/p' "$tmp/app/config/default.json" | head -1)"
reply="$(curl -s "http://127.0.0.1:$port/webhooks/africastalking/ussd?token=$token" -d sessionId=anywhere-1 \
  --data-urlencode 'serviceCode=*1708#' -d phoneNumber=081234567890 -d text=)"
if [[ "$reply" != "CON LAPOR! 1708"* ]]; then
  echo "FAIL: USSD dial answered: $reply"; cat "$tmp/server.log"; exit 1
fi
for text in 1 1*1 1*1*1 1*1*1*koba; do
  reply="$(curl -s "http://127.0.0.1:$port/webhooks/africastalking/ussd?token=$token" -d sessionId=anywhere-1 \
    --data-urlencode 'serviceCode=*1708#' -d phoneNumber=081234567890 --data-urlencode "text=$text")"
done
if [[ "$reply" != *"1. Kec. Koba, Bangka Tengah"* ]]; then
  echo "FAIL: the place step answered: $reply"; cat "$tmp/server.log"; exit 1
fi
echo "ok   binary from $tmp/app/bin, cwd $tmp/elsewhere: /readyz 200, USSD dial and place answered"
