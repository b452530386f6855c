"""The action-response check is built once but still refuses a malformed reply."""

import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.server.action_guard import UNAVAILABLE_TEXT, GuardedRemoteAction, _response_validator

DOMAIN = Domain.from_yaml("version: '3.1'\nslots:\n  topic:\n    type: text\n    mappings: []\n")


class StubEndpoint:
    """Stands in for the action server: replies with a fixed body."""

    def __init__(self, reply):
        self.reply, self.calls, self.kwargs = reply, 0, {}

    async def request(self, **_):
        self.calls += 1
        return self.reply


def run(reply) -> list:
    action = GuardedRemoteAction("action_answer_topic", StubEndpoint(reply))
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    return asyncio.run(
        action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, DOMAIN)
    )


def test_a_valid_reply_is_accepted():
    events = run(
        {
            "events": [{"event": "slot", "name": "topic", "value": "section_47"}],
            "responses": [{"text": "Section 47 ..."}],
        }
    )
    assert any(isinstance(e, SlotSet) and e.value == "section_47" for e in events)
    assert any(isinstance(e, BotUttered) and e.text == "Section 47 ..." for e in events)


@pytest.mark.parametrize(
    "reply",
    [
        {"events": "not a list"},
        {"events": [{"no_event_key": 1}]},
        {"events": [], "responses": "not a list"},
    ],
)
def test_a_malformed_reply_is_refused_with_the_apology(reply):
    with pytest.raises(ValidationError):
        GuardedRemoteAction("a", None)._validate_action_result(reply)
    events = run(reply)
    assert [e.text for e in events if isinstance(e, BotUttered)] == [UNAVAILABLE_TEXT]


def test_the_validator_is_built_once():
    assert _response_validator() is _response_validator()
