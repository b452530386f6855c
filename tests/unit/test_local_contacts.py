"""Local numbers come only from the deployment file; unset values say where to look."""

from pathlib import Path

import pytest

from actions.answers.render import Renderer
from actions.content.knowledge_base import KnowledgeBaseError
from actions.content.local_contacts import load_directory, load_local_contacts
from paths import ROOT

EXAMPLE = ROOT / "local_contacts.example.yml"


def exampleshire():
    return load_directory(EXAMPLE).get("Exampleshire")


def test_shipped_file_sets_no_numbers():
    contacts = load_local_contacts(ROOT / "local_contacts.yml")
    assert not contacts.example
    assert contacts.mash.phone is None and contacts.eds.phone is None


def test_unset_contacts_say_where_to_find_the_number(kb):
    contacts = load_local_contacts(ROOT / "local_contacts.yml")
    text = Renderer(kb, contacts).topic("eds_escalation")[0]["text"]
    assert "your local Emergency Duty Service" in text
    assert text.endswith(
        "Local numbers: find your Emergency Duty Service number on your local safeguarding "
        "children partnership's website, or ask your safeguarding lead."
    )
    assert "{" not in text


def test_no_hint_when_the_numbers_are_configured(kb):
    text = Renderer(kb, exampleshire()).topic("eds_escalation")[0]["text"]
    assert "Local numbers:" not in text


def test_configured_contacts_appear_marked_as_examples(kb):
    text = Renderer(kb, exampleshire()).topic("eds_escalation")[0]["text"]
    assert (
        "the Exampleshire Emergency Duty Service on 01632 960002 (example - not a real number; "
        "5pm to 9am on weekdays, 24 hours at weekends and on bank holidays)"
    ) in text


def test_environment_variable_selects_the_file(monkeypatch):
    monkeypatch.setenv("LOCAL_CONTACTS_FILE", str(EXAMPLE))
    assert load_directory().get("Exampleshire").eds.phone == "01632 960002"


def test_a_malformed_number_is_rejected(tmp_path: Path):
    bad = tmp_path / "contacts.yml"
    bad.write_text("eds:\n  phone: 'call the office'\n")
    with pytest.raises(KnowledgeBaseError, match="not a UK phone number"):
        load_local_contacts(bad)


def test_a_name_without_a_number_still_says_where_to_look(tmp_path: Path):
    partial = tmp_path / "contacts.yml"
    partial.write_text("mash:\n  name: Exampleshire MASH\npartnership:\n  website: https://example.org/scp\n")
    contacts = load_local_contacts(partial)
    assert contacts.placeholders()["mash"] == "the Exampleshire MASH"
    assert contacts.where_to_find({"mash", "eds"}) == (
        "Local numbers: find your MASH and Emergency Duty Service numbers on "
        "https://example.org/scp, or ask your safeguarding lead."
    )
    assert contacts.where_to_find({"partnership"}) is None


def test_the_lado_comes_from_the_deployment_file_too(kb):
    unset = Renderer(kb, load_local_contacts(ROOT / "local_contacts.yml")).topic("lado_allegations")[0][
        "text"
    ]
    assert "your local authority's LADO (Local Authority Designated Officer)" in unset
    assert "Local numbers: find your" in unset and "LADO" in unset.split("Local numbers:")[1]
    example = Renderer(kb, exampleshire()).topic("lado_allegations")[0]["text"]
    assert "the Exampleshire LADO on 01632 960003 (example - not a real number" in example


def test_several_missing_numbers_read_as_a_sentence():
    contacts = load_local_contacts(ROOT / "local_contacts.yml")
    assert contacts.where_to_find({"mash", "eds", "lado"}).startswith(
        "Local numbers: find your MASH, Emergency Duty Service and LADO numbers on "
    )
