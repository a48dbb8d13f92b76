#!/usr/bin/env bash
# Partnering-meeting scheduling.
#  1. At the scale of the record event: 15,000 delegates, 60,000 accepted
#     requests (skewed popularity, partial availability), 3 days × 16 slots,
#     1,500 tables: time, peak memory, weight and the percentage of the bound.
#  2. Planted hard events: a schedule drawn first (every table of every slot
#     taken, skewed popularity, partial availability — runs of slots, or a
#     scattered share of them), the requests read off it, so the optimum
#     holds them all: the greedy schedule alone and the scheduler.
#  3. Small events (40 delegates, 150 requests, 8 slots, 6 tables; seeds 1-8):
#     the scheduler (exact for events this small: a 0-1 program through CBC's
#     library, from its own formulation) and its heuristics alone (no CBC),
#     against the `cbc` command on the LP file the bench writes (a second
#     formulation of the same event).
# Usage: bench/schedule_bench.sh [build-dir]
set -euo pipefail
BUILD=$(realpath "${1:-build}")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-schedule-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores; commit $(git -C "$(dirname "$0")" rev-parse --short HEAD)"
echo
echo "### The record event"
echo
echo '```'
/usr/bin/time -v "$BUILD/bench/bb_schedule_bench" scale 2> "$WORK/scale.time"
grep 'Maximum resident set size' "$WORK/scale.time" | awk '{printf "whole process: peak RSS (time -v) %d MB\n", $NF / 1024}'
echo '```'
echo
echo "### Planted hard events (the optimum holds every request)"
echo
echo '```'
for args in "" "--fill 1.0 --scattered 0.3 --seed 1" "--fill 1.0 --scattered 0.3 --seed 3" "--fill 1.0 --scattered 0.25 --seed 2"; do
  echo "bb_schedule_bench planted $args"
  # shellcheck disable=SC2086
  "$BUILD/bench/bb_schedule_bench" planted $args
  echo
done
echo '```'
echo
command -v cbc > /dev/null || { echo "cbc is missing: scripts/install-deps.sh bench"; exit 1; }
echo "### Small events against CBC's exact optimum"
echo
echo "| seed | scheduler | proven optimal | heuristics alone (no CBC) | cbc on the LP file | bound | scheduler time | cbc time |"
echo "|---|---|---|---|---|---|---|---|"
for seed in 1 2 3 4 5 6 7 8; do
  read -r weight greedy bound proven seconds < <("$BUILD/bench/bb_schedule_bench" lp --delegates 40 --requests 150 \
    --slots 8 --tables 6 --seed "$seed" --out "$WORK/event.lp")
  start=$(date +%s.%N)
  cbc "$WORK/event.lp" solve solution "$WORK/event.sol" > "$WORK/cbc.log"
  cbc_seconds=$(echo "$(date +%s.%N) - $start" | bc)
  optimum=$(head -1 "$WORK/event.sol" | sed -n 's/.*objective value *\([-0-9.e+]*\).*/\1/p')
  printf '| %s | %s | %s | %s | %.0f | %s | %.1f ms | %.0f ms |\n' "$seed" "$weight" "$proven" "$greedy" "$optimum" \
    "$bound" "$(echo "$seconds * 1000" | bc)" "$(echo "$cbc_seconds * 1000" | bc)"
done
