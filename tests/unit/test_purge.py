"""Retention (scripts/purge.py) on a SQLite store written by Rasa's own SQLTrackerStore."""

import asyncio
import time

import purge
import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

DAY = 86400
NOW = time.time()


def conversation(sender: str, *days_ago: float) -> DialogueStateTracker:
    events = []
    for age in days_ago:
        events += [
            UserUttered("hi", timestamp=NOW - age * DAY),
            ActionExecuted("action_listen", timestamp=NOW - age * DAY + 1),
        ]
    return DialogueStateTracker.from_events(sender, events)


@pytest.fixture
def store(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tmp_path / "t.db"}"\n')
    tracker_store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    for tracker in [
        conversation("old", 90, 45),
        conversation("recent", 2, 1),
        conversation("long-running", 60, 40, 3),
        conversation("just-over", 30.01),
    ]:
        asyncio.run(tracker_store.save(tracker))
    return endpoints


def senders(engine) -> dict:
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT sender_id, count(*) FROM events GROUP BY sender_id"))
        return dict(rows.fetchall())


def test_whole_stale_conversations_go_and_active_ones_stay_whole(store):
    engine = purge.tracker_store_engine(str(store))
    before = senders(engine)
    result = purge.purge(engine, days=30, now=NOW)
    after = senders(engine)
    assert set(after) == {"recent", "long-running"}
    assert after["long-running"] == before["long-running"]  # old turns of an active conversation kept
    assert result.conversations == 2
    assert result.events == before["old"] + before["just-over"]


def test_dry_run_deletes_nothing(store):
    engine = purge.tracker_store_engine(str(store))
    before = senders(engine)
    result = purge.purge(engine, days=30, dry_run=True, now=NOW)
    assert (result.conversations, result.events) == (2, before["old"] + before["just-over"])
    assert senders(engine) == before


def test_cli_reads_the_endpoints_file_and_retention_days(store, monkeypatch, capsys):
    monkeypatch.setenv("RETENTION_DAYS", "40")
    assert purge.main(["--endpoints", str(store)]) == 0
    assert "Deleted 1 conversation(s)" in capsys.readouterr().out
    assert set(senders(purge.tracker_store_engine(str(store)))) == {"recent", "long-running", "just-over"}


@pytest.mark.parametrize("value", ["0", "-3", "soon"])
def test_nonsense_retention_is_refused(value):
    with pytest.raises(SystemExit):
        purge.retention_days(value)


def test_default_retention_is_30_days():
    assert purge.retention_days(None) == 30


def test_a_store_that_is_not_sql_is_refused(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: redis\n")
    with pytest.raises(SystemExit, match="not a SQL tracker store"):
        purge.tracker_store_engine(str(endpoints))


def test_the_projects_own_endpoint_files_are_purgeable():
    """endpoints.yml and endpoints.scale.yml use the masking SQL store: purge must accept it."""
    from purge import SQL_STORE_TYPES
    from rasa.utils.endpoints import read_endpoint_config

    from paths import ROOT

    for name in ("endpoints.yml", "endpoints.scale.yml"):
        text = (ROOT / name).read_text()
        store_type = next(
            line.split(":", 1)[1].split("#")[0].strip()
            for line in text.splitlines()
            if line.strip().startswith("type:")
        )
        assert store_type.lower() in SQL_STORE_TYPES, name
    assert read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store").type.lower() in SQL_STORE_TYPES


def test_only_the_tracker_stores_variables_are_needed(tmp_path, monkeypatch):
    """endpoints.scale.yml on a reporting or cron host: DB_* set, ACTION_SERVER_URL and REDIS_* not."""
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text((purge.Path(__file__).parents[2] / "endpoints.scale.yml").read_text())
    for name in ("ACTION_SERVER_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "REDIS_DB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {
        "DB_HOST": "db.example",
        "DB_PORT": "5433",
        "DB_NAME": "rasa",
        "DB_USER": "u",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DB_PASSWORD", "secret")
    engine = purge.tracker_store_engine(str(endpoints))
    assert (engine.dialect.name, engine.url.host, engine.url.port, engine.url.database) == (
        "postgresql",
        "db.example",
        5433,
        "rasa",
    )
    monkeypatch.delenv("DB_HOST")
    with pytest.raises(SystemExit, match=r"DB_HOST"):
        purge.tracker_store_engine(str(endpoints))
