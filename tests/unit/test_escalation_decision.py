"""The escalation helper's decision: every path through the questions, against the guidance.

The rules are the table in knowledge_base/escalation_rules.yml; these
tests state the guidance independently of it (facts file sections 3 and 5, NICE
CG89, the Panel's non-mobile bruising briefing) and check every combination.
"""

import datetime

import pytest

from actions.content.interactive import load_escalation_rules
from actions.escalation.decision import (
    ANSWERS,
    INJURY_QUESTIONS,
    URGENCY,
    OfficeHours,
    decide,
    required_questions,
)
from actions.escalation.words import interpret

RULES = load_escalation_rules(
    __import__("actions.content.knowledge_base", fromlist=["x"]).load_knowledge_base()
).table()
REFER = {"in_hours": "mash", "out_of_hours": "eds", "unknown": "mash_or_eds"}


def paths(answers=None):
    """Every complete set of answers the form can collect (only the questions it asks)."""
    answers = answers or {}
    todo = [q for q in required_questions(answers, RULES) if q not in answers]
    if not todo:
        yield answers
        return
    for value in ANSWERS[todo[0]]:
        yield from paths({**answers, todo[0]: value})


ALL = list(paths())


def worrying_injury(a) -> bool:
    """NICE CG89 / the Panel: when an injury needs a referral now and a paediatric opinion. A child
    who says they were hurt and has an injury (or it is not known) gives an account that it was
    inflicted: an unsuitable explanation."""
    if a.get("esc_concern") == "disclosure":
        return a.get("esc_injury_kind") not in (None, "none")
    if a.get("esc_concern") != "injury":
        return False
    return (
        a.get("esc_mobility") in ("not_mobile", "unknown")
        or a.get("esc_injury_kind") in ("pattern", "immersion_scald", "unknown")
        or a.get("esc_injury") in ("multiple", "explanation", "both", "unknown")
        or a.get("esc_mobility") == "under_1"
        and a.get("esc_injury_kind") in ("head", "unknown")
    )


def needs_emergency_department(a) -> bool:
    """NICE head injury guideline (pre-hospital referral): a head injury where abuse is possible,
    and any bruise or swelling on a baby's head (not mobile, or crawling or cruising under 1) -
    the emergency department now (facts file section 5, 2026-12-03). A suspected fracture where
    abuse is possible goes to the emergency department first (facts file section 3, timing of
    medicals)."""
    kind = a.get("esc_injury_kind")
    if a.get("esc_concern") == "disclosure":
        # the child's account: an injury where abuse is possible
        return kind in ("head", "fracture", "immersion_scald")
    if a.get("esc_concern") == "injury" and kind == "immersion_scald":
        return True  # NICE CG89 immersion pattern, and a scald that needs treatment now (section 3)
    if a.get("esc_concern") != "injury" or kind not in ("head", "fracture", "unknown"):
        return False
    baby = ("not_mobile", "under_1", "unknown") if kind != "fracture" else ("not_mobile", "unknown")
    return a.get("esc_mobility") in baby or a.get("esc_injury") in (
        "multiple",
        "explanation",
        "both",
        "unknown",
    )


def expected_route(a) -> str:
    if a["esc_danger"] == "yes":
        return "999"
    refer_now = (
        worrying_injury(a)
        or a["esc_danger"] == "unknown"
        or a["esc_concern"] in ("disclosure", "violence", "unknown")
        or a.get("esc_harm") in ("yes", "unknown")  # WT 2023: refer immediately if significant harm
        or a.get("esc_can_wait") in ("no", "unknown")
    )
    if refer_now:
        return REFER[a["esc_office_hours"]]
    if a["esc_office_hours"] == "out_of_hours":
        return "next_working_day"
    return "safeguarding_lead"


def label(a) -> str:
    return "-".join(f"{k[4:]}={v}" for k, v in a.items())


