"""Safety net after the FallbackClassifier: a plausible emergency always wins.

A child in danger now must get "call 999", even when the classifier is unsure or
another intent scores higher. If `emergency` reaches `threshold` anywhere in the
ranking, the message becomes `emergency`; the cost of a false alarm is one extra
reply, the cost of a miss could be a child's life.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyGuard(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"intent": "emergency", "threshold": 0.3}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.intent = config["intent"]
        self.threshold = config["threshold"]

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
            ranking = message.get(INTENT_RANKING_KEY) or []
            emergency = next((r for r in ranking if r.get("name") == self.intent), None)
            current = (message.get(INTENT) or {}).get("name")
            if emergency and current != self.intent and emergency["confidence"] >= self.threshold:
                message.set(INTENT, dict(emergency), add_to_output=True)
                message.set(INTENT_RANKING_KEY, [dict(emergency)] + ranking, add_to_output=True)
        return messages
