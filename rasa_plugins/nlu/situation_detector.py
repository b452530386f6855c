"""After the emergency guard: a message that tells a situation becomes `describe_situation`.

Practitioners describe situations; the topic classifier only knows topics. When the
situation reader (situation/) finds a concern about a particular child, the message is
answered with the route its facts give (the escalation helper, started with those
facts), and the topic the classifier chose stays in the ranking to be offered beside it.
Danger now always wins: the guard has already made that the `emergency` intent, which
this component never touches. The classifier's own `describe_situation` reading (it has
a few training lines) is kept only when the reader agrees.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from situation.clock import OfficeHours
from situation.detect import describes_situation
from situation.reader import read

# Intents whose words are commands or answers to an activity, never a situation to route.
KEEP = {
    "emergency",
    "stop",
    "resume",
    "quiz",
    "training_scenario",
    "choose",
    "tell_area",
    "escalation_helper",
}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SituationDetector(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"intent": "describe_situation", "confidence": 0.9}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.intent = config["intent"]
        self.confidence = config["confidence"]
        self.clock = OfficeHours()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SituationDetector:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            current = (message.get(INTENT) or {}).get("name")
            if (
                not text.strip()
                or text.startswith("/")
                or current in KEEP
                or current
                and current.startswith("walkthrough_")
            ):
                continue
            ranking = message.get(INTENT_RANKING_KEY) or []
            others = [r for r in ranking if r.get("name") != self.intent]
            if describes_situation(text, read(text, self.clock)):
                chosen = {"name": self.intent, "confidence": self.confidence}
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [chosen] + others, add_to_output=True)
            elif current == self.intent:
                # The classifier heard a situation the reader cannot find: its next reading.
                chosen = dict(others[0]) if others else {"name": "nlu_fallback", "confidence": 0.0}
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, others, add_to_output=True)
        return messages
