#!/usr/bin/env bash
# Start-up time of `aicc serve` with the default bot: exec → the first 200 from /readyz,
# median (and min / max) of N runs, and the server's resident memory once ready
# (docs/benchmarks.md, "Start-up").
#
#   bench/startup.sh [--runs N] [--bin PATH] [--no-build]
#
# Two cases, each on a fresh data directory per run unless said otherwise:
#   first start  — no database, no model file: migrations run and the intent model is
#                  trained from bot/intents (then written to the model file);
#   restart      — the database and the model file of a first start are there: the model
#                  is loaded from its file (what every start after the first does).
# The clock starts just before exec and stops at the first /readyz answered 200 (polled
# every 2 ms over a fresh TCP connection). RSS is VmRSS from /proc/PID/status right then.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/release"
RUNS=11
BIN=""
BUILD_FIRST=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --bin) BIN="$2"; BUILD_FIRST=0; shift 2 ;;
    --no-build) BUILD_FIRST=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "startup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$BIN" ]; then
  if [ "$BUILD_FIRST" = 1 ]; then
    [ -f "$BUILD/build.ninja" ] || cmake --preset release >/dev/null
    cmake --build "$BUILD" --target aicc
  fi
  BIN="$BUILD/src/main/aicc"
fi
[ -x "$BIN" ] || { echo "startup.sh: no binary at $BIN" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git -C "$ROOT" rev-parse --short HEAD), $BIN"

# The measuring loop is Python: it starts the server itself, so exec is timed from the
# parent, and it polls without starting a process per attempt (curl would cost ms each).
python3 - "$BIN" "$ROOT/bot" "$WORK" "$RUNS" <<'PY'
import os, shutil, socket, statistics, subprocess, sys, time

binary, bot_dir, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def ready(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"): return int(line.split()[1])
    return 0

def start(data_dir):
    """Starts a server on data_dir; returns (seconds to ready, RSS KiB, CPU s to ready)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AICC_")}
    env.update(AICC_PORT=str(port), AICC_STORE=f"sqlite:{data_dir}/aicc.db",
               AICC_BOT_DIR=bot_dir, AICC_BOT_MODEL_FILE=f"{data_dir}/intent.model",
               AICC_LOG_LEVEL="warn", AICC_LOG_ACCESS_LOG="false")
    log = open(f"{data_dir}/server.log", "ab")
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "serve"], env=env, stdout=log, stderr=log)
    try:
        while not ready(port):
            if p.poll() is not None:
                sys.exit(f"startup.sh: the server exited ({p.returncode}); see {data_dir}/server.log")
            if time.perf_counter() - t0 > 120:
                sys.exit("startup.sh: not ready after 120 s")
            time.sleep(0.002)
        elapsed = time.perf_counter() - t0
        rss = rss_kib(p.pid)
        with open(f"/proc/{p.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return elapsed, rss, cpu
    finally:
        p.terminate(); p.wait()

cases = {"first start (migrate + train the model)": [], "restart (load the model file)": []}
for i in range(runs):
    d = os.path.join(work, f"run{i}"); os.makedirs(d)
    cases["first start (migrate + train the model)"].append(start(d))
    cases["restart (load the model file)"].append(start(d))
    shutil.rmtree(d)

print(f"\n== {runs} runs each; load average after: {open('/proc/loadavg').read().split()[:3]}")
print("| case | median ms | min ms | max ms | CPU to ready, median ms | RSS when ready, median MiB |")
print("|---|---|---|---|---|---|")
for name, rows in cases.items():
    t = [r[0] * 1000 for r in rows]
    print(f"| {name} | {statistics.median(t):.0f} | {min(t):.0f} | {max(t):.0f} | "
          f"{statistics.median(r[2] for r in rows) * 1000:.0f} | "
          f"{statistics.median(r[1] for r in rows) / 1024:.1f} |")
PY
