"""The walk-through, quiz and escalation content: schema, sources, and faithfulness to the review."""

import re

import pytest
import yaml

from actions.content.interactive import load_escalation, load_quiz, load_walkthrough
from actions.content.knowledge_base import KB_DIR, KnowledgeBaseError
from actions.escalation.decision import ANSWERS
from paths import ROOT

REVIEW = (ROOT / "docs" / "source" / "case_review_luke.md").read_text()


@pytest.fixture(scope="module")
def content(kb):
    return load_escalation(kb), load_walkthrough(kb), load_quiz(kb)


def test_quiz_has_20_questions_each_with_one_correct_option_and_a_source(content, kb):
    quiz = content[2]
    assert len(quiz.questions) >= 20
    for question in quiz.questions:
        assert 0 <= question.answer < len(question.options) and len(set(question.options)) == len(
            question.options
        )
        assert question.sources.learning_points or question.sources.guidance, question.id
        assert all(n in kb.learning_points for n in question.sources.learning_points)
        assert all(k in kb.sources for k in question.sources.guidance)


def test_quiz_covers_the_issue_topics(content):
    quiz = content[2]
    for topic in ("section_17_47", "routes", "strategy", "nai", "information_sharing", "invisible_men"):
        assert sum(topic in q.topics for q in quiz.questions) >= 2, topic


def test_walkthrough_has_6_to_8_stages_with_3_or_4_options(content):
    walkthrough = content[1]
    assert 6 <= len(walkthrough.stages) <= 8
    for stage in walkthrough.stages:
        assert 3 <= len(stage.options) <= 4
        assert sum(o.best for o in stage.options) <= 1
        assert stage.learning_points


def test_walkthrough_dates_and_numbers_are_the_reviews(content):
    """No invented facts: every date, number and quoted term in 'what happened' is in the review."""
    for stage in content[1].stages:
        for fact in re.findall(
            r"\b\d[\d.]*\b|(?:January|February|March|April|May|June|July|August|"
            r"September|October|November|December)(?: \d{4})?",
            stage.happened,
        ):
            assert fact in REVIEW.replace("<sup>th</sup>", ""), (stage.title, fact)


def test_walkthrough_is_in_the_reviews_order(content):
    titles = [s.title for s in content[1].stages]
    assert (
        "September 2020" in titles[0]
        and "24 December 2020" in titles[5]
        and titles[-1] == "Where Luke is now"
    )


def test_escalation_has_a_question_for_every_answer_and_every_route(content):
    escalation = content[0]
    assert list(escalation.questions) == list(ANSWERS)  # asked in the order of actions/escalation/decision.py
    assert escalation.office_hours.timezone == "Europe/London"


def _broken(tmp_path, name, change):
    for path in KB_DIR.glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text())
    data = yaml.safe_load((KB_DIR / name).read_text())
    change(data)
    (tmp_path / name).write_text(yaml.safe_dump(data))
    return tmp_path


def test_a_quiz_answer_that_is_not_an_option_is_rejected_naming_file_and_field(kb, tmp_path):
    directory = _broken(tmp_path, "quiz.yml", lambda d: d["questions"][0].update(answer=7))
    with pytest.raises(KnowledgeBaseError, match=r"quiz\.yml.*answer"):
        load_quiz(kb, directory)


def test_an_unknown_learning_point_in_a_stage_is_rejected(kb, tmp_path):
    directory = _broken(tmp_path, "walkthrough.yml", lambda d: d["stages"][0].update(learning_points=[15]))
    with pytest.raises(
        KnowledgeBaseError, match=r"walkthrough\.yml: stages\[1\]\.learning_points: no learning point 15"
    ):
        load_walkthrough(kb, directory)


def test_two_best_options_are_rejected(kb, tmp_path):
    def two_best(data):
        for option in data["stages"][0]["options"]:
            option["best"] = True

    with pytest.raises(KnowledgeBaseError, match=r"walkthrough\.yml.*options"):
        load_walkthrough(kb, _broken(tmp_path, "walkthrough.yml", two_best))


def test_bad_office_hours_are_rejected(kb, tmp_path):
    directory = _broken(tmp_path, "escalation.yml", lambda d: d["office_hours"].update(days=["funday"]))
    with pytest.raises(KnowledgeBaseError, match=r"escalation\.yml.*office_hours\.days"):
        load_escalation(kb, directory)
