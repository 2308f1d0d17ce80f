#!/usr/bin/env bash
# The real binary refuses a broken dialog or config at start, naming each problem's JSON path,
# and accepts the shipped config. Usage: check_config_test.sh <lapor1708 binary> <source dir>
set -uo pipefail
bin="$1"
src="$2"
fail=0

expect() {  # expect <description> <expected exit> <config> <pattern>...
  local what="$1" want="$2" config="$3"
  shift 3
  local out rc
  out=$("$bin" check-config --config "$config" 2>&1)
  rc=$?
  if [[ "$rc" != "$want" ]]; then
    echo "FAIL $what: exit $rc, want $want"; echo "$out"; fail=1; return
  fi
  for pattern in "$@"; do
    if ! grep -qF -- "$pattern" <<<"$out"; then
      echo "FAIL $what: output lacks: $pattern"; echo "$out"; fail=1
    fi
  done
  echo "ok   $what"
}

expect "shipped config" 0 "$src/config/default.json" "ok"
expect "broken dialog" 1 "$src/tests/fixtures/config/broken-dialog-config.json" \
  'broken-dialog.json: /nodes/details/next: names unknown node "identitas"' \
  'broken-dialog.json: /nodes/orphan: is unreachable from start "main"'
expect "bad config values" 1 "$src/tests/fixtures/config/bad-values-config.json" \
  'bad-values-config.json: /htpp: unknown key' \
  'bad-values-config.json: /listen/port: must be a whole number from 0 to 65535' \
  'bad-values-config.json: /dialog/screen_limit: must be a whole number'
expect "missing file" 1 "$src/no/such/config.json" "no/such/config.json: cannot be read"
exit $fail
