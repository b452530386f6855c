"""5-fold cross-validation of the bot's NLU with Rasa's own `rasa test nlu --cross-validation`.

It trains the pipeline once per fold (several minutes): run it niced. Its log goes
to logs/eval-cv.log; the reports Rasa writes are read back from the output folder.
"""

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Dict

from launcher import LOGS, QUIET, RASA, ROOT

NOT_INTENTS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def run_rasa_cross_validation(out: Path, folds: int = 5) -> None:
    LOGS.mkdir(exist_ok=True)
    with (LOGS / "eval-cv.log").open("w") as log:
        subprocess.run(
            [
                "nice",
                "-n",
                "10",
                RASA,
                "test",
                "nlu",
                "--cross-validation",
                "--folds",
                str(folds),
                "--config",
                "config.yml",
                "--nlu",
                "data/nlu",
                "--out",
                str(out),
                "--no-plot",
            ],
            cwd=ROOT,
            env=QUIET,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )


def read_report(out: Path, top_confusions: int = 10) -> Dict:
    """Macro-F1 over the trained intents, per-intent P/R/F1, and the most confused pairs.

    Macro-F1 averages over intents that have test examples: `nlu_fallback` has none
    (it is only ever predicted), and counting it would pull the average down by a
    label nobody wrote.
    """
    report = json.loads((out / "intent_report.json").read_text())
    per_intent = {
        name: {
            k: round(v, 3) if isinstance(v, float) else v
            for k, v in values.items()
            if k in ("precision", "recall", "f1-score", "support")
        }
        for name, values in report.items()
        if name not in NOT_INTENTS and isinstance(values, dict) and values.get("support", 0) > 0
    }
    errors_file = out / "intent_errors.json"
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    pairs = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    return {
        "macro_f1": round(sum(v["f1-score"] for v in per_intent.values()) / len(per_intent), 3),
        "accuracy": round(report.get("accuracy", 0.0), 3),
        "per_intent": per_intent,
        "confused_pairs": [
            {"expected": e, "predicted": p, "count": n} for (e, p), n in pairs.most_common(top_confusions)
        ],
    }
