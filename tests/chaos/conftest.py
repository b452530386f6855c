"""Fixtures: the scale-out set-up of tests/scale (PostgreSQL, Redis, one action server), and two
Rasa servers of the test's own, since the test kills one."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scale"))

from launcher import stop  # noqa: E402
from services import scale_env, services, start_rasa_servers  # noqa: E402, F401 - fixtures


@pytest.fixture(scope="module")
def servers(scale_env, tmp_path_factory):  # noqa: F811
    """[(process, bot), (process, bot)]: two Rasa servers sharing PostgreSQL and Redis, for one module."""
    started = start_rasa_servers(["chaos-rasa-a", "chaos-rasa-b"], tmp_path_factory.mktemp, scale_env)
    yield started
    stop(*(process for process, _ in started))
