"""Safety net after the FallbackClassifier: a child in danger now always gets "call 999".

Two independent nets, so that one missing an emergency cannot lose it:
- the red-flag list (red_flags.yml: reviewed words, each with why), matched on
  the text whatever the classifier says;
- the classifier's own `emergency` score, anywhere in the ranking, at `threshold`.
Both give way to context that plainly says "not now" - the past, learning, a
hypothetical, or a child safe with the user - unless the message also speaks of
now or of a threat still to come ("when she gets home tonight"). A medical red
flag is never calmed by "safe". The cost of a false alarm is one extra reply; the
cost of a miss could be a child's life.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

FLAGS_FILE = Path(__file__).with_name("red_flags.yml")


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


@dataclass(frozen=True)
class Flag:
    id: str
    medical: bool
    patterns: Tuple["re.Pattern", ...]


class RedFlags:
    """The reviewed list and its context words, compiled once."""

    def __init__(self, path: Path = FLAGS_FILE) -> None:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        self.flags = [
            Flag(f["id"], bool(f.get("medical")), tuple(re.compile(p) for p in f["patterns"]))
            for f in data["flags"]
        ]
        self.context = {
            key: [re.compile(p) for p in data[key]] for key in ("calm", "safe", "resolved", "now", "future")
        }

    def _says(self, key: str, text: str) -> bool:
        return any(p.search(text) for p in self.context[key])

    def flag(self, text: str) -> Optional[Flag]:
        return next((f for f in self.flags if any(p.search(text) for p in f.patterns)), None)

    def verdict(self, text: str, classifier_says_emergency: bool) -> Tuple[bool, Optional[str]]:
        """(emergency now?, the red flag's id if one matched)."""
        text = normalise(text)
        flag = self.flag(text)
        if not flag and not classifier_says_emergency:
            return False, None
        reason = flag.id if flag else None
        now = self._says("now", text)
        if self._says("resolved", text) and not now:
            return False, reason
        if self._says("future", text):
            return True, reason
        if self._says("safe", text) and not (flag and flag.medical):
            return False, reason
        if self._says("calm", text) and not now:
            return False, reason
        return True, reason


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyGuard(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # threshold: the classifier's emergency score that counts as an emergency;
        # calmed_threshold: below it, a calmed message gets "did you mean", not a guess.
        return {"intent": "emergency", "threshold": 0.3, "calmed_threshold": 0.2}

    def __init__(self, config: Dict[Text, Any], flags: Optional[RedFlags] = None) -> None:
        self.intent = config["intent"]
        self.threshold = config["threshold"]
        self.calmed_threshold = config.get("calmed_threshold", 0.2)
        self.flags = flags or RedFlags()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EmergencyGuard:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload says exactly what was meant
            ranking = message.get(INTENT_RANKING_KEY) or []
            scored = next((r for r in ranking if r.get("name") == self.intent), None)
            current = (message.get(INTENT) or {}).get("name")
            by_classifier = current == self.intent or bool(scored and scored["confidence"] >= self.threshold)
            emergency, flag = self.flags.verdict(text, by_classifier)
            if emergency and current != self.intent:
                chosen = {
                    "name": self.intent,
                    "confidence": max(scored["confidence"] if scored else 0.0, 0.5),
                }
                message.set(INTENT, chosen, add_to_output=True)
                message.set(
                    INTENT_RANKING_KEY,
                    [chosen] + [r for r in ranking if r.get("name") != self.intent],
                    add_to_output=True,
                )
            elif not emergency and current == self.intent:
                # Calmed by context: the next reading if it is a fair guess, else "did you mean".
                rest = [r for r in ranking if r.get("name") not in (self.intent, "nlu_fallback")]
                if rest and rest[0]["confidence"] >= self.calmed_threshold:
                    chosen = dict(rest[0])
                else:
                    chosen = {"name": "nlu_fallback", "confidence": self.calmed_threshold}
                message.set(INTENT, chosen, add_to_output=True)
                message.set(
                    INTENT_RANKING_KEY,
                    [chosen] + [r for r in rest if r["name"] != chosen["name"]],
                    add_to_output=True,
                )
            if flag:
                message.set("red_flag", flag, add_to_output=True)
        return messages
