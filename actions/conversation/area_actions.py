"""Where the practitioner works, a route to a person, and the summary: thin rasa-sdk adapters
over actions/conversation/areas.py and actions/answers/summary.py."""

from typing import Optional, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.answers.summary import summary_text
from actions.base import AnsweringAction, Events, Messages
from actions.content.loaded import AREAS, CONTACTS, ESCALATION, KNOWLEDGE_BASE, PROMPTS, RULES, renderer_for
from actions.conversation.areas import about_areas, choose_area, local_numbers, self_described_area


def role_end(message: dict) -> Optional[int]:
    """Where the role the user gave themselves ends (the role detector's entity), if any."""
    return next(
        (
            e.get("end")
            for e in message.get("entities") or []
            if e.get("entity") == "role" and e.get("extractor") == "RoleDetector"
        ),
        None,
    )


def area_said(tracker: Tracker) -> Optional[str]:
    """The configured area the latest message says the user works in, by the rule of
    self_described_area (actions/conversation/areas.py); None when none, or when only one
    area is configured (it is always that one)."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    if len(CONTACTS.names()) < 2 or not text or text.startswith("/"):
        return None
    return self_described_area(text, AREAS, role_end(message))


def area_change(tracker: Tracker) -> Tuple[Messages, Events]:
    """The confirmation and the slot when the latest message self-describes an area other
    than the one stored; nothing otherwise."""
    area = area_said(tracker)
    if not area or area == tracker.get_slot("area"):
        return [], []
    messages, chosen = choose_area(area, "", CONTACTS, AREAS, PROMPTS)
    return messages, ([SlotSet("area", chosen)] if chosen else [])


def role_confirmation(tracker: Tracker) -> Messages:
    """ "Thanks - I'll show the GP view first" when the latest message gave the user's role."""
    roles = KNOWLEDGE_BASE.roles
    role = tracker.get_slot("role")
    if role_end(tracker.latest_message or {}) is None or role not in roles.roles:
        return []
    return [{"text": roles.prompts.confirmed.format(label=roles.label(role))}]


class ActionSetArea(AnsweringAction):
    """ "I work in Sampleton" / an area button: stores the slot `area` (matched against
    local_contacts.yml), or offers the configured areas as buttons."""

    def name(self) -> Text:
        return "action_set_area"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        named = next(tracker.get_latest_entity_values("area"), None)
        text = tracker.latest_message.get("text") or ""
        if (
            not named
            and text
            and not text.startswith("/")
            and not about_areas(text, role_end(tracker.latest_message))
        ):
            # A question that only names a place ("I'm worried about a bruised baby in Camden"),
            # taken for tell_area: treated as not understood - the likeliest topics, the 999
            # line and quoted passages - never an area list instead of help.
            from actions.conversation.actions import ActionDidYouMean  # that module imports this one

            return ActionDidYouMean().respond(tracker)
        messages, area = choose_area(
            named, text, CONTACTS, AREAS, PROMPTS, role_end(tracker.latest_message or {})
        )
        # "I'm a health visitor working in Exampleshire": the role is stored (from its
        # entity, by Rasa) as well as the area, so both are confirmed.
        return role_confirmation(tracker) + messages, ([SlotSet("area", area)] if area else [])


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
