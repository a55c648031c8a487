#!/usr/bin/env python3
"""AICC + fastText ensemble on CLINC150, measured offline (an experiment, not the product).

Reads the per-message probabilities that one `nlu eval` run dumps for both systems
(`--dump AICC.jsonl --baseline-dump FT.jsonl`, test specs val+oos_val then test+oos_test),
combines them with a weight w for AICC — arithmetic mean w·pA + (1−w)·pF or normalised
geometric mean pA^w·pF^(1−w) — and, for each w, picks the threshold on val with the rule of
bench/nlu_clinc150.sh (best in-scope accuracy whose out-of-scope recall reaches 60 % at a 95 %
one-sided Wilson lower bound). The combination and w are chosen on val only; test is scored
once per row. w = 1 is AICC alone, w = 0 (arithmetic) fastText alone.

  D=../shared/data/clinc150/data_full.json
  aicc_nlu_tool nlu eval --train clinc150:$D:train+oos_train \\
      --test clinc150:$D:val+oos_val --test clinc150:$D:test+oos_test \\
      --baseline fasttext <fastText flags of bench/nlu_clinc150.sh> \\
      --dump aicc.jsonl --baseline-dump ft.jsonl --json -q
  bench/nlu_ensemble_offline.py aicc.jsonl ft.jsonl [N_VAL=3100]
"""
import math
import sys

from nlu_threshold_rule import GRID, OOS, best_on_curve, load, point, tune as rule_tune


def combine(pa, pf, w, mode, labels):
    if mode == "arith":
        return {l: w * pa[l] + (1 - w) * pf[l] for l in labels}
    logs = {l: w * math.log(pa[l] + 1e-12) + (1 - w) * math.log(pf[l] + 1e-12) for l in labels}
    top = max(logs.values())
    e = {l: math.exp(v - top) for l, v in logs.items()}
    total = sum(e.values())
    return {l: v / total for l, v in e.items()}


def score(rows_a, rows_f, idx, w, mode, labels, intents):
    """(gold, best intent, its probability, out_of_scope class wins) per message."""
    out = []
    for i in idx:
        p = combine(rows_a[i]["probabilities"], rows_f[i]["probabilities"], w, mode, labels)
        best = max(intents, key=p.__getitem__)
        out.append((rows_a[i]["gold"], best, p[best], p[OOS] > p[best]))
    return out


def tune(scored):
    """The rule's threshold; when none passes, the threshold with the highest recall."""
    t, acc = rule_tune(scored)
    if t is None:
        t = max(GRID, key=lambda x: point(scored, x)[1])
    return t, acc


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    rows_a, rows_f = load(sys.argv[1]), load(sys.argv[2])
    n_val = int(sys.argv[3]) if len(sys.argv) == 4 else 3100
    if len(rows_a) != len(rows_f) or len(rows_a) <= n_val:
        sys.exit(f"{sys.argv[1]}: {len(rows_a)} lines, {sys.argv[2]}: {len(rows_f)} lines, "
                 f"need the same number and more than N_VAL={n_val}")
    for i, (a, f) in enumerate(zip(rows_a, rows_f)):
        if a["text"] != f["text"] or a["gold"] != f["gold"]:
            sys.exit(f"{sys.argv[2]}:{i + 1}: not the same message as {sys.argv[1]}:{i + 1}")
    labels = sorted(rows_a[0]["probabilities"])
    if set(labels) != set(rows_f[0]["probabilities"]) or OOS not in labels:
        sys.exit("the two dumps have different labels, or no out_of_scope class")
    intents = [l for l in labels if l != OOS]
    val, test = range(n_val), range(n_val, len(rows_a))

    print(f"{'combination':12}{'w AICC':>7}{'threshold':>10}{'val in-scope':>13}"
          f"{'test in-scope':>14}{'test OOS rec':>13}{'test best@≥.60':>15}")
    rows = []
    for mode in ("arith", "geo"):
        for w in (i / 10 for i in range(11)):
            if mode == "geo" and w in (0.0, 1.0):
                continue  # the same as arithmetic there
            s_val = score(rows_a, rows_f, val, w, mode, labels, intents)
            s_test = score(rows_a, rows_f, test, w, mode, labels, intents)
            t, val_acc = tune(s_val)
            test_acc, test_recall, _ = point(s_test, t)
            best = best_on_curve(s_test)
            rows.append((val_acc, mode, w, t, test_acc, test_recall))
            print(f"{mode:12}{w:7.1f}{t:10.2f}{val_acc:13.4f}{test_acc:14.4f}{test_recall:13.4f}"
                  f"{best:15.4f}", flush=True)
    val_acc, mode, w, t, test_acc, test_recall = max(rows, key=lambda r: r[0])
    print(f"\nchosen on val: {mode}, w = {w:.1f}, threshold {t:.2f} "
          f"(val in-scope {val_acc:.4f}) → test in-scope {test_acc:.4f}, OOS recall {test_recall:.4f}")


if __name__ == "__main__":
    main()
