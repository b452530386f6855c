"""What the menus say is data: knowledge_base/menu.yml (and roles.yml for the role prompts),
validated at start-up like the rest of the knowledge base."""

import shutil

import pytest
import yaml

from actions.content.knowledge_base import KB_DIR, KnowledgeBaseError, load_knowledge_base
from actions.conversation import menus


def test_the_menus_say_what_menu_yml_says(kb):
    says = kb.menu.prompts
    assert menus.help_menu()[0]["text"] == says.intro
    assert menus.help_group("training")[0]["text"] == says.group.format(
        title=kb.menu.groups["training"].title
    )
    offer = menus.did_you_mean([{"name": "section_17"}])[0]
    assert offer["text"] == says.did_you_mean and offer["buttons"][-1] == {
        "title": says.something_else,
        "payload": "/help",
    }
    assert menus.or_did_you_mean("section_47")[0]["text"] == says.or_did_you_mean
    assert [m["text"] for m in menus.second_miss()] == [says.second_miss, says.intro]
    assert [m["text"] for m in menus.which_topic()] == [says.which_topic, says.intro]


def test_no_menu_sentence_is_left_in_the_code():
    code = (KB_DIR.parent / "actions" / "conversation" / "menus.py").read_text()
    for sentence in ("I answer questions", "Did you mean", "Something else", "still didn't understand"):
        assert sentence not in code


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda p: p.update(group="**{name}**"), "group: unknown placeholder(s) ['name']; use ['title']"),
        (lambda p: p.pop("intro"), "prompts.intro: field required"),
    ],
)
def test_a_broken_menu_prompt_is_rejected_naming_the_file(tmp_path, change, message):
    copy = tmp_path / "knowledge_base"
    shutil.copytree(KB_DIR, copy)
    menu = yaml.safe_load((copy / "menu.yml").read_text())
    change(menu["prompts"])
    (copy / "menu.yml").write_text(yaml.safe_dump(menu))
    with pytest.raises(KnowledgeBaseError, match="menu.yml") as error:
        load_knowledge_base(copy)
    assert message in str(error.value)
