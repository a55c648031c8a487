#!/usr/bin/env bash
# CLINC150 under the protocol "tune on val, refit on train+val", fixed before it was run
# (docs/benchmarks.md, NLU, round 4). For each seed and each system — AICC linear, AICC
# `--arch mlp`, fastText with bench/nlu_clinc150.sh's settings (one thread, seeded by --seed):
#   1. train on train+oos_train, score val+oos_val and test+oos_test in one run (dumped);
#   2. the out-of-scope threshold is chosen on val+oos_val alone by the bench's rule
#      (bench/nlu_threshold_rule.py: uniform threshold, best in-scope accuracy whose recall
#      reaches 60 % at a 95 % Wilson lower bound); at that threshold the run of step 1 gives
#      the standard protocol's test numbers;
#   3. refit with the same settings on train+oos_train+val+oos_val, score test+oos_test once
#      at the threshold of step 2.
# AICC runs with its defaults except calibration (--calib-folds 0, as in every dump-based
# experiment: the rule sets the threshold). The report (bench/nlu_refit_val_report.py) prints
# every seed, the means, and whether the target and "beat fastText on both" are met.
#
#   bench/nlu_refit_val.sh OUT_DIR [DATA_JSON]
#
# SEEDS (default "11 12 13"). Runs finished before in OUT_DIR are not repeated, so an
# interrupted run resumes; the wall clock of each run goes to OUT_DIR/times.tsv.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [DATA_JSON]}"
data="${2:-$repo/../shared/data/clinc150/data_full.json}"
build="${AICC_NLU_BUILD:-$repo/build/nlu-release}"
tool="$build/src/nlu/cli/aicc_nlu_tool"
seeds=(${SEEDS:-11 12 13})
[[ -f "$data" ]] || { echo "CLINC150 data not found: $data" >&2; exit 1; }
[[ -x "$tool" ]] || { cmake --preset release -B "$build" >/dev/null; cmake --build "$build" --target aicc_nlu_tool; }
mkdir -p "$out"

ft=(--baseline fasttext --ft-epoch 100 --ft-lr 0.25 --ft-word-ngrams 2 --ft-dim 300 --ft-minn 3 --ft-maxn 6)
train="clinc150:$data:train+oos_train"
val="clinc150:$data:val+oos_val"
test="clinc150:$data:test+oos_test"
refit="clinc150:$data:train+oos_train+val+oos_val"

# run NAME SEED [nlu eval flags…]: one `nlu eval`; its outputs are written as *.part and
# renamed when it succeeds, and a run whose NAME.json exists is skipped.
run() {
  local name="$1" seed="$2"
  shift 2
  local dir="$out/seed$seed"
  mkdir -p "$dir"
  if [[ -s "$dir/$name.json" ]]; then
    echo "== seed $seed $name: done before, kept" >&2
    return
  fi
  echo "== seed $seed $name ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  local t0=$SECONDS
  "$tool" nlu eval --seed "$seed" --calib-folds 0 -q --json "$@" > "$dir/$name.json.part"
  for f in "$dir"/*.part; do mv "$f" "${f%.part}"; done
  printf '%s\t%s\t%s\t%s\n' "$seed" "$name" "$((SECONDS - t0))" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    >> "$out/times.tsv"
}

# One seed at a time, all systems (so that an interrupted run leaves whole seeds); the linear
# runs carry fastText (--baseline): same data, same seed, same run, its own dump.
for seed in "${seeds[@]}"; do
  d="$out/seed$seed"
  run mlp_std "$seed" --arch mlp --train "$train" --test "$val" --test "$test" \
    --dump "$d/mlp_std.jsonl.part"
  run mlp_refit "$seed" --arch mlp --train "$refit" --test "$test" \
    --dump "$d/mlp_refit.jsonl.part"
  run linear_std "$seed" --train "$train" --test "$val" --test "$test" \
    --dump "$d/linear_std.jsonl.part" "${ft[@]}" --baseline-dump "$d/fasttext_std.jsonl.part"
  run linear_refit "$seed" --train "$refit" --test "$test" \
    --dump "$d/linear_refit.jsonl.part" "${ft[@]}" --baseline-dump "$d/fasttext_refit.jsonl.part"
done

python3 "$repo/bench/nlu_refit_val_report.py" "$out" "${seeds[@]}"
