"""Where the practitioner works, a route to a person, and the summary: thin rasa-sdk adapters
over actions/conversation/areas.py and actions/answers/summary.py."""

from typing import Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.answers.summary import summary_text
from actions.base import AnsweringAction, Events, Messages
from actions.content.loaded import AREAS, CONTACTS, ESCALATION, PROMPTS, RULES, renderer_for
from actions.conversation.areas import choose_area, local_numbers


class ActionSetArea(AnsweringAction):
    """ "I work in Sampleton" / an area button: stores the slot `area` (matched against
    local_contacts.yml), or offers the configured areas as buttons."""

    def name(self) -> Text:
        return "action_set_area"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        named = next(tracker.get_latest_entity_values("area"), None)
        text = tracker.latest_message.get("text") or ""
        messages, area = choose_area(named, text, CONTACTS, AREAS, PROMPTS)
        return messages, ([SlotSet("area", area)] if area else [])


class ActionPersonContacts(AnsweringAction):
    """After the domain response utter_talk_to_person: the area's own numbers, if configured.
    Says nothing otherwise, and the action guard stays silent if this fails
    (rasa_plugins/server/action_guard.py: OPTIONAL_ACTIONS), so the answer never gets worse."""

    def name(self) -> Text:
        return "action_person_contacts"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        area = tracker.get_slot("area")
        contacts = CONTACTS.get(area)
        names = CONTACTS.names()
        example = names[0] if len(names) > 1 and not CONTACTS.default_area else None
        return local_numbers(contacts, PROMPTS, example), []


class ActionSummary(AnsweringAction):
    """ "Summarise this": the topics of this conversation (its own tracker), never the user's words."""

    def name(self) -> Text:
        return "action_summary"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        words = PROMPTS.summary
        renderer = renderer_for(tracker.get_slot("area"))
        text = summary_text(tracker.events, renderer, ESCALATION, RULES, words)
        if text is None:
            return [{"text": words.nothing_yet}], []
        return [{"text": text, "summary": True}], []
