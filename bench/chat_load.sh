#!/usr/bin/env bash
# Load benchmark: sustained POST /api/v1/conversations/{id}/messages on SQLite with
# durability on (WAL, synchronous=FULL, group commit), and GET /healthz on the same run
# as the ceiling of the HTTP layer. Prints requests/s and latency percentiles (wrk).
#
#   bench/chat_load.sh [DURATION_S] [CONNECTIONS]
# Uses build/release/src/main/aicc (scripts/run builds it). Needs wrk and curl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${AICC_BIN:-$ROOT/build/release/src/main/aicc}"
DURATION="${1:-15}"
CONNS="${2:-64}"
WORK="$(mktemp -d)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

AICC_PORT=$PORT AICC_STORE="sqlite:$WORK/bench.db" AICC_LOG_ACCESS_LOG=false AICC_LOG_LEVEL=warn \
  "$BIN" serve >"$WORK/out" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

CONVS=()
for _ in $(seq 64); do
  CONVS+=("$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/conversations" \
    -H 'Content-Type: application/json' -d '{"channel":"api","language":"ko"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["conversation"]["id"])')")
done

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== POST /api/v1/conversations/{id}/messages  (SQLite, durable; ${CONNS} connections, ${DURATION}s)"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$ROOT/bench/post_message.lua" \
  "http://127.0.0.1:$PORT" -- "${CONVS[@]}"
STORED=$(curl -sf "http://127.0.0.1:$PORT/metrics" | grep -E '^aicc_http_requests_total\{method="POST",route="/api/v1/conversations/\{id\}/messages",status="201"\}' | awk '{print $2}')
echo "messages stored (201 responses counted by the server): ${STORED:-0}"
echo
echo "== GET /healthz  (ceiling of the HTTP layer; ${CONNS} connections, ${DURATION}s)"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/healthz"
