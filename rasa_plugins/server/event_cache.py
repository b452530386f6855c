"""The current session's stored events per conversation, kept by each Rasa server between turns.

Rasa 3.6 reads and JSON-decodes every event of the session again on every turn, so a turn
costs more the longer the conversation (docs/BENCHMARKS.md). Here each server keeps what it
read, with the conversation's newest event id and row count; a turn asks the database for
those two numbers first (one indexed query) and reads only the rows added since, by this
server or another. Anything else - a new session, a purge, a row that appeared out of id
order - reads the session whole, as Rasa does. What is kept is what is stored: masked.

Setting, from the environment: TRACKER_CACHE_CONVERSATIONS, how many conversations one
server keeps (default 1000; 0 turns the cache off).
"""

import json
import os
from collections import OrderedDict
from typing import Any, Dict, List, NamedTuple, Optional

import sqlalchemy as sa
from rasa.shared.core.events import SessionStarted

DEFAULT_CONVERSATIONS = 1000


class Kept(NamedTuple):
    newest: int  # id of the conversation's newest row when read
    rows: int  # the conversation's rows (all sessions) when read
    events: List[Dict[str, Any]]  # the current session's events, as stored


class EventCache:
    """Used by MaskingSQLTrackerStore.retrieve: `events(store, sender_id)` gives what Rasa's
    `SQLTrackerStore._retrieve` would decode, reading only what changed."""

    def __init__(self, size: Optional[int] = None) -> None:
        raw = os.environ.get("TRACKER_CACHE_CONVERSATIONS", "").strip()
        self.size = size if size is not None else int(raw) if raw else DEFAULT_CONVERSATIONS
        self.kept: "OrderedDict[str, Kept]" = OrderedDict()

    def events(self, store: Any, sender_id: str) -> List[Dict[str, Any]]:
        table = store.SQLEvent
        mine = table.sender_id == sender_id
        with store.session_scope() as session:
            newest, rows = session.query(sa.func.max(table.id), sa.func.count(table.id)).filter(mine).one()
            kept = self.kept.pop(sender_id, None)
            if newest is None:
                return []
            events = None
            if kept and (kept.newest, kept.rows) == (newest, rows):
                events = kept.events
            elif kept and newest > kept.newest:
                added = session.query(table.data).filter(mine, table.id > kept.newest, table.id <= newest)
                new = [json.loads(data) for (data,) in added.order_by(table.id)]
                if kept.rows + len(new) == rows and all(
                    e.get("event") != SessionStarted.type_name for e in new
                ):
                    events = kept.events + new
            if events is None:
                events = self.whole_session(store, session, sender_id, newest)
        if self.size > 0:
            self.kept[sender_id] = Kept(newest, rows, events)
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return events

    @staticmethod
    def whole_session(store: Any, session: Any, sender_id: str, newest: int) -> List[Dict[str, Any]]:
        """Rasa's own query: the latest session, every event."""
        query = store._event_query(session, sender_id, fetch_events_from_all_sessions=False)
        return [json.loads(row.data) for row in query.filter(store.SQLEvent.id <= newest)]
