"""A SQL tracker store that masks identifying details before anything is written.

Configured in endpoints.yml (`type: rasa_plugins.server.tracker_store.MaskingSQLTrackerStore`,
same settings as Rasa's `SQL` store: SQLite by default, PostgreSQL when scaled
out). The conversation in memory keeps the raw text for the current turn, so the
question is still understood and answered; only what is stored is masked.

Only Rasa's public methods are overridden (`save`, `retrieve`): `save` hands
Rasa's own `save` a copy of the tracker whose new events are masked, and Rasa
stores the events after those already in the database, as it always does. The
events before that point are never written again, so they are masked only when
this store cannot tell where that point is (docs/UPGRADING.md).
`retrieve` gives what Rasa's would, reading only the rows added since the last turn
(event_cache.py). The session settings of the environment (SESSION_EXPIRATION_MINUTES,
SESSION_CARRY_OVER_SLOTS) are applied to the model's domain when Rasa hands it over
(sessions.py).

When the database is down (a PostgreSQL restart), Rasa's FailSafeTrackerStore, which
wraps every store, carries on with an empty conversation and keeps the turn in memory
only: the user gets an answer without context, and the turn is never stored. Here a
turn that could not read its conversation is never saved (that save would also
misplace events: Rasa appends after the count already stored), and every failure is
noted in the turn's `STORE_FAILURES`, so the REST channel sends the apology instead.
"""

import json
import sys
import weakref
from contextvars import ContextVar
from typing import Any, Dict, List, Optional, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from privacy.identifiers import mask
from rasa_plugins.server import exactly_once, sessions, sqlite_store, start
from rasa_plugins.server.event_cache import EventCache

# Set by the REST channel for each turn (guarded_rest.py): the database errors met in it.
STORE_FAILURES: ContextVar[Optional[list]] = ContextVar("store_failures", default=None)


class StoreUnavailable(Exception):
    """Not saved: the turn could not read its conversation from the database."""


def _note(error: Exception) -> None:
    failures = STORE_FAILURES.get()
    if failures is not None:
        failures.append(error)


# Keys whose values are identifiers of Rasa's own, never user text.
_KEEP = {"event", "name", "message_id", "input_channel", "policy", "timestamp"}


