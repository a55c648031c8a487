#!/usr/bin/env python3
"""Report of bench/nlu_refit_val.sh: every seed, the means, and the verdicts.

  bench/nlu_refit_val_report.py OUT_DIR SEED…

For each seed and system, OUT_DIR/seedS/SYSTEM_std.jsonl holds val+oos_val then test+oos_test
scored by the model trained on train+oos_train, and SYSTEM_refit.jsonl test+oos_test scored by
the model refitted on train+val. The threshold is chosen on the val part alone
(bench/nlu_threshold_rule.py); the standard protocol scores the std run's test part at it, the
refit protocol the refit run's test. Systems whose dumps are missing are left out.
"""
import os
import sys

from nlu_threshold_rule import decisions, load, point, tune

SYSTEMS = ("linear", "mlp", "fasttext")
N_VAL = 3100  # val (3,000) + oos_val (100)
TARGET_IN, TARGET_OOS = 0.93, 0.60


def measure(out, seed, system):
    std_path = os.path.join(out, f"seed{seed}", f"{system}_std.jsonl")
    refit_path = os.path.join(out, f"seed{seed}", f"{system}_refit.jsonl")
    if not os.path.exists(std_path):
        return None
    std = load(std_path)
    if len(std) <= N_VAL:
        sys.exit(f"{std_path}: {len(std)} lines, expected val+oos_val ({N_VAL}) then test")
    val, test = decisions(std[:N_VAL]), decisions(std[N_VAL:])
    t, val_in = tune(val)
    if t is None:
        sys.exit(f"{std_path}: no threshold reaches the out-of-scope recall floor on val")
    r = {"t": t, "val_in": val_in, "std": point(test, t)[:2]}
    if os.path.exists(refit_path):
        refit = load(refit_path)
        if [x["text"] for x in refit] != [x["text"] for x in std[N_VAL:]]:
            sys.exit(f"{refit_path}: not the test messages of {std_path} in the same order")
        r["refit"] = point(decisions(refit), t)[:2]
    return r


def verdict(a, ft):
    target = "yes" if a[0] >= TARGET_IN and a[1] >= TARGET_OOS else "no"
    if ft is None:
        return f"target {target}"
    beat = "yes" if a[0] > ft[0] and a[1] > ft[1] else "no"
    return f"target {target}, beats fastText on both {beat}"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, seeds = sys.argv[1], sys.argv[2:]
    res = {(s, y): measure(out, s, y) for s in seeds for y in SYSTEMS}
    for protocol in ("std", "refit"):
        title = {"std": "standard: train → threshold on val → test",
                 "refit": "refit: threshold on val, refit on train+val → test"}[protocol]
        print(f"\n{title}\n{'seed':>6} {'system':9}{'t':>6}{'val in':>9}{'test in':>9}"
              f"{'test oos':>9}  verdict")
        for y in SYSTEMS:
            rows = [(s, res[(s, y)]) for s in seeds if res[(s, y)] and protocol in res[(s, y)]]
            for s, r in rows:
                ft = res[(s, "fasttext")]
                ft = ft.get(protocol) if ft and y != "fasttext" else None
                print(f"{s:>6} {y:9}{r['t']:6.2f}{r['val_in']:9.4f}{r[protocol][0]:9.4f}"
                      f"{r[protocol][1]:9.4f}  {verdict(r[protocol], ft)}")
            if len(rows) == len(seeds):
                mean = tuple(sum(r[protocol][i] for _, r in rows) / len(rows) for i in (0, 1))
                ft_rows = [res[(s, "fasttext")] for s in seeds]
                ft_mean = None
                if y != "fasttext" and all(f and protocol in f for f in ft_rows):
                    ft_mean = tuple(sum(f[protocol][i] for f in ft_rows) / len(ft_rows)
                                    for i in (0, 1))
                print(f"{'mean':>6} {y:9}{'':6}{sum(r['val_in'] for _, r in rows) / len(rows):9.4f}"
                      f"{mean[0]:9.4f}{mean[1]:9.4f}  {verdict(mean, ft_mean)}")


if __name__ == "__main__":
    main()
