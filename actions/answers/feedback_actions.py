"""The feedback adapter: thanks for a 'yes'; after a 'no', the reasons; thanks for a reason."""

from typing import Optional, Text, Tuple

from rasa_sdk import Tracker

from actions.answers import feedback
from actions.base import AnsweringAction, Events, Messages
from actions.content.loaded import KNOWLEDGE_BASE, PROMPTS


def about(tracker: Tracker) -> Optional[str]:
    """The topic the feedback is about: the payload's, else the last one answered (typed)."""
    topic = next(tracker.get_latest_entity_values("topic"), None) or tracker.get_slot("topic")
    return topic if topic in KNOWLEDGE_BASE.topics else None


class ActionFeedback(AnsweringAction):
    """Intents `feedback` and `feedback_reason`. Sets nothing: the user turn itself, with its
    entities, is the record (`make review` reads it)."""

    def name(self) -> Text:
        return "action_feedback"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        words = PROMPTS.feedback
        topic = about(tracker)
        if topic is None:
            return [{"text": words.no_topic}], []
        if (tracker.latest_message.get("intent") or {}).get("name") == "feedback_reason":
            return [{"text": words.thanks_reason}], []
        said = next(tracker.get_latest_entity_values("helpful"), None)
        if feedback.helpful(said, tracker.latest_message.get("text") or "") == "yes":
            return [{"text": words.thanks_yes}], []
        return [feedback.reasons(topic)], []
