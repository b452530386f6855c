"""Starts the real action server and Rasa server on free ports for the HTTP tests."""

import os
import socket
import subprocess
import time
import uuid
from pathlib import Path
from typing import Optional

import pytest
import requests

from conftest import ROOT

MODEL = ROOT / "models" / "safeguarding-guide.tar.gz"
RASA = str(ROOT / ".venv" / "bin" / "rasa")
LOGS = ROOT / "logs"
TOKEN = "e2e-" + uuid.uuid4().hex
QUIET = {
    **os.environ,
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    tail = log.read_text()[-3000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start in {seconds}s; end of {log}:\n{tail}")


def start(args, log: Path) -> subprocess.Popen:
    LOGS.mkdir(exist_ok=True)
    return subprocess.Popen(
        args, cwd=ROOT, env=QUIET, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def stop(*processes: Optional[subprocess.Popen]) -> None:
    for process in processes:
        if process and process.poll() is None:
            process.terminate()
    for process in processes:
        if process:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


class Bot:
    """A running Rasa server, spoken to over HTTP as an integration would."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"

    def send(self, message, sender: Optional[str] = None, timeout: float = 30):
        sender = sender or uuid.uuid4().hex
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=timeout,
        )
        return response

    def say(self, message: str, sender: Optional[str] = None) -> list:
        response = self.send(message, sender)
        assert response.status_code == 200, response.text
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=10
        )
        response.raise_for_status()
        return response.json()

    def parse(self, text: str) -> dict:
        response = requests.post(
            f"{self.url}/model/parse", params={"token": TOKEN}, json={"text": text}, timeout=10
        )
        response.raise_for_status()
        return response.json()


def start_rasa(tmp: Path, action_port: int, name: str):
    tmp.mkdir(parents=True, exist_ok=True)
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{tmp / "tracker.db"}"\n'
    )
    port = free_port()
    log = LOGS / f"e2e-{name}.log"
    process = start(
        [RASA, "run", "--model", str(MODEL), "--enable-api", "--auth-token", TOKEN,
         "--interface", "127.0.0.1", "--port", str(port), "--endpoints", str(endpoints),
         "--credentials", str(ROOT / "credentials.yml")],
        log,
    )
    bot = Bot(port)

    def loaded() -> bool:
        status = requests.get(f"{bot.url}/status", params={"token": TOKEN}, timeout=2)
        return status.ok and bool(status.json().get("model_file"))

    try:
        wait_until(loaded, 180, f"Rasa server ({name})", log)
    except Exception:
        stop(process)
        raise
    return process, bot


@pytest.fixture(scope="session")
def action_server():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    port = free_port()
    log = LOGS / "e2e-actions.log"
    process = start([RASA, "run", "actions", "--port", str(port)], log)
    try:
        wait_until(lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok, 90,
                   "action server", log)
    except Exception:
        stop(process)
        raise
    yield port
    stop(process)


@pytest.fixture(scope="session")
def bot(action_server, tmp_path_factory) -> Bot:
    process, bot = start_rasa(tmp_path_factory.mktemp("rasa"), action_server, "rasa")
    yield bot
    stop(process)


@pytest.fixture(scope="module")
def bot_without_actions(tmp_path_factory) -> Bot:
    """A Rasa server whose action server is down (nothing listens on its port)."""
    process, bot = start_rasa(tmp_path_factory.mktemp("no-actions"), free_port(), "rasa-no-actions")
    yield bot
    stop(process)
