"""A database error during a turn (a PostgreSQL restart) ends in the apology, never in an answer
kept in memory only (rasa_plugins/server/tracker_store.py; make test-chaos runs the real thing)."""

import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.server.tracker_store import STORE_FAILURES, MaskingSQLTrackerStore, StoreUnavailable


@pytest.fixture
def store(tmp_path):
    return MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def stored_rows(store) -> int:
    return sqlite3.connect(store.engine.url.database).execute("SELECT count(*) FROM events").fetchone()[0]


def in_a_turn(work):
    """Runs work() as the REST channel runs a turn; returns the failures it noted."""
    failures = []

    async def turn():
        STORE_FAILURES.set(failures)
        await work()

    asyncio.run(turn())
    return failures


def test_a_turn_that_could_not_read_its_conversation_is_not_saved(store, monkeypatch):
    def down(self):
        raise ConnectionError("the database is restarting")

    monkeypatch.setattr(SQLTrackerStore, "session_scope", down)
    wrapped = FailSafeTrackerStore(store)  # as Rasa's agent wraps every store
    tracker = DialogueStateTracker.from_events("someone", [UserUttered("hello")])

    async def work():
        assert await wrapped.retrieve("someone") is None  # Rasa goes on with an empty conversation...
        await wrapped.save(tracker)  # ...and keeps the turn in memory when the save fails

    failures = in_a_turn(work)
    assert [type(error) for error in failures] == [ConnectionError, StoreUnavailable]
    assert stored_rows(store) == 0  # never saved blind (Rasa would append after the stored count)
    monkeypatch.undo()
    assert in_a_turn(lambda: store.save(tracker)) == []  # the next turn, database back: saved
    assert stored_rows(store) == 1


def test_a_failed_save_is_noted(store, monkeypatch):
    async def down(self, tracker):
        raise ConnectionError("the database is restarting")

    monkeypatch.setattr(SQLTrackerStore, "save", down)
    tracker = DialogueStateTracker.from_events("someone", [UserUttered("hello")])
    failures = in_a_turn(lambda: FailSafeTrackerStore(store).save(tracker))
    assert [type(error) for error in failures] == [ConnectionError]
