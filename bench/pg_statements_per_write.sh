#!/usr/bin/env bash
# How many statements PostgreSQL runs for one API write, the node's search
# index following included: ten new opportunities posted through the API
# with log_statement = 'all', counted in the server's log, by kind.
# Usage: bench/pg_statements_per_write.sh [build-dir]
set -euo pipefail
BUILD=$(realpath "${1:-build}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-pg-count-XXXXXX")
NODE=
cleanup() {
  [ -n "$NODE" ] && kill "$NODE" 2> /dev/null && wait "$NODE" 2> /dev/null || true
  "$ROOT/scripts/pg-test-cluster.sh" stop "$WORK/pg" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
"$ROOT/scripts/pg-test-cluster.sh" start "$WORK/pg" > /dev/null
SERVER=$(cat "$WORK/pg/url")
LOG="$(cat "$WORK/pg/cluster")/server.log"
psql -q "$SERVER" -c "CREATE DATABASE counted" -c "ALTER DATABASE counted SET log_statement = 'all'"

BIOBRIDGE_ADMIN_PASSWORD=count-admin-password "$BUILD/biobridge" serve --db "${SERVER%/*}/counted" \
  --search-dir "$WORK/search" --files-dir "$WORK/files" --port 0 --threads 2 --log-level warn > "$WORK/node.out" 2>&1 &
NODE=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$WORK/node.out" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/node.out" | head -1)
curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' "$URL/api/auth/signin" \
  -d '{"email":"admin@biobridge.local","password":"count-admin-password"}' > /dev/null
curl -fsS -b "$WORK/cookies" -H 'Content-Type: application/json' "$URL/api/organizations" \
  -d '{"id":"org-counted","name":{"en":"Counted Ltd"},"kind":"company","country":"KZ"}' > /dev/null
sleep 1.5  # the follower has caught up
counted() { grep -c 'LOG:  \(statement\|execute\)' "$LOG" || true; }
before=$(counted)
for i in $(seq 1 10); do
  curl -fsS -b "$WORK/cookies" -H 'Content-Type: application/json' "$URL/api/opportunities" \
    -d "{\"organization\":\"org-counted\",\"direction\":\"offer\",\"cooperation\":[\"supply\"],\"title\":{\"en\":\"Counted $i\"}}" > /dev/null
done
sleep 1.5
after=$(counted)
echo "Statements for 10 writes, the follower's polls and catch-up included: $((after - before))"
echo
grep 'LOG:  \(statement\|execute\)' "$LOG" | tail -n +$((before + 1)) | sed 's/.*LOG:  //; s/^execute s[0-9]*: /execute: /' |
  cut -c1-80 | sort | uniq -c | sort -rn
