#!/usr/bin/env bash
# Runs every fuzz target of a BIOBRIDGE_FUZZ build for a bounded time, each
# on a working corpus seeded from tests/fuzz/corpus (kept in the build
# directory between runs), and prints what each reached: executions per
# second, coverage (edges) and features. A crash leaves its input under
# <build>/fuzz/crashes/<target>/: copy it to tests/fuzz/regressions/<target>/
# once fixed, so that `make test` replays it.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$1
SECONDS_EACH=${2:-60}
TARGETS=(json_body jsonl_import csv_import search_query http_request)
status=0
printf '%-14s %10s %8s %8s %8s %s\n' target runs exec/s cov ft result
for t in "${TARGETS[@]}"; do
  corpus="$BUILD/fuzz/corpus/$t"
  crashes="$BUILD/fuzz/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  cp -n tests/fuzz/corpus/$t/* "$corpus/" 2>/dev/null || true
  log="$BUILD/fuzz/$t.log"
  result=ok
  # -rss_limit_mb: argon2id and Xapian are legitimately hungry; a leak still trips it.
  if ! "$BUILD/tests/fuzz_$t" "$corpus" -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 -timeout=20 \
      -artifact_prefix="$crashes/" -print_final_stats=1 > "$log" 2>&1; then
    result="CRASH (see $log and $crashes)"
    status=1
  fi
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  execs=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -1)
  cov=$(echo "$last" | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
  ft=$(echo "$last" | sed -nE 's/.*ft: ([0-9]+).*/\1/p')
  printf '%-14s %10s %8s %8s %8s %s\n' "$t" "${runs:-?}" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
exit $status
