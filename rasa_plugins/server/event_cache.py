"""The current session's stored events per conversation, kept by each Rasa server between turns.

Rasa 3.6 reads and JSON-decodes every event of the session again on every turn, so a turn
costs more the longer the conversation (docs/BENCHMARKS.md). Here each server keeps what it
read, with the conversation's newest event id and row count; a turn asks the database for
those two numbers first (one indexed query) and reads only the rows added since, by this
server or another. Anything else - a new session, a purge, a row that appeared out of id
order - reads the session whole, as Rasa does. What is kept is what is stored: masked.
Each server also keeps the tracker built from those events and replays only the new ones
onto it; a turn gets a copy (tracker_copy.py), so the replay of the whole session is gone too.

Settings, from the environment: TRACKER_CACHE_EVENTS, how many stored events one server keeps
in all (default 15000, about 100-150 MB: memory follows the events kept, not the
conversations - about 200 conversations of 10 turns, or 20 of 100); TRACKER_CACHE_CONVERSATIONS, how many
conversations at most (default 1000; 0 turns the cache off). The least recently used
conversation goes first; one read again later costs one whole read, as in Rasa.
"""

import json
import os
from collections import OrderedDict
from typing import Any, Dict, List, NamedTuple, Optional

import sqlalchemy as sa
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.server import tracker_copy, tracker_states

DEFAULT_CONVERSATIONS = 1000
DEFAULT_EVENTS = 15_000


def _setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


class Kept(NamedTuple):
    newest: int  # id of the conversation's newest row when read
    rows: int  # the conversation's rows (all sessions) when read
    events: List[Dict[str, Any]]  # the current session's events, as stored
    tracker: Optional[DialogueStateTracker] = None  # built from `events`; never handed out itself
    slots: Any = None  # the domain's slots it was built with


class EventCache:
    """Used by MaskingSQLTrackerStore.retrieve: `events(store, sender_id)` gives what Rasa's
    `SQLTrackerStore._retrieve` would decode, and `tracker(store, sender_id, slots)` a copy of
    the tracker Rasa would build from them, each reading and replaying only what changed."""

    def __init__(self, size: Optional[int] = None, events: Optional[int] = None) -> None:
        self.size = (
            size if size is not None else _setting("TRACKER_CACHE_CONVERSATIONS", DEFAULT_CONVERSATIONS)
        )
        self.budget = events if events is not None else _setting("TRACKER_CACHE_EVENTS", DEFAULT_EVENTS)
        self.kept: "OrderedDict[str, Kept]" = OrderedDict()
        self.events_kept = 0  # the sum of len(kept.events) over `kept`

    def events(self, store: Any, sender_id: str) -> List[Dict[str, Any]]:
        return self._fetch(store, sender_id, None).events

    def tracker(self, store: Any, sender_id: str, domain: Any) -> Optional[DialogueStateTracker]:
        """A copy of the session's tracker (tracker_copy.py), None when nothing is stored. The
        kept tracker's states are brought up to date first (tracker_states.py)."""
        kept = self._fetch(store, sender_id, domain.slots)
        if not kept.events:
            return None
        tracker_states.prime(kept.tracker, domain)
        return tracker_copy.kept_copy(kept.tracker)

    def _fetch(self, store: Any, sender_id: str, slots: Any) -> Kept:
        table = store.SQLEvent
        mine = table.sender_id == sender_id
        with store.session_scope() as session:
            newest, rows = session.query(sa.func.max(table.id), sa.func.count(table.id)).filter(mine).one()
            kept = self.kept.pop(sender_id, None)
            if kept is not None:
                self.events_kept -= len(kept.events)
            if newest is None:
                return Kept(0, 0, [])
            events, added = None, None
            if kept and (kept.newest, kept.rows) == (newest, rows):
                events, added = kept.events, []
            elif kept and newest > kept.newest:
                query = session.query(table.data).filter(mine, table.id > kept.newest, table.id <= newest)
                new = [json.loads(data) for (data,) in query.order_by(table.id)]
                if kept.rows + len(new) == rows and all(
                    e.get("event") != SessionStarted.type_name for e in new
                ):
                    events, added = kept.events + new, new
            if events is None:
                events = self.whole_session(store, session, sender_id, newest)
        tracker, built_with = None, None
        if slots is not None and events:
            if added is not None and kept.tracker is not None and kept.slots is slots:
                tracker = tracker_copy.extend(kept.tracker, added)
            else:
                tracker = tracker_copy.build(sender_id, events, slots)
            built_with = slots
        elif slots is None and added == []:  # read without slots, nothing new: keep what was built
            tracker, built_with = kept.tracker, kept.slots
        found = Kept(newest, rows, events, tracker, built_with)
        if self.size > 0 and len(events) <= self.budget:
            self.kept[sender_id] = found
            self.events_kept += len(events)
            while len(self.kept) > self.size or self.events_kept > self.budget:
                self.events_kept -= len(self.kept.popitem(last=False)[1].events)
        return found

    @staticmethod
    def whole_session(store: Any, session: Any, sender_id: str, newest: int) -> List[Dict[str, Any]]:
        """Rasa's own query: the latest session, every event."""
        query = store._event_query(session, sender_id, fetch_events_from_all_sessions=False)
        return [json.loads(row.data) for row in query.filter(store.SQLEvent.id <= newest)]
