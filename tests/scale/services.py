"""Throwaway PostgreSQL and Redis servers on loopback, for the scale-out test.

Each runs on a free port with its data in a temporary folder and is stopped and
removed afterwards, so the test never touches a system database and can run while
other tests (or other copies of this test) run on the same machine.
PostgreSQL refuses to run as root: when we are root, its commands run as the
`postgres` user that the Debian package creates. OUTAGES holds, while each runs, a
function that stops it for some seconds and starts it again (tests/chaos).
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Dict, Iterator, List

import pytest
from launcher import LOGS, MODEL, ROOT, free_port, start_action_server, start_rasa, stop

OUTAGES: Dict[str, Callable[[float], None]] = {}  # "postgres" / "redis" -> outage(seconds)


def _postgres_command(name: str) -> str:
    """initdb/pg_ctl are not on PATH with Debian's packages: look in /usr/lib/postgresql too."""
    found = shutil.which(name) or (sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [None])[-1]
    if not found:
        raise RuntimeError(f"{name} not found: run scripts/install_scale_services.sh")
    return found


def _as_postgres(args: List[str]) -> List[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _run(args: List[str], log: Path, **kwargs) -> None:
    with log.open("a") as out:
        subprocess.run(args, check=True, stdout=out, stderr=subprocess.STDOUT, **kwargs)


@contextmanager
def _scratch(prefix: str) -> Iterator[Path]:
    """A temporary folder the postgres user can reach (pytest's own tmp dirs are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgres(log_name: str = "scale-postgres") -> Iterator[dict]:
    """Yields the settings endpoints.scale.yml reads (DB_HOST, DB_PORT, ...), with a database created."""
    LOGS.mkdir(exist_ok=True)
    log = LOGS / f"{log_name}.log"
    log.write_text("")
    port, password = free_port(), uuid.uuid4().hex
    with _scratch("scale-postgres-") as folder:
        data, sockets, pwfile = folder / "data", folder / "sockets", folder / "pwfile"
        sockets.mkdir()
        pwfile.write_text(password + "\n")
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
            shutil.chown(sockets, "postgres")
            shutil.chown(pwfile, "postgres")
        _run(
            _as_postgres(
                [
                    _postgres_command("initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "rasa",
                    "--pwfile",
                    str(pwfile),
                    "--auth",
                    "scram-sha-256",
                ]
            ),
            log,
        )
        pg_ctl = _postgres_command("pg_ctl")
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c max_connections=100"
        start = [
            pg_ctl,
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        ]
        stop_now = [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]
        _run(_as_postgres(start), log)

        def outage(seconds: float) -> None:
            _run(_as_postgres(stop_now), log)
            time.sleep(seconds)
            _run(_as_postgres(start), log)

        OUTAGES["postgres"] = outage
        try:
            env = {**os.environ, "PGPASSWORD": password}
            _run(
                [_postgres_command("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "rasa", "rasa"],
                log,
                env=env,
            )
            yield {
                "DB_HOST": "127.0.0.1",
                "DB_PORT": str(port),
                "DB_NAME": "rasa",
                "DB_USER": "rasa",
                "DB_PASSWORD": password,
            }
        finally:
            OUTAGES.pop("postgres", None)
            _run(_as_postgres(stop_now), log)
            server_log = folder / "server.log"
            if server_log.exists():
                with log.open("a") as out:
                    out.write(server_log.read_text())


@contextmanager
def redis(log_name: str = "scale-redis") -> Iterator[dict]:
    """Yields the settings endpoints.scale.yml reads (REDIS_HOST, REDIS_PORT, ...)."""
    import redis as redis_client

    LOGS.mkdir(exist_ok=True)
    log = LOGS / f"{log_name}.log"
    port, password = free_port(), uuid.uuid4().hex
    log.write_text("")
    with _scratch("scale-redis-") as folder:
        args = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", str(folder), "--requirepass", password]
        client = redis_client.Redis(host="127.0.0.1", port=port, password=password)
        running = []

        def start() -> None:
            running.append(subprocess.Popen(args, stdout=log.open("a"), stderr=subprocess.STDOUT))
            deadline = time.monotonic() + 30
            while True:
                try:
                    client.ping()
                    return
                except redis_client.ConnectionError:
                    if running[-1].poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"redis-server did not start; see {log}") from None
                    time.sleep(0.2)

        def stop_now() -> None:
            process = running.pop()
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

        def outage(seconds: float) -> None:
            stop_now()
            time.sleep(seconds)
            start()

        try:
            start()
            OUTAGES["redis"] = outage
            yield {
                "REDIS_HOST": "127.0.0.1",
                "REDIS_PORT": str(port),
                "REDIS_PASSWORD": password,
                "REDIS_DB": "1",
            }
        finally:
            OUTAGES.pop("redis", None)
            while running:
                stop_now()


def start_rasa_servers(names: List[str], workdir, env: dict) -> list:
    """(process, bot) for Rasa servers started from the shipped endpoints.scale.yml, as a deployment would.

    One after the other: on an empty database both servers would run CREATE TABLE at the same
    moment and PostgreSQL refuses the second (Rasa logs it and carries on, but it is noise in the
    logs the tests check). A deployment starts its first server before scaling out too.
    `workdir(name)` gives each server its folder.
    """
    endpoints = (ROOT / "endpoints.scale.yml").read_text()
    started = []
    for name in names:
        try:
            process, bot = start_rasa(
                workdir(name), 0, name, endpoints_text=endpoints, env=env, start_seconds=420
            )
        except Exception:
            stop(*(process for process, _ in started))
            raise
        bot.log = LOGS / f"{name}.log"
        started.append((process, bot))
    return started


# Fixtures for the conftest files of tests/scale and tests/chaos (they import them).


@pytest.fixture(scope="session")
def services():
    """The environment endpoints.scale.yml reads, for PostgreSQL and Redis on free loopback ports."""
    with postgres() as database, redis() as locks:
        yield {**database, **locks}


@pytest.fixture(scope="session")
def scale_env(services):
    """`services` and one action server."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    process, port = start_action_server("scale-actions")
    yield {**services, "ACTION_SERVER_URL": f"http://127.0.0.1:{port}/webhook"}
    stop(process)
