#!/usr/bin/env bash
# Reviewer assignment: scale, quality and exactness.
#  1. Scale: a generated 10,000 projects × 2,000 experts matrix, k = 3, loads
#     ≤ 18, 0.5 % conflicts; solve time and peak memory (bb_assign_bench under
#     /usr/bin/time), without and with the fairness pass.
#  2. With the gold standard (DATA, default ../shared/data): BioBridge's text
#     affinity and the published scores against the real expertise ratings
#     (bb_eval_affinity); then, for each score matrix, `biobridge assign`
#     (k = 3, loads ≤ 30, the derived conflicts) against CBC solving the same
#     0-1 program, in the same run, and the fairness pass beside the optimum.
# Usage: bench/assign_bench.sh [build-dir] [data-dir]
set -euo pipefail
BUILD=$(realpath "${1:-build}")
DATA=${2:-$(dirname "$0")/../../shared/data}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-assign-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores; commit $(git -C "$(dirname "$0")" rev-parse --short HEAD)"
echo
echo "### Scale"
echo
for fairness in "" --fairness; do
  /usr/bin/time -v "$BUILD/bench/bb_assign_bench" scale $fairness 2> "$WORK/scale.time"
  grep 'Maximum resident set size' "$WORK/scale.time" | awk '{printf "whole process: peak RSS (time -v) %d MB\n", $NF / 1024}'
  grep 'Elapsed' "$WORK/scale.time" | sed 's/^\s*/whole process: /'
  echo
done

GOLD="$DATA/reviewer_affinity_goldstandard"
if [ ! -d "$GOLD" ]; then
  echo "(gold standard skipped: $GOLD is not here)"
  exit 0
fi
command -v cbc > /dev/null || { echo "cbc is missing: scripts/install-deps.sh bench"; exit 1; }
echo "### Expertise affinity against the gold standard"
echo
"$BUILD/bench/bb_eval_affinity" --data "$GOLD" --write-scores "$WORK/biobridge.csv"
echo
echo "### Assignment on the gold-standard matrices (463 papers × 58 reviewers, k = 3, loads ≤ 30, $(($(wc -l < "$GOLD/conflicts_derived.csv") - 1)) conflicts)"
echo
awk -F, 'NR > 1 {print $2 "," $1 ",-1"}' "$GOLD/conflicts_derived.csv" > "$WORK/conflicts.csv"
echo "| scores | total, BioBridge | total, CBC | time, BioBridge | time, CBC | worst paper, optimum | worst paper, fairness pass | worst paper, bound | total, fairness pass |"
echo "|---|---|---|---|---|---|---|---|---|"
column=3
for method in specter specter_mfr elmo tpms acl biobridge; do
  if [ "$method" != biobridge ]; then
    awk -F, -v c=$column 'NR > 1 {print $2 "," $1 "," $c}' "$GOLD/affinity_scores_d20_1_ta.csv" > "$WORK/$method.csv"
    column=$((column + 1))
  fi
  "$BUILD/biobridge" assign --scores "$WORK/$method.csv" --conflicts "$WORK/conflicts.csv" --k 3 --max-load 30 --fairness --json > "$WORK/$method.json"
  "$BUILD/bench/bb_assign_bench" lp --scores "$WORK/$method.csv" --conflicts "$WORK/conflicts.csv" --k 3 --max-load 30 --out "$WORK/$method.lp"
  start=$(date +%s.%N)
  cbc "$WORK/$method.lp" solve solution "$WORK/$method.sol" > "$WORK/$method.cbc.log"
  cbc_seconds=$(echo "$(date +%s.%N) - $start" | bc)
  cbc_total=$(head -1 "$WORK/$method.sol" | sed -n 's/.*objective value *\([-0-9.e+]*\).*/\1/p')
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const [method, cbcTotal, cbcSeconds] = process.argv.slice(2);
    const ours = r.optimum_stats.total_affinity, theirs = Number(cbcTotal);
    const same = Math.abs(ours - theirs) <= 1e-4 * Math.max(1, Math.abs(theirs)) ? "" : " **differs**";
    console.log(`| ${method} | ${ours.toFixed(4)} | ${theirs.toFixed(4)}${same} | ${(r.seconds * 1000).toFixed(0)} ms | ` +
                `${(Number(cbcSeconds) * 1000).toFixed(0)} ms | ${r.optimum_stats.min_paper_affinity.toFixed(4)} | ` +
                `${r.stats.min_paper_affinity.toFixed(4)} | ${r.stats.min_paper_affinity_bound.toFixed(4)} | ${r.stats.total_affinity.toFixed(4)} |`);' \
    "$WORK/$method.json" "$method" "$cbc_total" "$cbc_seconds"
done
echo
echo "The bound is the worst paper's best possible: the sum of its 3 best candidates, loads ignored."
echo "BioBridge's time is the solver's (optimum and fairness pass, from --json); CBC's is the whole cbc process (reading the LP, presolve, branch and cut)."
