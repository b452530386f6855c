"""`make serve` refuses to open the HTTP API without a token or JWT secret from the environment.

Checked on `scripts/launcher.py serve` (what `make serve` runs) before anything starts; the
running server's token, JWT and CORS behaviour is tested in tests/e2e/test_serve.py.
"""

import os
import signal
import subprocess

import pytest

from paths import ROOT

SERVE = [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "launcher.py"), "serve"]


def run_serve(**env_changes) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("RASA_AUTH_TOKEN", "RASA_JWT_SECRET")}
    env.update({"RASA_PORT": "1", "ACTIONS_PORT": "1", "LOGS": str(ROOT / "logs" / "serve-refusal")})
    env.update(env_changes)
    process = subprocess.Popen(
        SERVE,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate()
        pytest.fail("the launcher went on to start the servers instead of refusing")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_refuses_to_start_without_a_token_or_jwt_secret():
    result = run_serve()
    assert result.returncode == 2
    assert "Refusing to start" in result.stderr
    assert "RASA_AUTH_TOKEN" in result.stderr and "RASA_JWT_SECRET" in result.stderr
    assert "Starting" not in result.stdout


@pytest.mark.parametrize("variable", ["RASA_AUTH_TOKEN", "RASA_JWT_SECRET"])
def test_refuses_a_short_secret(variable):
    result = run_serve(**{variable: "secret"})
    assert result.returncode == 2
    assert f"{variable} is shorter than" in result.stderr


def test_makefile_serve_runs_the_checked_command():
    makefile = (ROOT / "Makefile").read_text()
    assert "\nserve: train\n\t@$(LAUNCHER) serve\n" in makefile
