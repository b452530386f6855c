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
"""

import os
from typing import Any, Dict, List

import rasa
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

DEFAULT_TURNS = 3
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


def action_call_format(action: Any, tracker: DialogueStateTracker, domain: Any, turns: int) -> Dict[str, Any]:
    """Rasa 3.6's `RemoteAction._action_call_format` with the events cut to the recent turns."""
    state = tracker.current_state(EventVerbosity.NONE)  # slots, latest_message, loop, ...: all of it
    whole = turns <= 0 or action.name() in WHOLE_SESSION_ACTIONS
    state["events"] = [
        event.as_dict() for event in (tracker.events if whole else recent_events(tracker, turns))
    ]
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
    return result
