"""A rasa_sdk Tracker as the action server receives it, for driving actions in unit tests."""

from typing import Iterable, Optional, Tuple

from rasa_sdk import Tracker


def make_tracker(
    intent: str = "",
    text: str = "",
    entities: Iterable[Tuple[str, str]] = (),
    slots: Optional[dict] = None,
    events: Iterable[dict] = (),
    ranking: Iterable[Tuple[str, float]] = (),
    active_loop: Optional[str] = None,
    confidence: float = 0.9,
) -> Tracker:
    """The latest message (intent, text, entities as (entity, value) pairs, ranking), the slots
    (topic and role unset unless given) and the history before it."""
    message = {
        "intent": {"name": intent, "confidence": confidence},
        "text": text,
        "entities": [{"entity": entity, "value": value} for entity, value in entities],
    }
    if ranking:
        message["intent_ranking"] = [{"name": name, "confidence": c} for name, c in ranking]
    return Tracker(
        sender_id="test",
        slots={"role": None, "topic": None, **(slots or {})},
        latest_message=message,
        events=list(events),
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )
