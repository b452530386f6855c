"""The chat page server: the page, its one npm file, its settings, and a strict CSP."""

import http.client
import json
import os
import socket
import subprocess

import pytest
import requests
from launcher import PYTHON, start_web_page, stop

from paths import ROOT


@pytest.fixture(scope="module")
def page_url():
    process, url = start_web_page(rasa_port=5999, log_name="unit-web")
    yield url
    stop(process)


def test_page_is_served_with_a_policy_that_forbids_inline_script_and_other_sites(page_url):
    response = requests.get(f"{page_url}/", timeout=5)
    assert response.ok and "Safeguarding guide" in response.text
    policy = response.headers["Content-Security-Policy"]
    assert (
        "script-src 'self';" in policy
        and "unsafe-inline" not in policy
        and "*" not in policy.split("connect-src")[0]
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_config_tells_the_page_the_rasa_port_and_the_roles_of_roles_yml(page_url, kb):
    config = requests.get(f"{page_url}/config.json", timeout=5).json()
    assert config.pop("roles") == [
        {"id": role_id, "title": role.button, "says": role.says} for role_id, role in kb.roles.roles.items()
    ]
    # The area names of local_contacts.yml (the shipped file has none); never their numbers.
    assert config.pop("areas") == {"names": [], "fixed": None}
    assert config == {"rasaPort": 5999, "rasaUrl": ""}


def test_the_page_hard_codes_no_role():
    """The "I am a" and "Contacts for" lists are built from /config.json: only their
    placeholders are in the HTML."""
    html = (ROOT / "web" / "index.html").read_text()
    assert html.count("<option") == 2 and 'value="gp"' not in html
    assert "I'm a GP" not in (ROOT / "web" / "app.js").read_text()


def test_config_names_the_areas_of_the_contacts_file(monkeypatch):
    import web_server

    monkeypatch.setenv("LOCAL_CONTACTS_FILE", str(ROOT / "local_contacts.example.yml"))
    assert web_server.page_areas() == {"names": ["Exampleshire", "Sampleton"], "fixed": None}


def test_socket_io_client_comes_from_node_modules(page_url):
    if not (ROOT / "node_modules" / "socket.io-client").exists():
        pytest.fail("node_modules is missing: run `make install`")
    response = requests.get(f"{page_url}/vendor/socket.io.esm.min.js", timeout=5)
    assert response.ok and response.headers["Content-Type"] == "text/javascript"


@pytest.mark.parametrize("path", ["/../package.json", "/vendor/../../package.json", "/%2e%2e/Makefile"])
def test_nothing_outside_web_is_served(page_url, path):
    host, port = page_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request("GET", path)  # sent as written: requests would tidy the dots away
    assert connection.getresponse().status == 404


def test_the_page_pins_a_socket_io_client_that_speaks_to_rasa():
    """Rasa 3.6's python-socketio 5 speaks socket.io protocol 5: socket.io-client 3 or 4."""
    lock = json.loads((ROOT / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/socket.io-client"]["version"]
    assert version.split(".")[0] in {"3", "4"}


def test_no_page_file_loads_anything_from_another_site():
    for path in (ROOT / "web").iterdir():
        text = path.read_text()
        assert "//cdn" not in text and "https://" not in text.replace("https?:", ""), path.name


def test_make_run_says_which_port_is_taken_and_how_to_choose_another():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [PYTHON, str(ROOT / "scripts" / "launcher.py"), "web"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "WEB_PORT": str(port), "RASA_PORT": str(port)},
            timeout=30,
        )
    assert result.returncode == 1
    assert "already in use" in result.stderr and "WEB_PORT=" in result.stderr
    assert "Starting" not in result.stdout  # nothing was started
