"""The cached event lookup gives Rasa's own answers, and is fenced to the Rasa version it was written for."""

import pytest
import rasa
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered

from rasa_plugins.server import event_types

ORIGINAL = Event.resolve_by_type


def test_written_for_this_rasa():
    assert rasa.__version__.startswith(event_types.WRITTEN_FOR)


def test_same_answers_as_rasa_after_install():
    expected = {
        name: ORIGINAL(name) for name in ("user", "bot", "slot", "action", "session_started", "active_loop")
    }
    assert event_types.install()
    try:
        for name, cls in expected.items():
            assert Event.resolve_by_type(name) is cls
            assert Event.resolve_by_type(name) is cls  # from the cache
        assert Event.resolve_by_type("user") is UserUttered and Event.resolve_by_type("bot") is BotUttered
        assert Event.resolve_by_type("topic") is None
        assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
        with pytest.raises(ValueError):
            Event.resolve_by_type("no_such_event")
        event = Event.from_parameters({"event": "action", "name": "action_listen"})
        assert isinstance(event, ActionExecuted)
    finally:
        Event.resolve_by_type = staticmethod(ORIGINAL)


def test_not_installed_on_another_rasa(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "4.0.0")
    assert event_types.install() is False
