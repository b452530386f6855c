"""Failure handling: the action server down, slow, back again; a broken knowledge base at start-up."""

import json
import shutil
import subprocess
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from launcher import QUIET, RASA, ROOT, free_port, start_action_server, stop

REPLY_WITHIN_SECONDS = 10


class SlowActionServer:
    """Accepts action calls on `port` and answers each only after `delay` seconds."""

    def __init__(self, port: int, delay: float) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                time.sleep(delay)
                body = json.dumps({"events": [], "responses": []}).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # Rasa gave up and closed the connection: the point of the test

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def flaky_bot(bot_without_actions):
    """The Rasa server whose action port the tests leave empty, fill with a slow stub, then a real server."""
    return bot_without_actions


@pytest.fixture(scope="module")
def action_port(flaky_bot):
    return flaky_bot.action_port


@pytest.fixture(scope="module")
def sender():
    """One conversation goes through the outage and the recovery."""
    return f"resilience-{uuid.uuid4().hex}"


def timed_say(bot, message, sender):
    started = time.monotonic()
    response = bot.send(message, sender, timeout=REPLY_WITHIN_SECONDS + 5)
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.text
    return response.json(), elapsed


def assert_apology(replies):
    text = "\n".join(reply.get("text") or "" for reply in replies)
    assert "can't give you the full answer" in text
    assert "call 999" in text and "safeguarding lead" in text


def test_action_server_down_gets_an_apology_with_999(flaky_bot, sender):
    replies, elapsed = timed_say(flaky_bot, "what is section 47?", sender)
    assert elapsed < REPLY_WITHIN_SECONDS
    assert_apology(replies)
    tracker = flaky_bot.tracker(sender)
    assert tracker["slots"]["topic"] is None
    assert (
        "can't give you the full answer" in [e for e in tracker["events"] if e["event"] == "bot"][-1]["text"]
    )


def test_slow_action_server_gets_an_apology_within_10_seconds(flaky_bot, action_port, sender):
    stub = SlowActionServer(action_port, delay=30)
    try:
        replies, elapsed = timed_say(flaky_bot, "/mash_referral", sender)
        assert elapsed < REPLY_WITHIN_SECONDS
        assert_apology(replies)
        # The 999 answer is a domain response: no wait at all.
        replies, elapsed = timed_say(flaky_bot, "the baby isn't breathing", sender)
        assert elapsed < 3 and "Call 999" in replies[0]["text"]
    finally:
        stub.close()


def test_answers_resume_when_the_action_server_is_back(flaky_bot, action_port, sender):
    process, _ = start_action_server("e2e-actions-resilience", port=action_port)
    try:
        replies, _ = timed_say(flaky_bot, "what is section 47?", sender)
        assert replies[0]["text"].startswith("**") and "Section 47" in replies[0]["text"]
        assert replies[1]["text"].startswith("Source: ")
        assert flaky_bot.tracker(sender)["slots"]["topic"] == "section_47"
    finally:
        stop(process)


def test_broken_knowledge_base_stops_the_action_server_at_start_up(tmp_path):
    """A copy of the action code and its content with one topic file missing its title:
    `rasa run actions` must exit, naming it."""
    for package in ("actions", "knowledge_base", "privacy", "situation", "encoder"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "local_contacts.yml", tmp_path)
    broken = tmp_path / "knowledge_base" / "topics" / "section_47.yml"
    broken.write_text(broken.read_text().replace("\ntitle:", "\ntitel:", 1))
    result = subprocess.run(
        [RASA, "run", "actions", "--port", str(free_port())],
        cwd=tmp_path,
        env=QUIET,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    last_line = (result.stdout + result.stderr).strip().splitlines()[-1]
    assert last_line.startswith("The action server cannot start: ")
    assert "section_47.yml" in last_line and "title: field required" in last_line
