"""knowledge_base/roles.yml is the one list of roles: the domain, the answers, the menus,
the role words and the web page all follow it."""

import shutil

import pytest
import yaml

from actions.answers.render import Renderer
from actions.content.knowledge_base import KB_DIR, KnowledgeBaseError, load_knowledge_base, load_roles
from actions.content.local_contacts import LocalContacts
from derived import completeness, pieces, role_wiring
from paths import load_domain
from rasa_plugins.nlu.role_detector import load_role_words


def with_roles(kb, **changes):
    """The knowledge base with roles.yml edited (in memory)."""
    data = kb.roles.dict()
    data.update(changes)
    return kb.copy(update={"roles": type(kb.roles).parse_obj(data)})


def test_the_domain_has_the_roles_as_slot_values_and_greeting_buttons(kb):
    domain = load_domain()
    assert domain["slots"]["role"]["values"] == list(kb.roles.roles)
    greeting = domain["responses"]["utter_greet"][0]["buttons"]
    assert greeting[:-1] == [kb.roles.button(r) for r in kb.roles.greet] + [
        {"title": kb.roles.greet_picker, "payload": "/tell_role"}
    ]
    assert greeting[-1] == {"title": "Everything I can help with", "payload": "/help"}


def test_check_content_names_the_domain_when_roles_change(kb):
    assert not pieces.stale(kb)
    roles = {
        **kb.roles.dict()["roles"],
        "police": {"label": "police officers", "button": "Police", "says": "I'm police"},
    }
    changed = with_roles(kb, roles=roles, greet=["police"])
    stale = {piece.name for piece in pieces.stale(changed)}
    assert stale == {"domain.yml (role values)", "domain.yml (role buttons)"}
    assert "      - police\n" in role_wiring.slot_values(changed)
    assert '/tell_role{"role":"police"}' in role_wiring.greet_buttons(changed)
    # ... and the role words must name the new role too.
    assert any("role police: no words" in p for p in completeness.role_word_gaps(changed))


def test_role_words_are_kept_for_exactly_the_roles(kb):
    assert set(load_role_words()) == set(kb.roles.roles)
    assert completeness.role_word_gaps(kb) == []
    fewer = {k: v for k, v in kb.roles.dict()["roles"].items() if k != "other"}
    assert completeness.role_word_gaps(with_roles(kb, roles=fewer, greet=["gp"])) == [
        "rasa_plugins/nlu/role_words.yml: 'other' is not a role of knowledge_base/roles.yml"
    ]


def test_the_renderer_labels_roles_from_the_file(kb):
    renamed = {**kb.roles.dict()["roles"]}
    renamed["gp"] = {**renamed["gp"], "label": "family doctors"}
    renderer = Renderer(with_roles(kb, roles=renamed), LocalContacts())
    assert "\nFor family doctors: " in renderer.topic("eds_escalation", "gp")[0]["text"]
    view = renderer.role_view("eds_escalation", "gp")[0]["text"]
    assert view.startswith(f"**{kb.topics['eds_escalation'].title}: for family doctors**")
    no_note = next(t for t, topic in kb.topics.items() if "trainer" not in topic.roles)
    assert (
        kb.roles.prompts.no_note.format(label="trainers") in renderer.role_view(no_note, "trainer")[0]["text"]
    )


def test_topics_may_only_name_roles_of_the_file(tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(KB_DIR, copy)
    roles = yaml.safe_load((copy / "roles.yml").read_text())
    del roles["roles"]["manager"]
    (copy / "roles.yml").write_text(yaml.safe_dump(roles))
    with pytest.raises(KnowledgeBaseError, match=r"roles: unknown role\(s\) \['manager'\]"):
        load_knowledge_base(copy)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"greet": ["gp", "plumber"]}, "unknown role 'plumber'"),
        ({"roles": {}}, "list at least one role"),
        (
            {"roles": {"Early Years": {"label": "a", "button": "b", "says": "c"}}, "greet": []},
            "a role id is lower case",
        ),
    ],
)
def test_a_broken_roles_file_is_rejected(tmp_path, changes, message):
    data = {**yaml.safe_load((KB_DIR / "roles.yml").read_text()), **changes}
    (tmp_path / "roles.yml").write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeBaseError, match="roles.yml") as error:
        load_roles(tmp_path)
    assert message in str(error.value)


def test_a_prompt_with_an_unknown_placeholder_is_rejected(tmp_path):
    data = yaml.safe_load((KB_DIR / "roles.yml").read_text())
    data["prompts"]["confirmed"] = "Thanks, {role}."
    (tmp_path / "roles.yml").write_text(yaml.safe_dump(data))
    with pytest.raises(
        KnowledgeBaseError, match=r"confirmed: unknown placeholder\(s\) \['role'\]; use \['label'\]"
    ):
        load_roles(tmp_path)
