#!/usr/bin/env bash
# What native TLS costs: GET /healthz over plain HTTP and over HTTPS (keep-alive, wrk),
# then full TLS handshakes per second (openssl s_time, new session each time).
#
#   bench/tls_load.sh [DURATION_S] [CONNECTIONS]
# Uses build/release/src/main/aicc (or AICC_BIN). Needs wrk, curl and openssl. The
# certificate is a throw-away self-signed RSA-2048 one made in a temporary directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${AICC_BIN:-$ROOT/build/release/src/main/aicc}"
DURATION="${1:-10}"
CONNS="${2:-64}"
WORK="$(mktemp -d)"
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" \
  -days 2 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 2>/dev/null

start() {  # scheme, then extra VAR=value settings
  local scheme=$1
  shift
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env -u AICC_BIN AICC_PORT="$PORT" AICC_BOT_DIR="$ROOT/bot" AICC_STORE="sqlite:$WORK/$PORT.db" AICC_BOT_ENABLED=false \
    AICC_BOT_MODEL_FILE="$WORK/intent.model" AICC_LOG_ACCESS_LOG=false AICC_LOG_LEVEL=warn \
    "$@" "$BIN" serve >"$WORK/out" 2>&1 &
  PID=$!
  for _ in $(seq 300); do
    kill -0 "$PID" 2>/dev/null || break
    curl -sf --cacert "$WORK/cert.pem" "$scheme://127.0.0.1:$PORT/healthz" >/dev/null && return
    sleep 0.1
  done
  echo "aicc did not start:" >&2
  cat "$WORK/out" >&2
  exit 1
}
stop() {
  kill "$PID"
  wait "$PID" || true
  PID=
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== GET /healthz, plain HTTP (${CONNS} keep-alive connections, ${DURATION}s)"
start http
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/healthz"
stop
echo
echo "== GET /healthz, HTTPS (${CONNS} keep-alive connections, ${DURATION}s)"
start https AICC_SERVER_TLS_CERT_FILE="$WORK/cert.pem" AICC_SERVER_TLS_KEY_FILE="$WORK/key.pem"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "https://127.0.0.1:$PORT/healthz"
echo
echo "== full TLS handshakes (openssl s_time -new, one client, ${DURATION}s)"
openssl s_time -connect "127.0.0.1:$PORT" -new -time "$DURATION" 2>&1 | grep -E "connections"
stop
