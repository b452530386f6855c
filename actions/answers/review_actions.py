"""The action that answers a question about what the review itself states."""

from typing import Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.answers.review_reply import Reply, reply
from actions.base import AnsweringAction, Events, Messages
from actions.content.loaded import KNOWLEDGE_BASE, REVIEW_INDEX, REVIEW_SETTINGS


def review_reply(tracker: Tracker) -> Reply:
    """The review's answer to the latest message as the NLU read it (None: not one for the review)."""
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    ranking = tracker.latest_message.get("intent_ranking") or []
    readings = [r.get("name") for r in ranking if r.get("name") != "nlu_fallback"]
    return reply(text, intent, REVIEW_INDEX, KNOWLEDGE_BASE, REVIEW_SETTINGS, readings)


def as_turn(answer: Reply) -> Tuple[Messages, Events]:
    """Messages and events; the slot `topic` is set only when the review states the answer."""
    return answer.messages, ([SlotSet("topic", answer.topic)] if answer.topic else [])


class ActionAnswerReview(AnsweringAction):
    """ask_review: the review's own sentence(s) with where they stand, or "the review doesn't say"."""

    def name(self) -> Text:
        return "action_answer_review"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        answer = review_reply(tracker)
        return as_turn(answer)
