#!/usr/bin/env bash
# The real binary refuses a broken dialog or config at start, naming each problem's JSON path
# (and each region, OPD, category or official's role that does not resolve), and accepts the
# shipped config. Usage: check_config_test.sh <lapor1708 binary> <source dir>
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

expect "shipped config" 0 "$src/config/default.json" "ok" "regions onboarded: 19.04 Kabupaten Bangka Tengah"
expect "broken dialog" 1 "$src/tests/fixtures/config/broken-dialog-config.json" \
  'broken-dialog.json: /nodes/details/next: names unknown node "identitas"' \
  'broken-dialog.json: /nodes/orphan: is unreachable from start "main"'
expect "bad config values" 1 "$src/tests/fixtures/config/bad-values-config.json" \
  'bad-values-config.json: /htpp: unknown key' \
  'bad-values-config.json: /listen/port: must be a whole number from 0 to 65535' \
  'bad-values-config.json: /dialog/screen_limit: must be a whole number'
expect "references that do not resolve" 1 "$src/tests/fixtures/config/bad-references-config.json" \
  '/regions/1/code: "19.99" is not the code of a kabupaten or kota' \
  '/regions/0/opds/1/categories/1: "jalan" is not a category of the dialog' \
  '/regions/0/opds/0/units/2/kecamatan: "Cibinong" is not a kecamatan of this region' \
  'bad-references-tokens.json: budi (opd:19.04/dinas-x): "dinas-x" is not an OPD of region 19.04' \
  'bad-references-tokens.json: asep (region_admin:32.01): region 32.01 is not onboarded'
expect "missing file" 1 "$src/no/such/config.json" "no/such/config.json: cannot be read"
exit $fail
