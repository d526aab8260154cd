#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` prints its DATABASE_URL, `stop` removes it.
#
#   scripts/pg-test-cluster.sh start    # idempotent; prints postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-test-cluster.sh url      # the URL of the running cluster
#   scripts/pg-test-cluster.sh stop     # idempotent; stops the postmaster by its pid, deletes the folder
#
# Everything lives in one folder, ACCORD_PG_DIR (default: $TMPDIR/accord-pg-test): the data
# directory, the log and the Unix socket. The server listens on 127.0.0.1 only, on a free port,
# with trust authentication: never point it at data you care about. initdb refuses to run as root,
# so as root the server runs as the `postgres` user (runuser). Messages go to stderr; stdout gets
# only the URL, so `DATABASE_URL=$(scripts/pg-test-cluster.sh start)` works.
set -euo pipefail

DIR="${ACCORD_PG_DIR:-${TMPDIR:-/tmp}/accord-pg-test}"
DATA="$DIR/data"
LOG="$DIR/server.log"

say() { echo "pg-test-cluster: $*" >&2; }
die() {
  say "$*"
  exit 1
}

find_bin() {
  # Debian keeps the server binaries outside PATH; prefer what is on PATH, then version 15.
  local name="$1" dir
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    return
  fi
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/$name" ]; then
      echo "$dir/$name"
      return
    fi
  done
  die "$name not found: install the PostgreSQL 15 server (Debian: apt-get install postgresql-15)"
}

# Run a server command as the postgres user when we are root (initdb and postgres refuse root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The postmaster's pid when it is running, else nothing. postmaster.pid line 1 is the pid.
running_pid() {
  local pid
  [ -f "$DATA/postmaster.pid" ] || return 0
  pid="$(head -n 1 "$DATA/postmaster.pid")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# postmaster.pid line 4 is the port the running server listens on.
url() {
  local port
  port="$(sed -n 4p "$DATA/postmaster.pid")"
  echo "postgres://postgres@127.0.0.1:${port}/postgres"
}

free_port() {
  # Ask the kernel for a free loopback port (node is always there: the project needs it).
  node -e '
    const s = require("node:net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
  '
}

start() {
  local initdb pg_ctl port
  if [ -n "$(running_pid)" ]; then
    say "already running in $DIR"
    url
    return
  fi
  initdb="$(find_bin initdb)"
  pg_ctl="$(find_bin pg_ctl)"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "there is no postgres user to run the server as"
    chown postgres: "$DIR"
    runuser -u postgres -- test -w "$DIR" ||
      die "the postgres user cannot write $DIR; set ACCORD_PG_DIR to a folder under /tmp"
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    say "initdb in $DATA"
    as_owner "$initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
      die "initdb failed: $(cat "$DIR/initdb.log")"
  fi
  # A stale pid file from a crash would make pg_ctl refuse to start.
  rm -f "$DATA/postmaster.pid"
  port="$(free_port)"
  # fsync and full page writes off: the data is thrown away, and the tests run much faster.
  if ! as_owner "$pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $port -k '$DIR' -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2; then
    tail -n 30 "$LOG" >&2 || true
    die "the server did not start"
  fi
  say "running in $DIR (pid $(running_pid))"
  url
}

stop() {
  local pid i
  pid="$(running_pid)"
  if [ -n "$pid" ]; then
    # SIGINT is the "fast" shutdown: sessions are disconnected, nothing needs to be kept.
    kill -INT "$pid"
    for i in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "postmaster $pid ignored SIGINT; sending SIGQUIT"
      kill -QUIT "$pid" || true
      sleep 1
    fi
    say "stopped postmaster $pid"
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url)
    [ -n "$(running_pid)" ] || die "no cluster is running in $DIR"
    url
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
