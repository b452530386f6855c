"""Fixtures: throwaway PostgreSQL + Redis, one action server, two Rasa servers sharing them."""

import pytest
from launcher import LOGS, MODEL, ROOT, start_action_server, start_rasa, stop
from services import postgres, redis

ACTIONS_LOG = "scale-actions"


@pytest.fixture(scope="session")
def services():
    """The environment endpoints.scale.yml reads, for PostgreSQL and Redis on free loopback ports."""
    with postgres() as database, redis() as locks:
        yield {**database, **locks}


@pytest.fixture(scope="session")
def scale_env(services):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    process, port = start_action_server(ACTIONS_LOG)
    yield {**services, "ACTION_SERVER_URL": f"http://127.0.0.1:{port}/webhook"}
    stop(process)


@pytest.fixture(scope="session")
def bots(scale_env, tmp_path_factory):
    """Two Rasa servers started from the shipped endpoints.scale.yml, as a deployment would."""
    endpoints = (ROOT / "endpoints.scale.yml").read_text()

    def start(name):
        process, bot = start_rasa(
            tmp_path_factory.mktemp(name), 0, name, endpoints_text=endpoints, env=scale_env, start_seconds=420
        )
        bot.log = LOGS / f"{name}.log"
        return process, bot

    # One after the other: on an empty database both servers would run CREATE TABLE at the same
    # moment and PostgreSQL refuses the second (Rasa logs it and carries on, but it is noise in the
    # logs this suite checks). A deployment starts its first server before scaling out too.
    results = []
    for name in ("scale-rasa-a", "scale-rasa-b"):
        try:
            results.append(start(name))
        except Exception:
            stop(*(process for process, _ in results))
            raise
    yield [bot for _, bot in results]
    stop(*(process for process, _ in results))
