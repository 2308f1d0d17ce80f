#!/usr/bin/env bash
# data/wilayah/ is what scripts/import-wilayah makes of the pinned idn-area-data package, byte for
# byte: the package is taken from var/cache/ or fetched with npm, its integrity checked, the files
# rebuilt in a temporary folder and compared. Exits 77 (CTest: skipped, not passed) when node is
# missing or neither the cache nor the npm registry can be reached.
# Usage: wilayah_reproducible_test.sh <source dir>
set -uo pipefail
src="$1"
if ! command -v node >/dev/null 2>&1; then
  echo "skipped: node is not installed (scripts/import-wilayah needs it)"
  exit 77
fi
exec "$src/scripts/import-wilayah" --check
