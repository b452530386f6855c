"""The entry module installs the plug-ins that replace parts of Rasa, checks they took, and
refuses a Rasa outside the line they were written for (rasa_plugins/server/start.py)."""

import logging

import pytest
import rasa
import rasa.core.actions.action as rasa_action
import rasa.core.actions.forms as rasa_forms
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event

from rasa_plugins.server import action_guard, event_types, start


@pytest.fixture
def rasa_restored(monkeypatch):
    """Whatever a test installs into Rasa is taken out again afterwards."""
    # Rasa's own, whatever an earlier test (or loading our channels and stores) installed.
    monkeypatch.setattr(rasa_action, "RemoteAction", action_guard.RemoteAction)
    monkeypatch.setattr(rasa_forms, "RemoteAction", action_guard.RemoteAction)
    monkeypatch.setattr(Event, "resolve_by_type", event_types.ORIGINAL)
    monkeypatch.setattr(action_guard.GuardedRemoteAction, "timeout", action_guard.GuardedRemoteAction.timeout)
    monkeypatch.delenv("ACTION_TIMEOUT_SECONDS", raising=False)


def test_install_makes_rasa_build_guarded_actions(rasa_restored, monkeypatch):
    assert "action guard is not active" in start.problem()
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "2.5")
    start.install()
    assert start.problem() is None
    built = rasa_action.action_for_name_or_text("action_x", Domain.from_dict({"actions": ["action_x"]}), None)
    assert isinstance(built, action_guard.GuardedRemoteAction) and built.timeout == 2.5
    assert event_types.installed()


@pytest.mark.parametrize("version", ["3.7.0", "4.0.0", "3.5.17"])
def test_refuses_another_rasa_line_in_one_line(rasa_restored, monkeypatch, version):
    monkeypatch.setattr(rasa, "__version__", version)
    with pytest.raises(SystemExit) as stopped:
        start.main(["run"])
    message = str(stopped.value.code)
    assert message.startswith(f"Cannot start Rasa: Rasa {version} is installed") and "UPGRADING.md" in message
    assert "\n" not in message
    assert start.problem() is not None  # nothing was installed


def test_a_guard_that_does_not_take_stops_the_start(rasa_restored, monkeypatch):
    monkeypatch.setattr(
        action_guard, "install", lambda *settings: None
    )  # e.g. Rasa builds actions elsewhere now
    with pytest.raises(SystemExit) as stopped:
        start.main(["run"])
    assert str(stopped.value.code) == (
        "Cannot start Rasa: the action guard is not active "
        "(Rasa does not build custom actions as GuardedRemoteAction)"
    )


@pytest.mark.parametrize("value", ["soon", "0", "-1"])
def test_a_bad_action_timeout_is_refused(rasa_restored, monkeypatch, value):
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", value)
    with pytest.raises(start.PluginError, match="ACTION_TIMEOUT_SECONDS"):
        start.install()


def test_loading_our_channels_installs_the_plug_ins(rasa_restored, monkeypatch, caplog):
    """A plain `rasa run` reads credentials.yml first: the channels install the guard then."""
    from rasa_plugins.server.guarded_rest import GuardedRestInput
    from rasa_plugins.server.socketio_channel import PersistentSocketIOInput

    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "3")
    assert start.problem() is not None
    with caplog.at_level(logging.WARNING):
        channel = GuardedRestInput.from_credentials({"turn_timeout_seconds": 9, "action_timeout_seconds": 5})
    assert channel.turn_timeout_seconds == 9
    assert start.problem() is None and action_guard.GuardedRemoteAction.timeout == 3
    assert any("ACTION_TIMEOUT_SECONDS" in r.getMessage() for r in caplog.records)
    PersistentSocketIOInput.from_credentials({})  # again: idempotent
    assert start.problem() is None and rasa_action.RemoteAction is action_guard.GuardedRemoteAction


def test_loading_our_tracker_store_installs_the_plug_ins(rasa_restored, tmp_path):
    from rasa_plugins.server.tracker_store import MaskingSQLTrackerStore

    assert start.problem() is not None
    MaskingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"))
    assert start.problem() is None


def test_our_channels_refuse_another_rasa_line_in_one_line(rasa_restored, monkeypatch):
    from rasa_plugins.server.guarded_rest import GuardedRestInput

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(SystemExit) as stopped:
        GuardedRestInput.from_credentials({})
    assert str(stopped.value.code).startswith("Cannot start Rasa: Rasa 3.7.0 is installed")
    assert start.problem() is not None
