"""Follow-ups on the last topic answered (slot `topic`): more, next steps, sources,
out of hours, why it mattered for Luke, and another role's view."""

from typing import Dict, Optional, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import AnsweringAction, Events, Messages
from actions.content.loaded import KNOWLEDGE_BASE, renderer_for
from actions.conversation import menus

# intent -> the Renderer method that answers it (on the renderer of the user's area)
FOLLOW_UPS: Dict[str, str] = {
    "more_detail": "more",
    "next_steps": "next_steps",
    "show_sources": "sources",
    "why_luke": "why_luke",
    "out_of_hours_followup": "out_of_hours",
}


def last_topic(tracker: Tracker) -> Optional[str]:
    topic = tracker.get_slot("topic")
    return topic if topic in KNOWLEDGE_BASE.topics else None


class ActionFollowUp(AnsweringAction):
    def name(self) -> Text:
        return "action_follow_up"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        topic = last_topic(tracker)
        if topic is None:
            return menus.which_topic(), []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        renderer = renderer_for(tracker.get_slot("area"))
        messages = getattr(renderer, FOLLOW_UPS.get(intent, "more"))(topic)
        if messages is None:  # no out-of-hours advice of its own: the EDS answer
            topic = "eds_escalation"
            messages = renderer.topic(topic, tracker.get_slot("role"))
        return messages, [SlotSet("topic", topic)]


class ActionRoleView(AnsweringAction):
    """ "What about for nursery staff?": that role's note, the stored role unchanged."""

    def name(self) -> Text:
        return "action_role_view"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        topic = last_topic(tracker)
        if topic is None:
            return menus.which_topic(), []
        role = next(tracker.get_latest_entity_values("role"), None)
        if role is None:
            return menus.role_picker(KNOWLEDGE_BASE.roles.prompts.pick_view, intent="role_view"), []
        return renderer_for(tracker.get_slot("area")).role_view(topic, role), [SlotSet("topic", topic)]
