"""Fixtures: throwaway PostgreSQL + Redis, one action server, two Rasa servers sharing them."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from rasa_servers import LOGS, MODEL, ROOT, start_action_server, start_rasa, stop
from scale_services import postgres, redis

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
        # Two models loading at once on a small machine take longer than one.
        process, bot = start_rasa(tmp_path_factory.mktemp(name), 0, name, endpoints_text=endpoints,
                                  env=scale_env, start_seconds=420)
        bot.log = LOGS / f"{name}.log"
        return process, bot

    with ThreadPoolExecutor(2) as pool:
        started = [pool.submit(start, name) for name in ("scale-rasa-a", "scale-rasa-b")]
        results = []
        for future in started:
            try:
                results.append(future.result())
            except Exception:
                stop(*(process for process, _ in results))
                raise
    yield [bot for _, bot in results]
    stop(*(process for process, _ in results))
