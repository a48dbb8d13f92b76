#!/usr/bin/env bash
# Search at scale: a generated directory in three languages (default
# 400,000 organisations + 600,000 opportunities = 1M documents, each
# description naming 4 random vocabulary concepts), imported without
# indexing; then, each as its own process under /usr/bin/time: the index
# build, match latency on 1 and 2 threads, and SQLite FTS5 over the same
# text with the same queries.
# Usage: bench/search_bench.sh [build-dir]   (ORGS=... OPPS=... QUERIES=... FTS_QUERIES=... to resize;
# SKIP_FTS=1 leaves out the FTS5 reference)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
ORGS=${ORGS:-400000}
OPPS=${OPPS:-600000}
QUERIES=${QUERIES:-500}
FTS_QUERIES=${FTS_QUERIES:-100}  # FTS5 takes seconds per query at 1M: the first 100 of the same sample
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-search-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores; commit $(git -C "$(dirname "$0")" rev-parse --short HEAD); $((ORGS + OPPS)) documents"
"$BUILD/bench/bb_generate_directory" --organizations "$ORGS" --opportunities "$OPPS" --seed 1 --concepts 4 > "$WORK/directory.jsonl"
"$BUILD/biobridge" import --db "$WORK/bench.db" --defer-indexing "$WORK/directory.jsonl" 2>&1 | grep '^imported'
peak() { grep 'Maximum resident set size' "$1" | awk '{printf "peak RSS (time -v) %d MB\n", $NF / 1024}'; }
/usr/bin/time -v "$BUILD/bench/bb_search_bench" index --db "$WORK/bench.db" --index "$WORK/search" --threads 2 2> "$WORK/index.time"
peak "$WORK/index.time"
/usr/bin/time -v "$BUILD/bench/bb_search_bench" match --db "$WORK/bench.db" --index "$WORK/search" --queries "$QUERIES" 2> "$WORK/match.time"
peak "$WORK/match.time"
[ "${SKIP_FTS:-0}" = 1 ] && exit 0
/usr/bin/time -v "$BUILD/bench/bb_search_bench" fts5 --db "$WORK/bench.db" --fts "$WORK/fts.db" --queries "$FTS_QUERIES" 2> "$WORK/fts.time"
peak "$WORK/fts.time"
