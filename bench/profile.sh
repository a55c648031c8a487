#!/usr/bin/env bash
# Where the server's CPU goes under load: `perf record` on a fresh `aicc serve` (SQLite, WAL,
# synchronous=FULL) while bench/loadgen drives one workload, then the top symbols by self
# and by inclusive ("children") share of the server's samples (docs/benchmarks.md,
# "Profiling").
#
#   bench/profile.sh [--workload turns|append] [--rate N | --saturate] [--seconds S]
#                    [--bin PATH] [--loadgen PATH] [--top N] [--out DIR] [--no-perf]
#                    [--connections N]
#                    [-- AICC_X=Y …]
#
# Defaults: turns, closed loop (--saturate), 15 s, 64 connections, the release build (-O2 -g). Call
# graphs are DWARF-unwound, so no frame-pointer build is needed (the `profile` CMake
# preset adds frame pointers for `perf record -g` if you prefer it). Extra AICC_*
# settings for the server go after `--`; LOADGEN_ARGS adds load-generator options (e.g.
# "--slow-ms 20" lists the slow requests in OUT/loadgen.txt) (the per-client message rate limit is raised, as in
# bench/soak.sh: a saturating append run otherwise profiles 429 answers). Prints the server's CPU seconds per request too
# (perf's DWARF unwinding adds to it: --no-perf measures the same run without perf).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/release"
WORKLOAD=turns
LOAD=(--saturate)
SECONDS_=15
BIN="$BUILD/src/main/aicc"
LOADGEN="$BUILD/bench/loadgen/aicc_loadgen"
TOP=25
CONNS=64
OUT=""
NO_PERF=0
while [ $# -gt 0 ]; do
  case "$1" in
    --workload) WORKLOAD="$2"; shift 2 ;;
    --rate) LOAD=(--rate "$2"); shift 2 ;;
    --saturate) LOAD=(--saturate); shift ;;
    --seconds) SECONDS_="$2"; shift 2 ;;
    --connections) CONNS="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --loadgen) LOADGEN="$2"; shift 2 ;;
    --top) TOP="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-perf) NO_PERF=1; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "profile.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
EXTRA=("$@")
for f in "$BIN" "$LOADGEN"; do
  [ -x "$f" ] || { echo "profile.sh: $f missing (cmake --build build/release --target aicc aicc_loadgen)" >&2; exit 1; }
done
WORK="$(mktemp -d)"
OUT="${OUT:-$WORK}"
mkdir -p "$OUT"
PID=""
trap '[ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; [ "$OUT" = "$WORK" ] || { cp "$WORK/server.log" "$OUT/" 2>/dev/null; rm -rf "$WORK"; }' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BOT=true
[ "$WORKLOAD" = append ] && BOT=false
env AICC_PORT="$PORT" AICC_STORE="sqlite:$WORK/p.db" AICC_BOT_ENABLED="$BOT" AICC_BOT_DIR="$ROOT/bot" \
  AICC_BOT_MODEL_FILE="$WORK/intent.model" AICC_LOG_ACCESS_LOG=false AICC_LOG_LEVEL=warn \
  AICC_SERVER_MESSAGES_PER_MINUTE=1000000 AICC_SERVER_MESSAGE_BURST=1000000 \
  "${EXTRA[@]}" "$BIN" serve >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git -C "$ROOT" rev-parse --short HEAD), load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg); workload $WORKLOAD ${LOAD[*]}; ${EXTRA[*]}"
# The load runs a little longer than the recording, which starts after its warm-up.
"$LOADGEN" --port "$PORT" --workload "$WORKLOAD" "${LOAD[@]}" --duration "$((SECONDS_ + 2))" \
  --warmup 3 --connections "$CONNS" --label "$WORKLOAD" ${LOADGEN_ARGS:-} >"$OUT/loadgen.txt" 2>&1 &
LG=$!
sleep 4
ticks0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
lg_ticks0=$(awk '{print $14 + $15}' "/proc/$LG/stat" 2>/dev/null || echo 0)
wbytes0=$(awk '/^write_bytes/ {print $2}' "/proc/$PID/io")
if [ "$NO_PERF" = 1 ]; then
  sleep "$SECONDS_"
else
  perf record -F 499 --call-graph dwarf,16384 -o "$OUT/perf.data" -p "$PID" -- sleep "$SECONDS_" \
    2>"$OUT/perf-record.txt" >/dev/null
fi
ticks1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
lg_ticks1=$(awk '{print $14 + $15}' "/proc/$LG/stat" 2>/dev/null || echo "$lg_ticks0")
wbytes1=$(awk '/^write_bytes/ {print $2}' "/proc/$PID/io")
wait "$LG"
cat "$OUT/loadgen.txt" | grep '^RESULT' || cat "$OUT/loadgen.txt"
achieved=$(grep '^RESULT' "$OUT/loadgen.txt" | sed -n 's/.*achieved=\([0-9.]*\).*/\1/p')
awk -v t="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v s="$SECONDS_" -v a="${achieved:-0}" \
  'BEGIN {c = t / hz / s; printf "== server CPU while recorded: %.2f cores; %.3f ms CPU per request (at %s/s)\n", c, (a > 0 ? c / a * 1000 : 0), a}'
# The load generator shares the two cores: what it took is what the server could not have.
awk -v t="$((lg_ticks1 - lg_ticks0))" -v hz="$(getconf CLK_TCK)" -v s="$SECONDS_" \
  'BEGIN {printf "== load generator CPU meanwhile: %.2f cores\n", t / hz / s}'
# What the server made the disk write (WAL frames, checkpoints), per request.
awk -v b="$((wbytes1 - wbytes0))" -v s="$SECONDS_" -v a="${achieved:-0}" \
  'BEGIN {printf "== server disk writes: %.1f MB/s; %.1f KiB per request\n", b / s / 1e6, (a > 0 ? b / s / a / 1024 : 0)}'
[ "$NO_PERF" = 0 ] || exit 0
echo "== top $TOP by self (% of the server's samples)"
perf report -i "$OUT/perf.data" --no-children --sort symbol --stdio -g none --percent-limit 0.5 \
  2>/dev/null | grep -v '^#' | grep -v '^$' | cut -c1-110 | sed 's/ *$//' | head -n "$TOP"
echo "== top $TOP by inclusive (children)"
perf report -i "$OUT/perf.data" --children --sort symbol --stdio -g none --percent-limit 2 \
  2>/dev/null | grep -v '^#' | grep -v '^$' | cut -c1-110 | sed 's/ *$//' | head -n "$TOP"