def mask_values(value: Any, key: str = "") -> Any:
    """Every string inside a serialised event, masked (Rasa's own ids left alone)."""
    if isinstance(value, str):
        return value if key in _KEEP else mask(value)
    if isinstance(value, dict):
        return {k: mask_values(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_values(item, key) for item in value]
    return value


def mask_event(event: Event) -> Event:
    data = event.as_dict()
    masked = mask_values(data)
    return event if masked == data else Event.from_parameters(masked)


class MaskingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL store, writing masked copies of new events.

    Masking costs about 0.1 ms an event and a long conversation holds hundreds, so
    each save masks only what is new: the store remembers, per tracker object in
    memory, how many of its events are in the database already - those it read
    (`retrieve`, the turn's starting point) or wrote. Any other tracker is masked
    whole, which is always safe.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        try:
            sessions.check()
            sqlite_store.synchronous()
        except (sessions.SessionSettingError, sqlite_store.SQLiteSettingError) as error:
            sys.exit(f"Cannot start Rasa: {error}")  # Rasa's loaders swallow ordinary exceptions
        super().__init__(*args, **kwargs)
        sqlite_store.tune(self)  # a SQLite file: WAL journal, kept connections (sqlite_store.py)
        self._stored: Dict[int, Tuple[weakref.ref, int]] = {}
        self._unread: set = set()  # conversations whose last read failed: never saved blind
        self._cache = EventCache()
        start.ensure_installed()

    @property
    def domain(self) -> Any:
        return self._domain

    @domain.setter
    def domain(self, domain: Any) -> None:
        """Rasa hands the model's domain over here when it loads the model: the session
        settings from the environment apply from then on (sessions.py)."""
        self._domain = sessions.apply(domain or Domain.empty())

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            tracker = self._read(sender_id)
        except Exception as error:
            self._unread.add(sender_id)
            _note(error)
            raise
        self._unread.discard(sender_id)
        if tracker is not None:  # every event read back is masked already
            self._remember(tracker, len(tracker.events))
        return tracker

    def _read(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """What Rasa's `retrieve` gives, from the rows added since the last turn (event_cache.py)."""
        if not self.domain:
            return None
        return self._cache.tracker(self, sender_id, self.domain)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.sender_id in self._unread:
            self._unread.discard(tracker.sender_id)
            error = StoreUnavailable(f"{tracker.sender_id}: not saved, its conversation could not be read")
            _note(error)
            raise error
        try:
            await self._save_masked(tracker)
        except Exception as error:
            _note(error)
            raise

    async def _save_masked(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        stored = self._stored_count(tracker)
        new = [mask_event(event) for event in events[stored:]]
        if stored and self.event_broker is None:
            # Read (or written) by this store in this turn, under the conversation's lock: the
            # session's stored count is known, so Rasa's count query before writing is not needed.
            self._insert(tracker.sender_id, new)
        else:
            masked = DialogueStateTracker(tracker.sender_id, None)
            masked.events.extend(events[:stored] + new)
            await super().save(masked)
        if any(isinstance(event, SessionStarted) for event in new):
            # Rasa counts what is stored from the latest session start: after a new one it
            # may write some earlier events again, so mask the whole tracker next time.
            self._stored.pop(id(tracker), None)
        else:
            self._remember(tracker, len(events))

    def _insert(self, sender_id: str, events: List[Event]) -> None:
        """The rows Rasa's `SQLTrackerStore.save` writes for these events, written the same way:
        one row per event, in order. On SQLite as one executemany of the table's insert (the
        ORM's unit of work per row was most of a turn's save); elsewhere (PostgreSQL, where
        the ORM inserts row by row and the ids must follow the events' order) through the ORM."""
        rows = []
        for event in events:
            data = event.as_dict()
            rows.append(
                {
                    "sender_id": sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                }
            )
        with self.session_scope() as session:
            if sqlite_store.is_file(self.engine):
                if rows:
                    session.execute(self.SQLEvent.__table__.insert(), rows)
            else:
                session.add_all([self.SQLEvent(**row) for row in rows])
            session.commit()

    async def turn_events(self, sender_id: str, message_id: str, most: int = 200) -> List[Dict[str, Any]]:
        """The stored user event with this message_id, the events after it, and those back to the
        session start or user event before it (exactly_once.py): indexed queries, not the whole
        conversation. Empty when the id is not stored."""
        SQLEvent = self.SQLEvent  # noqa: N806 - Rasa's table class
        mine = (SQLEvent.sender_id == sender_id,)
        with self.session_scope() as session:
            candidates = session.query(SQLEvent.id, SQLEvent.data).filter(
                *mine, SQLEvent.type_name == "user", SQLEvent.data.like(exactly_once.like_pattern(message_id))
            )
            found = next(
                (id_ for id_, data in candidates if json.loads(data).get("message_id") == message_id), None
            )
            if found is None:
                return []
            before = (
                session.query(sa.func.max(SQLEvent.id))
                .filter(
                    *mine,
                    SQLEvent.id < found,
                    sa.or_(SQLEvent.type_name == "user", SQLEvent.action_name == ACTION_SESSION_START_NAME),
                )
                .scalar()
            )
            rows = (
                session.query(SQLEvent.data)
                .filter(*mine, SQLEvent.id >= (before or found))
                .order_by(SQLEvent.id)
                .limit(most)
            )
            return [json.loads(data) for (data,) in rows]

    def _remember(self, tracker: DialogueStateTracker, count: int) -> None:
        key = id(tracker)
        forget = lambda _: self._stored.pop(key, None)  # noqa: E731 - the tracker is gone
        self._stored[key] = (weakref.ref(tracker, forget), count)

    def _stored_count(self, tracker: DialogueStateTracker) -> int:
        ref, count = self._stored.get(id(tracker), (None, 0))
        return count if ref is not None and ref() is tracker else 0
