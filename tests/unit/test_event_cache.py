"""Each server keeps the current session's stored events between turns and reads only what was
added (rasa_plugins/server/event_cache.py): what a turn gets must be exactly what Rasa's own SQL
store would read, whoever wrote in between, after a new session and after a purge."""

import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.server.tracker_store import MaskingSQLTrackerStore

DOMAIN = Domain.from_dict({"slots": {"topic": {"type": "any", "mappings": [{"type": "custom"}]}}})
SENDER = "someone"


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "tracker.db")


def server(db, **settings) -> MaskingSQLTrackerStore:
    return MaskingSQLTrackerStore(DOMAIN, dialect="sqlite", db=db, **settings)


def turn(store, text: str, new_session: bool = False) -> None:
    """One turn as the processor runs it: read, add events, save."""

    async def run():
        tracker = await store.retrieve(SENDER) or DialogueStateTracker(SENDER, DOMAIN.slots)
        if new_session:
            tracker.update(ActionExecuted("action_session_start"))
            tracker.update(SessionStarted())
        for event in (UserUttered(text), BotUttered(f"about {text}"), SlotSet("topic", text)):
            tracker.update(event)
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)

    asyncio.run(run())


def as_rasa_reads(db):
    tracker = asyncio.run(SQLTrackerStore(DOMAIN, dialect="sqlite", db=db).retrieve(SENDER))
    return None if tracker is None else [event.as_dict() for event in tracker.events]


def as_we_read(store):
    tracker = asyncio.run(store.retrieve(SENDER))
    return None if tracker is None else [event.as_dict() for event in tracker.events]


def test_a_turn_reads_only_what_was_added_whoever_added_it(db, monkeypatch):
    one, other = server(db), server(db)
    turn(one, "a", new_session=True)
    assert as_we_read(one) == as_rasa_reads(db)

    def whole_session_read(*args, **kwargs):
        raise AssertionError("read the whole session again")

    monkeypatch.setattr(one._cache, "whole_session", whole_session_read)
    for n, store in enumerate([one, other, other, one, other]):
        turn(store, f"turn {n}")  # the other server too: turns hop between servers
        assert as_we_read(one) == as_rasa_reads(db)
    assert as_we_read(one)[-4]["text"] == "turn 4"


def test_a_new_session_started_elsewhere_is_read_as_rasa_reads_it(db):
    one, other = server(db), server(db)
    turn(one, "a", new_session=True)
    turn(one, "b")
    assert as_we_read(one) == as_rasa_reads(db)
    turn(other, "c", new_session=True)
    assert as_we_read(one) == as_rasa_reads(db)
    assert [e["text"] for e in as_we_read(one) if e["event"] == "user"] == ["c"]


def test_a_purged_conversation_is_gone_and_starts_afresh(db):
    one = server(db)
    turn(one, "a", new_session=True)
    turn(one, "b")
    assert as_we_read(one) is not None
    with sqlite3.connect(db) as connection:  # what make purge does
        connection.execute("DELETE FROM events WHERE sender_id = ?", (SENDER,))
    assert as_we_read(one) is None
    turn(server(db), "c", new_session=True)
    assert as_we_read(one) == as_rasa_reads(db)
    assert [e["text"] for e in as_we_read(one) if e["event"] == "user"] == ["c"]


def test_with_the_cache_off_every_read_is_whole(db, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_CONVERSATIONS", "0")
    one = server(db)
    turn(one, "a", new_session=True)
    turn(one, "b")
    assert as_we_read(one) == as_rasa_reads(db)
    assert one._cache.kept == {}


def test_the_cache_keeps_at_most_its_budget_of_events_least_recently_used_first(db, monkeypatch):
    """Memory follows the events kept: past TRACKER_CACHE_EVENTS the conversation used longest
    ago is dropped (and read whole next time, still exactly as Rasa reads it)."""
    monkeypatch.setenv("TRACKER_CACHE_EVENTS", "10")
    one, me = server(db), __import__(__name__)

    def read(sender):
        monkeypatch.setattr(me, "SENDER", sender)
        assert as_we_read(one) == as_rasa_reads(db)

    for sender in ("first", "second"):
        monkeypatch.setattr(me, "SENDER", sender)
        turn(one, "a", new_session=True)  # a session of 5 events each
    read("first")
    read("second")
    assert list(one._cache.kept) == ["first", "second"] and one._cache.events_kept == 10
    turn(one, "b")  # "second" has 9 events now: "first", used longest ago, goes
    read("second")
    assert list(one._cache.kept) == ["second"] and one._cache.events_kept == 9
    turn(one, "c")  # 13: more than the whole budget, so not kept at all
    read("second")
    assert one._cache.kept == {} and one._cache.events_kept == 0
    read("first")
    assert list(one._cache.kept) == ["first"] and one._cache.events_kept == 5


def test_a_turn_writes_the_rows_rasas_save_writes_without_counting_first(db, tmp_path, monkeypatch):
    """After reading a conversation, the store knows how many of its events are stored: it
    writes the new ones as Rasa's own save does, without Rasa's count query."""
    ours, rasas = server(db), SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))

    def no_count(*args, **kwargs):
        raise AssertionError("counted the stored events again")

    async def run():
        for n in range(4):
            mine = await ours.retrieve(SENDER) or DialogueStateTracker(SENDER, DOMAIN.slots)
            theirs = await rasas.retrieve(SENDER) or DialogueStateTracker(SENDER, DOMAIN.slots)
            if n == 0:
                new = [ActionExecuted("action_session_start"), SessionStarted()]
            else:
                monkeypatch.setattr(ours, "_additional_events", no_count)
                new = []
            new += [UserUttered(f"turn {n}"), BotUttered(f"about {n}"), SlotSet("topic", str(n))]
            new.append(ActionExecuted("action_listen"))
            for event in new:
                mine.update(event)
                theirs.update(event)
            await ours.save(mine)
            await rasas.save(theirs)

    asyncio.run(run())
    rows = "select sender_id, type_name, timestamp, intent_name, action_name, data from events order by id"
    assert (
        sqlite3.connect(db).execute(rows).fetchall()
        == sqlite3.connect(tmp_path / "rasa.db").execute(rows).fetchall()
    )
