#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start DIR` initialises one in
# DIR (as the unprivileged `postgres` account when run as root, since the
# server refuses to run as root), listening on 127.0.0.1 on a free port and
# on a socket in DIR only, trust authentication, a superuser `biobridge` and
# a database `biobridge`; it writes the connection URL to DIR/url.
# `stop DIR` stops it and removes DIR. Nothing outside DIR is touched.
# Usage: scripts/pg-test-cluster.sh start|stop DIR
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is missing: scripts/install-deps.sh test" >&2; exit 1; }

as_owner=()
[ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)

free_port() {
  local port=$1
  while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do port=$((port + 1)); done
  echo "$port"
}

case "$action" in
  start)
    if [ -f "$dir/url" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" status > /dev/null 2>&1; then
      cat "$dir/url"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U biobridge --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
    port=$(free_port $((20000 + RANDOM % 20000)))
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start > /dev/null
    "${as_owner[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U biobridge biobridge
    echo "postgresql://biobridge@127.0.0.1:$port/biobridge" > "$dir/url.new"
    mv "$dir/url.new" "$dir/url"
    cat "$dir/url"
    ;;
  stop)
    [ -d "$dir/data" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
