"""Paths and shared fixtures for all tests."""

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The topic ids are a contract kept in shared/product/topics.yml; the repo carries
# a copy so that a clone on its own can be tested (tests/unit checks they agree).
CONTRACT = ROOT / "docs" / "contract" / "topics.yml"
SHARED_CONTRACT = ROOT.parent / "shared" / "product" / "topics.yml"
INTERACTIVE_TOPICS = {"escalation_helper", "training_scenario", "quiz"}


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="session")
def contract_topics() -> dict:
    return load_yaml(CONTRACT)["topics"]


@pytest.fixture(scope="session")
def answered_topics(contract_topics) -> list:
    """Topic ids that the knowledge base answers (all but the interactive ones)."""
    return sorted(set(contract_topics) - INTERACTIVE_TOPICS)


@pytest.fixture(scope="session")
def kb():
    from actions.knowledge_base import load_knowledge_base

    return load_knowledge_base()
