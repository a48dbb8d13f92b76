#!/usr/bin/env bash
# Partnering events at the scale of the record event, through the real
# server: a public event with DELEGATES delegates (one per generated
# organisation, a third of them listed publicly), 3 days x 16 slots. Times
# (median of RUNS requests, curl's time_total on loopback):
#   - the public participant list as a visitor, first page and a text search;
#   - the whole list as a delegate (every registered delegate, the matcher's
#     suggestions first), first page, a text search and a country filter;
#   - a participant's profile;
#   - the event page.
# Usage: bench/event_bench.sh [build-dir]   (DELEGATES=15000 OPPS=30000 RUNS=7)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
DELEGATES=${DELEGATES:-15000}
OPPS=${OPPS:-30000}
RUNS=${RUNS:-7}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-event-bench-XXXXXX")
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2> /dev/null || true
  wait 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "machine: $(nproc) cores; commit $(git -C "$(dirname "$0")" rev-parse --short HEAD); $DELEGATES delegates"

"$BUILD/bench/bb_generate_directory" --organizations "$DELEGATES" --opportunities "$OPPS" --seed 3 > "$WORK/directory.jsonl"
python3 - "$DELEGATES" > "$WORK/event.jsonl" <<'PY'
import json, sys
n = int(sys.argv[1])
slots = [{"id": f"d{d}-{h:02d}{m:02d}", "start": f"2027-06-{15 + d}T{h:02d}:{m:02d}",
          "end": f"2027-06-{15 + d}T{h + (m + 30) // 60:02d}:{(m + 30) % 60:02d}"}
         for d in (1, 2, 3) for h in range(9, 17) for m in (0, 30)]
print(json.dumps({"type": "event", "id": "bench-forum", "name": {"en": "Bench Forum"}, "visibility": "public",
                  "time_zone": "Europe/Moscow", "tables": 1500, "slots": slots}))
for i in range(n):
    print(json.dumps({"type": "delegate", "id": f"bench-dlg-{i:06d}", "event": "bench-forum",
                      "organization": f"gen-org-{i:07d}", "name": f"Delegate {i}", "listed": i % 3 == 0}))
PY
"$BUILD/biobridge" import --db "$WORK/bench.db" "$WORK/directory.jsonl" > /dev/null 2>&1
"$BUILD/biobridge" import --db "$WORK/bench.db" "$WORK/event.jsonl" > /dev/null 2>&1
BIOBRIDGE_ADMIN_EMAIL=bench@example.org BIOBRIDGE_ADMIN_PASSWORD=bench-admin-password \
  "$BUILD/biobridge" serve --db "$WORK/bench.db" --port 0 --threads 2 --log-level warn > "$WORK/serve.out" 2>&1 &
PID=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$WORK/serve.out" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)

# A delegate: the admin founds an organisation in a therapeutic area and registers for it.
JAR="$WORK/cookies"
curl -fsS -c "$JAR" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.org","password":"bench-admin-password"}' "$URL/api/auth/signin" > /dev/null
curl -fsS -b "$JAR" -H 'Content-Type: application/json' -d '{"id":"bench-own","name":{"en":"Bench Oncology Clinic"},
  "kind":"hospital","country":"RU","therapeutic_areas":["oncology"],"description":{"en":"Oncology clinic looking for biosimilars"}}' \
  "$URL/api/organizations" > /dev/null
curl -fsS -b "$JAR" -H 'Content-Type: application/json' -d '{"organization":"bench-own"}' \
  "$URL/api/events/bench-forum/delegates" > /dev/null

median() {  # median time of RUNS GETs of $2, with curl options $1
  local opts=$1 path=$2
  for _ in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    curl -fsS $opts -o /dev/null -w '%{time_total}\n' "$URL$path"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.0f ms", 1000 * a[int((NR + 1) / 2)]}'
}
echo
echo "| request | as | median |"
echo "|---|---|---|"
echo "| GET /api/events/bench-forum | visitor | $(median "" /api/events/bench-forum) |"
echo "| GET …/participants (first page of 50) | visitor | $(median "" /api/events/bench-forum/participants) |"
echo "| GET …/participants?q=delegate%2012 | visitor | $(median "" '/api/events/bench-forum/participants?q=delegate%2012') |"
echo "| GET …/participants (first page of 50, suggestions first) | delegate | $(median "-b $JAR" /api/events/bench-forum/participants) |"
echo "| GET …/participants?q=biosimilar | delegate | $(median "-b $JAR" '/api/events/bench-forum/participants?q=biosimilar') |"
echo "| GET …/participants?country=CN | delegate | $(median "-b $JAR" '/api/events/bench-forum/participants?country=CN') |"
echo "| GET …/participants/bench-dlg-000123 | delegate | $(median "-b $JAR" /api/events/bench-forum/participants/bench-dlg-000123) |"
echo "| GET …/suggestions (the matcher's ranking alone) | delegate | $(median "-b $JAR" /api/events/bench-forum/suggestions) |"
