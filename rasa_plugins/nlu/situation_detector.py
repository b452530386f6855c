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


# When the reader's words find no concern, the meaning may: the topic the classifier (with the
# sentence embedding) hears, or any cue of danger in the message (the concern then unclear,
# which the rules send to a referral while the helper asks what it is).
TOPIC_CONCERNS = {
    "nai_injuries": "injury",
    "existing_injury_records": "injury",
    "paediatrician_strategy": "injury",
    "child_disclosure": "disclosure",
    "invisible_men": "adult",
    "key_adults": "adult",
}
UNCLEAR = "unknown"


def concern_hint(ranking: List[Dict[str, Any]], danger: Dict[str, Any]):
    """The concern the classifier's top topic names (ignoring its non-topic readings), else
    "unknown" when the message holds a cue of danger, else None."""
    topics = [r for r in ranking if r.get("name") not in KEEP | {"describe_situation", "nlu_fallback"}]
    if topics and topics[0].get("name") in TOPIC_CONCERNS:
        return TOPIC_CONCERNS[topics[0]["name"]]
    return UNCLEAR if danger.get("cue") else None


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
            hint = concern_hint(ranking, message.get("danger") or {})
            facts = read(text, self.clock)
            if describes_situation(text, facts, hint):
                if hint and facts.esc_concern is None:
                    message.set("situation_concern", hint, add_to_output=True)
                chosen = {"name": self.intent, "confidence": self.confidence}
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [chosen] + others, add_to_output=True)
            elif current == self.intent:
                # The classifier heard a situation the reader cannot find: its next reading.
                chosen = dict(others[0]) if others else {"name": "nlu_fallback", "confidence": 0.0}
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, others, add_to_output=True)
        return messages
