#!/usr/bin/env bash
# Matching quality on real consortia: BioBridge vs plain BM25 vs popularity,
# in one run on the same text. Reads ../shared/data (never copied here).
# Usage: bench/eval_matching.sh [build-dir] [data-dir]
set -euo pipefail
BUILD=${1:-build}
DATA=${2:-$(dirname "$0")/../../shared/data}
cmake --build "$BUILD" --target bb_eval_matching > /dev/null
echo "machine: $(nproc) cores, $(uname -m); commit $(git -C "$(dirname "$0")" rev-parse --short HEAD)"
"$BUILD/bench/bb_eval_matching" --data "$DATA"
