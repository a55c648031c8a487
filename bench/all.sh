#!/usr/bin/env bash
# Every benchmark in bench/, with modest defaults, one after the other, then a summary of
# their result lines (docs/benchmarks.md says how to read each and how to run it at full size).
#
#   bench/all.sh [--quick] [--pg] [--out DIR]
#
#   --quick   shorter runs (turns: 10 s per load; soak 1 minute; 2,000 WebSocket streams)
#   --pg      also the turn benchmark against a throw-away PostgreSQL (bench/turns.sh --pg)
#   --out DIR keep every bench's full output there (default: a temporary directory, printed)
#
# Builds the release binaries it needs once (cmake --preset release). Not part of the test
# command: the numbers depend on the machine, and nothing here asserts a time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/release"
QUICK=0
PG=0
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --pg) PG=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "all.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
unset AICC_BIN  # AICC_* variables are settings of the binary the benches start

[ -f "$BUILD/build.ninja" ] || cmake --preset release >/dev/null
cmake --build "$BUILD" --target aicc aicc_loadgen nlu_latency_bench analytics_bench

if [ "$QUICK" = 1 ]; then
  TURNS=(--duration 10 --warmup 2); SOAK=(--minutes 1 --window 10); WS=(2000 20 50 2)
else
  TURNS=(--duration 20 --warmup 3); SOAK=(--minutes 3 --window 30); WS=(10000 60 50 2)
fi

FAILED=()
# step NAME COMMAND…: runs one bench, its output to $OUT/NAME.txt and the terminal.
step() {
  local name="$1"
  shift
  echo
  echo "######## $name: $*"
  if ! "$@" 2>&1 | tee "$OUT/$name.txt"; then FAILED+=("$name"); fi
}

step startup "$ROOT/bench/startup.sh" --no-build --runs 5
step turns "$ROOT/bench/turns.sh" --no-build "${TURNS[@]}"
[ "$PG" = 0 ] || step turns_pg "$ROOT/bench/turns.sh" --no-build --pg "${TURNS[@]}"
step nlu_latency "$BUILD/bench/nlu/nlu_latency_bench" --rounds 20
step analytics "$BUILD/bench/analytics_bench" 1 3
step soak "$ROOT/bench/soak.sh" --no-build "${SOAK[@]}"
step ws_concurrency env AICC_BIN="$BUILD/src/main/aicc" "$ROOT/bench/ws_concurrency/run.sh" "${WS[@]}"

echo
echo "######## summary ($(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg);" \
  "full outputs in $OUT)"
for f in startup turns turns_pg; do
  [ -f "$OUT/$f.txt" ] || continue
  echo "-- $f"
  sed -n '/^== results\|^== [0-9]* runs each/,$p' "$OUT/$f.txt"
done
for f in nlu_latency analytics soak ws_concurrency; do
  [ -f "$OUT/$f.txt" ] || continue
  echo "-- $f (last lines)"
  tail -n 12 "$OUT/$f.txt"
done
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "all.sh: failed: ${FAILED[*]}" >&2
  exit 1
fi
