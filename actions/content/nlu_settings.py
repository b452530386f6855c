"""Settings of the NLU pipeline that the actions must agree with, read from config.yml (their one source)."""

from typing import Any, Dict

import yaml

from actions.content.knowledge_base import ROOT

CONFIG = ROOT / "config.yml"


def _component(name: str) -> Dict[str, Any]:
    pipeline = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["pipeline"]
    return next(c for c in pipeline if c["name"] == name)


def fallback_threshold() -> float:
    """Below this confidence the NLU says nlu_fallback (FallbackClassifier's `threshold`)."""
    return float(_component("FallbackClassifier")["threshold"])
