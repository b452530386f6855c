"""'Was this helpful?' under a topic answer, and the optional reasons after a 'no'.

Feedback is a user turn like any other (a button payload, or typed), so the masking
SQL tracker store keeps it with the conversation and it survives restarts. The topic
it is about travels in the payload's entities (`topic`, with `helpful` or `reason`),
so `make review` reads everything back from the stored events alone. The words are
in knowledge_base/prompts.yml (`feedback`); the adapter is feedback_actions.py.
"""

import json
import re
from typing import Dict, List, Optional

from actions.content.loaded import PROMPTS

Message = Dict[str, object]

# Typed feedback without a button ("that wasn't helpful"): any of these makes it a "no".
NEGATIVE = re.compile(
    r"\b(not|no|never|didn't|didnt|wasn't|wasnt|isn't|unhelpful|useless|wrong|confusing)\b", re.I
)


def payload(intent: str, **entities: str) -> str:
    """'/feedback{"helpful":"no","topic":"section_47"}': the intent and entities, no NLU."""
    return f"/{intent}{json.dumps(entities, separators=(',', ':'))}"


def ask(topic_id: str) -> Message:
    """The question and its two buttons. `feedback` is data for the web page, which shows
    the pair small, as thumbs; REST clients get the text and the buttons."""
    words = PROMPTS.feedback
    return {
        "text": words.question,
        "buttons": [
            {"title": words.yes_button, "payload": payload("feedback", helpful="yes", topic=topic_id)},
            {"title": words.no_button, "payload": payload("feedback", helpful="no", topic=topic_id)},
        ],
        "feedback": {"topic": topic_id, "kind": "helpful"},
    }


def reasons(topic_id: str) -> Message:
    """After a 'no': what was wrong, as buttons (optional - any question just goes on)."""
    words = PROMPTS.feedback
    buttons = [
        {"title": title, "payload": payload("feedback_reason", reason=reason, topic=topic_id)}
        for reason, title in words.reasons.items()
    ]
    return {"text": words.ask_reason, "buttons": buttons, "feedback": {"topic": topic_id, "kind": "reason"}}


def with_feedback(messages: List[Message], topic_id: Optional[str], previous: Optional[str]) -> List[Message]:
    """The question after a topic answer, once per topic: not when the same topic is answered
    again (follow-ups never ask), and not under a reply that is no answer (no source)."""
    answered = any("sources" in message for message in messages)
    if topic_id is None or topic_id == previous or not answered:
        return messages
    return messages + [ask(topic_id)]


def helpful(said: Optional[str], text: str) -> str:
    """'yes' or 'no': the button's entity, else read from the typed words."""
    if said in ("yes", "no"):
        return said
    return "no" if NEGATIVE.search(text) else "yes"
