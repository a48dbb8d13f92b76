#!/usr/bin/env bash
# API throughput under wrk on loopback: biobridge answering GET of one
# organisation and a filtered list (with its list cache, and again without),
# side by side in the same run with nginx serving static JSON files of
# exactly the same sizes (the reference).
# The database holds a generated directory (default 40,000 organisations and
# 60,000 opportunities). Prints a Markdown table.
# Usage: bench/api_bench.sh [build-dir]   (DURATION=15s CONNECTIONS=32 WRK_THREADS=2 SERVER_THREADS=2)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-2}
ORGS=${ORGS:-40000}
OPPS=${OPPS:-60000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-api-bench-XXXXXX")
chmod 755 "$WORK"  # nginx workers read the static files
BIOBRIDGE_PID=
UNCACHED_PID=
NGINX_PID=
cleanup() {
  [ -n "$BIOBRIDGE_PID" ] && kill "$BIOBRIDGE_PID" 2> /dev/null || true
  [ -n "$UNCACHED_PID" ] && kill "$UNCACHED_PID" 2> /dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2> /dev/null || true
  wait 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  local port=$1
  while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do port=$((port + 1)); done
  echo "$port"
}

# The database and the server.
"$BUILD/bench/bb_generate_directory" --organizations "$ORGS" --opportunities "$OPPS" --seed 2 > "$WORK/directory.jsonl"
"$BUILD/biobridge" import --db "$WORK/bench.db" "$WORK/directory.jsonl" 2> /dev/null
# Two servers on the same database: as configured by default, and with the
# list cache off (--list-cache-mb 0), so that every list asks the database.
# (Each node has a search index of its own.)
serve() {
  local out=$1
  shift
  BIOBRIDGE_ADMIN_PASSWORD=bench-admin-password \
    "$BUILD/biobridge" serve --db "$WORK/bench.db" --port 0 --threads "$SERVER_THREADS" --log-level warn "$@" \
    > "$WORK/$out.out" 2>&1 &
  for _ in $(seq 1 600); do grep -q 'listening on' "$WORK/$out.out" && return; sleep 0.1; done
  cat "$WORK/$out.out" >&2
  exit 1
}
serve cached
BIOBRIDGE_PID=$!
cp -r "$WORK/bench.db.search" "$WORK/uncached.search"
serve uncached --list-cache-mb 0 --search-dir "$WORK/uncached.search"
UNCACHED_PID=$!
BIOBRIDGE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/cached.out" | head -1)
UNCACHED=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/uncached.out" | head -1)

ORG_PATH="/api/organizations/gen-org-0012345"
LIST_PATH="/api/organizations?country=RU&kind=hospital&per_page=20"

# The reference: nginx with files of the very same bytes.
mkdir -p "$WORK/www" "$WORK/nginx"
curl -fsS "$BIOBRIDGE$ORG_PATH" > "$WORK/www/organization.json"
curl -fsS "$BIOBRIDGE$LIST_PATH" > "$WORK/www/list.json"
curl -fsS "$UNCACHED$LIST_PATH" | cmp -s - "$WORK/www/list.json" || { echo "the two servers' lists differ" >&2; exit 1; }
NGINX_PORT=$(free_port 18080)
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes $SERVER_THREADS;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { default_type application/json; }
  }
}
CONF
/usr/sbin/nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
sleep 0.5
NGINX="http://127.0.0.1:$NGINX_PORT"

# wrk prints "Requests/sec: N" and, with --latency, a "99%" line.
measure() {
  local out
  out=$(wrk --latency -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" "$1")
  echo "$out" | awk '/Requests\/sec/ {rps = $2} / 99%/ {p99 = $2} END {printf "%d %s\n", rps, p99}'
}

echo "| request | bytes | biobridge requests/s | biobridge p99 | nginx (same bytes) requests/s | nginx p99 | biobridge / nginx |"
echo "|---|---|---|---|---|---|---|"
for row in organization list list-uncached; do
  server=$BIOBRIDGE name=list path=$LIST_PATH
  case $row in
    organization) name=organization path=$ORG_PATH label="GET one organisation" ;;
    list) label="GET filtered list (country + kind, 20 per page)" ;;
    list-uncached) server=$UNCACHED label="the same list, list cache off (\`--list-cache-mb 0\`)" ;;
  esac
  read -r b_rps b_p99 <<< "$(measure "$server$path")"
  read -r n_rps n_p99 <<< "$(measure "$NGINX/$name.json")"
  printf '| %s | %d | %d | %s | %d | %s | **%s%%** |\n' "$label" "$(stat -c %s "$WORK/www/$name.json")" \
    "$b_rps" "$b_p99" "$n_rps" "$n_p99" "$(awk -v b="$b_rps" -v n="$n_rps" 'BEGIN { printf "%.0f", 100 * b / n }')"
done
