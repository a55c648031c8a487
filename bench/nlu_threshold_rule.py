"""The bench's out-of-scope threshold rule, shared by the NLU experiment scripts (stdlib only).

A system's out-of-scope threshold is one uniform value from GRID (the thresholds
`nlu eval --tune` tries). On a tuning set it is the one with the best in-scope accuracy among
those whose out-of-scope recall reaches 60 % at a 95 % one-sided Wilson lower bound
(`nlu eval --tune-min-oos-recall 0.6 --tune-confidence 0.95`, bench/nlu_clinc150.sh); the
"plain" variant asks only for a measured recall of 60 %. A message is said out of scope when
the out-of-scope class beats the best intent or the best intent's probability is below the
threshold.

Rows are `nlu eval --dump` lines: {"text", "gold", "probabilities": {label: p}}.
"""
import json
import math

OOS = "out_of_scope"
GRID = [i / 100 for i in range(100)]
MIN_RECALL = 0.6
Z_95_ONE_SIDED = 1.6448536269514722


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def wilson_lower_bound(p, n, z=Z_95_ONE_SIDED):
    if n == 0:
        return 0.0
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z2 / n))


def decide(gold, p):
    """(gold, best intent, its probability, out_of_scope class wins) for one message."""
    best = max((l for l in p if l != OOS), key=p.__getitem__)
    return (gold, best, p[best], p.get(OOS, 0.0) > p[best])


def decisions(rows):
    return [decide(r["gold"], r["probabilities"]) for r in rows]


def point(scored, t):
    """(in-scope accuracy, out-of-scope recall, number of out-of-scope messages) at threshold t."""
    n_in = in_right = n_oos = oos_right = 0
    for gold, best, conf, oos_wins in scored:
        said_oos = oos_wins or conf < t
        if gold == OOS:
            n_oos += 1
            oos_right += said_oos
        else:
            n_in += 1
            in_right += (not said_oos) and best == gold
    return in_right / max(n_in, 1), oos_right / max(n_oos, 1), n_oos


def tune(scored, wilson=True):
    """(threshold, in-scope accuracy there) by the rule; (None, -1.0) when no threshold passes."""
    best_t, best_acc = None, -1.0
    for t in GRID:
        acc, recall, n_oos = point(scored, t)
        ok = wilson_lower_bound(recall, n_oos) >= MIN_RECALL if wilson else recall >= MIN_RECALL
        if ok and acc > best_acc:
            best_t, best_acc = t, acc
    return best_t, best_acc


def best_on_curve(scored):
    """Best in-scope accuracy at ≥ 60 % recall anywhere on the curve (an upper bound, not a rule)."""
    return max((a for a, r, _ in (point(scored, t) for t in GRID) if r >= MIN_RECALL), default=0.0)
