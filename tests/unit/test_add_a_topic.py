"""Adding a topic: `make check-content` names every missing piece, and passes once the checklist is done.

Run on a temporary copy of the project, through the real command (scripts/check_content.py).
"""

import shutil
import subprocess
import sys

import yaml

from paths import ROOT

COPIED = [
    "actions",
    "situation",
    "knowledge_base",
    "scripts",
    "data",
    "tests/nlu",
    "docs/contract",
    "docs/ESCALATION_RULES.md",
    "domain.yml",
    "local_contacts.yml",
    "local_contacts.example.yml",
    "rasa_plugins/nlu/role_words.yml",
]
NEW = "scratch_topic"


def check(project, *args):
    result = subprocess.run(
        [sys.executable, "scripts/check_content.py", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def append_examples(path, intent, lines):
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"- intent: {intent}\n  examples: |\n" + "".join(f"    - {line}\n" for line in lines))


def test_the_current_content_is_complete():
    code, out = check(ROOT)
    assert code == 0, out


def test_a_new_topic_is_named_until_every_piece_is_there(tmp_path):
    project = tmp_path / "project"
    for item in COPIED:
        source, target = ROOT / item, project / item
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)

    contract = project / "docs" / "contract" / "topics.yml"
    contract.write_text(
        contract.read_text() + f"  {NEW}:\n    learning_points: []\n    covers: A scratch topic.\n"
    )
    code, out = check(project)
    assert code == 1 and f"{NEW}: knowledge_base/topics/{NEW}.yml is missing" in out, out

    entry = yaml.safe_load((ROOT / "knowledge_base" / "topics" / "section_17.yml").read_text())
    entry.update(id=NEW, title="A scratch topic", related=[])
    (project / "knowledge_base" / "topics" / f"{NEW}.yml").write_text(yaml.safe_dump(entry, sort_keys=False))
    code, out = check(project)
    assert code == 1
    for piece in [
        "0 training examples in data/nlu/",
        "0 held-out lines in tests/nlu/heldout.yml",
        "in no group of knowledge_base/menu.yml",
        "domain.yml (topic intents) is out of date",
        "data/rules/topics.yml is out of date",
    ]:
        assert f"{piece}" in out, (piece, out)
    assert "section_17:" not in out  # only the new topic is named

    append_examples(
        project / "data" / "nlu" / "processes_and_law.yml",
        NEW,
        [f"scratch question number {n}" for n in range(25)],
    )
    append_examples(
        project / "tests" / "nlu" / "heldout.yml", NEW, [f"held out scratch line {n}" for n in range(8)]
    )
    menu = project / "knowledge_base" / "menu.yml"
    menu.write_text(menu.read_text().replace("topics: [section_17,", f"topics: [{NEW}, section_17,"))
    code, out = check(project, "--write")
    assert code == 0, out
    assert f"  - {NEW}\n" in (project / "domain.yml").read_text()
    rules = yaml.safe_load((project / "data" / "rules" / "topics.yml").read_text())["rules"]
    assert {"rule": f"answer {NEW}", "steps": [{"intent": NEW}, {"action": "action_answer_topic"}]} in rules
    code, out = check(project)
    assert code == 0 and "Content complete" in out, out
