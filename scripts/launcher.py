"""The one launcher: the only place that knows the ports, the model, Rasa's environment, the
log files, and how the action server, the Rasa server and the chat page start and stop.

    python scripts/launcher.py web     # make run: all three on 127.0.0.1, Ctrl-C stops them
    python scripts/launcher.py serve   # make serve: Rasa's HTTP API behind a token or JWT + action server
    python scripts/launcher.py shell   # make shell: action server + `rasa shell`
    python scripts/launcher.py train   # make train
    python scripts/launcher.py exec CMD ...   # any command in the same environment (make validate, tests)

Ports: WEB_PORT (8000), RASA_PORT (5005), ACTIONS_PORT (5055). ENDPOINTS picks the
endpoints file, LOGS the log folder. tests/ and evaluation/ import this module
(start_action_server, start_rasa, start_web_page), so they start what make starts.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import List, Optional
from urllib.parse import urlsplit

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = "models/safeguarding-guide.tar.gz"  # the Makefile reads this line: one source for the path
MODEL = ROOT / MODEL_PATH
PYTHON = str(ROOT / ".venv" / "bin" / "python")
RASA = str(ROOT / ".venv" / "bin" / "rasa")
LOGS = ROOT / os.environ.get("LOGS", "logs")  # an absolute LOGS replaces ROOT
CREDENTIALS = ROOT / "credentials.yml"
PORTS = {"WEB_PORT": 8000, "RASA_PORT": 5005, "ACTIONS_PORT": 5055}
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
SETTINGS = {
    "RASA_TELEMETRY_ENABLED": "false",  # no calls home
    "TF_CPP_MIN_LOG_LEVEL": "3",  # TensorFlow's start-up chatter
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",  # Rasa 3.6 uses the SQLAlchemy 1.4 API
    # Sanic closes a connection idle this long, counted from connect; under load Rasa can connect
    # to the action server and write the request seconds later ("Cannot write to closing transport").
    "SANIC_KEEP_ALIVE_TIMEOUT": "75",
    "PYTHONWARNINGS": "ignore::DeprecationWarning,ignore::UserWarning",
}
QUIET = {**os.environ, **SETTINGS}  # the environment every Rasa process gets
MIN_SECRET_LENGTH = 16


def rasa_server(*args: str) -> List[str]:
    """A Rasa command run through our entry module, which installs the plug-ins first (docs/UPGRADING.md)."""
    return [PYTHON, "-m", "rasa_plugins.server.start", *args]


def port(name: str) -> int:
    value = os.environ.get(name) or str(PORTS[name])
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise LaunchError(f"{name}={value} is not a port number")
    return int(value)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_in_use(number: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", number)) == 0


class LaunchError(Exception):
    """Something to tell the operator in a line or two, instead of starting."""


class NotStarted(LaunchError, RuntimeError):
    """A server did not come up; str() carries the end of its log (for tests), short() a summary."""

    def __init__(self, what: str, seconds: float, log: Path, exited: bool = False) -> None:
        self.what, self.seconds, self.log, self.exited = what, seconds, log, exited
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        super().__init__(f"{self.headline()}; end of {log}:\n{tail}")

    def headline(self) -> str:
        return (
            f"{self.what} stopped while starting"
            if self.exited
            else f"{self.what} did not start within {self.seconds:.0f}s"
        ) + f" - see {self.log}"

    def short(self, lines: int = 5) -> str:
        tail = self.log.read_text(errors="replace").splitlines()[-lines:] if self.log.exists() else []
        return "\n".join([self.headline(), *tail])


def wait_until(
    check, seconds: float, what: str, log: Path, process: Optional[subprocess.Popen] = None
) -> None:
    """Polls check() until it is true; raises NotStarted after `seconds`, or at once if `process` ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        if process is not None and process.poll() is not None:
            raise NotStarted(what, seconds, log, exited=True)
        time.sleep(0.25)
    raise NotStarted(what, seconds, log)


