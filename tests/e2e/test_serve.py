"""`make serve` as deployed: the HTTP API needs the token or a JWT signed with the secret;
CORS admits only WEB_ORIGIN.

Runs `scripts/launcher.py serve` (what `make serve` runs) on free ports with its own
endpoints file, and stops it (and the two servers it starts) afterwards.
"""

import os
import secrets
import signal
import subprocess
import uuid

import jwt
import pytest
import requests
from launcher import LOGS, MODEL, PYTHON, QUIET, ROOT, free_port, wait_until
from replies import without_opening

WEB_ORIGIN = "http://chat.example.test:8000"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    workdir = tmp_path_factory.mktemp("serve")
    rasa_port, actions_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{workdir / "tracker.db"}"\n'
    )
    settings = {
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(24),
        "RASA_JWT_SECRET": secrets.token_urlsafe(32),
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "ENDPOINTS": str(endpoints),
        "WEB_ORIGIN": WEB_ORIGIN,
        "LOGS": str(LOGS / "e2e-serve"),
    }
    log = LOGS / "e2e-serve.log"
    LOGS.mkdir(exist_ok=True)
    process = subprocess.Popen(
        [PYTHON, str(ROOT / "scripts" / "launcher.py"), "serve"],
        cwd=ROOT,
        env={**QUIET, **settings},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        wait_until(lambda: requests.get(url, timeout=2).ok, 240, "make serve", log)
        yield url, settings
    finally:
        process.send_signal(signal.SIGTERM)  # the launcher stops both servers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_api_needs_the_token(served):
    url, settings = served
    assert requests.get(f"{url}/status", timeout=10).status_code == 401
    assert requests.get(f"{url}/status", params={"token": "wrong" * 5}, timeout=10).status_code == 401
    assert requests.get(f"{url}/conversations/someone/tracker", timeout=10).status_code == 401
    assert requests.post(f"{url}/model/parse", json={"text": "hi"}, timeout=10).status_code == 401
    assert requests.get(f"{url}/status", params={"token": settings["RASA_AUTH_TOKEN"]}, timeout=10).ok


def test_api_accepts_a_jwt_signed_with_the_secret_only(served):
    url, settings = served
    claims = {"user": {"username": "ops", "role": "admin"}}
    good = jwt.encode(claims, settings["RASA_JWT_SECRET"], algorithm="HS256")
    forged = jwt.encode(claims, "not-the-secret-" * 3, algorithm="HS256")
    assert requests.get(f"{url}/status", headers={"Authorization": f"Bearer {good}"}, timeout=10).ok
    assert (
        requests.get(f"{url}/status", headers={"Authorization": f"Bearer {forged}"}, timeout=10).status_code
        == 401
    )


def test_cors_allows_only_the_web_origin(served):
    url, _ = served
    allowed = requests.get(url, headers={"Origin": WEB_ORIGIN}, timeout=10)
    assert allowed.headers.get("Access-Control-Allow-Origin") == WEB_ORIGIN
    for origin in ("http://evil.example", "http://localhost:8000", "null"):
        response = requests.get(url, headers={"Origin": origin}, timeout=10)
        assert "Access-Control-Allow-Origin" not in response.headers, origin
    preflight = requests.options(
        f"{url}/webhooks/rest/webhook",
        timeout=10,
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_the_chat_channel_answers_without_the_token(served):
    url, _ = served
    response = requests.post(
        f"{url}/webhooks/rest/webhook",
        timeout=30,
        json={"sender": uuid.uuid4().hex, "message": "what is section 47?"},
    )
    assert response.status_code == 200
    assert without_opening(response.json())[0]["text"].startswith("**Section 47")
