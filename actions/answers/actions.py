"""The one generic answer action: predicted intent (= topic id) -> knowledge base entry."""

import re
from typing import List, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.activities.actions import resume_offer
from actions.answers.feedback import with_feedback
from actions.answers.review_actions import as_turn, review_reply
from actions.base import AnsweringAction, Events, Messages
from actions.content.loaded import KNOWLEDGE_BASE, renderer_for
from actions.conversation.menus import help_menu
from actions.escalation.actions import detail_added


class ActionAnswerTopic(AnsweringAction):
    """Answers the topic named by the latest intent and records it in the slot `topic`;
    mid-quiz or mid-walk-through it then offers to carry on."""

    def name(self) -> Text:
        return "action_answer_topic"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        added = detail_added(tracker)
        if added:
            return added  # a detail added to a concern just told: the route for both, not a topic
        messages, events = self._answer(tracker)
        answered = next((e["value"] for e in events if e.get("name") == "topic"), None)
        messages = with_feedback(messages, answered, tracker.get_slot("topic"))
        return messages + resume_offer(tracker), events

    def _answer(self, tracker: Tracker) -> Tuple[Messages, Events]:
        topic_id = (tracker.latest_message.get("intent") or {}).get("name")
        if topic_id not in KNOWLEDGE_BASE.topics:
            return [{"response": "not_understood"}], []
        # A case topic asked about one fact the review states, a question naming the review, or
        # a learning point by number: the review's own words (then, but for a case topic, its answer).
        from_review = review_reply(tracker)
        if topic_id == "glossary" and not from_review:
            return self._glossary(tracker)
        if from_review and not from_review.then_topic:
            return as_turn(from_review)
        said = renderer_for(tracker.get_slot("area")).topic(
            topic_id, tracker.get_slot("role"), not from_review
        )
        return (from_review.messages if from_review else []) + said, [SlotSet("topic", topic_id)]

    @staticmethod
    def _glossary(tracker: Tracker) -> Tuple[Messages, Events]:
        """A term with a topic of its own gets that topic; an unknown term says so;
        no term at all gets the glossary overview."""
        renderer = renderer_for(tracker.get_slot("area"))
        text = tracker.latest_message.get("text") or ""
        asked = list(tracker.get_latest_entity_values("term")) or asked_term(text)
        key = next(filter(None, (KNOWLEDGE_BASE.find_term(c) for c in (*asked, text))), None)
        if key is None and not asked:  # the glossary itself ("what acronyms do you know?")
            return renderer.topic("glossary", tracker.get_slot("role")), [SlotSet("topic", "glossary")]
        if key is None:
            return renderer.unknown_term() + help_menu(), [SlotSet("topic", "glossary")]
        term = KNOWLEDGE_BASE.glossary[key]
        if term.own_topic:
            return (renderer.term_topic(key, tracker.get_slot("role")), [SlotSet("topic", term.topic)])
        return renderer.glossary_term(key), [SlotSet("topic", "glossary")]


# "what does X stand for / mean", "define X": the term asked about, when the entity
# extractor (a lookup table of known terms) found none - so an unknown term is said
# to be unknown rather than answered with the glossary overview.
ASKED = re.compile(
    r"\bwhat (?:does|do|is|are|'s)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:stand for|mean|short for)\b"
    r"|\b(?:define|meaning of)\s+(?:an?\s+|the\s+)?(.+?)\s*\??$",
    re.I,
)
NOT_A_TERM = {"that", "this", "it", "acronym", "acronyms", "term", "terms", "glossary", "these", "those"}


def asked_term(text: str) -> List[str]:
    match = ASKED.search(text.strip())
    term = next((g for g in match.groups() if g), "").strip(" ?.!'\"") if match else ""
    return [term] if term and term.lower() not in NOT_A_TERM and len(term.split()) <= 4 else []
