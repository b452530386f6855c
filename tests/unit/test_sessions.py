"""The session settings of the environment (rasa_plugins/server/sessions.py): applied to the
model's domain when Rasa hands it to the tracker store, domain.yml's values when unset, and a
bad value stops the start with one line."""

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain, SessionConfig

from rasa_plugins.server import sessions
from rasa_plugins.server.tracker_store import MaskingSQLTrackerStore

DOMAIN_YAML = "version: '3.1'\nsession_config:\n  session_expiration_time: 60\n  carry_over_slots_to_new_session: true\n"


@pytest.fixture(autouse=True)
def unset(monkeypatch):
    monkeypatch.delenv("SESSION_EXPIRATION_MINUTES", raising=False)
    monkeypatch.delenv("SESSION_CARRY_OVER_SLOTS", raising=False)


def handed_over(tmp_path) -> Domain:
    """As Rasa's Agent does on loading a model: the domain set on the wrapped store."""
    store = FailSafeTrackerStore(MaskingSQLTrackerStore(None, dialect="sqlite", db=str(tmp_path / "t.db")))
    domain = Domain.from_yaml(DOMAIN_YAML)
    store.domain = domain
    assert store.domain is domain  # the processor's own domain object
    return domain


def test_unset_keeps_the_domains_values(tmp_path):
    assert handed_over(tmp_path).session_config == SessionConfig(60, True)


def test_the_environment_sets_the_session_length_and_carry_over(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSION_EXPIRATION_MINUTES", "15")
    monkeypatch.setenv("SESSION_CARRY_OVER_SLOTS", "false")
    assert handed_over(tmp_path).session_config == SessionConfig(15.0, False)


@pytest.mark.parametrize(
    "name, value",
    [
        ("SESSION_EXPIRATION_MINUTES", "0"),
        ("SESSION_EXPIRATION_MINUTES", "-5"),
        ("SESSION_EXPIRATION_MINUTES", "an hour"),
        ("SESSION_EXPIRATION_MINUTES", "inf"),
        ("SESSION_CARRY_OVER_SLOTS", "maybe"),
    ],
)
def test_a_bad_value_stops_the_start_with_one_line(tmp_path, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stopped:
        MaskingSQLTrackerStore(None, dialect="sqlite", db=str(tmp_path / "t.db"))
    assert str(stopped.value.code).startswith(f"Cannot start Rasa: {name} must be")
    with pytest.raises(sessions.SessionSettingError):
        sessions.check()
