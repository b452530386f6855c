"""Choose the fallback threshold and ambiguity margin by cross-validation on the training data only.

The held-out sets stay unseen: each of 5 folds trains the classifier (config.yml's
pipeline without the FallbackClassifier and EmergencyGuard, so the raw ranking is
kept) on the other four, parses its own lines, and every (threshold, ambiguity)
pair is replayed on those rankings by the bot's own decision rule
(`thresholds.decide`). Scored on the contract topics and out-of-scope lines.
"""

import asyncio
import logging
import random
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, List, Tuple

import yaml
from launcher import LOGS, QUIET, RASA

from nlu_eval import scoring, thresholds
from nlu_eval.datasets import ROOT

GUARDS = ("FallbackClassifier", "rasa_plugins.nlu.emergency_guard.EmergencyGuard")
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
AMBIGUITY = (0.0, 0.05, 0.1)


def _lines(block: dict) -> List[str]:
    return [line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- ")]


def _folds(nlu_dir: Path, folds: int) -> Tuple[List[dict], List[List[Tuple[str, str]]]]:
    """(blocks that are not intents: lookups, regexes, synonyms), and intent examples dealt into folds."""
    other, dealt = [], [[] for _ in range(folds)]
    rng = random.Random(42)
    by_intent: Dict[str, List[str]] = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            if "intent" in block:
                by_intent.setdefault(block["intent"], []).extend(_lines(block))
            else:
                other.append(block)
    for intent, lines in sorted(by_intent.items()):
        rng.shuffle(lines)
        for i, line in enumerate(lines):
            dealt[i % folds].append((intent, line))
    return other, dealt


def _write_nlu(path: Path, other: List[dict], examples: List[Tuple[str, str]]) -> None:
    grouped: Dict[str, List[str]] = {}
    for intent, line in examples:
        grouped.setdefault(intent, []).append(line)
    blocks = [
        {"intent": i, "examples": "".join(f"- {line}\n" for line in lines)} for i, lines in grouped.items()
    ]
    path.write_text(
        yaml.safe_dump({"version": "3.1", "nlu": blocks + other}, sort_keys=False, allow_unicode=True)
    )


def _raw_config(path: Path) -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config["pipeline"] = [step for step in config["pipeline"] if step["name"] not in GUARDS]
    path.write_text(yaml.safe_dump(config, sort_keys=False))


async def _rankings(model: Path, texts: List[str]) -> List[List[Tuple[str, float]]]:
    import sys

    from rasa.core.agent import Agent

    if str(ROOT) not in sys.path:  # the model names the project's own components (rasa_plugins.nlu.*)
        sys.path.insert(0, str(ROOT))

    agent = Agent.load(str(model))
    out = []
    for text in texts:
        parsed = await agent.parse_message(text)
        out.append([(r["name"], r["confidence"]) for r in parsed["intent_ranking"]])
    return out


def run(topics: set, folds: int = 5) -> Dict:
    logging.getLogger("rasa").setLevel(logging.ERROR)
    other, dealt = _folds(ROOT / "data" / "nlu", folds)
    expected, rankings = [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _raw_config(work / "config.yml")
        for k in range(folds):
            nlu = work / f"fold{k}"
            nlu.mkdir()
            _write_nlu(nlu / "nlu.yml", other, [e for j, fold in enumerate(dealt) if j != k for e in fold])
            with (LOGS / "eval-cv-sweep.log").open("a") as log:
                subprocess.run(
                    [
                        "nice",
                        "-n",
                        "10",
                        RASA,
                        "train",
                        "nlu",
                        "--config",
                        str(work / "config.yml"),
                        "--nlu",
                        str(nlu),
                        "--out",
                        str(nlu),
                        "--fixed-model-name",
                        "m",
                    ],
                    cwd=ROOT,
                    env=QUIET,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    check=True,
                )
            held = [(i, t) for i, t in dealt[k] if i in topics or i == scoring.OUT_OF_SCOPE]
            expected += [i for i, _ in held]
            rankings += asyncio.run(_rankings(nlu / "m.tar.gz", [t for _, t in held]))
            print(f"    fold {k + 1}/{folds}: {len(held)} lines", flush=True)
    rows = []
    limits = thresholds.pipeline_thresholds()
    for value in THRESHOLDS:
        for margin in AMBIGUITY:
            rule = {**limits, "threshold": value, "ambiguity_threshold": margin}
            decided = [thresholds.decide(r, rule) for r in rankings]
            result = scoring.score(
                zip(expected, (thresholds.answered_topic(d, topics) for d in decided), strict=True)
            )
            rows.append(
                {
                    "threshold": value,
                    "ambiguity": margin,
                    **{
                        k: result[k]
                        for k in (
                            "topic_accuracy",
                            "out_of_scope_rejection",
                            "emergency_recall",
                            "emergency_false_alarms",
                            "all_correct",
                        )
                    },
                }
            )
    best = max(rows, key=lambda r: (r["emergency_recall"], r["all_correct"]))
    return {"folds": folds, "lines": len(expected), "rows": rows, "best": best}
