"""Exactly once: a message sent again with the same client `message_id` (a retry after a
failover, a page that resends) gets the replies stored for it, not a second turn.

Rasa 3.6 gives every UserMessage a message_id and stores it with the user event, but
neither its REST nor its socket.io channel takes one from the client, and nothing
looks at it again. Here the turn runs as `Agent.handle_message` runs it, inside the
conversation's lock, after a look in the tracker store for that id: a retry that
arrives while the first copy is still being processed, on any server, waits for it
and then finds it. A turn is stored in one transaction at its end (Rasa's SQL store),
so the id is either stored with its whole turn or not at all.
"""

import json
import re
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered

# Client ids: letters, digits and ":.-" (a UUID fits); no LIKE wildcards for the SQL lookup.
MESSAGE_ID = re.compile(r"^[A-Za-z0-9:.-]{1,64}$")


def client_message_id(value: Any) -> Optional[Text]:
    """The client's message_id if it is a usable one, None when absent; ValueError when malformed."""
    if value is None:
        return None
    if not isinstance(value, str) or not MESSAGE_ID.match(value):
        raise ValueError("message_id must be 1-64 letters, digits or :.-")
    return value


def starts_session(event: Dict[Text, Any]) -> bool:
    """The session start action, whose events (the opening notice) come before the first message."""
    return event.get("event") == ActionExecuted.type_name and event.get("name") == ACTION_SESSION_START_NAME


def replies_in(events: List[Dict[Text, Any]], message_id: Text) -> Optional[List[Dict[Text, Any]]]:
    """The bot events the user got for message `message_id` (the session's opening notice too,
    when that message started the session), from event dicts; None if it is not there."""
    replies, opening = None, None
    for event in events:
        kind = event.get("event")
        if kind == UserUttered.type_name:
            if replies is not None:
                break
            if event.get("message_id") == message_id:
                replies = opening or []
            opening = None
        elif starts_session(event):
            if replies is not None:
                break
            opening = []
        elif kind == BotUttered.type_name:
            if replies is not None:
                replies.append(event)
            elif opening is not None:
                opening.append(event)
    return replies


async def stored_replies(tracker_store: Any, sender_id: Text, message_id: Text) -> Optional[list]:
    """One indexed query on our SQL store; any other store: the whole conversation read and searched."""
    store = getattr(tracker_store, "_tracker_store", tracker_store)  # inside Rasa's FailSafeTrackerStore
    if hasattr(store, "turn_events"):
        return replies_in(await store.turn_events(sender_id, message_id), message_id)
    tracker = await store.retrieve_full_tracker(sender_id)
    return replies_in([event.as_dict() for event in tracker.events] if tracker else [], message_id)


async def handle_message(agent: Any, message: UserMessage) -> None:
    """Agent.handle_message, once per message_id: a repeat gets the stored replies again."""
    if not agent.is_ready():
        return
    async with agent.lock_store.lock(message.sender_id):
        replies = await stored_replies(agent.tracker_store, message.sender_id, message.message_id)
        if replies is None:
            await agent.processor.handle_message(message)
            return
        for reply in replies:
            bot = Event.from_parameters(reply)
            await message.output_channel.send_response(message.sender_id, bot.message())


def like_pattern(message_id: Text) -> Text:
    """What a stored user event's JSON holds for this id (json.dumps' default separators)."""
    return f"%{json.dumps({'message_id': message_id})[1:-1]}%"
