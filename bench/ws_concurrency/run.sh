#!/usr/bin/env bash
# WebSocket concurrency benchmark: one node (SQLite, durable, the default bot answering)
# holds CONVERSATIONS customer streams open while customers send RATE messages/s and a
# conversation is escalated ESC_RATE times a second to AGENTS agents logged in over their
# stream. Prints the streams held, the server's memory, message → stream latency and the
# offer latency (escalate → offer on the agent's stream), p50/p99.
#
#   bench/ws_concurrency/run.sh [CONVERSATIONS] [DURATION_S] [RATE] [ESC_RATE]
# Uses build/release/src/main/aicc (scripts/run builds it); AICC_BIN overrides.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${AICC_BIN:-$ROOT/build/release/src/main/aicc}"
unset AICC_BIN  # AICC_* variables are settings of the binary
CONVERSATIONS="${1:-10000}"
DURATION="${2:-60}"
RATE="${3:-100}"
ESC_RATE="${4:-2}"
AGENTS="${AGENTS:-10}"
# Each stream is a socket on both sides (server and this client): raise the limit.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((CONVERSATIONS + 1000)) ]; then
  echo "ulimit -n is $(ulimit -n): too low for $CONVERSATIONS streams" >&2
  exit 1
fi
WORK="$(mktemp -d)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PASSWORD="bench admin password"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Queues open around the clock and large enough for every escalation of the run.
cp -r "$ROOT/bot" "$WORK/bot"
python3 - "$WORK/bot/queues.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["hours"] = {"timezone": "Asia/Seoul", "weekdays": {"open": "00:00", "close": "24:00"},
              "weekends": {"open": "00:00", "close": "24:00"}, "holidays": []}
d["max_size"] = 100000
for q in d["queues"]:
    q.pop("hours", None)
json.dump(d, open(p, "w"), ensure_ascii=False)
PY
export AICC_PORT=$PORT AICC_STORE="sqlite:$WORK/bench.db" AICC_LOG_ACCESS_LOG=false \
  AICC_LOG_LEVEL=warn AICC_BOT_DIR="$WORK/bot" AICC_BOT_MODEL_FILE="$WORK/intent.model" \
  AICC_SERVER_MESSAGES_PER_MINUTE=0
echo "$PASSWORD" | "$BIN" user add admin --role admin --password-stdin >/dev/null
"$BIN" serve >"$WORK/out" 2>&1 &
PID=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $CONVERSATIONS customer streams, $AGENTS agents, ${RATE} messages/s, ${ESC_RATE} escalations/s, ${DURATION} s"
python3 "$ROOT/bench/ws_concurrency/ws_concurrency.py" --port "$PORT" --pid "$PID" \
  --admin-password "$PASSWORD" --conversations "$CONVERSATIONS" --agents "$AGENTS" \
  --rate "$RATE" --esc-rate "$ESC_RATE" --duration "$DURATION"
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
