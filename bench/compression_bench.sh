#!/usr/bin/env bash
# What compression saves a reader: the web UI's files as built, gzip and
# brotli (the copies made at build time), and JSON answers of the API raw and
# gzipped as they leave, with the time curl takes for each on loopback.
# The database holds a generated directory (ORGS organisations, OPPS
# opportunities). Prints a Markdown table.
# Usage: bench/compression_bench.sh [build-dir]   (ORGS=2000 OPPS=3000 RUNS=50)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
ORGS=${ORGS:-2000}
OPPS=${OPPS:-3000}
RUNS=${RUNS:-50}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-compression-XXXXXX")
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2> /dev/null || true
  wait 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BUILD/bench/bb_generate_directory" --organizations "$ORGS" --opportunities "$OPPS" --seed 3 > "$WORK/directory.jsonl"
"$BUILD/biobridge" import --db "$WORK/bench.db" "$WORK/directory.jsonl" 2> /dev/null
BIOBRIDGE_ADMIN_PASSWORD=bench-admin-password \
  "$BUILD/biobridge" serve --db "$WORK/bench.db" --port 0 --threads 2 --log-level warn > "$WORK/serve.out" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q 'listening on' "$WORK/serve.out" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)

# Bytes on the wire and the median time of RUNS fetches, for one Accept-Encoding.
measure() {  # path encoding
  local path=$1 encoding=$2 bytes times
  bytes=$(curl -fsS -o /dev/null -H "Accept-Encoding: $encoding" -w '%{size_download}' "$URL$path")
  times=$(for _ in $(seq 1 "$RUNS"); do
    curl -fsS -o /dev/null -H "Accept-Encoding: $encoding" -w '%{time_total}\n' "$URL$path"
  done | sort -n | sed -n "$((RUNS / 2 + 1))p")
  printf '%s|%s|%.2f' "$bytes" "$encoding" "$(echo "$times * 1000" | bc -l)"
}

SCRIPT=$(curl -fsS "$URL/" | grep -o '/assets/index-[^"]*\.js' | head -1)
echo "| what | Accept-Encoding | bytes | median ms |"
echo "|---|---|---:|---:|"
for target in "$SCRIPT" "/api/organizations?per_page=100" "/api/opportunities?per_page=100" "/api/search?q=antibody&per_page=50"; do
  for encoding in identity gzip "gzip, deflate, br"; do
    IFS='|' read -r bytes enc ms <<< "$(measure "$target" "$encoding")"
    echo "| \`${target}\` | $enc | $bytes | $ms |"
  done
done
