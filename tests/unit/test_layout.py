"""The layout keeps its promises: every domain action is registered by the action server,
and only the adapter modules of actions/ depend on Rasa."""

import ast

from rasa_sdk.executor import ActionExecutor

from paths import ROOT, load_domain

ADAPTERS = {"base.py"}  # besides modules named *actions.py


def test_the_action_server_registers_every_custom_action_of_the_domain():
    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {a for a in load_domain()["actions"] if not a.startswith("utter_")}
    assert custom - set(executor.actions) == set()


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_only_the_adapters_of_actions_import_rasa():
    leaks = {}
    for path in (ROOT / "actions").rglob("*.py"):
        rasa = [m for m in imported_modules(path) if m.split(".")[0] in ("rasa", "rasa_sdk")]
        adapter = path.name.endswith("actions.py") or path.name in ADAPTERS
        if rasa and not adapter:
            leaks[str(path.relative_to(ROOT))] = rasa
    assert not leaks


def test_the_action_server_never_imports_the_rasa_server():
    """Two processes: actions/ may use rasa_sdk, never `rasa` itself (nor the server's plug-ins)."""
    for path in (ROOT / "actions").rglob("*.py"):
        roots = {m.split(".")[0] for m in imported_modules(path)}
        assert not roots & {"rasa", "rasa_plugins"}, path
