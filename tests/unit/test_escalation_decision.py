"""The escalation helper's decision: every combination of answers, table-driven.

The expected route of each combination is read off a small table (the review's
and the facts file's routes); the properties below hold for all of them.
"""

import datetime
import itertools

import pytest

from actions.escalation import (
    ANSWERS, URGENCY, OfficeHours, decide, interpret, required_questions,
)

# Which concerns call for a referral now (rather than talking to the safeguarding lead first).
URGENT_CONCERN = {
    ("injury", "multiple"): True, ("injury", "explanation"): True, ("injury", "both"): True,
    ("injury", "unknown"): True, ("injury", "neither"): False,
    ("neglect", None): False, ("disclosure", None): True, ("adult", None): False,
    ("other", None): False, ("unknown", None): False,
}
ROUTE_WHEN_URGENT = {"in_hours": "mash", "out_of_hours": "eds", "unknown": "mash_or_eds"}


def combinations():
    """Every path through the form: danger 'yes' ends it; the injury question only follows an injury."""
    yield ("yes", None, None, None, None)
    for danger, hours, concern, known in itertools.product(
        ("no", "unknown"), ANSWERS["esc_office_hours"], ANSWERS["esc_concern"], ANSWERS["esc_known"]
    ):
        injuries = ANSWERS["esc_injury"] if concern == "injury" else (None,)
        for injury in injuries:
            yield (danger, hours, concern, injury, known)


ALL = list(combinations())


def expected_route(danger, hours, concern, injury, known):
    if danger == "yes":
        return "999"
    urgent = URGENT_CONCERN[(concern, injury)] or danger == "unknown"
    return ROUTE_WHEN_URGENT[hours] if urgent else "safeguarding_lead"


def test_every_combination_is_covered():
    # 1 (danger) + 2 dangers x 3 hours x 3 known x (5 injury answers + 5 other concerns)
    assert len(ALL) == 1 + 2 * 3 * 3 * (5 + 5)


@pytest.mark.parametrize("answers", ALL, ids=lambda a: "-".join(str(x) for x in a))
def test_route_for_every_combination(answers):
    decision = decide(*answers)
    assert decision.route == expected_route(*answers)
    danger, hours, concern, injury, known = answers
    # a paediatric opinion exactly for a suspicious injury
    assert decision.paediatric == (concern == "injury" and injury != "neither")
    if decision.paediatric:
        assert {2, 6} <= set(decision.learning_points)
    # EDS and escalation (learning point 1) whenever out of hours may be involved
    if decision.route in ("eds", "mash_or_eds"):
        assert 1 in decision.learning_points
    # history is checked when it is not known to be clear
    if known in ("yes", "unknown"):
        assert 7 in decision.learning_points
    assert all(1 <= n <= 14 for n in decision.learning_points)
    assert "always" in decision.steps and "always" in decision.record


@pytest.mark.parametrize("answers", ALL, ids=lambda a: "-".join(str(x) for x in a))
def test_dont_know_never_lowers_the_urgency(answers):
    """Replacing any answer by "unknown" never gives a less urgent route than the reassuring answer."""
    reassuring = {0: "no", 3: "neither"}
    base = URGENCY[decide(*answers).route]
    for position, calm in reassuring.items():
        if answers[position] == calm:
            changed = list(answers)
            changed[position] = "unknown"
            assert URGENCY[decide(*changed).route] >= base


def test_at_most_five_questions_and_injury_only_for_injuries():
    for answers in ALL:
        given = dict(zip(ANSWERS, answers))
        asked = required_questions(given)
        assert len(asked) <= 5
        assert ("esc_injury" in asked) == (given["esc_concern"] == "injury")
    assert required_questions({"esc_danger": "yes"}) == ["esc_danger"]


LONDON = OfficeHours()


@pytest.mark.parametrize(
    "utc, expected",
    [
        ("2026-11-26T10:00:00", "in_hours"),      # Thursday 10:00 GMT
        ("2026-11-26T17:00:00", "out_of_hours"),  # 17:00 closes
        ("2026-11-26T08:59:00", "out_of_hours"),
        ("2026-11-28T12:00:00", "out_of_hours"),  # Saturday
        ("2026-07-01T08:30:00", "in_hours"),      # 09:30 BST: the clock is Europe/London, not UTC
        ("2026-07-01T16:30:00", "out_of_hours"),  # 17:30 BST
    ],
)
def test_office_hours_use_the_london_clock(utc, expected):
    now = datetime.datetime.fromisoformat(utc).replace(tzinfo=datetime.timezone.utc)
    assert LONDON.answer_for(now) == expected


def test_office_hours_are_configurable():
    late = OfficeHours(days=("mon", "tue", "wed", "thu", "fri", "sat"), start="08:00", end="20:00")
    saturday_7pm = datetime.datetime(2026, 11, 28, 19, 0, tzinfo=datetime.timezone.utc)
    assert late.answer_for(saturday_7pm) == "in_hours"
    assert LONDON.answer_for(saturday_7pm) == "out_of_hours"


THURSDAY_7PM = datetime.datetime(2026, 11, 26, 19, 0, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize(
    "slot, intent, entities, text, expected",
    [
        ("esc_danger", "affirm", {}, "yes", "yes"),
        ("esc_danger", "deny", {}, "no", "no"),
        ("esc_danger", "dont_know", {}, "not sure", "unknown"),
        ("esc_danger", "emergency", {}, "yes he's not breathing", None),   # the emergency rule wins
        ("esc_office_hours", "inform", {"answer": "now"}, '/inform{"answer": "now"}', "out_of_hours"),
        ("esc_office_hours", "inform", {"answer": "in_hours"}, "", "in_hours"),
        ("esc_office_hours", "nlu_fallback", {}, "it's 7pm", "out_of_hours"),
        ("esc_office_hours", "inform", {}, "right now", "out_of_hours"),
        ("esc_office_hours", "inform", {}, "saturday afternoon", "out_of_hours"),
        ("esc_concern", "inform", {}, "she has a bruise on her cheek", "injury"),
        ("esc_concern", "inform", {}, "he told me his dad hits him", "disclosure"),
        ("esc_concern", "inform", {}, "always hungry and dirty clothes", "neglect"),
        ("esc_concern", "inform", {}, "mum's new partner is aggressive", "adult"),
        ("esc_concern", "nai_injuries", {}, "what are the signs of a non accidental injury?", None),
        ("esc_concern", "stop", {}, "stop", None),
        ("esc_injury", "inform", {}, "the story keeps changing", "explanation"),
        ("esc_injury", "inform", {}, "several bruises", "multiple"),
        ("esc_injury", "inform", {}, "both", "both"),
        ("esc_injury", "deny", {}, "neither", "neither"),
        ("esc_known", "affirm", {}, "yes", "yes"),
        ("esc_known", "section_47", {}, "what is section 47?", None),
        ("esc_known", "dont_know", {}, "no idea", "unknown"),
    ],
)
def test_answers_from_buttons_and_free_text(slot, intent, entities, text, expected):
    assert interpret(slot, intent, entities, text, LONDON, THURSDAY_7PM) == expected
