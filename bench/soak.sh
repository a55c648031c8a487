#!/usr/bin/env bash
# Soak: bot turns at half of saturation for a long time, in windows, printing each window's
# throughput, latency and the server's memory — is p99 steady and memory flat (no leak)?
#
#   bench/soak.sh                          10 minutes (20 windows of 30 s), release build
#   bench/soak.sh --minutes 1 --window 10  the short version scripts/test runs (ASan build)
#   bench/soak.sh --bin PATH --loadgen PATH [--rate N] [--no-build] [--store URL]
#
# Sequence: a fresh server (SQLite file, WAL, synchronous=FULL), 10 s of saturation to find
# the ceiling (unless --rate), then open-loop turns at 50 % of it for the whole soak, one
# loadgen run per window. At the end the server is stopped with SIGTERM and must exit 0 (the
# ASan build also checks for leaks then), and the store must hold every acknowledged turn.
# Fails (exit 1) on request errors (not on turns the load generator could not send in time), a server crash, a dirty exit or lost turns; latency and
# memory are reported, not asserted (they depend on the machine).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MINUTES=10
WINDOW=30
RATE=""
BIN=""
LOADGEN=""
STORE=""
BUILD_FIRST=1
CONNS=32
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    --window) WINDOW="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --loadgen) LOADGEN="$2"; shift 2 ;;
    --store) STORE="$2"; shift 2 ;;
    --connections) CONNS="$2"; shift 2 ;;
    --no-build) BUILD_FIRST=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for v in MINUTES WINDOW; do
  if ! [[ "${!v}" =~ ^[0-9]+$ ]] || [ "${!v}" -lt 1 ]; then
    echo "soak.sh: --${v,,} must be a positive integer, got '${!v}'" >&2
    exit 2
  fi
done

if [ -z "$BIN" ]; then
  BUILD="$ROOT/build/release"
  if [ "$BUILD_FIRST" = 1 ]; then
    [ -f "$BUILD/build.ninja" ] || cmake --preset release >/dev/null
    cmake --build "$BUILD" --target aicc aicc_loadgen
  fi
  BIN="$BUILD/src/main/aicc"
  LOADGEN="${LOADGEN:-$BUILD/bench/loadgen/aicc_loadgen}"
fi
[ -x "$BIN" ] || { echo "soak.sh: no aicc binary at $BIN" >&2; exit 2; }
[ -x "$LOADGEN" ] || { echo "soak.sh: no load generator at $LOADGEN (--loadgen)" >&2; exit 2; }

WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill -9 "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DB="$WORK/soak.db"
# Per-conversation message limits off: the load generator spreads turns over a fixed set of
# conversations faster than one customer would type.
# Only the settings below reach the server: an AICC_* variable of the caller's that is not a
# setting (AICC_BIN from the test command, say) would stop it at start.
unset_aicc=()
for v in $(compgen -e | grep '^AICC_' || true); do unset_aicc+=(-u "$v"); done
env "${unset_aicc[@]}" AICC_PORT="$PORT" AICC_STORE="${STORE:-sqlite:$DB}" AICC_BOT_DIR="$ROOT/bot" \
  AICC_BOT_MODEL_FILE="$WORK/intent.model" AICC_LOG_ACCESS_LOG=false AICC_LOG_LEVEL=warn \
  AICC_SERVER_MESSAGES_PER_MINUTE=1000000 AICC_SERVER_MESSAGE_BURST=1000000 \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1200); do
  curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "soak.sh: the server died" >&2; exit 1; }
  sleep 0.1
done

rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$PID/status"; }
run() {  # run LABEL loadgen-args… → prints the RESULT line (the whole report in $WORK/last)
  "$LOADGEN" --port "$PORT" --workload turns --connections "$CONNS" --label "$1" "${@:2}" \
    >"$WORK/last"
  grep '^RESULT' "$WORK/last"
}
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }

echo "== soak: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); binary $BIN; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ -z "$RATE" ]; then
  sat=$(run saturation --saturate --duration 10 --warmup 2)
  RATE=$(awk -v a="$(field "$sat" achieved)" 'BEGIN {r = int(a / 2); print (r < 1 ? 1 : r)}')
  echo "== saturation: $(field "$sat" achieved) turns/s (p99 $(field "$sat" p99_ms) ms); soaking at $RATE turns/s"
fi
windows=$(((MINUTES * 60 + WINDOW - 1) / WINDOW))
rss_start=$(rss_mib)
# "unsent": turns the load generator itself could not send on schedule (it shares the cores);
# "errors": requests the server failed or did not answer in time.
printf '| window | offered/s | achieved/s | p50 ms | p99 ms | p99.9 ms | unsent | errors | server RSS MiB |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
errors=0
turns=0
for w in $(seq 1 "$windows"); do
  r=$(run "window $w" --rate "$RATE" --duration "$WINDOW" --warmup 0)
  e=$(field "$r" errors)
  errors=$((errors + e))
  turns=$((turns + $(field "$r" n)))
  printf '| %d | %s | %s | %s | %s | %s | %s | %d | %s |\n' "$w" "$RATE" "$(field "$r" achieved)" \
    "$(field "$r" p50_ms)" "$(field "$r" p99_ms)" "$(field "$r" p999_ms)" "$(field "$r" unsent)" \
    "$e" "$(rss_mib)"
  [ "$e" -eq 0 ] || grep -E '^  errors:' "$WORK/last" >&2
  kill -0 "$PID" 2>/dev/null || { echo "soak.sh: the server died during window $w" >&2; tail -50 "$WORK/server.log" >&2; exit 1; }
done
rss_end=$(rss_mib)
echo "== server RSS: $rss_start MiB after warm-up → $rss_end MiB after $windows windows"

kill -TERM "$PID"
rc=0
wait "$PID" || rc=$?
PID=""
failed=0
if [ "$rc" -ne 0 ]; then
  echo "soak.sh: the server exited with $rc (sanitizer findings or a failed shutdown):" >&2
  tail -60 "$WORK/server.log" >&2
  failed=1
fi
if [ "$errors" -ne 0 ]; then
  echo "soak.sh: $errors requests failed" >&2
  failed=1
fi
if [ -z "$STORE" ]; then
  # Every answered turn stored a customer message (and the bot's replies).
  stored=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT count(*) FROM messages WHERE sender = '"'"'customer'"'"'").fetchone()[0])' "$DB")
  echo "== turns answered: $turns (measured windows; plus the saturation probe); customer messages stored: $stored"
  if [ "$stored" -lt "$turns" ]; then
    echo "soak.sh: fewer customer messages stored ($stored) than turns answered ($turns)" >&2
    failed=1
  fi
  ok=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
    "PRAGMA integrity_check").fetchone()[0])' "$DB")
  [ "$ok" = "ok" ] || { echo "soak.sh: integrity_check: $ok" >&2; failed=1; }
fi
if [ "$failed" -eq 0 ]; then echo "soak: passed"; else echo "soak: FAILED"; fi
exit "$failed"
