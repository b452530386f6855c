"""Free-text answers to the escalation helper, as the 2026-12 review found them misread."""

import datetime

import pytest

from actions.escalation.decision import OfficeHours
from actions.escalation.words import interpret

LONDON = OfficeHours()
THURSDAY_10AM = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.timezone.utc)


def read(slot, text, now=THURSDAY_10AM):
    return interpret(slot, "inform", {}, text, LONDON, now)


@pytest.mark.parametrize(
    "text",
    [
        "no explanation at all",
        "none offered",
        "mum just shrugged",
        "dad says he doesn't know how it happened",
        "they wouldn't say",
    ],
)
def test_an_absent_explanation_is_an_unsuitable_one_not_neither(text):
    assert read("esc_injury", text) == "explanation"


@pytest.mark.parametrize(
    "text",
    [
        "5.45pm on a Tuesday",
        "18:30 Thursday",
        "quarter to six",
        "tonight",
        "this evening",
        "early hours",
        "half five monday",
        "christmas day",
        "3pm on boxing day",
    ],
)
def test_evening_times_weekends_and_bank_holidays_are_out_of_hours(text):
    assert read("esc_office_hours", text) == "out_of_hours"


def test_a_bank_holiday_now_is_out_of_hours():
    christmas_11am = datetime.datetime(2026, 12, 25, 11, 0, tzinfo=datetime.timezone.utc)  # a Friday
    assert LONDON.answer_for(christmas_11am) == "out_of_hours"
    assert (
        read("esc_office_hours", "friday at 11am", christmas_11am - datetime.timedelta(days=1))
        == "out_of_hours"
    )


@pytest.mark.parametrize("text", ["10am monday", "2.30pm", "lunchtime on a weekday"])
def test_office_hours(text):
    assert read("esc_office_hours", text) == "in_hours"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("half past four", "in_hours"),  # said at work without am/pm: 16:30
        ("11:40", "in_hours"),
        ("half 6", "out_of_hours"),  # 18:30
        ("6.30 this morning", "out_of_hours"),
        ("8.15", "out_of_hours"),
    ],
)
def test_a_time_without_am_or_pm_is_read_as_said_at_work(text, expected):
    assert read("esc_office_hours", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "her dad said she fell off the slide, there's a bruise on her arm",
        "grandma says he banged his head on the table",
        "a scald on her hand",
        "she turned up with a swollen lip",
    ],
)
def test_a_described_injury_is_an_injury_even_with_said(text):
    assert read("esc_concern", text) == "injury"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("he's 4 months old", "not_mobile"),
        ("a baby, only rolling", "not_mobile"),
        ("6 weeks", "not_mobile"),
        ("she's 14 months and walking", "under_3"),
        ("2 and a half", "under_3"),
        ("he's 4", "over_3"),
        ("7 year old", "over_3"),
        # a number alone: years for a child who walks, runs or is 12 or more; months for a baby
        # of 6 to 11 who crawls (the careful reading); else asked again
        ("6, very active", "over_3"),
        ("10, walks obviously", "over_3"),
        ("14", "over_3"),
        ("9, crawling", "under_1"),
        ("1, cruising round furniture", "under_3"),
        ("6", None),
    ],
)
def test_age_and_mobility(text, expected):
    assert read("esc_mobility", text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("looks like a hand print on his cheek", "pattern"),
        ("a bite mark", "pattern"),
        ("scald", "burn"),
        ("bump on the head", "head"),
        ("bruise behind her ear", "head"),
        ("bruise on his shin", "bruise"),
    ],
)
def test_kind_of_injury(text, expected):
    assert read("esc_injury_kind", text) == expected


def test_a_danger_answer_with_extra_words_is_still_no():
    assert interpret("esc_danger", "deny", {}, "no, he's with his nan", LONDON) == "no"
    assert interpret("esc_danger", "inform", {}, "no, he's with his nan", LONDON) == "no"
    assert interpret("esc_danger", "inform", {}, "he's in school, safe for now", LONDON) == "no"


@pytest.mark.parametrize(
    "intent, text, expected",
    [
        ("affirm", "yes", "in_hours"),
        ("deny", "no", "out_of_hours"),
        ("inform", "yes it's 11", "in_hours"),
        ("inform", "nope", "out_of_hours"),
        ("affirm", "yes, saturday 10am", "out_of_hours"),  # the day said wins over the yes
    ],
)
def test_yes_or_no_to_office_hours(intent, text, expected):
    """ "Is it during office hours?" - "yes it's 11" was asked again until "I don't know"."""
    assert interpret("esc_office_hours", intent, {}, text, LONDON, THURSDAY_10AM) == expected


@pytest.mark.parametrize(
    "slot, text, expected",
    [
        ("esc_can_wait", "she goes home at 3.15 so no", "no"),
        ("esc_can_wait", "partner still lives there, so no", "no"),
        ("esc_known", "don't think so", "no"),
        ("esc_known", "not known to us", "no"),
        ("esc_harm", "think so yes, she's frightened of going home", "yes"),
        ("esc_harm", "definitely, he's terrified of him", "yes"),
        ("esc_harm", "definitely not, she's fine", "no"),
    ],
)
def test_the_answer_said_last_or_in_other_words(slot, text, expected):
    assert interpret(slot, "inform", {}, text, OfficeHours()) == expected


@pytest.mark.parametrize(
    "intent, text, expected",
    [
        ("deny", "I suspect so, she's lost weight since the summer", "yes"),
        ("inform", "possibly, he's scared of going home", "yes"),
        ("deny", "not likely, she's thriving", "no"),
        ("inform", "not sure, maybe", "unknown"),
    ],
)
def test_a_suspicion_of_significant_harm_is_a_yes_whatever_the_classifier_heard(intent, text, expected):
    """A suspicion is enough (Working Together): the classifier read "I suspect so, ..." as a denial."""
    assert interpret("esc_harm", intent, {}, text, OfficeHours()) == expected


@pytest.mark.parametrize(
    "text",
    [
        # sealed v13 c13_14: a 2-year-old's spiral fracture read as "one injury with a fitting explanation"
        "one fracture, but dad says he fell off the bed and they took 2 days to bring him in",
        "only brought her in 3 days later",
    ],
)
def test_a_delay_in_seeking_help_is_an_unsuitable_explanation(text):
    assert read("esc_injury", text) == "explanation"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("needs sorting today", "no"),
        ("urgent!!", "no"),
        ("not urgent, it can wait till monday", "yes"),
    ],
)
def test_whether_it_can_wait_in_the_practitioners_words(text, answer):
    assert read("esc_can_wait", text) == answer