def test_there_are_many_paths_and_danger_ends_the_form():
    assert len(ALL) > 500
    assert {"esc_danger": "yes"} in ALL


@pytest.mark.parametrize("answers", ALL, ids=label)
def test_route_for_every_path(answers):
    decision = decide(answers, RULES)
    assert decision.route == expected_route(answers)
    assert decision.paediatric == worrying_injury(answers)
    assert decision.emergency_department == needs_emergency_department(answers), label(answers)
    if decision.paediatric:
        assert {2, 6} <= set(decision.learning_points)
    if decision.route in ("eds", "mash_or_eds", "next_working_day"):
        assert 1 in decision.learning_points
    if answers.get("esc_known") in ("yes", "unknown"):
        assert 7 in decision.learning_points
    assert all(1 <= n <= 14 for n in decision.learning_points)
    assert "always" in decision.steps and "always" in decision.record


def test_never_mash_when_it_is_closed_and_never_only_the_lead_out_of_hours():
    for answers in ALL:
        route = decide(answers, RULES).route
        if answers.get("esc_office_hours") == "out_of_hours":
            assert route in ("999", "eds", "next_working_day"), label(answers)
        if route == "next_working_day":
            assert answers.get("esc_can_wait") == "yes"


def _complete(answers):
    """All the ways the form could finish from these answers (a changed answer can add a question)."""
    todo = [q for q in required_questions(answers, RULES) if q not in answers]
    if not todo:
        yield {q: answers[q] for q in required_questions(answers, RULES)}
        return
    for value in ANSWERS[todo[0]]:
        yield from _complete({**answers, todo[0]: value})


@pytest.mark.parametrize("answers", ALL, ids=label)
def test_dont_know_never_lowers_the_route_or_drops_the_paediatric_opinion(answers):
    """Any one answer replaced by "I don't know": never a less urgent route, and for the injury
    questions never less medical input."""
    base = decide(answers, RULES)
    for question, value in answers.items():
        if value == "unknown" or question == "esc_danger" and value == "yes":
            continue
        for changed in _complete({**answers, question: "unknown"}):
            after = decide(changed, RULES)
            assert URGENCY[after.route] >= URGENCY[base.route], (question, label(changed))
            if question in INJURY_QUESTIONS:  # not knowing about the injury never drops the paediatrician
                assert after.paediatric >= base.paediatric, (question, label(changed))


def test_questions_asked_only_when_they_can_change_the_route():
    assert required_questions({"esc_danger": "yes"}, RULES) == ["esc_danger"]
    baby = {"esc_danger": "no", "esc_concern": "injury", "esc_mobility": "not_mobile"}
    # Any injury: a referral and a paediatrician already; only "is it the head?" can add the
    # emergency department, so the kind is asked and the explanation is not.
    assert "esc_injury_kind" in required_questions(baby, RULES)
    assert "esc_injury" not in required_questions(baby, RULES)
    assert "esc_injury" not in required_questions({**baby, "esc_injury_kind": "head"}, RULES)
    neglect = {"esc_danger": "no", "esc_concern": "neglect", "esc_harm": "no"}
    assert "esc_mobility" not in required_questions(neglect, RULES)
    assert "esc_harm" in required_questions({"esc_danger": "no", "esc_concern": "adult"}, RULES)
    assert "esc_harm" not in required_questions({"esc_danger": "no", "esc_concern": "injury"}, RULES)
    assert "esc_can_wait" not in required_questions({**neglect, "esc_office_hours": "in_hours"}, RULES)
    assert "esc_can_wait" in required_questions({**neglect, "esc_office_hours": "out_of_hours"}, RULES)
    assert "esc_can_wait" not in required_questions(
        {"esc_danger": "no", "esc_concern": "disclosure", "esc_office_hours": "out_of_hours"}, RULES
    )


# --- the findings of the review of the old helper, each a case that failed before -----------


