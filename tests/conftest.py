"""Shared fixtures for all tests."""

import sys

import pytest

from paths import CONTRACT, INTERACTIVE_TOPICS, ROOT, load_yaml

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "evaluation"))


@pytest.fixture(scope="session")
def contract_topics() -> dict:
    return load_yaml(CONTRACT)["topics"]


@pytest.fixture(scope="session")
def answered_topics(contract_topics) -> list:
    """Topic ids that the knowledge base answers (all but the interactive ones)."""
    return sorted(set(contract_topics) - INTERACTIVE_TOPICS)


@pytest.fixture(scope="session")
def kb():
    from actions.content.knowledge_base import load_knowledge_base

    return load_knowledge_base()
