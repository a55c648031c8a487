#!/usr/bin/env bash
# Bot turns through the HTTP API, durable, next to the plain message append and the /healthz
# ceiling — one command, one table (docs/benchmarks.md, "Bot turns through the HTTP API").
#
#   bench/turns.sh [--store URL | --pg] [--duration S] [--warmup S] [--connections N]
#                  [--rates "500 2000 5000"] [--no-build]
#
# Runs bench/loadgen (aicc_loadgen, open loop: latency from the scheduled send time) against
# `aicc serve` on a fresh SQLite file (WAL, synchronous=FULL: every 201 is on disk), or on
# the PostgreSQL server given with --store postgresql://…, or on a throw-away one (--pg,
# scripts/lib/pg.sh). Sequence: /healthz saturation (the ceiling; also wrk -t2 as a
# cross-check of the load generator), bot turns at each offered rate and at saturation, then
# the server restarted with AICC_BOT_ENABLED=false and the plain append at the same rates and
# saturation. Load generator and server share the machine's cores: every figure is a floor.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/release"
STORE=""
USE_PG=0
DURATION=20
WARMUP=3
CONNS=64
RATES="500 2000 5000"
BUILD_FIRST=1
while [ $# -gt 0 ]; do
  case "$1" in
    --store) STORE="$2"; shift 2 ;;
    --pg) USE_PG=1; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --connections) CONNS="$2"; shift 2 ;;
    --rates) RATES="$2"; shift 2 ;;
    --no-build) BUILD_FIRST=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "turns.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ "$BUILD_FIRST" = 1 ]; then
  [ -f "$BUILD/build.ninja" ] || cmake --preset release >/dev/null
  cmake --build "$BUILD" --target aicc aicc_loadgen
fi
BIN="$BUILD/src/main/aicc"
LOADGEN="$BUILD/bench/loadgen/aicc_loadgen"

WORK="$(mktemp -d)"
PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi
}
cleanup() {
  stop_server
  if [ "$USE_PG" = 1 ]; then pg_stop; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$USE_PG" = 1 ]; then
  # shellcheck source=../scripts/lib/pg.sh
  source "$ROOT/scripts/lib/pg.sh"
  pg_start >&2
  STORE="$AICC_TEST_PG_URL"
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_server NAME BOT_ENABLED: a fresh server (a fresh SQLite file unless --store).
start_server() {
  PORT=$(free_port)
  local store="${STORE:-sqlite:$WORK/$1.db}"
  env AICC_PORT="$PORT" AICC_SERVER_MESSAGES_PER_MINUTE=1000000 AICC_SERVER_MESSAGE_BURST=1000000 AICC_STORE="$store" \
    AICC_BOT_ENABLED="$2" AICC_BOT_DIR="$ROOT/bot" AICC_BOT_MODEL_FILE="$WORK/intent.model" AICC_LOG_ACCESS_LOG=false AICC_LOG_LEVEL=warn \
    "$BIN" serve >"$WORK/$1.log" 2>&1 &
  PID=$!
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "turns.sh: the server did not become ready; its log:" >&2
  cat "$WORK/$1.log" >&2
  exit 1
}

# utime + stime of the server process, in clock ticks
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

RESULTS="$WORK/results"
: >"$RESULTS"
# load LABEL WORKLOAD [loadgen options…]
load() {
  local label="$1" workload="$2"
  shift 2
  echo "== $label ($(cut -d' ' -f1-3 /proc/loadavg) load before)"
  local cpu0 t0 cpu1 t1
  cpu0=$(server_cpu_ticks)
  t0=$(date +%s.%N)
  "$LOADGEN" --port "$PORT" --workload "$workload" --duration "$DURATION" --warmup "$WARMUP" \
    --connections "$CONNS" --label "$label" "$@" | tee -a "$RESULTS.raw"
  cpu1=$(server_cpu_ticks)
  t1=$(date +%s.%N)
  # The server's CPU while the load ran: cores busy, and CPU time per request answered.
  local cores
  cores=$(awk -v c="$((cpu1 - cpu0))" -v hz="$(getconf CLK_TCK)" -v t0="$t0" -v t1="$t1" \
    'BEGIN {printf "%.2f", c / hz / (t1 - t0)}')
  echo "  server CPU: $cores cores"
  echo "$(grep '^RESULT' "$RESULTS.raw" | tail -1) server_cores=$cores" >>"$RESULTS"
  sleep 2  # let the server's queues drain before the next run
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== store: ${STORE:-SQLite file (WAL, synchronous=FULL)}"
if [ -z "$STORE" ]; then
  echo "== SQLite file on $(df -T "$WORK" | awk 'NR==2 {print $1 " (" $2 ")"}')"
fi
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git -C "$ROOT" rev-parse --short HEAD)"

start_server turns true
load "healthz ceiling" healthz --saturate --threads 2
WRK_RPS=""
if command -v wrk >/dev/null; then
  echo "== healthz ceiling, wrk -t2 -c$CONNS (cross-check of the load generator)"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/healthz" | tee "$WORK/wrk"
  WRK_RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk")
  WRK_P50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk")
  WRK_P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk")
  sleep 2
fi
for r in $RATES; do load "turns @$r/s" turns --rate "$r"; done
load "turns saturation" turns --saturate
stop_server

start_server append false
for r in $RATES; do load "append @$r/s" append --rate "$r"; done
load "append saturation" append --saturate
stop_server

echo
STORE_NAME="SQLite, synchronous=FULL"
[ -z "$STORE" ] || STORE_NAME="PostgreSQL"
echo "== results ($(nproc) cores; store: $STORE_NAME;" \
  "${DURATION}s measured after ${WARMUP}s warm-up; $CONNS connections; load average after:" \
  "$(cut -d' ' -f1-3 /proc/loadavg))"
printf '| %-18s | %8s | %10s | %8s | %8s | %8s | %8s | %6s | %s |\n' \
  run offered/s achieved/s p50\ ms p99\ ms p99.9\ ms max\ ms "server CPU" errors
echo "|--------------------|-----------|------------|----------|----------|----------|----------|--------|--------|"
awk '{
  for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  label = $0; sub(/^RESULT label=/, "", label); sub(/ workload=.*/, "", label)
  offered = v["mode"] == "saturate" ? "max" : v["offered"]
  err = v["errors"]; if (v["unsent"] > 0) err = err " (+" v["unsent"] " never sent)"
  printf "| %-18s | %8s | %10s | %8s | %8s | %8s | %8s | %6s | %s |\n", label, offered,
    v["achieved"], v["p50_ms"], v["p99_ms"], v["p999_ms"], v["max_ms"], v["server_cores"], err
}' "$RESULTS"
if [ -n "$WRK_RPS" ]; then
  printf '| %-18s | %8s | %10s | %8s | %8s | %8s | %8s | %6s | %s |\n' "healthz, wrk -t2" max \
    "$WRK_RPS" "$WRK_P50" "$WRK_P99" - - - "(wrk's own count)"
fi
