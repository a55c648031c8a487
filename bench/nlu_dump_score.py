#!/usr/bin/env python3
"""Scores `nlu eval --dump` files with the bench's threshold rule (an experiment tool).

The threshold is chosen on a tuning dump only — the best in-scope accuracy among the uniform
thresholds 0.00–0.99 whose out-of-scope recall on the tuning messages reaches 60 % at a 95 %
one-sided Wilson lower bound, as `nlu eval --tune-min-oos-recall 0.6 --tune-confidence 0.95`
and bench/nlu_clinc150.sh do — and the test dump is scored once at that threshold. Also
printed: the plain rule (measured recall ≥ 60 % on the tuning set), and the best in-scope
accuracy at ≥ 60 % recall anywhere on test's curve (an upper bound, not an operating point).

  bench/nlu_dump_score.py TUNE.jsonl TEST.jsonl             one system
  bench/nlu_dump_score.py TUNE.jsonl TEST.jsonl TUNE2.jsonl TEST2.jsonl
      two systems combined by a normalised geometric mean p1^w · p2^(1−w), w = 0.1 … 0.9;
      w is chosen on the tuning set (best in-scope accuracy there under the rule)
  bench/nlu_dump_score.py --split N DUMP.jsonl [DUMP2.jsonl]
      one dump whose first N lines are the tuning set (val+oos_val then test+oos_test in
      one `nlu eval` run: N = 3100 for CLINC150)

Standard protocol (train → val for the threshold → test):
  D=../shared/data/clinc150/data_full.json
  aicc_nlu_tool nlu eval --train clinc150:$D:train+oos_train --test clinc150:$D:val+oos_val \\
      --test clinc150:$D:test+oos_test --calib-folds 0 --dump dump.jsonl --json -q [model flags]
  bench/nlu_dump_score.py --split 3100 dump.jsonl
Refit protocol (bench/nlu_refit_protocol.sh): out-of-fold dumps over train+val tune the
threshold of a model refitted on train+val.
"""
import math
import sys

from nlu_threshold_rule import GRID, decide, load, point, tune


def decisions(rows, rows2=None, w=1.0):
    """Per-message decisions; with rows2, of the normalised geometric mean p1^w · p2^(1−w)."""
    out = []
    for i, r in enumerate(rows):
        p = r["probabilities"]
        if rows2 is not None:
            q = rows2[i]["probabilities"]
            logs = {l: w * math.log(p[l] + 1e-12) + (1 - w) * math.log(q[l] + 1e-12) for l in p}
            top = max(logs.values())
            e = {l: math.exp(v - top) for l, v in logs.items()}
            total = sum(e.values())
            p = {l: v / total for l, v in e.items()}
        out.append(decide(r["gold"], p))
    return out


def evaluate(tune_s, test_s):
    t, tune_acc = tune(tune_s)
    t_plain, tune_plain = tune(tune_s, wilson=False)
    if t is None or t_plain is None:
        sys.exit("no threshold reaches 60 % out-of-scope recall on the tuning set")
    curve = [point(test_s, x) for x in GRID]
    return {
        "threshold": t, "tune_in_scope": tune_acc,
        "test_in_scope": point(test_s, t)[0], "test_oos_recall": point(test_s, t)[1],
        "plain_threshold": t_plain, "plain_tune_in_scope": tune_plain,
        "plain_test_in_scope": point(test_s, t_plain)[0],
        "plain_test_oos_recall": point(test_s, t_plain)[1],
        "test_best": max((a for a, r, _ in curve if r >= 0.6), default=0.0),
        "test_argmax": curve[0][0],
    }


def show(name, r):
    print(f"{name:14}{r['threshold']:6.2f}{r['tune_in_scope']:9.4f}{r['test_in_scope']:9.4f}"
          f"{r['test_oos_recall']:9.4f} | {r['plain_threshold']:5.2f}{r['plain_tune_in_scope']:9.4f}"
          f"{r['plain_test_in_scope']:9.4f}{r['plain_test_oos_recall']:9.4f} |"
          f"{r['test_best']:9.4f}{r['test_argmax']:9.4f}", flush=True)


def main():
    args = sys.argv[1:]
    if args[:1] == ["--split"] and len(args) in (3, 4):
        n = int(args[1])
        dumps = [load(p) for p in args[2:]]
        pairs = [(d[:n], d[n:]) for d in dumps]
    elif len(args) in (2, 4):
        dumps = [load(p) for p in args]
        pairs = [(dumps[i], dumps[i + 1]) for i in range(0, len(dumps), 2)]
    else:
        sys.exit(__doc__)
    for a, b in zip(pairs[0], pairs[-1]):
        if len(a) != len(b) or any(x["text"] != y["text"] for x, y in zip(a, b)):
            sys.exit("the two systems' dumps do not hold the same messages in the same order")
    print(f"{'':14}{'Wilson rule (95 %)':>33} | {'plain rule (measured ≥ 60 %)':>32} |"
          f"{'test best':>9}{' argmax':>9}")
    print(f"{'system':14}{'t':>6}{'tune in':>9}{'test in':>9}{'test oos':>9} | {'t':>5}"
          f"{'tune in':>9}{'test in':>9}{'test oos':>9} |{'@≥.60':>9}{'':>9}")
    if len(pairs) == 1:
        show("one system", evaluate(decisions(pairs[0][0]), decisions(pairs[0][1])))
        return
    (t1, s1), (t2, s2) = pairs
    results = []
    for w in [i / 10 for i in range(11)]:
        r = evaluate(decisions(t1, t2, w), decisions(s1, s2, w))
        results.append((r["tune_in_scope"], w, r))
        show(f"geo w={w:.1f}", r)
    _, w, r = max(results[1:-1], key=lambda x: x[0])
    print(f"\nchosen on the tuning set: w = {w:.1f}, threshold {r['threshold']:.2f} → test in-scope "
          f"{r['test_in_scope']:.4f}, out-of-scope recall {r['test_oos_recall']:.4f}")


if __name__ == "__main__":
    main()
