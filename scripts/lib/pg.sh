# shellcheck shell=bash
# A private, throw-away PostgreSQL server for the storage contract tests. Source this
# file, then:
#
#   pg_start   # initdb + start on a free 127.0.0.1 port; exports AICC_TEST_PG_URL
#   …tests…
#   pg_stop    # fast shutdown, removes the data directory
#
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user
# (from Debian's `postgresql` package) in a temporary directory that user owns. As any
# other user it runs as that user. Everything lives in one directory (data, socket,
# log), so nothing touches the system cluster.

AICC_PG_BIN="${AICC_PG_BIN:-/usr/lib/postgresql/15/bin}"

# Runs a PostgreSQL binary as the user that owns the server.
_aicc_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    # from /, which postgres can read (root's working directory usually is not)
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on (bash's /dev/tcp: a refused
# connection means free). pg_start retries if another process grabs it first.
_aicc_pg_free_port() {
  local port tries
  for tries in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "pg.sh: no free port found" >&2
  return 1
}

pg_start() {
  if [ -n "${AICC_TEST_PG_DIR:-}" ] && [ -d "$AICC_TEST_PG_DIR" ]; then
    echo "pg.sh: a test server is already running in $AICC_TEST_PG_DIR (pg_stop first)" >&2
    return 1
  fi
  if [ ! -x "$AICC_PG_BIN/initdb" ]; then
    echo "pg.sh: $AICC_PG_BIN/initdb not found (apt-get install postgresql)" >&2
    return 1
  fi
  local dir port attempt
  dir="$(mktemp -d "${TMPDIR:-/tmp}/aicc-pg.XXXXXX")" || return 1
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir" || return 1; fi
  AICC_TEST_PG_DIR="$dir"
  export AICC_TEST_PG_DIR

  # trust auth on a private loopback port; UTF8 whatever the machine's locale.
  if ! _aicc_pg_as_owner "$AICC_PG_BIN/initdb" -D "$dir/pg" -A trust -U aicc -E UTF8 \
    --no-locale >"$dir/initdb.log" 2>&1; then
    echo "pg.sh: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    pg_stop
    return 1
  fi

  for attempt in 1 2 3; do
    port="$(_aicc_pg_free_port)" || break
    if _aicc_pg_as_owner "$AICC_PG_BIN/pg_ctl" -D "$dir/pg" \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" \
      -l "$dir/log" -w -t 60 start >/dev/null; then
      break
    fi
    port=""
    echo "pg.sh: start attempt $attempt failed, retrying on another port" >&2
  done
  if [ -z "$port" ]; then
    echo "pg.sh: PostgreSQL did not start; its log:" >&2
    cat "$dir/log" >&2 2>/dev/null
    pg_stop
    return 1
  fi
  AICC_TEST_PG_PORT="$port"
  export AICC_TEST_PG_PORT

  if ! _aicc_pg_as_owner "$AICC_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U aicc aicc_test; then
    echo "pg.sh: createdb failed" >&2
    pg_stop
    return 1
  fi
  AICC_TEST_PG_URL="postgresql://aicc@127.0.0.1:$port/aicc_test"
  export AICC_TEST_PG_URL
  echo "==> PostgreSQL test server on 127.0.0.1:$port (data in $dir)"
}

pg_stop() {
  local dir="${AICC_TEST_PG_DIR:-}"
  if [ -n "$dir" ] && [ -d "$dir/pg" ] && [ -f "$dir/pg/postmaster.pid" ]; then
    _aicc_pg_as_owner "$AICC_PG_BIN/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 ||
      echo "pg.sh: pg_ctl stop failed (log: $dir/log)" >&2
  fi
  if [ -n "$dir" ] && [ -d "$dir" ]; then rm -rf "$dir"; fi
  unset AICC_TEST_PG_DIR AICC_TEST_PG_PORT AICC_TEST_PG_URL
  return 0
}
