"""The NLU safety net: a plausible emergency always becomes the emergency intent."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from rasa_plugins.nlu.emergency_guard import EmergencyGuard

GUARD = EmergencyGuard({"intent": "emergency", "threshold": 0.3})


def classified(top: str, top_confidence: float, emergency: float) -> Message:
    ranking = [{"name": top, "confidence": top_confidence}, {"name": "emergency", "confidence": emergency}]
    if top == "nlu_fallback":
        ranking.insert(1, {"name": "deny", "confidence": 0.45})
    return Message(data={"text": "x", "intent": dict(ranking[0]), "intent_ranking": ranking})


@pytest.mark.parametrize(
    "top, confidence, emergency, expected",
    [
        ("nlu_fallback", 0.5, 0.31, "emergency"),  # unsure, but maybe a child in danger
        ("nai_injuries", 0.6, 0.35, "emergency"),  # another reading scores higher
        ("nai_injuries", 0.9, 0.05, "nai_injuries"),  # no real sign of an emergency
        ("nlu_fallback", 0.5, 0.2, "nlu_fallback"),
    ],
)
def test_guard(top, confidence, emergency, expected):
    message = GUARD.process([classified(top, confidence, emergency)])[0]
    assert message.get("intent")["name"] == expected
    assert message.get("intent_ranking")[0]["name"] == expected


def test_guard_leaves_messages_without_a_ranking_alone():
    message = Message(data={"text": "/section_17", "intent": {"name": "section_17", "confidence": 1.0}})
    assert GUARD.process([message])[0].get("intent")["name"] == "section_17"
