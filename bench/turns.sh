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
  AICC_PORT=$PORT AICC_STORE="$store" AICC_BOT_ENABLED="$2" AICC_BOT_DIR="$ROOT/bot" \
    AICC_BOT_MODEL_FILE="$WORK/intent.model" AICC_LOG_ACCESS_LOG=false AICC_LOG_LEVEL=warn \
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

RESULTS="$WORK/results"
: >"$RESULTS"
# load LABEL WORKLOAD [loadgen options…]
load() {
  local label="$1" workload="$2"
  shift 2
  echo "== $label ($(cut -d' ' -f1-3 /proc/loadavg) load before)"
  "$LOADGEN" --port "$PORT" --workload "$workload" --duration "$DURATION" --warmup "$WARMUP" \
    --connections "$CONNS" --label "$label" "$@" | tee -a "$RESULTS.raw"
  grep '^RESULT' "$RESULTS.raw" | tail -1 >>"$RESULTS"
  sleep 2  # let the server's queues drain before the next run
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== store: ${STORE:-SQLite file (WAL, synchronous=FULL)}"
# What one durable commit costs on this disk: every acknowledged message waits for at least one.
if [ -z "$STORE" ]; then
  echo "== filesystem of the SQLite file: $(df -T "$WORK" | awk 'NR==2 {print $2}');" \
    "$(python3 - "$WORK" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync.probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT)
t = []
for _ in range(200):
    os.write(fd, b"x" * 4096)
    s = time.perf_counter(); os.fdatasync(fd); t.append((time.perf_counter() - s) * 1e3)
os.close(fd); os.unlink(path); t.sort()
print("fdatasync of 4 KiB: p50 %.2f ms, p99 %.2f ms" % (t[100], t[198]))
PY
)"
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
echo "== results ($(nproc) cores; store: ${STORE:+PostgreSQL}${STORE:-SQLite, synchronous=FULL};" \
  "${DURATION}s measured after ${WARMUP}s warm-up; $CONNS connections; load average after:" \
  "$(cut -d' ' -f1-3 /proc/loadavg))"
printf '| %-18s | %8s | %10s | %8s | %8s | %8s | %8s | %s |\n' \
  run offered/s achieved/s p50\ ms p99\ ms p99.9\ ms max\ ms errors
echo "|--------------------|-----------|------------|----------|----------|----------|----------|--------|"
awk '{
  for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  label = $0; sub(/^RESULT label=/, "", label); sub(/ workload=.*/, "", label)
  offered = v["mode"] == "saturate" ? "max" : v["offered"]
  err = v["errors"]; if (v["unsent"] > 0) err = err " (+" v["unsent"] " never sent)"
  printf "| %-18s | %8s | %10s | %8s | %8s | %8s | %8s | %s |\n", label, offered, v["achieved"],
    v["p50_ms"], v["p99_ms"], v["p999_ms"], v["max_ms"], err
}' "$RESULTS"
if [ -n "$WRK_RPS" ]; then
  printf '| %-18s | %8s | %10s | %8s | %8s | %8s | %8s | %s |\n' "healthz, wrk -t2" max \
    "$WRK_RPS" "$WRK_P50" "$WRK_P99" - - "(wrk's own count)"
fi
