"""scripts/launcher.py alone knows the ports, the model path and how servers start; make calls it."""

import subprocess

import launcher
import pytest

from paths import ROOT

SCALE_URL = "url: ${ACTION_SERVER_URL}\n"


def endpoints(tmp_path, action_url: str):
    path = tmp_path / "endpoints.yml"
    path.write_text(f'action_endpoint:\n  {action_url}tracker_store:\n  type: SQL\n  db: "rasa.db"\n')
    return path


def test_the_makefile_takes_the_model_path_from_the_launcher():
    printed = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval=print-model: ; @echo $(MODEL)", "print-model"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert printed.stdout.strip() == launcher.MODEL_PATH
    assert launcher.MODEL == ROOT / launcher.MODEL_PATH


@pytest.mark.parametrize(
    "target, command",
    [
        ("run: train npm", "web"),
        ("shell: train", "shell"),
        ("serve: train", "serve"),
        ("$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed", "train"),
    ],
)
def test_make_targets_call_the_launcher(target, command):
    assert f"\n{target}\n\t@$(LAUNCHER) {command}\n" in (ROOT / "Makefile").read_text()


def test_no_shell_launchers_are_left():
    assert sorted(p.name for p in (ROOT / "scripts").glob("*.sh")) == [
        "find_python.sh",
        "install.sh",
        "install_chromium.sh",
        "install_npm.sh",
        "install_scale_services.sh",
    ]


def test_the_shipped_endpoints_file_matches_the_default_actions_port():
    assert (
        launcher.endpoints_for(launcher.PORTS["ACTIONS_PORT"], ROOT / "endpoints.yml")
        == ROOT / "endpoints.yml"
    )


def test_another_actions_port_gets_a_temporary_copy_of_the_endpoints(tmp_path):
    original = endpoints(tmp_path, 'url: "http://localhost:5055/webhook"\n')
    moved = launcher.endpoints_for(5077, original)
    try:
        assert moved != original
        assert moved.read_text() == original.read_text().replace("localhost:5055", "localhost:5077")
    finally:
        moved.unlink()


def test_an_action_server_elsewhere_is_left_alone(tmp_path):
    original = endpoints(tmp_path, 'url: "http://actions.internal:5055/webhook"\n')
    assert launcher.endpoints_for(5077, original) == original


def test_an_environment_url_that_disagrees_is_refused(tmp_path, monkeypatch):
    original = endpoints(tmp_path, SCALE_URL)
    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    assert launcher.endpoints_for(5055, original) == original
    with pytest.raises(launcher.LaunchError, match="port 5077 .ACTIONS_PORT.: make the two agree"):
        launcher.endpoints_for(5077, original)
    monkeypatch.delenv("ACTION_SERVER_URL")
    assert launcher.endpoints_for(5077, original) == original  # unset: Rasa stops and names it


def test_serve_passes_secrets_as_one_argument_each(monkeypatch):
    token, secret = "-starts-with-a-dash-0123", "s" * 16
    monkeypatch.setenv("RASA_AUTH_TOKEN", token)
    monkeypatch.setenv("RASA_JWT_SECRET", secret)
    monkeypatch.delenv("RASA_JWT_METHOD", raising=False)
    assert launcher.serve_access() == [
        "--auth-token=" + token,
        "--jwt-secret=" + secret,
        "--jwt-method",
        "HS256",
    ]


@pytest.mark.parametrize("value", ["http", "0", "70000"])
def test_a_port_that_is_not_a_port_is_refused(monkeypatch, value):
    monkeypatch.setenv("RASA_PORT", value)
    with pytest.raises(launcher.LaunchError, match=f"RASA_PORT={value}"):
        launcher.port("RASA_PORT")


def test_rasa_servers_start_through_the_plugin_entry_module():
    assert launcher.rasa_server("run")[1:] == ["-m", "rasa_plugins.server.start", "run"]
