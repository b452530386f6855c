"""Started the way Rasa's docs, Docker image and Helm chart start it - a plain `rasa run` with the
project's credentials.yml and endpoints.yml, not through rasa_plugins.server.start - the server
still has its plug-ins: the project's channels and tracker store install them when Rasa loads them.
The action server is down throughout (nothing listens on its port)."""

import pytest
import yaml
from launcher import CREDENTIALS, ROOT, free_port, start_rasa, stop
from replies import texts

# The REST channel's turn limit (credentials.yml), plus a margin for the HTTP round trip: a bound
# on waiting, not a speed test (without the action guard a turn gives no reply at all).
TURN_LIMIT = yaml.safe_load(CREDENTIALS.read_text())["rasa_plugins.server.guarded_rest.GuardedRestInput"][
    "turn_timeout_seconds"
]
WAIT = TURN_LIMIT + 3


@pytest.fixture(scope="module")
def plain_bot(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("plain-rasa")
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{free_port()}/webhook"  # nobody there
    endpoints["tracker_store"]["db"] = str(workdir / "tracker.db")
    process, bot = start_rasa(
        workdir, 0, "e2e-plain-rasa", endpoints_text=yaml.safe_dump(endpoints), plain=True
    )
    yield bot
    stop(process)


def test_a_question_gets_the_apology_within_the_turn_limit(plain_bot):
    response = plain_bot.send("what is section 47?", timeout=WAIT)
    assert response.status_code == 200, response.text
    text = texts(response.json())
    assert "can't give you the full answer" in text and "call 999" in text, text


@pytest.mark.parametrize("message", ["/emergency", "a child is being hit right now"])
def test_the_999_answer_still_comes(plain_bot, message):
    response = plain_bot.send(message, timeout=WAIT)
    assert response.status_code == 200, response.text
    assert "Call 999" in texts(response.json()), response.json()
