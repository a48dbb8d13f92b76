#!/usr/bin/env bash
# SQLite and PostgreSQL side by side, in one run, on this machine: importing a
# generated directory, GET of one organisation and a filtered list under wrk,
# matching latency; then, on PostgreSQL, how soon a write on one node is found
# by another node's search, and throughput with 1, 2 and 3 nodes behind
# HAProxy. PostgreSQL is a throwaway cluster started here
# (scripts/pg-test-cluster.sh). Prints Markdown tables.
# Last, a million records into each database alone (import --defer-indexing:
# PostgreSQL's path is COPY) and read back out by export, with the peak
# memory of each.
# Usage: bench/postgres_bench.sh [build-dir]
#   (ORGS=40000 OPPS=60000 DURATION=10s CONNECTIONS=32 WRK_THREADS=1 NODE_THREADS=2
#    BIG_ORGS=400000 BIG_OPPS=600000; BIG_ORGS=0 skips the million)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ORGS=${ORGS:-40000}
OPPS=${OPPS:-60000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-1}
NODE_THREADS=${NODE_THREADS:-2}
BIG_ORGS=${BIG_ORGS:-400000}
BIG_OPPS=${BIG_OPPS:-600000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-pg-bench-XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  "$ROOT/scripts/pg-test-cluster.sh" stop "$WORK/pg" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$ROOT/scripts/pg-test-cluster.sh" start "$WORK/pg" > /dev/null
SERVER=$(cat "$WORK/pg/url")
psql -q "$SERVER" -c "CREATE DATABASE bench"
PG="${SERVER%/*}/bench"

# Starts a node: serve "$@"; sets NODE_URL to its base URL.
NODE_URL=
start_node() {
  local out="$WORK/node-$RANDOM.out"
  BIOBRIDGE_ADMIN_PASSWORD=bench-admin-password "$BUILD/biobridge" serve --port 0 --threads "$NODE_THREADS" \
    --log-level warn "$@" > "$out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do grep -q 'listening on' "$out" && break; sleep 0.1; done
  NODE_URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$out" | head -1)
}
stop_nodes() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait "${PIDS[@]}" 2> /dev/null || true
  PIDS=()
}
# wrk's requests/s and 99th percentile for a URL.
load() {
  wrk --latency -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" "$1" |
    awk '/Requests\/sec/ {rps = $2} / 99%/ {p99 = $2} END {printf "%d %s\n", rps, p99}'
}
# Median and largest of the numbers on stdin.
median_max() { sort -n | awk '{v[NR] = $1} END {printf "%s %s\n", v[int((NR + 1) / 2)], v[NR]}'; }

"$BUILD/bench/bb_generate_directory" --organizations "$ORGS" --opportunities "$OPPS" --seed 2 > "$WORK/directory.jsonl"
RECORDS=$(wc -l < "$WORK/directory.jsonl")

echo "## SQLite and PostgreSQL, one node ($RECORDS records; $(nproc) cores; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION; node threads $NODE_THREADS)"
echo
echo "| | SQLite | PostgreSQL |"
echo "|---|---:|---:|"
declare -A import_s
for engine in sqlite postgres; do
  db=$([ $engine = sqlite ] && echo "$WORK/bench.db" || echo "$PG")
  start=$(date +%s.%N)
  BIOBRIDGE_SEARCH_DIR="$WORK/$engine.search" BIOBRIDGE_FILES_DIR="$WORK/files" \
    "$BUILD/biobridge" import --db "$db" "$WORK/directory.jsonl" 2> /dev/null
  import_s[$engine]=$(echo "$(date +%s.%N) - $start" | bc)
done
printf "| import, records/s (with the search index) | %.0f | %.0f |\n" \
  "$(echo "$RECORDS / ${import_s[sqlite]}" | bc -l)" "$(echo "$RECORDS / ${import_s[postgres]}" | bc -l)"

ORG_PATH="/api/organizations/gen-org-0012345"
LIST_PATH="/api/organizations?country=RU&kind=hospital&per_page=20"
OPP=$(grep -m1 -o '"id":"gen-opp-[0-9]*"' "$WORK/directory.jsonl" | cut -d'"' -f4)
declare -A get list match
for engine in sqlite postgres; do
  if [ $engine = sqlite ]; then
    start_node --db "$WORK/bench.db"
  else
    start_node --db "$PG" --search-dir "$WORK/postgres.search" --files-dir "$WORK/files"
  fi
  get[$engine]=$(load "$NODE_URL$ORG_PATH")
  list[$engine]=$(load "$NODE_URL$LIST_PATH")
  curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' "$NODE_URL/api/auth/signin" \
    -d '{"email":"admin@biobridge.local","password":"bench-admin-password"}' > /dev/null
  curl -fsS -b "$WORK/cookies" "$NODE_URL/api/opportunities/$OPP/matches" > /dev/null  # (fails the run if refused)
  samples=$(for _ in $(seq 1 21); do
    curl -fsS -b "$WORK/cookies" -o /dev/null -w '%{time_total}\n' "$NODE_URL/api/opportunities/$OPP/matches"
  done)
  match[$engine]=$(echo "$samples" | awk '{print $1 * 1000}' | median_max)
  stop_nodes