def _start(args, log: Path, env: Optional[dict] = None, append: bool = False) -> subprocess.Popen:
    """A server in its own session: the terminal's Ctrl-C reaches the launcher, which stops it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [str(a) for a in args],
        cwd=ROOT,
        env={**QUIET, **(env or {})},
        stdout=log.open("a" if append else "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
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
                process.wait()


def _started(process: subprocess.Popen, check, seconds: float, what: str, log: Path) -> subprocess.Popen:
    try:
        wait_until(check, seconds, what, log, process)
    except BaseException:
        stop(process)
        raise
    return process


def start_action_server(
    log_name: str = "actions", port: Optional[int] = None, env: Optional[dict] = None
) -> tuple:
    """Returns (process, port) once /health answers; on `port` if given (e.g. a restart on the same port).
    `env` adds variables (e.g. LOCAL_CONTACTS_FILE for a test's contacts)."""
    port = port or free_port()
    log = LOGS / f"{log_name}.log"
    process = _start([RASA, "run", "actions", "--port", port], log, env=env)
    _started(
        process,
        lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok,
        90,
        "The action server",
        log,
    )
    return process, port


def endpoints_for(actions_port: int, endpoints: Path) -> Path:
    """The endpoints file for a Rasa server whose action server listens on actions_port.

    `endpoints` itself when its action_endpoint already says so (or names another
    host); otherwise a temporary copy with the port changed, which the caller
    deletes. A ${VAR} URL (endpoints.scale.yml) is the operator's: checked, not rewritten.
    """
    text = endpoints.read_text(encoding="utf-8")
    url = str(((yaml.safe_load(text) or {}).get("action_endpoint") or {}).get("url") or "")
    resolved = os.path.expandvars(url)
    parts = urlsplit(resolved)
    if "${" in resolved or parts.hostname not in LOOPBACK:
        return endpoints  # unset (Rasa names the variable) or an action server elsewhere
    if (parts.port or (443 if parts.scheme == "https" else 80)) == actions_port:
        return endpoints
    moved = parts._replace(netloc=f"{parts.hostname}:{actions_port}").geturl()
    if url != resolved:
        raise LaunchError(
            f"{endpoints.name}: action_endpoint is {resolved}, but the action server starts on "
            f"port {actions_port} (ACTIONS_PORT): make the two agree"
        )
    handle, name = tempfile.mkstemp(prefix="endpoints-", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as copy:
        copy.write(text.replace(url, moved, 1))
    return Path(name)


class Bot:
    """A running Rasa server, spoken to over HTTP as an integration would."""

    def __init__(self, port: int, token: str) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.token = token
        self.db: Optional[Path] = None  # the SQLite tracker store, when start_rasa made one

    def send(
        self, message, sender: Optional[str] = None, timeout: float = 30, message_id: Optional[str] = None
    ) -> requests.Response:
        """One turn over the REST channel; with `message_id`, a retry of it is answered once."""
        body = {"sender": sender or uuid.uuid4().hex, "message": message}
        if message_id:
            body["message_id"] = message_id
        return requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=timeout)

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


def start_rasa(
    workdir: Path,
    action_port: int,
    log_name: str = "rasa",
    cors: tuple = (),
    endpoints_text: Optional[str] = None,
    env: Optional[dict] = None,
    start_seconds: float = 180,
    plain: bool = False,
) -> tuple:
    """For tests and benchmarks: (process, Bot) once the model is loaded, the HTTP API behind a
    fresh token, conversations in workdir/tracker.db.

    `cors`: origins allowed to call from a browser (the chat page's, for the browser tests).
    `endpoints_text` replaces the generated endpoints file (e.g. endpoints.scale.yml's text)
    and `env` adds variables for its ${VAR}s; bot.endpoints is the file used.
    `plain`: Rasa's own `rasa run`, as its docs, Docker image and Helm chart start it.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        endpoints_text
        or (
            f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
            f"tracker_store:\n  type: rasa_plugins.server.tracker_store.MaskingSQLTrackerStore\n"
            f'  dialect: sqlite\n  db: "{workdir / "tracker.db"}"\n'
        )
    )
    port, token = free_port(), uuid.uuid4().hex
    log = LOGS / f"{log_name}.log"
    command = (lambda *args: [RASA, *args]) if plain else rasa_server
    process = _start(
        command(
            "run",
            "--model",
            MODEL,
            "--enable-api",
            "--auth-token",
            token,
            "--interface",
            "127.0.0.1",
            "--port",
            port,
            "--endpoints",
            endpoints,
            "--credentials",
            CREDENTIALS,
            *(["--cors", *cors] if cors else []),
        ),
        log,
        env,
    )
    bot = Bot(port, token)
    bot.db = workdir / "tracker.db"
    bot.endpoints = endpoints

    def loaded() -> bool:
        status = requests.get(f"{bot.url}/status", params={"token": token}, timeout=2)
        return status.ok and bool(status.json().get("model_file"))

    _started(process, loaded, start_seconds, f"The Rasa server ({log_name})", log)
    return process, bot


def start_web_page(
    rasa_port: int,
    port: Optional[int] = None,
    log_name: str = "web",
    host: str = "127.0.0.1",
    env: Optional[dict] = None,
) -> tuple:
    """Starts the chat page server (scripts/web_server.py); returns (process, page URL) once it answers.
    `env` adds variables (e.g. LOCAL_CONTACTS_FILE: the areas of its "Contacts for" list)."""
    port = port or free_port()
    log = LOGS / f"{log_name}.log"
    process = _start(
        [
            PYTHON,
            ROOT / "scripts" / "web_server.py",
            "--host",
            host,
            "--port",
            port,
            "--rasa-port",
            rasa_port,
            "--log-file",
            log,
        ],
        LOGS / f"{log_name}-stdout.log",
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    _started(
        process, lambda: requests.get(f"{url}/config.json", timeout=2).ok, 20, "The chat page server", log
    )
    return process, url


# The commands.


class Stopped(Exception):
    """SIGTERM or SIGHUP: stop the servers and exit with `code`."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _on_signal(signum, _frame) -> None:
    raise Stopped(128 + signum)


def _say(text: str) -> None:
    print(text, flush=True)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _endpoints_file() -> Path:
    return ROOT / os.environ.get("ENDPOINTS", "endpoints.yml")


def _rasa_up(rasa_port: int, host: str = "127.0.0.1"):
    """Rasa opens its port once the model is loaded."""
    return lambda: requests.get(f"http://{host}:{rasa_port}/", timeout=2).ok


def _supervise(body, interrupted_code: int, interrupted_note: str = "") -> int:
    """Runs body(started, temporary) -> exit status; however it ends, stops every process the
    body put in `started` and deletes its `temporary` files.

    Ctrl-C gives `interrupted_code`; SIGTERM/SIGHUP give 128+signal when that is 0, else it.
    """
    started: list = []
    temporary: list = []
    # Ctrl-C raises KeyboardInterrupt even when started with SIGINT ignored (a shell's
    # background job, a supervisor): stopping must always work the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    code = 1
    try:
        code = body(started, temporary)
    except KeyboardInterrupt:
        if interrupted_note:
            _say(f"\n{interrupted_note}")
        code = interrupted_code
    except Stopped as stopped:
        code = interrupted_code or stopped.code
    except NotStarted as error:
        print(error.short(), file=sys.stderr)
    except LaunchError as error:
        print(error, file=sys.stderr)
        code = 2
    finally:
        for name in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(name, signal.SIG_IGN)  # a second Ctrl-C must not cut the stopping short
        stop(*started)
        for path in temporary:
            path.unlink(missing_ok=True)
    return code


def _start_actions_and_rasa(
    started: list, temporary: list, actions_port: int, rasa_args: list
) -> subprocess.Popen:
    endpoints = endpoints_for(actions_port, _endpoints_file())
    if endpoints != _endpoints_file():
        temporary.append(endpoints)
        _say(
            f"    (action_endpoint moved to port {actions_port}"
            f" in a temporary copy of {_endpoints_file().name})"
        )
    _say(f"==> Starting the action server on port {actions_port} (log: {_shown(LOGS / 'actions.log')})")
    started.append(start_action_server("actions", actions_port)[0])
    rasa = _start(
        rasa_server(
            "run", "--model", MODEL, "--credentials", CREDENTIALS, "--endpoints", endpoints, *rasa_args
        ),
        LOGS / "rasa.log",
        append=True,
    )
    started.append(rasa)
    return rasa


def web() -> int:
    """make run: action server, Rasa server (socket.io) and chat page, all on 127.0.0.1."""
    ports = [port("WEB_PORT"), port("RASA_PORT"), port("ACTIONS_PORT")]
    for number in ports:
        if port_in_use(number):
            print(
                f"Port {number} is already in use (another 'make run' or 'make serve'?). Stop it, or choose\n"
                "other ports: WEB_PORT=8080 RASA_PORT=5006 make run",
                file=sys.stderr,
            )
            return 1
    web_port, rasa_port, actions_port = ports

    def body(started: list, temporary: list) -> int:
        rasa_log = LOGS / "rasa.log"
        origins = [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]
        # --cors: only the chat page's origin may call Rasa from a browser.
        rasa = _start_actions_and_rasa(
            started,
            temporary,
            actions_port,
            ["--interface", "127.0.0.1", "--port", rasa_port, "--cors", *origins],
        )
        _say(f"==> Starting the Rasa server on 127.0.0.1:{rasa_port} (about 30 s; log: {_shown(rasa_log)})")
        started.append(start_web_page(rasa_port, web_port, "web")[0])
        _started(rasa, _rasa_up(rasa_port), 180, "The Rasa server", rasa_log)
        _say(
            f"==> Ready: open http://localhost:{web_port} in your browser\n"
            f"    (presenter mode for a projector: http://localhost:{web_port}/?presenter=1)\n"
            "    Ctrl-C stops the chat page, the Rasa server and the action server."
        )
        while all(process.poll() is None for process in started):  # stop everything if any one stops
            time.sleep(0.5)
        print(f"A server stopped - see {_shown(LOGS)}/ - stopping the others.", file=sys.stderr)
        return 1

    code = _supervise(body, 0, "==> Stopping (a few seconds)...")
    _say("==> Stopped.")
    return code


def serve_access() -> List[str]:
    """Rasa's access-control options from RASA_AUTH_TOKEN / RASA_JWT_SECRET; raises LaunchError without one.

    "--opt=value": a secret may start with "-", which argparse would read as an option.
    """
    token, secret = os.environ.get("RASA_AUTH_TOKEN", ""), os.environ.get("RASA_JWT_SECRET", "")
    if not token and not secret:
        raise LaunchError(
            "Refusing to start: the HTTP API would be open to anyone who can reach the port.\n"
            "Set RASA_AUTH_TOKEN (a shared token) or RASA_JWT_SECRET (to accept signed JWTs), e.g.\n"
            "  export RASA_AUTH_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')\n"
            "then run `make serve` again. See docs/DEPLOYMENT.md."
        )
    for name, value in (("RASA_AUTH_TOKEN", token), ("RASA_JWT_SECRET", secret)):
        if value and len(value) < MIN_SECRET_LENGTH:
            raise LaunchError(
                f"Refusing to start: {name} is shorter than {MIN_SECRET_LENGTH} characters; "
                "use a long random value."
            )
    options = ["--auth-token=" + token] if token else []
    if secret:
        options += ["--jwt-secret=" + secret, "--jwt-method", os.environ.get("RASA_JWT_METHOD") or "HS256"]
    return options


def serve() -> int:
    """make serve: the Rasa server (REST channel + HTTP API behind a token or JWT) and the action server.

    Browsers may call it only from WEB_ORIGIN. It runs until Rasa stops, or Ctrl-C / SIGTERM (exit 130).
    """
    try:
        access = serve_access()  # before anything starts
    except LaunchError as error:
        print(error, file=sys.stderr)
        return 2
    rasa_port, actions_port = port("RASA_PORT"), port("ACTIONS_PORT")
    interface = os.environ.get("RASA_INTERFACE") or "127.0.0.1"
    origin = os.environ.get("WEB_ORIGIN") or "http://localhost:8000"

    def body(started: list, temporary: list) -> int:
        rasa_log = LOGS / "rasa.log"
        rasa = _start_actions_and_rasa(
            started,
            temporary,
            actions_port,
            ["--enable-api", *access, "--cors", origin, "--interface", interface, "--port", rasa_port],
        )
        _say(
            f"==> Starting the Rasa server on {interface}:{rasa_port} (about 30 s; log: {_shown(rasa_log)})\n"
            f"    HTTP API: token or JWT required; browsers allowed from {origin} only"
        )
        host = "127.0.0.1" if interface in ("0.0.0.0", "::") else interface
        _started(rasa, _rasa_up(rasa_port, host), 180, "The Rasa server", rasa_log)
        _say(
            f"==> Ready: POST http://{interface}:{rasa_port}/webhooks/rest/webhook "
            '{"sender": "me", "message": "hi"}\n    Ctrl-C stops both servers.'
        )
        return rasa.wait()

    code = _supervise(body, 130)
    _say("==> Stopped.")
    return code


def shell() -> int:
    """make shell: the action server in the background, `rasa shell` in the terminal."""

    def body(started: list, temporary: list) -> int:
        actions_port = port("ACTIONS_PORT")
        endpoints = endpoints_for(actions_port, _endpoints_file())
        if endpoints != _endpoints_file():
            temporary.append(endpoints)
        _say(f"==> Starting the action server (log: {_shown(LOGS / 'actions.log')})")
        started.append(start_action_server("actions", actions_port)[0])
        _say("==> Loading the model (about 30 s). Type /stop or press Ctrl-C to leave.")
        rasa_log = LOGS / "rasa.log"
        with rasa_log.open("a") as log:  # in this terminal's session: it reads the keyboard
            chat = subprocess.Popen(
                rasa_server(
                    "shell",
                    "--model",
                    str(MODEL),
                    "--quiet",
                    "--port",
                    str(port("RASA_PORT")),
                    "--endpoints",
                    str(endpoints),
                    "--log-file",
                    str(rasa_log),
                ),
                cwd=ROOT,
                env=QUIET,
                stderr=log,
            )
            started.append(chat)
            interrupted = False
            while True:
                try:
                    code = chat.wait()
                    break
                except KeyboardInterrupt:  # rasa shell had it too, and is leaving
                    interrupted = True
        return 130 if interrupted else code

    return _supervise(body, 130)


def train() -> int:
    """make train: the model into MODEL; Rasa's output to logs/train.log."""
    log = LOGS / "train.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    _say(f"==> Training the model (about a minute; log: {_shown(log)})")
    began = int(time.time())
    with log.open("w") as out:
        done = subprocess.run(
            [
                RASA,
                "train",
                "--fixed-model-name",
                MODEL.name.removesuffix(".tar.gz"),
                "--out",
                str(MODEL.parent),
            ],
            cwd=ROOT,
            env=QUIET,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if done.returncode != 0:
        print("\n".join(log.read_text(errors="replace").splitlines()[-20:]), file=sys.stderr)
        return 1
    os.utime(MODEL, (began, began))  # edits made during training leave the model stale
    _say(f"==> Trained {MODEL_PATH} in {int(time.time()) - began}s")
    return 0


def run_in_environment(command: List[str]) -> None:
    """Replaces this process with `command`, in the quiet Rasa environment."""
    if not command:
        raise LaunchError("exec needs a command")
    try:
        os.execvpe(command[0], command, QUIET)
    except OSError as error:
        raise LaunchError(f"exec {command[0]}: {error.strerror}") from None


COMMANDS = {"web": web, "serve": serve, "shell": shell, "train": train}


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["exec"]:
            run_in_environment(args[1:])
        if len(args) != 1 or args[0] not in COMMANDS:
            print(__doc__, file=sys.stderr)
            return 2
        LOGS.mkdir(parents=True, exist_ok=True)
        return COMMANDS[args[0]]()
    except LaunchError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
