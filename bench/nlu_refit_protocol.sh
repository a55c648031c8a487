#!/usr/bin/env bash
# Protocol variant "refit on train+val" for CLINC150 (the standard train → val → test protocol
# of bench/nlu_clinc150.sh stays the headline). Hyper-parameters and the threshold rule are
# fixed beforehand; then
#   1. K-fold cross-validation over train+oos_train+val+oos_val dumps every message's
#      out-of-fold probabilities (AICC and fastText, the same folds);
#   2. both systems are refitted on all of train+val and score test+oos_test;
#   3. bench/nlu_dump_score.py picks each system's threshold on the out-of-fold predictions
#      (best in-scope accuracy whose out-of-scope recall reaches 60 % at a 95 % Wilson lower
#      bound — 200 out-of-scope messages (oos_train + oos_val) instead of val's 100) and
#      scores test once.
#
#   bench/nlu_refit_protocol.sh OUT_DIR [DATA_JSON] [extra AICC flags, e.g. --arch mlp …]
#
# FT_FLAGS overrides the fastText settings (default: bench/nlu_clinc150.sh's); NO_FT=1 skips
# fastText. Calibration is off (--calib-folds 0) in both steps: the rule tunes the threshold.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [DATA_JSON] [AICC flags…]}"
data="${2:-$repo/../shared/data/clinc150/data_full.json}"
shift 2 || shift $#
build="${AICC_NLU_BUILD:-$repo/build/nlu-release}"
tool="$build/src/nlu/cli/aicc_nlu_tool"
folds="${FOLDS:-5}"
[[ -x "$tool" ]] || { cmake --preset release -B "$build" >/dev/null; cmake --build "$build" --target aicc_nlu_tool; }
mkdir -p "$out"
rm -f "$out"/{oof,test}_{aicc,ft}.jsonl

read -r -a ft <<< "${FT_FLAGS:---ft-epoch 100 --ft-lr 0.25 --ft-word-ngrams 2 --ft-dim 300 --ft-minn 3 --ft-maxn 6}"
base=(--calib-folds 0 -q --json)
oof_ft=() test_ft=()
if [[ -z "${NO_FT:-}" ]]; then
  base+=(--baseline fasttext "${ft[@]}")
  oof_ft=(--baseline-dump "$out/oof_ft.jsonl")
  test_ft=(--baseline-dump "$out/test_ft.jsonl")
fi
all="clinc150:$data:train+oos_train+val+oos_val"

echo "== $folds-fold out-of-fold predictions over train+val" >&2
"$tool" nlu eval --data "$all" --folds "$folds" "${base[@]}" --dump "$out/oof_aicc.jsonl" \
  "${oof_ft[@]}" "$@" \
  > "$out/oof.json"
echo "== refit on train+val, scored on test+oos_test" >&2
"$tool" nlu eval --train "$all" --test "clinc150:$data:test+oos_test" "${base[@]}" \
  --dump "$out/test_aicc.jsonl" \
  "${test_ft[@]}" "$@" > "$out/test.json"

echo "AICC $*:"
"$repo/bench/nlu_dump_score.py" "$out/oof_aicc.jsonl" "$out/test_aicc.jsonl"
if [[ -z "${NO_FT:-}" ]]; then
  echo "fastText ${ft[*]}:"
  "$repo/bench/nlu_dump_score.py" "$out/oof_ft.jsonl" "$out/test_ft.jsonl"
fi
