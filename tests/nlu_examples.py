"""Reads NLU example files: the training data and the held-out set."""

import re
from pathlib import Path
from typing import Dict, Iterable, List

from paths import ROOT, load_yaml

ENTITY = re.compile(r"\[([^\]]+)\]\((\w+)(?::\w+)?\)")


def examples(path: Path) -> Dict[str, List[str]]:
    """intent -> example lines, as written (entity annotations kept)."""
    found: Dict[str, List[str]] = {}
    for block in load_yaml(path).get("nlu", []):
        if "intent" in block:
            lines = [line[2:].strip() for line in block["examples"].splitlines() if line.strip()]
            found.setdefault(block["intent"], []).extend(lines)
    return found


def merged(paths: Iterable[Path]) -> Dict[str, List[str]]:
    result: Dict[str, List[str]] = {}
    for path in paths:
        for intent, lines in examples(path).items():
            result.setdefault(intent, []).extend(lines)
    return result


def plain(text: str) -> str:
    """The words of an example, annotations and punctuation removed, lower case."""
    return " ".join(re.sub(r"[^\w\s]", " ", ENTITY.sub(r"\1", text).lower()).split())


TRAINING = merged(sorted((ROOT / "data" / "nlu").glob("*.yml")))
HELDOUT = examples(ROOT / "tests" / "nlu" / "heldout.yml")
# The interactive topics' held-out lines: used once the domain has those intents.
HELDOUT_INTERACTIVE = examples(ROOT / "tests" / "nlu" / "heldout_interactive.yml")
# Phrasings beside the new topics that must keep their old intent (999 for danger now).
NEIGHBOURS = examples(ROOT / "tests" / "nlu" / "neighbours.yml")
