#!/usr/bin/env bash
# Runs every benchmark and prints the tables that go into docs/BENCHMARKS.md,
# with the machine they ran on. Usage: bench/run_all.sh [build-dir]
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release; echo "$PRETTY_NAME")"
echo "Commit: $(git rev-parse --short HEAD)"
echo
echo "## Import"
echo
echo "| input | time | throughput | peak memory (RSS) | database size |"
echo "|---|---|---|---|---|"
bench/import_bench.sh "$BUILD"
echo
echo "## API under wrk"
echo
bench/api_bench.sh "$BUILD"
echo
echo "## Sign-in floods"
echo
bench/signin_flood_bench.sh "$BUILD"
echo
echo "## Search at scale"
echo
bench/search_bench.sh "$BUILD"
echo
echo "## Saved-search alerts"
echo
bench/alert_bench.sh "$BUILD"
SUBSCRIPTIONS=0 bench/alert_bench.sh "$BUILD"
SEARCHES=0 bench/alert_bench.sh "$BUILD"
echo
echo "## Document upload and download"
echo
bench/document_bench.sh "$BUILD"
echo
echo "## Drafting market-development plans"
echo
bench/plan_bench.sh "$BUILD"
echo
echo "## Reviewer assignment"
echo
bench/assign_bench.sh "$BUILD" ../shared/data
echo
echo "## Partnering-meeting scheduling"
echo
bench/schedule_bench.sh "$BUILD"
echo
echo "## Browsing a record-size event's participants"
echo
bench/event_bench.sh "$BUILD"
echo
bench/postgres_bench.sh "$BUILD"
echo
echo "## Matching quality on real consortia"
if [ -d ../shared/data ]; then
  bench/eval_matching.sh "$BUILD" ../shared/data
else
  echo "(skipped: ../shared/data is not here)"
fi
