"""Each custom-action call carries the recent turns' events, not the whole session
(rasa_plugins/server/action_payload.py): the rest of Rasa's request body is unchanged, the
actions that read the whole session still get it, and no action reads further back than sent."""

import asyncio
import json
import re
from pathlib import Path
from unittest.mock import patch

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.server import action_guard, action_payload, start
from rasa_plugins.server.action_guard import GuardedRemoteAction

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_yaml(
    "version: '3.1'\nslots:\n  topic:\n    type: text\n    mappings: []\n"
    "  role:\n    type: text\n    mappings: []\n"
)


class RecordingEndpoint:
    """Stands in for the action server: keeps each request body, replies with nothing."""

    def __init__(self):
        self.bodies, self.kwargs = [], {}

    async def request(self, json=None, **_):
        self.bodies.append(json)
        return {"events": [], "responses": []}


def conversation(turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    for event in (ActionExecuted("action_session_start"), SessionStarted(), SlotSet("role", "gp")):
        tracker.update(event)
    for n in range(turns):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"question {n}", {"name": "topic_x", "confidence": 0.9}))
        tracker.update(ActionExecuted("action_answer_topic"))
        tracker.update(BotUttered(f"answer {n}"))
        tracker.update(SlotSet("topic", f"topic {n}"))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("the latest", {"name": "topic_y", "confidence": 0.8}))
    return tracker


def body(name: str, tracker: DialogueStateTracker, turns: int = 3) -> dict:
    endpoint = RecordingEndpoint()
    action = GuardedRemoteAction(name, endpoint)
    action.history_turns = turns
    nlg = TemplatedNaturalLanguageGenerator({})
    asyncio.run(action.run(CollectingOutputChannel(), nlg, tracker, DOMAIN))
    return endpoint.bodies[-1]


def test_a_call_carries_the_last_three_user_messages_and_everything_after():
    tracker = conversation(40)
    sent = body("action_answer_topic", tracker)["tracker"]["events"]
    users = [e["text"] for e in sent if e["event"] == "user"]
    assert users == ["question 38", "question 39", "the latest"]
    assert sent[0]["event"] == "user"  # starts at the third latest user message
    assert sent == [e.as_dict() for e in tracker.events][-len(sent) :]  # the tail, unchanged


def test_everything_else_is_rasas_own_request_body():
    tracker = conversation(40)
    ours = body("action_answer_topic", tracker)
    rasas = RemoteAction("action_answer_topic", None)._action_call_format(tracker, DOMAIN)
    assert {k: v for k, v in ours.items() if k != "tracker"} == {
        k: v for k, v in rasas.items() if k != "tracker"
    }
    assert {k: v for k, v in ours["tracker"].items() if k != "events"} == {
        k: v for k, v in rasas["tracker"].items() if k != "events"
    }
    assert ours["tracker"]["slots"]["role"] == "gp"  # a slot set 40 turns ago: still sent
    assert ours["tracker"]["latest_message"]["text"] == "the latest"


@pytest.mark.parametrize("name, turns", [("action_summary", 3), ("action_answer_topic", 0)])
def test_the_whole_session_for_the_summary_or_when_set_to_0(name, turns):
    tracker = conversation(40)
    rasas = RemoteAction(name, None)._action_call_format(tracker, DOMAIN)
    assert body(name, tracker, turns)["tracker"]["events"] == rasas["tracker"]["events"]


def test_a_short_conversation_is_sent_whole():
    tracker = conversation(1)  # two user messages in all
    assert body("action_answer_topic", tracker)["tracker"]["events"] == [e.as_dict() for e in tracker.events]


def test_the_setting_is_checked_at_start(monkeypatch):
    monkeypatch.setenv("ACTION_HISTORY_TURNS", "5")
    assert start.action_history_turns() == 5
    monkeypatch.setenv("ACTION_HISTORY_TURNS", "a few")
    with pytest.raises(start.PluginError, match="ACTION_HISTORY_TURNS"):
        start.action_history_turns()
    monkeypatch.delenv("ACTION_HISTORY_TURNS")
    assert start.action_history_turns() == action_payload.DEFAULT_TURNS