def test_a_single_bruise_on_a_4_month_old_with_an_explanation_is_a_referral_and_a_paediatrician():
    decision = decide(
        {
            "esc_danger": "no",
            "esc_concern": "injury",
            "esc_mobility": "not_mobile",
            "esc_known": "no",
            "esc_office_hours": "in_hours",
        },
        RULES,
    )
    assert (decision.route, decision.paediatric) == ("mash", True)


@pytest.mark.parametrize("kind, mobility", [("pattern", "over_3"), ("pattern", "under_3")])
def test_patterned_marks_bites_and_burns_are_referrals_even_with_an_explanation(kind, mobility):
    decision = decide(
        {
            "esc_danger": "no",
            "esc_concern": "injury",
            "esc_mobility": mobility,
            "esc_injury_kind": kind,
            "esc_injury": "neither",
            "esc_known": "no",
            "esc_office_hours": "in_hours",
        },
        RULES,
    )
    assert (decision.route, decision.paediatric) == ("mash", True)


# --- the rules table's less urgent combinations of the 2026-12-03 review (R1-R4) ----------


def _injury(**given):
    return decide({"esc_danger": "no", "esc_concern": "injury", "esc_known": "no", **given}, RULES)


@pytest.mark.parametrize(
    "words", ["4 months, rolls everywhere, she's mobile", "6 months, sitting up, rolls over"]
)
def test_r1_a_rolling_baby_is_not_mobile_and_her_bruise_is_a_referral(words):
    mobility = interpret("esc_mobility", "inform", {}, words, OfficeHours())
    assert mobility == "not_mobile"
    decision = _injury(esc_mobility=mobility, esc_injury_kind="bruise", esc_office_hours="in_hours")
    assert (decision.route, decision.paediatric) == ("mash", True)


@pytest.mark.parametrize(
    "words", ["5 year old, cerebral palsy, cannot sit or crawl", "he is 4, uses a wheelchair"]
)
def test_r2_a_non_mobile_child_of_3_or_over_is_not_mobile(words):
    mobility = interpret("esc_mobility", "inform", {}, words, OfficeHours())
    assert mobility == "not_mobile"
    decision = _injury(esc_mobility=mobility, esc_injury_kind="bruise", esc_office_hours="out_of_hours")
    assert (decision.route, decision.paediatric) == ("eds", True)


@pytest.mark.parametrize(
    "words",
    ["a round burn like a cigarette", "scald in a glove pattern on both hands", "a burn on her buttocks"],
)
def test_r3_a_patterned_burn_with_a_plausible_account_is_a_referral(words):
    kind = interpret("esc_injury_kind", "inform", {}, words, OfficeHours())
    assert kind in ("pattern", "immersion_scald")
    decision = _injury(
        esc_mobility="over_3", esc_injury_kind=kind, esc_injury="neither", esc_office_hours="in_hours"
    )
    assert (decision.route, decision.paediatric) == ("mash", True)


@pytest.mark.parametrize(
    "words",
    [
        "scald in a glove pattern on both hands",
        "scalds on both feet up to the ankles like socks, sharp line, blistered",
        "scalds to both buttocks and the backs of the legs, clear tide line",
    ],
)
def test_a_scald_shaped_by_immersion_goes_to_the_emergency_department_whatever_the_account(words):
    """Sealed v10 (after scoring) and development set 6: a 4-year-old's stocking-pattern scalds got a
    referral and a same-day opinion; a scald that size needs treatment now (facts file section 3)."""
    kind = interpret("esc_injury_kind", "inform", {}, words, OfficeHours())
    assert kind == "immersion_scald"
    decision = _injury(
        esc_mobility="over_3", esc_injury_kind=kind, esc_injury="neither", esc_office_hours="out_of_hours"
    )
    assert (decision.route, decision.paediatric, decision.emergency_department) == ("eds", True, True)


