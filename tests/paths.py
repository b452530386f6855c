"""Where things are, for all tests."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# The topic ids are a contract kept in shared/product/topics.yml; the repo carries
# a copy so that a clone on its own can be tested (tests/unit checks they agree).
CONTRACT = ROOT / "docs" / "contract" / "topics.yml"
SHARED_CONTRACT = ROOT.parent / "shared" / "product" / "topics.yml"
INTERACTIVE_TOPICS = {"escalation_helper", "training_scenario", "quiz"}


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


DOMAIN = ROOT / "domain.yml"


def load_domain() -> dict:
    return load_yaml(DOMAIN)
