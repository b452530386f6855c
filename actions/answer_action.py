"""The one generic answer action: predicted intent (= topic id) -> knowledge base entry."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import KnowledgeBaseError, load_knowledge_base
from actions.local_contacts import load_local_contacts
from actions.render import Renderer

# Loaded at import, so a broken knowledge base stops the action server at start-up
# (exit status 1) with one line naming the file and field, not a traceback.
try:
    KNOWLEDGE_BASE = load_knowledge_base()
    RENDERER = Renderer(KNOWLEDGE_BASE, load_local_contacts())
except KnowledgeBaseError as error:
    raise SystemExit(f"The action server cannot start: {error}") from None


class ActionAnswerTopic(Action):
    """Answers the topic named by the latest intent and records it in the slot `topic`."""

    def name(self) -> Text:
        return "action_answer_topic"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic_id = (tracker.latest_message.get("intent") or {}).get("name")
        if topic_id not in KNOWLEDGE_BASE.topics:
            dispatcher.utter_message(response="utter_default")
            return []
        if topic_id == "glossary":
            messages = self._glossary(tracker)
        else:
            messages = RENDERER.topic(topic_id, tracker.get_slot("role"))
        for message in messages:
            dispatcher.utter_message(**message)
        return [SlotSet("topic", topic_id)]

    @staticmethod
    def _glossary(tracker: Tracker) -> List[Dict[Text, Any]]:
        """Defines the asked-for term; the entity first, else any known term in the text."""
        asked = list(tracker.get_latest_entity_values("term"))
        text = tracker.latest_message.get("text") or ""
        for candidate in (*asked, text):
            key = KNOWLEDGE_BASE.find_term(candidate)
            if key:
                return RENDERER.glossary_term(key)
        return RENDERER.topic("glossary", tracker.get_slot("role"))