# Every place an action reads the events, and how far back it reads. A new one must be added
# here after checking it reads no further back than ACTION_HISTORY_TURNS user messages, or its
# action must go into WHOLE_SESSION_ACTIONS.
READERS = {
    "actions/base.py": "actions_newest_first (callers stop at the latest action_listen), "
    "previous_action (back to the latest user message)",
    "actions/escalation/situation.py": "follow_up_text: the latest two user messages",
    "actions/conversation/area_actions.py": "ActionSummary: the whole session (in WHOLE_SESSION_ACTIONS)",
}


def test_no_action_reads_further_back_than_it_is_sent():
    readers = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "actions").rglob("*.py")
        if re.search(
            r"\bevents_after_latest_restart\b|\bapplied_events\b|tracker\.events\b", path.read_text()
        )
    }
    assert readers == set(READERS), "an action reads tracker.events: see READERS in this test"
    assert "action_summary" in action_payload.WHOLE_SESSION_ACTIONS
    assert action_payload.DEFAULT_TURNS >= 2  # follow_up_text reads the latest two user messages


def test_the_body_is_encoded_as_json_dumps_encodes_it_call_after_call():
    """action_payload.encode: the text json.dumps writes, with the domain's and each event's
    text kept between calls; an event changed since (a form's event restamped when it joins
    the tracker) is written again."""
    tracker = conversation(6)
    for turn in range(4):
        for name in ("validate_escalation_form", "action_answer_topic"):
            sent = body(name, tracker)
            assert isinstance(sent, action_payload.ActionBody) and "domain" in sent
            assert action_payload.encode(sent) == json.dumps(sent)
        restamped = SlotSet("topic", f"t{turn}")
        tracker.update(restamped)
        sent = body("action_answer_topic", tracker)
        action_payload.encode(sent)  # its text is kept now
        restamped.timestamp += 1.0  # as update_with_events does to a form's events
        restamped.metadata = {**restamped.metadata, "model_id": "m"}
        sent = body("action_answer_topic", tracker)
        assert action_payload.encode(sent) == json.dumps(sent)
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"more {turn}", {"name": "topic_x", "confidence": 0.5}))


def test_a_message_holding_the_stand_in_text_is_encoded_plainly():
    for text in (action_payload.EVENTS_MARK, action_payload.DOMAIN_MARK, f"say {action_payload.EVENTS_MARK}"):
        tracker = conversation(2)
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text))
        sent = body("action_answer_topic", tracker)
        if text.startswith("say"):  # inside a longer string: no clash
            assert action_payload._spliced(sent) is not None
        else:  # the stand-in's string itself: seen twice, so not spliced
            assert action_payload._spliced(sent) is None
        assert action_payload.encode(sent) == json.dumps(sent)
    assert action_payload.encode({"plain": [1, "two"]}) == '{"plain": [1, "two"]}'


def test_the_action_server_receives_the_bytes_json_dumps_writes():
    """Through a real EndpointConfig and aiohttp to a little HTTP server: the request body is
    byte for byte json.dumps of Rasa's body, and the endpoint keeps its settings."""
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    from rasa_plugins.server.action_guard import EncodingEndpoint

    received, peers = [], []

    async def webhook(request):
        received.append(
            (await request.read(), request.headers.get("Content-Type"), request.query.get("token"))
        )
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response({"events": [], "responses": []})

    async def run():
        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", token="secret")
        tracker = conversation(5)
        try:
            for name in ("action_answer_topic", "action_summary", "action_answer_topic"):
                action = GuardedRemoteAction(name, endpoint)
                assert isinstance(action.action_endpoint, EncodingEndpoint)
                assert action.action_endpoint.url == endpoint.url and action.action_endpoint.token == "secret"
                nlg = TemplatedNaturalLanguageGenerator({})
                await action.run(CollectingOutputChannel(), nlg, tracker, DOMAIN)
                expected = action._action_call_format(tracker, DOMAIN)
                assert received[-1] == (json.dumps(expected).encode(), "application/json", "secret")
            # The three calls came over one kept-alive connection...
            assert len(peers) == 3 and len(set(peers)) == 1
            # ...and one idle for longer than the keep-alive limit is not reused.
            await asyncio.sleep(action_guard.KEEPALIVE_SECONDS + 0.1)
            await GuardedRemoteAction("action_summary", endpoint).run(
                CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, DOMAIN
            )
            assert len(peers) == 4 and peers[-1] != peers[0]
        finally:
            await runner.cleanup()

    with patch.object(action_guard, "KEEPALIVE_SECONDS", 0.3):
        asyncio.run(run())
    assert type(GuardedRemoteAction("x", None).action_endpoint) is type(None)
