#!/usr/bin/env bash
# Drafting market-development plans for 5 countries at a 1M-record directory
# (400,000 organisations + 600,000 opportunities, generated, imported and
# indexed as for the other benchmarks at scale), each plan matching five
# partner roles in each country against the whole directory.
# Usage: bench/plan_bench.sh [build-dir]   (ORGS=... OPPS=... PLANS=...)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
ORGS=${ORGS:-400000}
OPPS=${OPPS:-600000}
PLANS=${PLANS:-20}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-plan-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores; commit $(git -C "$(dirname "$0")" rev-parse --short HEAD); $((ORGS + OPPS)) records"
"$BUILD/bench/bb_generate_directory" --organizations "$ORGS" --opportunities "$OPPS" --seed 1 --concepts 4 > "$WORK/directory.jsonl"
"$BUILD/biobridge" import --db "$WORK/bench.db" --defer-indexing "$WORK/directory.jsonl" 2>&1 | grep '^imported'
rm "$WORK/directory.jsonl"
"$BUILD/bench/bb_search_bench" index --db "$WORK/bench.db" --index "$WORK/search" --threads 2
"$BUILD/bench/bb_plan_bench" --db "$WORK/bench.db" --index "$WORK/search" --plans "$PLANS"
