"""The knowledge base agrees with the topic contract, the review and the facts file."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from actions.answers.citations import PAGE_CHANNEL, for_channel
from actions.answers.render import Renderer
from actions.content.knowledge_base import KB_DIR, KnowledgeBaseError, load_knowledge_base
from actions.content.local_contacts import load_local_contacts
from derived.emergency_response import emergency_messages
from paths import CONTRACT, DOMAIN, ROOT, SHARED_CONTRACT, load_domain, load_yaml

FACTS = ROOT / "docs" / "source" / "domain_facts.md"
REVIEW = ROOT / "docs" / "source" / "case_review_luke.md"
NATIONAL_NUMBERS = {"999", "08088005000"}
# The NSPCC Whistleblowing Advice Line (facts file section 14): one topic may give it.
WHISTLEBLOWING_LINE = "08000280285"
# Anything that looks like a phone number: 999, or 10-11 digits with spaces/dashes.
PHONE = re.compile(r"(?<![\d-])(?:\+44\s?|0)(?:[\s-]?\d){9,10}(?![\d-])|\b999\b|\b112\b|\b111\b")


def test_contract_copy_matches_shared():
    if not SHARED_CONTRACT.exists():
        pytest.skip("shared/ is not beside this clone")
    assert CONTRACT.read_text() == SHARED_CONTRACT.read_text(), "docs/contract/topics.yml is stale"


def test_every_answered_topic_has_an_entry(kb, answered_topics):
    assert sorted(kb.topics) == answered_topics


def test_entries_cite_the_learning_points_of_the_contract(kb, contract_topics):
    for topic_id, topic in kb.topics.items():
        assert topic.sources.learning_points == contract_topics[topic_id]["learning_points"], topic_id


def test_every_learning_point_is_covered(kb):
    covered = {n for t in kb.topics.values() if t.id != "learning_summary" for n in t.sources.learning_points}
    assert covered == set(range(1, 15))


def test_learning_points_quote_the_review():
    review = " ".join(REVIEW.read_text().split())
    points = load_yaml(KB_DIR / "learning_points.yml")["learning_points"]
    assert sorted(points) == list(range(1, 15))
    for number, point in points.items():
        assert " ".join(point["text"].split()) in review, (
            f"learning point {number} is not the review's wording"
        )


def test_every_entry_has_a_linked_national_source(kb):
    for topic in kb.topics.values():
        kinds = {kb.sources[key].kind for key in topic.sources.guidance}
        assert kinds & {"law", "national"}, topic.id
        assert all(kb.sources[key].url.startswith("http") for key in topic.sources.guidance)


def test_every_source_link_comes_from_the_facts_file(kb):
    facts = FACTS.read_text()
    missing = [key for key, source in kb.sources.items() if source.url not in facts]
    assert not missing, f"links not in domain_facts.md: {missing}"


def test_no_phone_numbers_outside_local_contacts():
    found, whistleblowing = [], []
    for path in sorted(KB_DIR.rglob("*.yml")) + [DOMAIN]:
        for match in PHONE.finditer(path.read_text()):
            digits = re.sub(r"\D", "", match.group())
            if digits == WHISTLEBLOWING_LINE:
                whistleblowing.append(path.name)
            elif digits not in NATIONAL_NUMBERS:
                found.append(f"{path.name}: {match.group()}")
    nspcc = re.findall(r"0808[\s-]?\d{3}[\s-]?\d{4}", " ".join(p.read_text() for p in KB_DIR.rglob("*.yml")))
    assert not found, found
    assert all(re.sub(r"\D", "", n) == "08088005000" for n in nspcc)
    assert whistleblowing == ["whistleblowing.yml"], "the whistleblowing line belongs in its topic, once"


def test_the_whistleblowing_line_is_given_with_its_source_and_hours_caveat(kb):
    topic = kb.topics["whistleblowing"]
    assert "nspcc_whistleblowing" in topic.sources.guidance
    assert "nspcc.org.uk" in kb.sources["nspcc_whistleblowing"].url
    text = " ".join([topic.answer, *topic.next_steps])
    assert "check the NSPCC website for opening hours" in text


def test_the_phone_pattern_catches_numbers():
    assert PHONE.search("call 01632 960001 now")
    assert PHONE.search("ring 020-7946-0000")
    assert not PHONE.search("within 45 working days, 24 December 2020")


def test_learning_summary_lists_all_fourteen_points(kb):
    renderer = Renderer(kb, load_local_contacts())
    text = renderer.topic("learning_summary")[0]["text"]
    for number, point in kb.learning_points.items():
        assert f"{number}. {point.short}" in text


def test_emergency_response_in_domain_is_the_knowledge_base_entry(kb):
    """The 999 answer is a domain response (no action server needed): keep it identical."""
    answer, source = emergency_messages(kb)
    responses = load_domain()["responses"]
    assert responses["utter_emergency"] == [answer], "run `make sync-content`"
    # REST and `rasa shell`: the plain line; the web page: the same custom payload as any answer.
    page = for_channel(source, PAGE_CHANNEL)["json_message"]
    assert responses["utter_emergency_source"] == [
        for_channel(source, "rest"),
        {"channel": PAGE_CHANNEL, "custom": page},
    ], "run `make sync-content`"
    assert page["data"]["sources"]["cited"][0]["url"].startswith("https://")


def test_case_topics_use_only_dates_the_review_gives(kb):
    review = REVIEW.read_text()
    for topic_id in ("case_summary", "case_outcome"):
        for text in kb.topics[topic_id].texts():
            for year in re.findall(r"\b(?:19|20)\d\d\b", text):
                assert year in review, f"{topic_id} mentions {year}, which the review does not"


def test_reviewed_dates_are_not_in_the_future(kb):
    import datetime

    assert all(t.reviewed_on <= datetime.date.today() for t in kb.topics.values())


@pytest.fixture
def kb_copy(tmp_path) -> Path:
    target = tmp_path / "knowledge_base"
    shutil.copytree(KB_DIR, target)
    return target


def _edit(path: Path, **changes) -> None:
    data = yaml.safe_load(path.read_text())
    data.update(changes)
    path.write_text(yaml.safe_dump(data))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"answer": "Too short."}, "answer: has 2 words"),
        ({"roles": {"plumber": "x"}}, "unknown role"),
        ({"related": ["no_such_topic"]}, "related: unknown topic 'no_such_topic'"),
        ({"sources": {"learning_points": [15], "guidance": ["nice_cg89"]}}, "no learning point 15"),
        ({"sources": {"learning_points": [6], "guidance": ["nope"]}}, "unknown source 'nope'"),
        (
            {"sources": {"learning_points": [6], "guidance": ["eds_islington"]}},
            "at least one law or national",
        ),
        ({"next_steps": ["Phone {mash_number}."]}, "unknown placeholder '{mash_number}'"),
        ({"id": "something_else"}, "must match the file name"),
    ],
)
def test_a_broken_entry_is_rejected_naming_file_and_field(kb_copy, changes, message):
    path = kb_copy / "topics" / "nai_injuries.yml"
    _edit(path, **changes)
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base(kb_copy)
    assert "nai_injuries.yml" in str(error.value)
    assert message in str(error.value)


def test_unparseable_yaml_is_reported_with_its_file(kb_copy):
    (kb_copy / "sources.yml").write_text("sources: [unclosed")
    with pytest.raises(KnowledgeBaseError, match="sources.yml: cannot read YAML"):
        load_knowledge_base(kb_copy)
