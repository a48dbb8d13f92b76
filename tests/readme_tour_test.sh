#!/usr/bin/env bash
# Runs the curl tour of README.md, as written, against `biobridge serve
# --demo` on a free port (the only change: 127.0.0.1:8080 becomes that port).
# Usage: readme_tour_test.sh path/to/biobridge path/to/README.md
set -euo pipefail
BIN=$(realpath "$1")
README=$(realpath "$2")
WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2> /dev/null && wait "$SERVER" 2> /dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

"$BIN" serve --db tour.db --port 0 --demo > server.out 2> server.err &
SERVER=$!
for _ in $(seq 1 100); do
  grep -q 'listening on http://' server.out 2> /dev/null && break
  sleep 0.1
done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' server.out | head -1)
[ -n "$URL" ] || { echo "the server did not start:"; cat server.out server.err; exit 1; }
grep -q 'biobridge-demo' server.out || { echo "serve --demo does not print the demo password"; exit 1; }

# The tour: every ```sh block between <!-- tour --> and <!-- /tour -->.
awk '/<!-- tour -->/{on=1} /<!-- \/tour -->/{on=0} on && /^```/{code=!code; next} on && code' "$README" \
  | sed "s|http://127.0.0.1:8080|$URL|g" > tour.sh
[ "$(grep -c curl tour.sh)" -ge 8 ] || { echo "the README tour is missing"; exit 1; }

bash -euo pipefail tour.sh > tour.out 2> tour.err || {
  echo "the README tour failed:"; cat tour.sh; cat tour.out tour.err; exit 1; }

# What the tour promises to show.
expect() { grep -qF -- "$1" tour.out || { echo "the tour output lacks: $1"; cat tour.out; exit 1; }; }
expect '"status":"ok"'
expect '"id":"org-ru-medsi"'
expect '"code":"licensing_in"'
expect '"id":"opp-tour"'
expect '"time_zone":"Asia/Shanghai"'
expect 'TZID:Asia/Shanghai'
expect 'UID:meeting-mrq_'
expect '"version":2'
expect '"field":"cooperation[0]"'
expect '"code":"permission_denied"'
echo "the README tour works as written ($(grep -c curl tour.sh) commands)"
