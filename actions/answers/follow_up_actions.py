"""Follow-ups on the last topic answered (slot `topic`): more, next steps, sources,
out of hours, why it mattered for Luke, and another role's view."""

from typing import Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.answers.render import Message
from actions.base import AnsweringAction, Events, Messages
from actions.content.loaded import KNOWLEDGE_BASE, RENDERER
from actions.conversation import menus

FOLLOW_UPS: Dict[str, Callable[[str], Optional[List[Message]]]] = {
    "more_detail": RENDERER.more,
    "next_steps": RENDERER.next_steps,
    "show_sources": RENDERER.sources,
    "why_luke": RENDERER.why_luke,
    "out_of_hours_followup": RENDERER.out_of_hours,
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
        messages = FOLLOW_UPS.get(intent, RENDERER.more)(topic)
        if messages is None:  # no out-of-hours advice of its own: the EDS answer
            topic = "eds_escalation"
            messages = RENDERER.topic(topic, tracker.get_slot("role"))
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
        return RENDERER.role_view(topic, role), [SlotSet("topic", topic)]
