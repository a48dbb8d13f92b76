#!/usr/bin/env bash
# Learnt feature weights on the shared trials, held back: dumps the text-only
# candidates of six ClinicalTrials.gov splits (bb_eval_matching --dump), trains
# on five (never on a query of the sixth) and tests on the evaluation's split.
# Usage: bench/learn_weights.sh [build-dir] [data-dir]
set -euo pipefail
BUILD=${1:-build}
DATA=${2:-$(dirname "$0")/../../shared/data}
cmake --build "$BUILD" --target bb_eval_matching > /dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores, $(uname -m); commit $(git -C "$(dirname "$0")" rev-parse --short HEAD)"
for seed in 20261123 1 2 3 4 5; do
  "$BUILD/bench/bb_eval_matching" --data "$DATA" --only ctgov --seed "$seed" --dump "$WORK/$seed.tsv" > /dev/null
done
python3 "$(dirname "$0")/learn_weights.py" --test "$WORK/20261123.tsv" \
  --train "$WORK/1.tsv" "$WORK/2.tsv" "$WORK/3.tsv" "$WORK/4.tsv" "$WORK/5.tsv"
