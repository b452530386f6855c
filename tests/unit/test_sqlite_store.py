"""The SQLite tracker store's WAL journal and kept connections (rasa_plugins/server/sqlite_store.py):
what a killed server had acknowledged is all stored; the setting is checked; other databases
are left as Rasa makes them."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from rasa_plugins.server import sqlite_store
from tests.unit.test_event_cache import SENDER, as_rasa_reads, server, turn

ROOT = Path(__file__).resolve().parents[2]


def _read(store):
    return asyncio.run(store.retrieve(SENDER))


def pragma(store, name: str):
    with store.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


@pytest.mark.parametrize(("setting", "level"), [("", 1), ("normal", 1), ("FULL", 2)])
def test_a_sqlite_file_gets_a_wal_journal_and_the_synchronous_setting(tmp_path, monkeypatch, setting, level):
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", setting)
    store = server(str(tmp_path / "tracker.db"))
    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "synchronous") == level  # 1 NORMAL, 2 FULL
    assert isinstance(store.engine.pool, sa.pool.QueuePool)
    turn(store, "what is section 47?", new_session=True)
    turn(store, "tell me more")
    # Rasa's own store (another engine, SQLite's defaults) reads what was written
    assert as_rasa_reads(str(tmp_path / "tracker.db")) == [e.as_dict() for e in _read(store).events]


def test_an_unusable_setting_stops_the_start_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "OFF")
    with pytest.raises(SystemExit, match="SQLITE_SYNCHRONOUS must be NORMAL or FULL, not 'OFF'"):
        server(str(tmp_path / "tracker.db"))


def test_other_databases_are_left_as_rasa_makes_them():
    assert not sqlite_store.is_file(sa.create_engine("sqlite://"))
    assert not sqlite_store.is_file(sa.create_engine("sqlite:///:memory:"))
    assert sqlite_store.is_file(sa.create_engine("sqlite:////tmp/x.db"))
    assert not sqlite_store.is_file(sa.create_engine("postgresql://u:p@localhost/db"))  # never connects


KILLED = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {root!r})
    from tests.unit.test_event_cache import server, turn
    store = server({db!r})
    for n in range(12):
        turn(store, f"question {{n}}", new_session=(n == 0))
        print("acknowledged", n, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_killed_server_loses_nothing_it_had_acknowledged(tmp_path):
    """A turn's save returns after its commit: kill -9 right after, and every row is there."""
    db = tmp_path / "tracker.db"
    done = subprocess.run(
        [sys.executable, "-c", KILLED.format(root=str(ROOT), db=str(db))],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SQLITE_SYNCHRONOUS": "NORMAL"},
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    assert done.stdout.count("acknowledged") == 12
    wal = Path(f"{db}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the rows were in the WAL, not yet checkpointed
    with sqlite3.connect(db) as connection:  # a new reader after the crash: SQLite replays the WAL
        texts = [
            row[0]
            for row in connection.execute(
                "SELECT json_extract(data, '$.text') FROM events WHERE type_name = 'user' ORDER BY id"
            )
        ]
    assert texts == [f"question {n}" for n in range(12)]
    assert [e["event"] for e in as_rasa_reads(str(db))].count("user") == 12
