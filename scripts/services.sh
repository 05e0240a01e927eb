#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for the test suite, on free loopback ports, in one temporary directory.
#
#   eval "$(bash scripts/services.sh start)"   # prints export lines: PLEXMCP_TEST_DATABASE_URL, PLEXMCP_TEST_REDIS_URL,
#                                               # PLEXMCP_TEST_SERVICES_DIR
#   npm test
#   bash scripts/services.sh stop               # stops both and removes the directory named by PLEXMCP_TEST_SERVICES_DIR
#
# PostgreSQL (the server of `pg_config --bindir`, 15 or later) refuses to run as root, so as root its cluster belongs
# to `nobody`; Redis is `redis-server` from PATH (Debian: apt-get install redis-server). Nothing is written outside the
# temporary directory, and no data survives `stop`: fsync is off because a crash loses only test data.
set -euo pipefail

log() { echo "services: $*" >&2; }

free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

start() {
  local bindir dir pg_port redis_port
  bindir="$(pg_config --bindir)"
  command -v redis-server >/dev/null || { log "redis-server not found (apt-get install redis-server)"; exit 1; }
  dir="$(mktemp -d "${TMPDIR:-/tmp}/plexmcp-services-XXXXXX")"
  chmod 755 "$dir"
  mkdir "$dir/pg" "$dir/run"
  [ "$(id -u)" = 0 ] && chown nobody "$dir/pg" "$dir/run"

  as_owner "$bindir/initdb" -D "$dir/pg/data" -U plexmcp --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  pg_port="$(free_port)"
  # fsync and synchronous commit off: this cluster holds test data only. 200 connections: test files run in parallel
  # and each store keeps a small pool.
  as_owner "$bindir/pg_ctl" -D "$dir/pg/data" -l "$dir/run/postgres.log" -w -t 60 start -o \
    "-p $pg_port -k $dir/run -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
     -c full_page_writes=off -c max_connections=200" >/dev/null ||
    { cat "$dir/run/postgres.log" >&2; exit 1; }

  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
  for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$redis_port" ping >/dev/null || { cat "$dir/redis.log" >&2; exit 1; }

  log "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port, files in $dir"
  echo "export PLEXMCP_TEST_SERVICES_DIR='$dir'"
  echo "export PLEXMCP_TEST_DATABASE_URL='postgres://plexmcp@127.0.0.1:$pg_port/postgres'"
  echo "export PLEXMCP_TEST_REDIS_URL='redis://127.0.0.1:$redis_port'"
}

stop() {
  local dir="${1:-${PLEXMCP_TEST_SERVICES_DIR:-}}"
  case "$dir" in
  "${TMPDIR:-/tmp}"/plexmcp-services-*) ;;
  *) log "stop: PLEXMCP_TEST_SERVICES_DIR (or the argument) must name a directory made by start"; exit 1 ;;
  esac
  if [ -d "$dir/pg/data" ]; then
    as_owner "$(pg_config --bindir)/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*)
  echo "usage: $0 start | stop [dir]" >&2
  exit 2
  ;;
esac
