"""Fixtures: the real action server and Rasa server, started on free ports."""

import pytest
from launcher import MODEL, free_port, start_action_server, start_rasa, stop

from route_scoring import TEST_CLOCK


@pytest.fixture(scope="session")
def action_server():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    process, port = start_action_server("e2e-actions", env=TEST_CLOCK)
    yield port
    stop(process)


@pytest.fixture(scope="session")
def bot(action_server, tmp_path_factory):
    process, bot = start_rasa(tmp_path_factory.mktemp("rasa"), action_server, "e2e-rasa", env=TEST_CLOCK)
    yield bot
    stop(process)


@pytest.fixture(scope="session")
def bot_without_actions(tmp_path_factory):
    """A Rasa server whose action server is down (nothing listens on `bot.action_port`).

    Shared to save a server start: a test that puts something on that port must
    take it away again (tests/e2e/test_resilience.py does).
    """
    action_port = free_port()
    process, bot = start_rasa(tmp_path_factory.mktemp("no-actions"), action_port, "e2e-rasa-no-actions")
    bot.action_port = action_port
    yield bot
    stop(process)
