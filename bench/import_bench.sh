#!/usr/bin/env bash
# Import throughput and peak memory: `biobridge import` of a generated
# directory (default 400,000 organisations + 600,000 opportunities = 1M
# records) into an empty SQLite database. Prints one Markdown table row.
# Usage: bench/import_bench.sh [build-dir]   (ORGS=... OPPS=... to resize)
# BULK=0 first imports one organisation, so that the directory is not empty
# and the import maintains every index row by row instead of as a bulk load.
set -euo pipefail
BUILD=$(realpath "${1:-build}")
ORGS=${ORGS:-400000}
OPPS=${OPPS:-600000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-import-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$BUILD/bench/bb_generate_directory" --organizations "$ORGS" --opportunities "$OPPS" --seed 1 > "$WORK/directory.jsonl"
bytes=$(stat -c %s "$WORK/directory.jsonl")
if [ "${BULK:-1}" = 0 ]; then
  echo '{"type":"organization","id":"bench-seed","name":{"en":"Seed"},"kind":"other","country":"CN"}' > "$WORK/seed.jsonl"
  "$BUILD/biobridge" import --db "$WORK/bench.db" "$WORK/seed.jsonl" 2> /dev/null
fi
# The store alone: the search index is measured by search_bench.sh.
/usr/bin/time -v "$BUILD/biobridge" import --db "$WORK/bench.db" --defer-indexing "$WORK/directory.jsonl" 2> "$WORK/import.err"
summary=$(grep '^imported' "$WORK/import.err")
records=$(echo "$summary" | awk '{print $2}')
seconds=$(echo "$summary" | awk '{print $5}')
peak_kb=$(grep 'Maximum resident set size' "$WORK/import.err" | awk '{print $NF}')
db_bytes=$(du -cb "$WORK"/bench.db* | tail -1 | cut -f1)
echo "$summary" >&2
printf '| %s records (%s organisations, %s opportunities), %d MB of JSON Lines | %.1f s | **%s records/s** | %d MB | %d MB |\n' \
  "$records" "$ORGS" "$OPPS" $((bytes / 1000000)) "$seconds" \
  "$(awk -v r="$records" -v s="$seconds" 'BEGIN { printf "%d", r / s }')" $((peak_kb / 1024)) $((db_bytes / 1000000))
