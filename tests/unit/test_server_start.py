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
    monkeypatch.setattr(rasa_action, "RemoteAction", rasa_action.RemoteAction)
    monkeypatch.setattr(rasa_forms, "RemoteAction", rasa_forms.RemoteAction)
    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])
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
        action_guard, "install", lambda timeout: None
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


def test_plain_rasa_run_works_but_says_the_guard_is_missing(rasa_restored, monkeypatch, caplog):
    from rasa_plugins.server.guarded_rest import GuardedRestInput

    monkeypatch.setattr(start, "_warned", False)
    with caplog.at_level(logging.WARNING):
        channel = GuardedRestInput.from_credentials({"turn_timeout_seconds": 9, "action_timeout_seconds": 5})
        GuardedRestInput.from_credentials({})
    assert channel.turn_timeout_seconds == 9
    warnings = [
        r.getMessage()
        for r in caplog.records
        if "not started through rasa_plugins.server.start" in r.getMessage()
    ]
    assert len(warnings) == 1 and "action guard is not active" in warnings[0]
    assert any("ACTION_TIMEOUT_SECONDS" in r.getMessage() for r in caplog.records)


def test_no_warning_when_started_through_the_entry_module(rasa_restored, monkeypatch, caplog):
    monkeypatch.setattr(start, "_warned", False)
    start.install()
    with caplog.at_level(logging.WARNING):
        start.warn_if_not_installed()
    assert caplog.records == []
