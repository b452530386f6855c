"""What a topic needs besides its knowledge base file, and which topics lack it."""

from typing import Dict, List

import yaml

from actions.content.knowledge_base import ROOT, KnowledgeBase

CONTRACT = ROOT / "docs" / "contract" / "topics.yml"
NLU_DIR = ROOT / "data" / "nlu"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
ROLE_WORDS = ROOT / "rasa_plugins" / "nlu" / "role_words.yml"
INTERACTIVE = {"escalation_helper", "training_scenario", "quiz"}  # answered by their own actions
MIN_TRAINING_EXAMPLES = 25
MIN_HELDOUT_LINES = 8


def _example_counts(paths) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for path in paths:
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in block:
                lines = [line for line in block["examples"].splitlines() if line.strip().startswith("- ")]
                counts[block["intent"]] = counts.get(block["intent"], 0) + len(lines)
    return counts


def contract_topics() -> List[str]:
    return list(yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))["topics"])


def role_word_gaps(kb: KnowledgeBase) -> List[str]:
    """rasa_plugins/nlu/role_words.yml has words for every role of roles.yml, and no other keys."""
    words = yaml.safe_load(ROLE_WORDS.read_text(encoding="utf-8"))["roles"]
    where = ROLE_WORDS.relative_to(ROOT)
    problems = [
        f"role {r}: no words in {where} (how people name it)" for r in kb.roles.roles if not words.get(r)
    ]
    return problems + [
        f"{where}: '{r}' is not a role of knowledge_base/roles.yml" for r in words if r not in kb.roles.roles
    ]


def missing(kb: KnowledgeBase) -> List[str]:
    """One line per missing piece, naming the topic, the file and what to add."""
    contract = contract_topics()
    training = _example_counts(sorted(NLU_DIR.glob("*.yml")))
    heldout = _example_counts([HELDOUT])
    in_menu = {t for group in kb.menu.groups.values() for t in group.topics}
    problems = [
        f"{t}: knowledge_base/topics/{t}.yml is missing (copy a topic file and rewrite it)"
        for t in contract
        if t not in kb.topics and t not in INTERACTIVE
    ]
    problems += [
        f"{t}: not in docs/contract/topics.yml (topic ids come from the contract)"
        for t in kb.topics
        if t not in contract
    ]
    for t in contract:
        if t in INTERACTIVE:
            continue
        if training.get(t, 0) < MIN_TRAINING_EXAMPLES:
            problems.append(
                f"{t}: {training.get(t, 0)} training examples in data/nlu/ "
                f"(at least {MIN_TRAINING_EXAMPLES}, varied, written as practitioners ask)"
            )
        if heldout.get(t, 0) < MIN_HELDOUT_LINES:
            problems.append(
                f"{t}: {heldout.get(t, 0)} held-out lines in tests/nlu/heldout.yml "
                f"(at least {MIN_HELDOUT_LINES}, written by someone who has not read data/)"
            )
        if t not in in_menu:
            problems.append(f"{t}: in no group of knowledge_base/menu.yml")
    return problems + role_word_gaps(kb)
