"""endpoints.scale.yml as Rasa reads it: every ${VAR} substituted from the environment."""

import pytest
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import read_endpoint_config

from paths import ROOT

SCALE = str(ROOT / "endpoints.scale.yml")
ENV = {
    "ACTION_SERVER_URL": "http://actions:5055/webhook",
    "DB_HOST": "db.internal",
    "DB_PORT": "5433",
    "DB_NAME": "rasa",
    "DB_USER": "rasa",
    "DB_PASSWORD": "s3cret",
    "REDIS_HOST": "redis.internal",
    "REDIS_PORT": "6380",
    "REDIS_PASSWORD": "",
    "REDIS_DB": "1",
}


@pytest.fixture
def env(monkeypatch):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


def test_settings_come_from_the_environment(env):
    tracker = read_endpoint_config(SCALE, "tracker_store")
    locks = read_endpoint_config(SCALE, "lock_store")
    actions = read_endpoint_config(SCALE, "action_endpoint")
    assert (tracker.type, tracker.url, tracker.kwargs["dialect"]) == (
        "rasa_plugins.server.tracker_store.MaskingSQLTrackerStore",
        "db.internal",
        "postgresql",
    )
    assert (tracker.kwargs["port"], tracker.kwargs["password"]) == ("5433", "s3cret")
    assert (locks.url, locks.kwargs["port"], locks.kwargs["password"]) == ("redis.internal", "6380", "")
    assert actions.url == "http://actions:5055/webhook"


def test_rasa_builds_the_atomic_redis_lock_store_from_it(env):
    from rasa.core.lock_store import LockStore

    from rasa_plugins.server.redis_lock_store import AtomicRedisLockStore

    store = LockStore.create(read_endpoint_config(SCALE, "lock_store"))
    assert isinstance(store, AtomicRedisLockStore)
    connection = store.red.connection_pool.connection_kwargs
    assert (connection["host"], connection["port"], connection["db"]) == ("redis.internal", 6380, 1)
    assert store.key_prefix.startswith("safeguarding:")


def test_a_missing_variable_is_named(env, monkeypatch):
    monkeypatch.delenv("DB_PASSWORD")
    with pytest.raises(RasaException, match="DB_PASSWORD"):
        read_endpoint_config(SCALE, "tracker_store")


def test_the_default_stays_sqlite_and_in_memory_locks():
    assert read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store").kwargs["dialect"] == "sqlite"
    assert read_endpoint_config(str(ROOT / "endpoints.yml"), "lock_store") is None