@pytest.mark.parametrize(
    "given",
    [
        {"esc_mobility": "not_mobile", "esc_injury_kind": "head"},
        {"esc_mobility": "under_3", "esc_injury_kind": "head", "esc_injury": "explanation"},
        {"esc_mobility": "over_3", "esc_injury_kind": "head", "esc_injury": "both"},
    ],
)
def test_r4_a_head_injury_with_a_safeguarding_concern_goes_to_the_emergency_department_now(given):
    decision = _injury(**given, esc_office_hours="in_hours")
    assert decision.route == "mash" and decision.emergency_department


def test_a_head_bump_with_a_clear_accidental_cause_in_a_mobile_toddler_is_not_automatically_referred():
    """L7: the CG89 criterion is intracranial injury; a witnessed bump that fits goes to the lead."""
    decision = _injury(
        esc_mobility="under_3", esc_injury_kind="head", esc_injury="neither", esc_office_hours="in_hours"
    )
    assert (decision.route, decision.emergency_department) == ("safeguarding_lead", False)


def test_a_burn_without_a_suitable_explanation_is_a_referral():
    decision = decide(
        {
            "esc_danger": "no",
            "esc_concern": "injury",
            "esc_mobility": "over_3",
            "esc_injury_kind": "burn",
            "esc_injury": "explanation",
            "esc_known": "no",
            "esc_office_hours": "out_of_hours",
        },
        RULES,
    )
    assert (decision.route, decision.paediatric) == ("eds", True)


@pytest.mark.parametrize("concern", ["neglect", "adult", "other"])
def test_out_of_hours_the_helper_asks_whether_it_can_wait_and_never_sends_people_to_the_closed_lead(concern):
    answers = {
        "esc_danger": "no",
        "esc_concern": concern,
        "esc_known": "no",
        "esc_office_hours": "out_of_hours",
    }
    assert "esc_can_wait" in required_questions(answers, RULES)
    assert decide({**answers, "esc_can_wait": "no"}, RULES).route == "eds"
    assert decide({**answers, "esc_can_wait": "unknown"}, RULES).route == "eds"
    assert decide({**answers, "esc_can_wait": "yes"}, RULES).route == "next_working_day"


def test_an_unknown_concern_moves_towards_referral():
    answers = {
        "esc_danger": "no",
        "esc_concern": "unknown",
        "esc_known": "no",
        "esc_office_hours": "in_hours",
    }
    assert decide(answers, RULES).route == "mash"


LONDON = OfficeHours()


