#!/usr/bin/env bash
# /api/health under sign-in floods, password hashing on its own pool (as
# served) and, in the same run, on the request threads (as before issue 15).
# Prints a Markdown table. Usage: bench/signin_flood_bench.sh [build-dir] [seconds]
set -euo pipefail
BUILD=${1:-build}
"$BUILD/bench/bb_signin_flood_bench" "${2:-10}"
