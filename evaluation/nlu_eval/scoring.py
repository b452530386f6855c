"""One scoring function for the bot and the baseline, so both are judged alike.

A prediction is the topic that got answered (the `topic` slot after the turn), or
None when no topic was answered (fallback, out of scope, chit-chat).
"""

from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Optional, Tuple

OUT_OF_SCOPE = "out_of_scope"
EMERGENCY = "emergency"

Pair = Tuple[str, Optional[str]]  # (expected intent, answered topic or None)


def _share(hits: int, total: int) -> Optional[float]:
    return round(hits / total, 3) if total else None


def score(pairs: Iterable[Pair]) -> Dict:
    """Topic accuracy, out-of-scope rejection, emergency recall, per-intent hits and the misses.

    - topic accuracy: share of topic messages answered with exactly their topic;
    - out-of-scope rejection: share of out-of-scope messages that got no topic;
    - emergency recall: share of emergency messages answered as `emergency`;
    - emergency false alarms: non-emergency messages answered as `emergency`;
    - all correct: share of all messages handled right (topic answered, or out of scope declined).
    """
    per_intent = defaultdict(lambda: [0, 0])
    confusions: Counter = Counter()
    false_alarms = 0
    for expected, predicted in pairs:
        correct = predicted is None if expected == OUT_OF_SCOPE else predicted == expected
        per_intent[expected][0] += correct
        per_intent[expected][1] += 1
        if not correct:
            confusions[(expected, predicted or "(no topic)")] += 1
        false_alarms += expected != EMERGENCY and predicted == EMERGENCY
    topics = [v for k, v in per_intent.items() if k != OUT_OF_SCOPE]
    oos = per_intent.get(OUT_OF_SCOPE, [0, 0])
    emergency = per_intent.get(EMERGENCY, [0, 0])
    return {
        "topic_accuracy": _share(sum(c for c, _ in topics), sum(t for _, t in topics)),
        "topic_messages": sum(t for _, t in topics),
        "out_of_scope_rejection": _share(*oos),
        "out_of_scope_messages": oos[1],
        "emergency_recall": _share(*emergency),
        "emergency_false_alarms": false_alarms,
        "all_correct": _share(sum(c for c, _ in per_intent.values()), sum(t for _, t in per_intent.values())),
        "per_intent": {k: {"correct": c, "total": t} for k, (c, t) in sorted(per_intent.items())},
        "confusions": [{"expected": e, "predicted": p, "count": n} for (e, p), n in confusions.most_common()],
    }


def macro_f1(expected: List[str], predicted: List[str]) -> Dict:
    """Per-label precision/recall/F1 and their macro average over the expected labels."""
    labels = sorted(set(expected))
    report = {}
    for label in labels:
        tp = sum(e == p == label for e, p in zip(expected, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_true = sum(e == label for e in expected)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_true if n_true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[label] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1-score": round(f1, 3),
            "support": n_true,
        }
    macro = sum(r["f1-score"] for r in report.values()) / len(report) if report else 0.0
    return {"macro_f1": round(macro, 3), "per_intent": report}
