"""Fixtures: throwaway PostgreSQL + Redis, one action server, two Rasa servers sharing them."""

import pytest
from launcher import stop
from services import scale_env, services, start_rasa_servers  # noqa: F401 - fixtures


@pytest.fixture(scope="session")
def bots(scale_env, tmp_path_factory):  # noqa: F811
    """Two Rasa servers sharing PostgreSQL and Redis."""
    started = start_rasa_servers(["scale-rasa-a", "scale-rasa-b"], tmp_path_factory.mktemp, scale_env)
    yield [bot for _, bot in started]
    stop(*(process for process, _ in started))
