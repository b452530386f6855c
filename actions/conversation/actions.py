"""The turns around the answers: the opening notice, roles, the help menu, "did you mean"."""

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.passages import quoted
from actions.answers.review_actions import as_turn, review_reply
from actions.base import AnsweringAction, Events, Messages, previous_action
from actions.content.loaded import AREAS, KNOWLEDGE_BASE, PASSAGE_SETTINGS, PASSAGES, renderer_for
from actions.content.nlu_settings import fallback_threshold
from actions.conversation import menus
from actions.conversation.area_actions import ActionSetArea, area_change
from actions.conversation.areas import area_in_message
from actions.escalation.actions import detail_added


class ActionSessionStart(Action):
    """Says the opening notice once per session, before the first answer."""

    def name(self) -> Text:
        return "action_session_start"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events: List[Dict[Text, Any]] = [SessionStarted()]
        if domain.get("session_config", {}).get("carry_over_slots_to_new_session", True):
            events += [
                SlotSet(name, value)
                for name, value in tracker.slots.items()
                if value is not None and name != "session_started_metadata"
            ]
        dispatcher.utter_message(response="opening_notice")
        return events + [ActionExecuted("action_listen")]


class ActionSetRole(AnsweringAction):
    """Confirms the role (the slot is filled from the entity by Rasa), or asks for it."""

    def name(self) -> Text:
        return "action_set_role"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        roles = KNOWLEDGE_BASE.roles
        role = tracker.get_slot("role")
        if not next(tracker.get_latest_entity_values("role"), None) or role not in roles.roles:
            if area_in_message(tracker.latest_message.get("text") or "", AREAS):  # "I work in Sampleton"
                return ActionSetArea().respond(tracker)
            return menus.role_picker(roles.prompts.pick), []
        text = roles.prompts.confirmed.format(label=roles.label(role))
        # "I'm a GP in Sampleton": the area too (only from such a self-description).
        area_messages, area_events = area_change(tracker)
        topic = tracker.get_slot("topic")
        if topic in KNOWLEDGE_BASE.topics:
            title = roles.prompts.your_view.format(title=KNOWLEDGE_BASE.topics[topic].title)
            confirmed = {"text": text, "buttons": [{"title": title, "payload": f"/{topic}"}]}
            return [confirmed, *area_messages], area_events
        return [{"text": text}, *area_messages], area_events


class ActionHelpMenu(AnsweringAction):
    """ "help" shows the topic groups; a group button shows its topics."""

    def name(self) -> Text:
        return "action_help_menu"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        if (tracker.latest_message.get("intent") or {}).get("name") == "help_group":
            text = tracker.latest_message.get("text") or ""
            return menus.help_group(next(tracker.get_latest_entity_values("group"), None), text), []
        return menus.help_menu(), []


class ActionDidYouMean(AnsweringAction):
    """Below the confidence threshold: offer the likeliest topics; a second miss in a row
    points to the help menu and the safeguarding lead."""

    def name(self) -> Text:
        return "action_did_you_mean"

    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        messages, events = self._respond(tracker)
        if danger_cue(tracker):
            messages = menus.danger_first() + messages  # a sign of danger: the 999 line leads
        return messages, events

    def _respond(self, tracker: Tracker) -> Tuple[Messages, Events]:
        added = detail_added(tracker)
        if added:
            return added  # "she's 3 months, not rolling yet" after a concern: the route for both
        ranking = tracker.latest_message.get("intent_ranking") or []
        if next(tracker.get_latest_entity_values("role"), None):
            # "actually I'm a health visitor" said unclearly: the role is set all the same; and
            # when the message was more than a role ("I'm a GP, worried about a bruised baby"),
            # the likeliest topics are still offered.
            messages, events = ActionSetRole().respond(tracker)
            readings = [r.get("name") for r in ranking if r.get("name") not in ("nlu_fallback", "tell_area")]
            if not readings or readings[0] == "tell_role":
                return messages, events
            return messages + menus.did_you_mean(ranking) + quoted_passages(tracker), events
        pair = close_pair(ranking)
        if pair:
            # Two related readings, both plausible: answer the better, offer the other.
            better, other = pair
            return (
                renderer_for(tracker.get_slot("area")).topic(better, tracker.get_slot("role"))
                + menus.or_did_you_mean(other),
                [SlotSet("topic", better)],
            )
        from_review = None if danger_cue(tracker) else review_reply(tracker)
        if from_review:  # "what did the review say about the comms message?": its own words
            return as_turn(from_review)
        if previous_action(tracker) == self.name():
            return menus.second_miss(), []
        return menus.did_you_mean(ranking) + quoted_passages(tracker), []


def danger_cue(tracker: Tracker) -> bool:
    return bool(((tracker.latest_message or {}).get("danger") or {}).get("cue"))


# Never quoted: a child in danger now gets the 999 answer, and out of scope is declined.
NO_PASSAGES = {"emergency", "out_of_scope"}


def quoted_passages(tracker: Tracker) -> List[dict]:
    """Up to two passages of the review or the guide that match the question, quoted as
    written with their sources, after the "did you mean" buttons (none for a weak match)."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    text = tracker.latest_message.get("text") or ""
    if intent in NO_PASSAGES or not text.strip() or text.startswith("/"):
        return []
    return quoted(PASSAGES.search(text), PASSAGE_SETTINGS)


# Both readings must reach the FallbackClassifier's threshold.
CLOSE_PAIR_MIN_CONFIDENCE = fallback_threshold()


def close_pair(ranking: list) -> Optional[Tuple[str, str]]:
    """The two best readings when both are answerable topics that clear the threshold and
    were refused only for being too close to call (the ambiguity rule)."""
    readings = [r for r in ranking if r.get("name") != "nlu_fallback"][:2]
    if len(readings) < 2 or any(r.get("confidence", 0) < CLOSE_PAIR_MIN_CONFIDENCE for r in readings):
        return None
    names = [r["name"] for r in readings]
    if not all(n in KNOWLEDGE_BASE.topics and n not in ("glossary", "emergency") for n in names):
        return None
    return names[0], names[1]