done
row() { printf "| %s | %s | %s |\n" "$1" "$2" "$3"; }
row "GET one organisation, requests/s (p99)" "$(set -- ${get[sqlite]}; echo "$1 ($2)")" "$(set -- ${get[postgres]}; echo "$1 ($2)")"
row "filtered list, requests/s (p99)" "$(set -- ${list[sqlite]}; echo "$1 ($2)")" "$(set -- ${list[postgres]}; echo "$1 ($2)")"
row "matches of an opportunity, ms (median, max of 21)" "$(set -- ${match[sqlite]}; echo "$1, $2")" "$(set -- ${match[postgres]}; echo "$1, $2")"

echo
echo "## PostgreSQL, several nodes"
echo
# A write on node A, found by node B's search: 30 writes, the time from A's 201 to B's first hit.
start_node --db "$PG" --search-dir "$WORK/a.search" --files-dir "$WORK/files"
A=$NODE_URL
start_node --db "$PG" --search-dir "$WORK/b.search" --files-dir "$WORK/files"
B=$NODE_URL
curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' "$A/api/auth/signin" \
  -d '{"email":"admin@biobridge.local","password":"bench-admin-password"}' > /dev/null
curl -fsS -b "$WORK/cookies" -H 'Content-Type: application/json' "$A/api/organizations" \
  -d '{"id":"org-follow","name":{"en":"Follow Ltd"},"kind":"company","country":"KZ"}' > /dev/null
latencies=$(for i in $(seq 1 30); do
  word="followword$i"
  curl -fsS -b "$WORK/cookies" -H 'Content-Type: application/json' "$A/api/opportunities" \
    -d "{\"organization\":\"org-follow\",\"direction\":\"offer\",\"cooperation\":[\"supply\"],\"title\":{\"en\":\"$word\"}}" > /dev/null
  written=$(date +%s%N)
  until curl -fsS "$B/api/search?q=$word&per_page=1" | grep -q '"total":1'; do sleep 0.005; done
  echo $(( ($(date +%s%N) - written) / 1000000 ))
done)
read -r median max <<< "$(echo "$latencies" | median_max)"
echo "Written on node A, found by node B's search: median $median ms, largest $max ms (30 writes)."
stop_nodes

echo
echo "| nodes behind HAProxy | GET one organisation, requests/s (p99) | filtered list, requests/s (p99) |"
echo "|---:|---:|---:|"
for n in 1 2 3; do
  backends=""
  for i in $(seq 1 "$n"); do
    start_node --db "$PG" --search-dir "$WORK/n$i.search" --files-dir "$WORK/files"
    backends+="  server node$i ${NODE_URL#http://} check"$'\n'
  done
  port=$(( 19000 + n ))
  cat > "$WORK/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend biobridge
  bind 127.0.0.1:$port
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /api/health
$backends
CFG
  haproxy -f "$WORK/haproxy.cfg" > "$WORK/haproxy.out" 2>&1 &
  PIDS+=($!)
  sleep 2.5  # the health checks see every node up
  read -r g gp <<< "$(load "http://127.0.0.1:$port$ORG_PATH")"
  read -r l lp <<< "$(load "http://127.0.0.1:$port$LIST_PATH")"
  echo "| $n | $g ($gp) | $l ($lp) |"
  stop_nodes
done

[ "$BIG_ORGS" -gt 0 ] || exit 0
"$BUILD/bench/bb_generate_directory" --organizations "$BIG_ORGS" --opportunities "$BIG_OPPS" --seed 3 > "$WORK/big.jsonl"
BIG=$(wc -l < "$WORK/big.jsonl")
psql -q "$SERVER" -c "CREATE DATABASE big"
echo
echo "## $BIG records into an empty database, without the search index ($(nproc) cores)"
echo
echo "| | SQLite | PostgreSQL |"
echo "|---|---:|---:|"
# Seconds and peak resident memory (KB) of: biobridge "$@".
measure() {
  BIOBRIDGE_SEARCH_DIR="$WORK/big.search" BIOBRIDGE_FILES_DIR="$WORK/files" \
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$BUILD/biobridge" "$@" > /dev/null 2>&1
  cat "$WORK/time"
}
declare -A import_big export_big
for engine in sqlite postgres; do
  db=$([ $engine = sqlite ] && echo "$WORK/big.db" || echo "${SERVER%/*}/big")
  import_big[$engine]=$(measure import --defer-indexing --db "$db" "$WORK/big.jsonl")
  export_big[$engine]=$(measure export --db "$db" --out /dev/null)
done
rate() { set -- $1; printf "%.0f/s (%.0f s, peak %d MB)" "$(echo "$BIG / $1" | bc -l)" "$1" $(( $2 / 1024 )); }
row "import, records/s" "$(rate "${import_big[sqlite]}")" "$(rate "${import_big[postgres]}")"
row "export, records/s" "$(rate "${export_big[sqlite]}")" "$(rate "${export_big[postgres]}")"
