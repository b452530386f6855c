"""The bot's own decision rule after ranking intents, applied to any ranking (bot or baseline).

Mirrors config.yml's FallbackClassifier (threshold, ambiguity_threshold). The bot decides
danger now with its danger model (rasa_plugins/nlu/danger_model.py, measured by `make
eval-danger`), which a replay of classifier rankings cannot run; here the classifier's own
`emergency` reading anywhere in the ranking at EMERGENCY_SCORE stands in for it, for the bot's
cross-validation and the baseline alike.
"""

from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from nlu_eval.datasets import ROOT

FALLBACK = "nlu_fallback"
EMERGENCY_SCORE = 0.3


def pipeline_thresholds(config: Path = ROOT / "config.yml") -> Dict[str, float]:
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
    by_name = {step["name"].rsplit(".", 1)[-1]: step for step in pipeline}
    fallback = by_name.get("FallbackClassifier", {})
    return {
        "threshold": fallback.get("threshold", 0.3),
        "ambiguity_threshold": fallback.get("ambiguity_threshold", 0.1),
        "emergency_threshold": EMERGENCY_SCORE,
    }


def decide(ranking: List[Tuple[str, float]], thresholds: Dict[str, float]) -> str:
    """The intent the bot would act on, given (intent, confidence) pairs sorted best first."""
    emergency = next((c for name, c in ranking if name == "emergency"), 0.0)
    if emergency >= thresholds["emergency_threshold"]:
        return "emergency"
    top, confidence = ranking[0]
    second = ranking[1][1] if len(ranking) > 1 else 0.0
    if confidence < thresholds["threshold"] or confidence - second < thresholds["ambiguity_threshold"]:
        return FALLBACK
    return top


def answered_topic(intent: str, topics: set) -> Optional[str]:
    """The topic an intent gets answered with, or None (fallback, out of scope, chit-chat)."""
    return intent if intent in topics else None


def sweep(
    rankings_by_model: Dict[str, List[List[Tuple[str, float]]]],
    expected: List[str],
    topics: set,
    limits: Dict[str, float],
    values=(0.3, 0.4, 0.5, 0.6, 0.7),
) -> List[Dict]:
    """Replays the fallback threshold offline on stored rankings: what each value would have done."""
    from nlu_eval.scoring import score

    rows = []
    for value in values:
        row = {"threshold": value}
        for name, rankings in rankings_by_model.items():
            decided = [decide(r, {**limits, "threshold": value}) for r in rankings]
            result = score(zip(expected, (answered_topic(d, topics) for d in decided), strict=True))
            row[name] = {
                k: result[k] for k in ("topic_accuracy", "out_of_scope_rejection", "emergency_recall")
            }
        rows.append(row)
    return rows
