"""The stored events, read the way Rasa wrote them.

The tracker store of an endpoints file (as `make serve` and `make purge` use it: SQLite by
default, PostgreSQL with endpoints.scale.yml) is opened with the same engine `make purge`
builds (scripts/purge.py), and its `events` table is read directly: one row per event, the
event itself as JSON in `data` (rasa/core/tracker_store.py, SQLTrackerStore.SQLEvent).
Reading the table rather than retrieving trackers one by one keeps every session of every
conversation (a tracker shows the latest session only) and costs one query. What is read
is what was stored: masked by rasa_plugins/server/tracker_store.py.
"""

import json
import os
from collections import defaultdict
from typing import Dict, List, Optional

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")  # Rasa 3.6 uses the 1.4 API on purpose
import sqlalchemy as sa  # noqa: E402

from scripts.purge import tracker_store_engine  # noqa: E402

EVENTS = sa.table(
    "events", sa.column("id"), sa.column("sender_id"), sa.column("timestamp"), sa.column("data")
)

Conversations = Dict[str, List[dict]]


def read_events(engine: sa.engine.Engine, until: Optional[float] = None) -> Conversations:
    """Every stored event before `until`, by sender id, in the order they were stored."""
    if not sa.inspect(engine).has_table("events"):
        return {}
    query = sa.select(EVENTS.c.sender_id, EVENTS.c.data).order_by(EVENTS.c.sender_id, EVENTS.c.id)
    if until is not None:
        query = query.where(EVENTS.c.timestamp < until)
    conversations: Conversations = defaultdict(list)
    with engine.connect() as connection:
        for sender_id, data in connection.execute(query):
            try:
                conversations[sender_id].append(json.loads(data))
            except (TypeError, ValueError):
                continue  # not an event Rasa wrote; nothing to report on
    return dict(conversations)


def read_store(endpoints_file: str, until: Optional[float] = None) -> Conversations:
    return read_events(tracker_store_engine(endpoints_file), until)
