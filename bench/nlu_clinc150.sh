#!/usr/bin/env bash
# AICC intent classifier vs. fastText on CLINC150 "full": train on train+oos_train, choose each
# system's out-of-scope threshold on val+oos_val (best in-scope accuracy whose out-of-scope
# recall reaches 60 % at a 95 % one-sided Wilson lower bound: val has only 100 out-of-scope
# messages), report in-scope accuracy and out-of-scope recall on test+oos_test — both systems
# trained and scored in the same run, on the same data, with the same rule.
#
#   bench/nlu_clinc150.sh [DATA_JSON] [extra `nlu eval` flags…]
#
# DATA_JSON defaults to ../shared/data/clinc150/data_full.json next to the repository
# (data_small.json, data_imbalanced.json, data_oos_plus.json have the same layout). Builds the
# release `aicc_nlu_tool` (the `aicc nlu` commands) in build/nlu-release if needed.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$repo/../shared/data/clinc150/data_full.json}"
shift || true
build="${AICC_NLU_BUILD:-$repo/build/nlu-release}"
tool="$build/src/nlu/cli/aicc_nlu_tool"

if [[ ! -f "$data" ]]; then
  echo "CLINC150 data not found: $data" >&2
  exit 1
fi
if [[ ! -x "$tool" ]]; then
  cmake --preset release -B "$build" >/dev/null
  cmake --build "$build" --target aicc_nlu_tool
fi

# fastText settings: the best of a small grid on this data (docs/benchmarks.md): character
# n-grams 3–6, word bigrams, 300 dimensions, 100 epochs.
ft=(--baseline fasttext --ft-epoch 100 --ft-lr 0.25 --ft-word-ngrams 2 --ft-dim 300 --ft-minn 3 --ft-maxn 6)
train="clinc150:$data:train+oos_train"
test="clinc150:$data:test+oos_test"
tune="clinc150:$data:val+oos_val"

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
echo "== thresholds tuned on val+oos_val for the best in-scope accuracy at ≥ 60 % OOS recall (95 % Wilson lower bound)" >&2
"$tool" nlu eval --train "$train" --test "$test" --tune "$tune" --tune-min-oos-recall 0.6 \
  --tune-confidence 0.95 \
  "${ft[@]}" --json "$@" > "$out"

python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
systems = [r, r["baseline"]]
print(f"CLINC150 full, test+oos_test: {r['n_in_scope']} in scope, {r['n_oos']} out of scope\n")
print(f"{'':34}{'AICC':>12}{'fastText':>12}")
rows = [("threshold (tuned on val)", lambda s: s["threshold"]["default"], "{:12.2f}"),
        ("in-scope accuracy", lambda s: s["in_scope_accuracy"], "{:12.4f}"),
        ("out-of-scope recall", lambda s: s["oos_recall"], "{:12.4f}"),
        ("out-of-scope precision", lambda s: s["oos_precision"], "{:12.4f}"),
        ("accuracy (oos as a class)", lambda s: s["accuracy"], "{:12.4f}"),
        ("macro-F1", lambda s: s["macro_f1"], "{:12.4f}"),
        ("calibration error (ECE, in scope)", lambda s: s["ece"], "{:12.4f}"),
        ("train seconds", lambda s: s["train_seconds"], "{:12.1f}"),
        ("predict µs / message", lambda s: s["predict_us"], "{:12.1f}")]
for name, get, fmt in rows:
    print(f"{name:34}" + "".join(fmt.format(get(s)) for s in systems))
print("\nsame uniform threshold for both: in-scope accuracy / out-of-scope recall")
print(f"{'threshold':>10}{'AICC':>22}{'fastText':>22}")
for a, b in zip(r["sweep"], r["baseline"]["sweep"]):
    print(f"{a['threshold']:10.2f}{a['in_scope_accuracy']:12.4f}{a['oos_recall']:10.4f}"
          f"{b['in_scope_accuracy']:12.4f}{b['oos_recall']:10.4f}")
a, b = r, r["baseline"]
both = a["in_scope_accuracy"] > b["in_scope_accuracy"] and a["oos_recall"] > b["oos_recall"]
print("\nAICC beats fastText on both numbers at the tuned thresholds:", "yes" if both else "NO")
PY