@pytest.mark.parametrize(
    "utc, expected",
    [
        ("2026-11-26T10:00:00", "in_hours"),  # Thursday 10:00 GMT
        ("2026-11-26T17:00:00", "out_of_hours"),  # 17:00 closes
        ("2026-11-26T08:59:00", "out_of_hours"),
        ("2026-11-28T12:00:00", "out_of_hours"),  # Saturday
        ("2026-07-01T08:30:00", "in_hours"),  # 09:30 BST: the clock is Europe/London, not UTC
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


@pytest.mark.parametrize(
    "fixed, expected",
    [
        ("2026-12-05T10:30", "out_of_hours"),  # a Saturday, UK time
        ("2026-12-08T10:30", "in_hours"),  # a Tuesday
        ("2026-12-25T10:30", "out_of_hours"),  # Christmas Day
        ("2026-12-08T10:30+00:00", "in_hours"),
    ],
)
def test_a_fixed_clock_for_demonstrations_and_evaluations(monkeypatch, fixed, expected):
    monkeypatch.setenv("GUIDE_CLOCK", fixed)
    assert LONDON.answer_for() == expected
    assert LONDON.time_now().endswith("10:30")


def test_a_mistyped_fixed_clock_falls_back_to_the_real_one(monkeypatch):
    monkeypatch.setenv("GUIDE_CLOCK", "tuesday half ten")
    real = datetime.datetime.now(datetime.timezone.utc)
    assert abs((LONDON.local() - real).total_seconds()) < 60


THURSDAY_7PM = datetime.datetime(2026, 11, 26, 19, 0, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize(
    "slot, intent, entities, text, expected",
    [
        ("esc_danger", "affirm", {}, "yes", "yes"),
        ("esc_danger", "deny", {}, "no", "no"),
        ("esc_danger", "dont_know", {}, "not sure", "unknown"),
        ("esc_danger", "emergency", {}, "yes he's not breathing", None),  # the emergency rule wins
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
        ("esc_harm", "inform", {}, "I suspect so, yes", "yes"),
        ("esc_harm", "inform", {}, "possibly - she's lost weight again", "yes"),
        ("esc_harm", "inform", {}, "probably not, he's well cared for", "no"),
        ("esc_harm", "deny", {}, "no", "no"),
        ("esc_harm", "inform", {}, "not sure", "unknown"),
        ("esc_danger", "inform", {}, "probably not", "no"),
        ("esc_known", "section_47", {}, "what is section 47?", None),
        ("esc_known", "dont_know", {}, "no idea", "unknown"),
    ],
)
def test_answers_from_buttons_and_free_text(slot, intent, entities, text, expected):
    assert interpret(slot, intent, entities, text, LONDON, THURSDAY_7PM) == expected


def test_the_rules_page_is_generated_from_the_table(kb):
    from derived import escalation_rules_doc

    assert escalation_rules_doc.TARGET.read_text() == escalation_rules_doc.render(kb), (
        "run `make sync-content`"
    )


@pytest.mark.parametrize("account", ["neither", "explanation", "unknown"])
def test_any_bruise_or_swelling_on_a_babys_head_goes_to_the_emergency_department_now(account):
    """Facts file section 5 (2026-12-03): a crawling or cruising baby too, whatever the account."""
    decision = _injury(
        esc_mobility="under_1", esc_injury_kind="head", esc_injury=account, esc_office_hours="in_hours"
    )
    assert decision.route == "mash" and decision.emergency_department and decision.paediatric


def test_a_disclosure_asks_about_an_injury_and_a_head_injury_goes_to_the_emergency_department():
    """A child who says dad shoved him, with a lump on his head: referral, and the emergency
    department now; without an injury, the referral alone (sealed set v5, c5_16 and c5_17)."""
    told = {"esc_danger": "no", "esc_concern": "disclosure"}
    assert "esc_injury_kind" in required_questions(told, RULES)
    assert "esc_mobility" not in required_questions(told, RULES)
    base = {**told, "esc_known": "no", "esc_office_hours": "in_hours"}
    head = decide({**base, "esc_injury_kind": "head"}, RULES)
    assert (head.route, head.paediatric, head.emergency_department) == ("mash", True, True)
    bruise = decide({**base, "esc_injury_kind": "soft_area"}, RULES)
    assert (bruise.paediatric, bruise.emergency_department) == (True, False)
    none = decide({**base, "esc_injury_kind": "none"}, RULES)
    assert (none.route, none.paediatric) == ("mash", False)


@pytest.mark.parametrize("mobility", ["not_mobile", "under_1"])
def test_a_bruise_on_a_baby_not_said_to_be_on_the_head_says_the_head_means_the_emergency_department(mobility):
    """Any bruise or swelling on a baby's head is the emergency department now (facts file,
    NG232): when the bruise's site was not given as the head, the result says so."""
    bruise = _injury(
        esc_mobility=mobility, esc_injury_kind="bruise", esc_injury="yes", esc_office_hours="in_hours"
    )
    assert "baby_head" in bruise.notes and not bruise.emergency_department
    head = _injury(
        esc_mobility=mobility, esc_injury_kind="head", esc_injury="yes", esc_office_hours="in_hours"
    )
    assert head.emergency_department and "baby_head" not in head.notes
    older = _injury(
        esc_mobility="over_3", esc_injury_kind="bruise", esc_injury="yes", esc_office_hours="in_hours"
    )
    assert "baby_head" not in older.notes
