#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start DIR` initialises one
# (as the unprivileged `postgres` account when run as root, since the server
# refuses to run as root) in a fresh directory under /tmp — which that
# account can reach wherever the checkout lives — listening on 127.0.0.1 on
# a free port and on a socket in that directory only, trust authentication,
# a superuser `biobridge` and a database `biobridge`. It writes the
# connection URL to DIR/url and the cluster's directory to DIR/cluster.
# `stop DIR` stops it and removes both directories.
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
    if [ -f "$dir/url" ] && [ -f "$dir/cluster" ] &&
      "${as_owner[@]}" "$bin/pg_ctl" -D "$(cat "$dir/cluster")/data" status > /dev/null 2>&1; then
      cat "$dir/url"
      exit 0
    fi
    "$0" stop "$dir"
    mkdir -p "$dir"
    cluster=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-pg-XXXXXX")
    echo "$cluster" > "$dir/cluster"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$cluster"
    "${as_owner[@]}" "$bin/initdb" -D "$cluster/data" -U biobridge --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      > "$dir/initdb.log"
    port=$(free_port $((20000 + RANDOM % 20000)))
    "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start > /dev/null
    "${as_owner[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U biobridge biobridge
    echo "postgresql://biobridge@127.0.0.1:$port/biobridge" > "$dir/url.new"
    mv "$dir/url.new" "$dir/url"
    cat "$dir/url"
    ;;
  stop)
    if [ -f "$dir/cluster" ]; then
      cluster=$(cat "$dir/cluster")
      [ -d "$cluster/data" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop > /dev/null 2>&1 || true
      case "$cluster" in */biobridge-pg-*) rm -rf "$cluster" ;; esac
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
