"""Through the real servers: SESSION_EXPIRATION_MINUTES ends a session after that idle gap
without retraining - the next message starts a new one, with the opening notice again and the
slots carried over - and the turns after it read only the new session."""

import time
import uuid

import pytest
from launcher import start_rasa, stop
from replies import OPENING, texts

SECONDS = 3


@pytest.fixture(scope="module")
def short_sessions(action_server, tmp_path_factory):
    process, bot = start_rasa(
        tmp_path_factory.mktemp("sessions"),
        action_server,
        "e2e-rasa-sessions",
        env={"SESSION_EXPIRATION_MINUTES": str(SECONDS / 60)},
    )
    yield bot
    stop(process)


def test_an_idle_gap_longer_than_the_setting_starts_a_new_session(short_sessions):
    sender = f"sessions-{uuid.uuid4().hex}"
    first = short_sessions.say("I'm a GP", sender)
    assert first[0]["text"].startswith(OPENING)
    again = short_sessions.say("what is section 47?", sender)  # within the session: no notice
    assert not texts(again).startswith(OPENING) and "Section 47" in texts(again)
    time.sleep(SECONDS + 1.5)
    later = short_sessions.say("what is section 17?", sender)
    assert later[0]["text"].startswith(OPENING), later  # a new session
    assert "For GPs" in texts(later)  # the role, carried over into the new session
    tracker = short_sessions.tracker(sender)  # the API gives every session
    assert [e["event"] for e in tracker["events"]].count("session_started") == 2
    assert tracker["slots"]["role"] == "gp"
