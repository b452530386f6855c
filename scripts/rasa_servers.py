"""Start the real action server and Rasa server on free local ports, and talk to them.

Shared by the end-to-end tests and the benchmark, so both measure the same setup
as `make serve`: rasa-sdk action server, Rasa server with the REST channel, the
HTTP API behind a token, and a SQLite tracker store.
"""

import os
import socket
import subprocess
import time
import uuid
from pathlib import Path
from typing import Optional

import requests

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "safeguarding-guide.tar.gz"
RASA = str(ROOT / ".venv" / "bin" / "rasa")
LOGS = ROOT / "logs"
QUIET = {
    **os.environ,
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    # Sanic closes a connection idle this long, counted from connect; under load Rasa can connect
    # to the action server and write the request seconds later ("Cannot write to closing transport").
    "SANIC_KEEP_ALIVE_TIMEOUT": "75",
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
        time.sleep(0.25)
    tail = log.read_text()[-3000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start in {seconds}s; end of {log}:\n{tail}")


def _start(args, log: Path, env: Optional[dict] = None) -> subprocess.Popen:
    LOGS.mkdir(exist_ok=True)
    return subprocess.Popen(args, cwd=ROOT, env={**QUIET, **(env or {})}, stdout=log.open("w"),
                            stderr=subprocess.STDOUT)


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


def start_action_server(log_name: str = "actions", port: Optional[int] = None) -> tuple:
    """Returns (process, port) once /health answers; on `port` if given (a restart on the same port)."""
    port = port or free_port()
    log = LOGS / f"{log_name}.log"
    process = _start([RASA, "run", "actions", "--port", str(port)], log)
    try:
        wait_until(lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok, 90,
                   "The action server", log)
    except Exception:
        stop(process)
        raise
    return process, port


class Bot:
    """A running Rasa server, spoken to over HTTP as an integration would."""

    def __init__(self, port: int, token: str) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.token = token
        self.db: Optional[Path] = None  # the SQLite tracker store, when start_rasa made one

    def send(self, message, sender: Optional[str] = None, timeout: float = 30) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender or uuid.uuid4().hex, "message": message},
            timeout=timeout,
        )

    def say(self, message: str, sender: Optional[str] = None) -> list:
        response = self.send(message, sender)
        assert response.status_code == 200, response.text
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=10
        )
        response.raise_for_status()
        return response.json()

    def parse(self, text: str) -> dict:
        response = requests.post(
            f"{self.url}/model/parse", params={"token": self.token}, json={"text": text}, timeout=10
        )
        response.raise_for_status()
        return response.json()


def start_rasa(workdir: Path, action_port: int, log_name: str = "rasa", cors: tuple = (),
               endpoints_text: Optional[str] = None, env: Optional[dict] = None,
               start_seconds: float = 180) -> tuple:
    """Returns (process, Bot) once the model is loaded; conversations go to workdir/tracker.db.

    `cors`: origins allowed to call from a browser (the chat page's, for the browser tests).
    `endpoints_text` replaces the generated endpoints file (e.g. endpoints.scale.yml's text)
    and `env` adds variables for its ${VAR}s; bot.endpoints is the file used.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(endpoints_text or (
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'tracker_store:\n  type: rasa_plugins.server.tracker_store.MaskingSQLTrackerStore\n'
        f'  dialect: sqlite\n  db: "{workdir / "tracker.db"}"\n'
    ))
    port, token = free_port(), uuid.uuid4().hex
    log = LOGS / f"{log_name}.log"
    process = _start(
        [RASA, "run", "--model", str(MODEL), "--enable-api", "--auth-token", token,
         "--interface", "127.0.0.1", "--port", str(port), "--endpoints", str(endpoints),
         "--credentials", str(ROOT / "credentials.yml"), *(["--cors", *cors] if cors else [])],
        log,
        env,
    )
    bot = Bot(port, token)
    bot.db = workdir / "tracker.db"
    bot.endpoints = endpoints

    def loaded() -> bool:
        status = requests.get(f"{bot.url}/status", params={"token": token}, timeout=2)
        return status.ok and bool(status.json().get("model_file"))

    try:
        wait_until(loaded, start_seconds, f"The Rasa server ({log_name})", log)
    except Exception:
        stop(process)
        raise
    return process, bot


def start_web_page(rasa_port: int, port: Optional[int] = None, log_name: str = "web") -> tuple:
    """Starts the chat page server (scripts/web_server.py); returns (process, page URL) once it answers."""
    port = port or free_port()
    log = LOGS / f"{log_name}.log"
    process = _start(
        [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "web_server.py"),
         "--port", str(port), "--rasa-port", str(rasa_port), "--log-file", str(log)],
        LOGS / f"{log_name}-stdout.log",
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: requests.get(f"{url}/config.json", timeout=2).ok, 20, "The chat page server", log)
    except Exception:
        stop(process)
        raise
    return process, url
