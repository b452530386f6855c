"""Through the real servers: each custom-action call carries the recent turns' events only, the
summary still gets the whole session, and the answers are the same (rasa_plugins/server/action_payload.py).

A recording proxy sits on the action port of the shared Rasa server whose action server is
down (conftest.py), forwarding every call to the real action server."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from replies import answer, texts


class RecordingProxy:
    """Forwards each action call on `port` to the action server on `target`, keeping the bodies."""

    def __init__(self, port: int, target: int) -> None:
        self.bodies = []
        bodies = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                bodies.append(json.loads(raw))
                reply = requests.post(
                    f"http://127.0.0.1:{target}{self.path}",
                    data=raw,
                    headers={"Content-Type": "application/json"},
                    timeout=10,
                )
                self.send_response(reply.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.content)))
                self.end_headers()
                self.wfile.write(reply.content)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def recorded(bot_without_actions, action_server):
    """A 9-turn conversation through the proxy: (replies per turn, request bodies per action)."""
    proxy = RecordingProxy(bot_without_actions.action_port, action_server)
    sender = f"payload-{uuid.uuid4().hex}"
    said = [
        "I'm a GP",
        "what is section 47?",
        "thanks",
        "how do I refer to the MASH",
        "what does GCP2 stand for",
        "who are you?",
        "what happened to Luke",
        "tell me more",
        "summarise this",
    ]
    try:
        replies = [answer(bot_without_actions.say(text, sender)) for text in said]
    finally:
        proxy.close()  # the port is left empty again, as the other tests expect
    return replies, proxy.bodies


def test_a_call_carries_at_most_the_last_three_user_messages(recorded):
    _, bodies = recorded
    bounded = [b for b in bodies if b["next_action"] != "action_summary"]
    assert len(bounded) >= 6
    for body in bounded:
        events = body["tracker"]["events"]
        users = [e for e in events if e["event"] == "user"]
        assert len(users) <= 3, body["next_action"]
        if len(users) == 3:
            assert events[0]["event"] == "user"
        # what is not in the events is still sent whole: slots and the message being answered
        if users:  # (action_session_start runs before the first message is added)
            assert body["tracker"]["latest_message"]["text"] == users[-1]["text"]
    late = bounded[-1]["tracker"]
    assert [e["text"] for e in late["events"] if e["event"] == "user"] == [
        "who are you?",
        "what happened to Luke",
        "tell me more",
    ]
    assert late["slots"]["role"] == "gp"  # told in the first message, seven messages before


def test_the_summary_gets_the_whole_session_and_names_the_first_topic(recorded):
    replies, bodies = recorded
    summary = [b for b in bodies if b["next_action"] == "action_summary"]
    assert len(summary) == 1
    users = [e["text"] for e in summary[0]["tracker"]["events"] if e["event"] == "user"]
    assert users[0] == "I'm a GP" and len(users) == 9
    text = texts(replies[-1])
    assert text.startswith("**Summary of this conversation**"), text
    assert "Section 47" in text  # the first topic, six user messages before the summary


def test_the_answers_are_the_usual_ones(recorded):
    replies, _ = recorded
    assert "Section 47" in texts(replies[1])
    assert "MASH" in texts(replies[3])
    assert not any("can't give you the full answer" in texts(r) for r in replies)
