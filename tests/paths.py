"""Where things are, for all tests."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# The topic ids are a contract kept in shared/product/topics.yml; the repo carries
# a copy so that a clone on its own can be tested (tests/unit checks they agree).
CONTRACT = ROOT / "docs" / "contract" / "topics.yml"
SHARED_CONTRACT = ROOT.parent / "shared" / "product" / "topics.yml"
INTERACTIVE_TOPICS = {"escalation_helper", "training_scenario", "quiz"}

# Sealed sets v1-v15 are scored and train the danger and harm models (scripts/spent_sets.py 15);
# the later sealed sets and the development sets are measured, so never training lines.
SPENT_SETS = {f"v{n}" for n in range(1, 16)}


def measured_files() -> list:
    tests = ROOT / "tests"
    return [
        *tests.glob("sealed_v1[6-9]/*.yml"),
        *tests.glob("sealed_v[2-9][0-9]/*.yml"),
        *tests.glob("dev/**/*.yml"),
    ]


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


DOMAIN = ROOT / "domain.yml"


def load_domain() -> dict:
    return load_yaml(DOMAIN)
