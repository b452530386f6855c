"""Base class of the actions that answer: adds the privacy reminder when needed, and
sends each message the way its channel shows it best.

Any answer can follow a message that contains an NHS number, a phone number, an
email, a postcode or a date of birth; the user is reminded gently, once per such
message, and still gets their answer. (The details themselves are masked before
the conversation is stored: rasa_plugins/server/tracker_store.py.)
"""

from abc import abstractmethod
from typing import Any, Dict, Iterator, List, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.citations import for_channel
from actions.content.loaded import PROMPTS
from privacy.identifiers import find_identifiers

Messages = List[Dict[Text, Any]]
Events = List[Dict[Text, Any]]


def privacy_reminder(tracker: Tracker) -> Messages:
    kinds = find_identifiers(tracker.latest_message.get("text") or "")
    if not kinds:
        return []
    return [{"text": PROMPTS.privacy_reminder.format(kinds=", ".join(kinds))}]


def actions_newest_first(tracker: Tracker) -> Iterator[str]:
    """The names of the actions run so far, newest first (the one place that reads the history)."""
    for event in reversed(tracker.events):
        if event.get("event") == "action":
            yield event.get("name") or ""


def previous_action(tracker: Tracker) -> str:
    """The bot's last action before the latest user message ("" at the start)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") or ""
    return ""


def send(dispatcher: CollectingDispatcher, tracker: Tracker, messages: Messages) -> None:
    """Each message as the user's channel shows it best (source messages: see for_channel)."""
    channel = tracker.get_latest_input_channel()
    for message in messages:
        dispatcher.utter_message(**for_channel(message, channel))


class AnsweringAction(Action):
    """Subclasses return (messages, events) from `respond`; this sends them.
    (Abstract, so rasa-sdk does not register it as an action itself.)"""

    @abstractmethod
    def name(self) -> Text: ...

    @abstractmethod
    def respond(self, tracker: Tracker) -> Tuple[Messages, Events]: ...

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> Events:
        messages, events = self.respond(tracker)
        send(dispatcher, tracker, privacy_reminder(tracker) + messages)
        return events
