#!/usr/bin/env bash
# Saved-search alerts at scale: a generated directory (default 400,000
# organisations + 600,000 opportunities, each description naming 4 random
# vocabulary concepts) imported and indexed; 10,000 saved searches and 1,000
# "new partners for this opportunity" subscriptions; then 5,000 new records
# (2,000 organisations, 3,000 opportunities) imported, and one round of
# alerts over them under /usr/bin/time.
# Usage: bench/alert_bench.sh [build-dir]   (ORGS=... OPPS=... SEARCHES=... SUBSCRIPTIONS=...
# NEW_ORGS=... NEW_OPPS=... to resize)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
ORGS=${ORGS:-400000}
OPPS=${OPPS:-600000}
SEARCHES=${SEARCHES:-10000}
SUBSCRIPTIONS=${SUBSCRIPTIONS:-1000}
NEW_ORGS=${NEW_ORGS:-2000}
NEW_OPPS=${NEW_OPPS:-3000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-alert-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores; commit $(git -C "$(dirname "$0")" rev-parse --short HEAD); $((ORGS + OPPS)) records"
"$BUILD/bench/bb_generate_directory" --organizations "$ORGS" --opportunities "$OPPS" --seed 1 --concepts 4 > "$WORK/directory.jsonl"
"$BUILD/biobridge" import --db "$WORK/bench.db" --defer-indexing "$WORK/directory.jsonl" 2>&1 | grep '^imported'
rm "$WORK/directory.jsonl"
"$BUILD/bench/bb_search_bench" index --db "$WORK/bench.db" --index "$WORK/search" --threads 2
"$BUILD/bench/bb_alert_bench" setup --db "$WORK/bench.db" --searches "$SEARCHES" --subscriptions "$SUBSCRIPTIONS" --seed 1
"$BUILD/bench/bb_generate_directory" --organizations "$NEW_ORGS" --opportunities "$NEW_OPPS" --seed 2 --concepts 4 \
  --id-prefix new > "$WORK/new.jsonl"
"$BUILD/biobridge" import --db "$WORK/bench.db" --defer-indexing "$WORK/new.jsonl" 2>&1 | grep '^imported'
/usr/bin/time -v "$BUILD/bench/bb_alert_bench" run --db "$WORK/bench.db" --index "$WORK/search" 2> "$WORK/run.time"
grep 'Maximum resident set size' "$WORK/run.time" | awk '{printf "peak RSS (time -v) %d MB\n", $NF / 1024}'
