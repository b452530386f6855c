"""The examples an evaluation runs on: training lines (for the baseline) and held-out lines."""

import re
from pathlib import Path
from typing import Dict, List, Set, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[2]
HELDOUT_FILES = [ROOT / "tests" / "nlu" / "heldout.yml", ROOT / "tests" / "nlu" / "heldout_interactive.yml"]
ENTITY = re.compile(r"\[([^\]]+)\]\((\w+)(?::[^)]*)?\)|\[([^\]]+)\]\{[^}]*\}")


def strip_entities(text: str) -> str:
    """'what does [MASH](term) mean', '[EDT](term:eds)', '[x]{"entity": ...}' -> the plain words."""
    return ENTITY.sub(lambda m: m.group(1) or m.group(3), text)


def read_examples(path: Path) -> List[Tuple[str, str]]:
    """(intent, text) for every example of a Rasa NLU YAML file, entity annotations removed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for block in data.get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                if line.strip().startswith("- "):
                    pairs.append((block["intent"], strip_entities(line.strip()[2:].strip())))
    return pairs


def domain_intents(domain_file: Path = ROOT / "domain.yml") -> Set[str]:
    intents = (yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}).get("intents", [])
    return {intent if isinstance(intent, str) else next(iter(intent)) for intent in intents}


def training_examples(nlu_dir: Path = ROOT / "data" / "nlu") -> List[Tuple[str, str]]:
    return [pair for path in sorted(nlu_dir.glob("*.yml")) for pair in read_examples(path)]


def heldout_examples(intents: Set[str]) -> Tuple[List[Tuple[str, str]], Dict[str, int]]:
    """Held-out (intent, text) whose intent the bot has (or out_of_scope); and what was skipped."""
    kept, skipped = [], {}
    for path in HELDOUT_FILES:
        if path.exists():
            for intent, text in read_examples(path):
                if intent in intents or intent == "out_of_scope":
                    kept.append((intent, text))
                else:
                    skipped[intent] = skipped.get(intent, 0) + 1
    return kept, skipped
