"""A conversation's tracker kept between turns and handed to each turn as a copy.

Rasa 3.6 rebuilds the tracker on every turn by turning each stored event of the session
back into an object and replaying it (`DialogueStateTracker.from_dict`): 12 ms for a
100-turn conversation here, growing with it. The event cache (event_cache.py) already
knows which stored events are new since the last turn; here the tracker built from the
stored events is kept, the new events are replayed onto it, and each turn gets a copy
(`copy_of`) that shares the (never changed) event objects but not the state a turn
changes: the event list, the slots, the active loop. What is kept is built from stored,
masked events only, exactly as `from_dict` would build it (tests/unit/test_tracker_copy.py).
"""

import copy
from collections import deque
from typing import Any, Dict, List, Optional

from rasa.shared.core import events as rasa_events
from rasa.shared.core.trackers import DialogueStateTracker

# Every attribute of a Rasa 3.6 tracker, and how a copy gets it. A Rasa that adds one fails
# tests/unit/test_tracker_copy.py until it is placed here.
SHARED = {  # values a turn replaces, never changes in place
    "_max_event_history",
    "sender_id",
    "sender_source",
    "is_rule_tracker",
    "_paused",
    "followup_action",
    "latest_message",
    "latest_bot_utterance",
    "model_id",
    "assistant_id",
}
COPIED = {"events", "slots", "active_loop", "latest_action"}


def copy_of(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """A tracker equal to `tracker` that a turn can change without changing `tracker`."""
    copied = copy.copy(tracker)
    copied.events = deque(tracker.events, tracker.events.maxlen)
    slots = type(tracker.slots)()
    slots.update({name: copy.copy(slot) for name, slot in tracker.slots.items()})
    copied.slots = slots
    copied.active_loop = copy.copy(tracker.active_loop)
    copied.latest_action = copy.copy(tracker.latest_action)
    return copied


def build(sender_id: str, events: List[Dict[str, Any]], slots: Any) -> DialogueStateTracker:
    """What Rasa's SQL store builds from the stored events (`from_dict`)."""
    return DialogueStateTracker.from_dict(sender_id, events, slots)


def extend(tracker: DialogueStateTracker, added: List[Dict[str, Any]]) -> DialogueStateTracker:
    """`tracker` with the stored events `added` replayed onto it, as `from_dict` replays them."""
    for event in rasa_events.deserialise_events(added):
        tracker.update(event)
    return tracker


def kept_copy(kept: Optional[DialogueStateTracker]) -> Optional[DialogueStateTracker]:
    return None if kept is None else copy_of(kept)
