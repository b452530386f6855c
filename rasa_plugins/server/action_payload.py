"""What the Rasa server sends the action server: the recent turns, not the whole session.

Rasa 3.6 sends every custom-action call the whole tracker, every event of the session
serialised to JSON (`RemoteAction._action_call_format`, `EventVerbosity.ALL`), and the
action server decodes it all again: in a 100-turn conversation about 1 MB a call, a
third of the Rasa server's busy time and half the action server's (docs/BENCHMARKS.md).
The actions read the slots, `latest_message` and the active loop, which are sent whole
as Rasa sends them, and only the latest few events: rasa-sdk's forms read the slot
events at the end (`slots_to_validate`) and the latest user event's channel; our
actions read back at most to the message before the latest one (actions/base.py,
actions/escalation/situation.py). So each call gets the events from the user message
`ACTION_HISTORY_TURNS` messages back (default 3) to the end, and the actions that read
the whole session (`WHOLE_SESSION_ACTIONS`: the summary of the conversation) get every
event as before. tests/unit/test_action_payload.py holds the actions to that contract.

Setting, from the environment: ACTION_HISTORY_TURNS, how many user messages back each
call's events reach (default 3; 0 sends every event of the session, as Rasa does).

The body is still 40-50 KB a call (a form runs two or three calls a turn), and encoding it
to JSON was the largest single cost of a call. Most of it repeats from call to call: the
domain (the same object every time) and the events (the same objects, sent again while
they are among the recent turns). `encode` writes the same text `json.dumps` writes, with
the domain's and each event's JSON text kept from their first call (the action guard's
endpoint hands it to aiohttp as the session's JSON writer). An event's text is reused only
while its timestamp and metadata object are the ones it was written with (Rasa changes an
event after it is made only there: a form's events get new timestamps when they join the
tracker). ACTION_PAYLOAD_CHECK=1 writes every body both ways and sends `json.dumps`'s,
logging any difference (for test runs).
"""

import json
import logging
import os
import uuid
from typing import Any, Dict, List, Optional, Sequence

import rasa
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

logger = logging.getLogger(__name__)

DEFAULT_TURNS = 3
CHECK = os.environ.get("ACTION_PAYLOAD_CHECK", "").strip() == "1"
_NONCE = uuid.uuid4().hex  # stand-ins no message can contain, replaced by the kept text
EVENTS_MARK = f"events-placeholder-{_NONCE}"
DOMAIN_MARK = f"domain-placeholder-{_NONCE}"
EVENT_TEXT = "_action_call_json"  # the attribute an event keeps its text in
_domain_text: List[Any] = [None, ""]  # [the domain's dict, its JSON text]
# Actions that read every event of the session: they get the whole session, as Rasa sends it.
WHOLE_SESSION_ACTIONS = frozenset({"action_summary"})


def history_turns() -> int:
    raw = os.environ.get("ACTION_HISTORY_TURNS", "").strip()
    if not raw:
        return DEFAULT_TURNS
    if not raw.isdigit():
        raise ValueError(f"ACTION_HISTORY_TURNS must be a whole number (0 = every event), not {raw!r}")
    return int(raw)


def recent_events(tracker: DialogueStateTracker, turns: int) -> List[Event]:
    """The events from the `turns`-th latest user message to the end (all of them when there
    are fewer such messages, or `turns` is 0). Reads back only as far as it keeps."""
    events = tracker.events
    if turns <= 0:
        return list(events)
    seen, start = 0, 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == turns:
                start = index
                break
    if start == 0:
        return list(events)
    return [events[i] for i in range(start, len(events))]


class ActionBody(dict):
    """Rasa's request body, exactly as Rasa builds it, with the event objects its "events"
    came from (for `encode`)."""

    __slots__ = ("event_objects",)

    def __init__(self, body: Dict[str, Any], event_objects: Optional[Sequence[Event]]) -> None:
        super().__init__(body)
        self.event_objects = event_objects


def action_call_format(action: Any, tracker: DialogueStateTracker, domain: Any, turns: int) -> Dict[str, Any]:
    """Rasa 3.6's `RemoteAction._action_call_format` with the events cut to the recent turns."""
    state = tracker.current_state(EventVerbosity.NONE)  # slots, latest_message, loop, ...: all of it
    whole = turns <= 0 or action.name() in WHOLE_SESSION_ACTIONS
    sent = list(tracker.events) if whole else recent_events(tracker, turns)
    state["events"] = [event.as_dict() for event in sent]
    result = {
        "next_action": action.name(),
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
    }
    if not action._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        action.name()
    ):
        result["domain"] = domain.as_dict()
    return ActionBody(result, sent)


def _event_text(event: Event) -> str:
    """json.dumps(event.as_dict()), kept on the event while it is unchanged."""
    key = (event.timestamp, id(event.metadata))
    kept = event.__dict__.get(EVENT_TEXT)
    if kept is not None and kept[0] == key:
        return kept[1]
    text = json.dumps(event.as_dict())
    event.__dict__[EVENT_TEXT] = (key, text)
    return text


def _domain_json(data: Any) -> str:
    if _domain_text[0] is not data:  # Rasa's Domain.as_dict() is the same dict every time
        _domain_text[:] = [data, json.dumps(data)]
    return _domain_text[1]


def _spliced(body: ActionBody) -> Optional[str]:
    state, events = body.get("tracker"), body.event_objects
    if events is None or not isinstance(state, dict) or len(state.get("events") or ()) != len(events):
        return None
    outline = dict(body)  # the same keys in the same order, two values stood in for
    outline["tracker"] = {**state, "events": EVENTS_MARK}
    if "domain" in body:
        outline["domain"] = DOMAIN_MARK
    text = json.dumps(outline)
    parts = [(EVENTS_MARK, lambda: "[" + ", ".join(_event_text(e) for e in events) + "]")]
    if "domain" in body:
        parts.append((DOMAIN_MARK, lambda: _domain_json(body["domain"])))
    for mark, written in parts:
        quoted = json.dumps(mark)
        if text.count(quoted) != 1:
            return None
        text = text.replace(quoted, written())
    return text


def encode(value: Any) -> str:
    """What json.dumps(value) writes; an ActionBody from kept pieces (see the module's doc)."""
    text = _spliced(value) if isinstance(value, ActionBody) else None
    if text is None:
        return json.dumps(value)
    if CHECK:
        plain = json.dumps(value)
        if text != plain:
            logger.error(
                "action_payload: the encoded body differs from json.dumps for %s", value.get("next_action")
            )
            return plain
    return text
