"""The escalation helper's logic, free of Rasa: answers -> route, and office hours.

The rules themselves are data (knowledge_base/escalation_rules.yml); this module
only evaluates them, so that a test can check every combination of answers.
"I don't know" is always resolved towards referral, never away from it.
"""

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from situation.clock import DAYS, OfficeHours  # noqa: F401  (re-exported: the helper's clock)
from situation.meaning import HARM_CONCERNS

UNKNOWN = "unknown"
# The questions in the order they are asked, and the answers each can take.
ANSWERS: Dict[str, Tuple[str, ...]] = {
    "esc_danger": ("yes", "no", UNKNOWN),
    "esc_concern": ("injury", "neglect", "disclosure", "violence", "adult", "other", UNKNOWN),
    # "not_seen": no sign of it in what was described, read by the harm model (never a button)
    "esc_harm": ("yes", "no", "not_seen", UNKNOWN),
    "esc_mobility": ("not_mobile", "under_1", "under_3", "over_3", UNKNOWN),
    "esc_injury_kind": (
        "bruise",
        "soft_area",
        "pattern",
        "burn",
        "immersion_scald",
        "head",
        "fracture",
        "none",
        UNKNOWN,
    ),
    "esc_injury": ("multiple", "explanation", "both", "neither", UNKNOWN),
    "esc_known": ("yes", "no", UNKNOWN),
    "esc_office_hours": ("in_hours", "out_of_hours", UNKNOWN),
    "esc_can_wait": ("yes", "no", UNKNOWN),
}
QUESTIONS = tuple(ANSWERS)
INJURY_QUESTIONS = ("esc_mobility", "esc_injury_kind", "esc_injury")
# How urgent each level and route is: an "I don't know" never lowers it.
LEVELS = {"999": 3, "refer_now": 2, "lead": 1}
URGENCY = {"999": 3, "eds": 2, "mash": 2, "mash_or_eds": 2, "safeguarding_lead": 1, "next_working_day": 1}
REFER_ROUTE = {"in_hours": "mash", "out_of_hours": "eds"}


@dataclass(frozen=True)
class Rule:
    """One row of escalation_rules.yml: when these answers are given, at least this route."""

    id: str
    when: Dict[str, Tuple[str, ...]]
    route: str
    paediatric: bool = False
    learning_points: Tuple[int, ...] = ()
    emergency_department: bool = False

    def matches(self, answers: Dict[str, Optional[str]]) -> bool:
        return all(answers.get(question) in allowed for question, allowed in self.when.items())


@dataclass(frozen=True)
class Decision:
    route: str
    paediatric: bool = False
    emergency_department: bool = False
    learning_points: Tuple[int, ...] = ()
    notes: Tuple[str, ...] = ()
    steps: Tuple[str, ...] = ()
    record: Tuple[str, ...] = ()
    rules: Tuple[str, ...] = ()


def applying(rules: Iterable[Rule], answers: Dict[str, Optional[str]]) -> List[Rule]:
    return [rule for rule in rules if rule.matches(answers)]


def level(
    rules: Iterable[Rule], answers: Dict[str, Optional[str]], default: str = "lead"
) -> Tuple[str, bool]:
    """(most urgent level, paediatric opinion?) of the rules that apply."""
    found = applying(rules, answers)
    most = max([default] + [r.route for r in found], key=LEVELS.__getitem__)
    return most, any(r.paediatric for r in found)


def outcome(rules: Iterable[Rule], answers: Dict[str, Optional[str]]) -> Tuple[str, bool, bool]:
    """(level, paediatric opinion?, emergency department?) of the rules that apply."""
    found = applying(rules, answers)
    most = max(["lead"] + [r.route for r in found], key=LEVELS.__getitem__)
    return most, any(r.paediatric for r in found), any(r.emergency_department for r in found)


def could_change(question: str, answers: Dict[str, Optional[str]], rules: Iterable[Rule]) -> bool:
    """Whether some answer to `question`, given these answers, gives another route or medical advice."""
    rules = list(rules)
    results = set()
    for value in ANSWERS[question]:
        d = decide({**answers, question: value}, rules)
        results.add((d.route, d.paediatric, d.emergency_department))
    return len(results) > 1


def required_questions(answers: Dict[str, Optional[str]], rules: Iterable[Rule]) -> List[str]:
    """The questions worth asking, given the answers so far: none whose answer cannot change the route.

    Each question is judged on the answers to the questions before it, so the list
    does not shift under the user as they answer. An injury question is asked while some
    answer to it could still change the level, the paediatric opinion or the emergency
    department (a head injury on a non-mobile baby needs the department, a bruise elsewhere
    a same-day opinion).
    """
    rules = list(rules)
    if answers.get("esc_danger") == "yes":
        return ["esc_danger"]
    asked = ["esc_danger", "esc_concern"]
    if answers.get("esc_concern") in HARM_CONCERNS:
        asked.append("esc_harm")
    # A child who says they were hurt may have an injury: asked too, when it can change the advice.
    if answers.get("esc_concern") in ("injury", "disclosure"):
        for question in INJURY_QUESTIONS:
            before = {q: answers.get(q) for q in asked}
            outcomes = {outcome(rules, {**before, question: value}) for value in ANSWERS[question]}
            if len(outcomes) > 1:
                asked.append(question)
    asked += ["esc_known", "esc_office_hours"]
    route, _ = level(rules, {q: answers.get(q) for q in asked})
    if answers.get("esc_office_hours") in ("out_of_hours", UNKNOWN) and route == "lead":
        asked.append("esc_can_wait")
    return asked


def situation_questions(answers: Dict[str, Optional[str]], rules: Iterable[Rule]) -> List[str]:
    """For a situation told in a message: the helper's questions, less those not yet answered
    whose answer could not change the route (danger first, while the message leaves it open)."""
    rules = list(rules)
    return [
        q
        for q in required_questions(answers, rules)
        if answers.get(q) is not None
        or could_change(q, {k: v for k, v in answers.items() if v is not None}, rules)
    ]


def decide(answers: Dict[str, Optional[str]], rules: Iterable[Rule]) -> Decision:
    """The route for the answers given (questions not asked are None)."""
    rules = list(rules)
    get = answers.get
    if get("esc_danger") == "yes":
        return Decision(
            route="999", learning_points=(1,), steps=("always",), record=("always",), rules=("danger_now",)
        )
    found = applying(rules, answers)
    most, paediatric = level(rules, answers)
    hours = get("esc_office_hours")
    if most == "refer_now":
        route = REFER_ROUTE.get(hours, "mash_or_eds")
    else:
        route = (
            "next_working_day"
            if hours == "out_of_hours" and get("esc_can_wait") == "yes"
            else "safeguarding_lead"
        )
    concern, known = get("esc_concern"), get("esc_known")
    points = {n for rule in found for n in rule.learning_points}
    if route in ("eds", "mash_or_eds", "next_working_day") or hours == "out_of_hours":
        points.add(1)
    if concern in ("neglect", "disclosure"):
        points.add(8)
    if concern in ("adult", "violence"):
        points |= {10, 12}
    if known in ("yes", UNKNOWN):
        points.add(7)
    if known == "yes":
        points |= {4, 9}
    notes = [
        name
        for name, applies in (
            ("danger_unknown", get("esc_danger") == UNKNOWN),
            ("hours_unknown", hours == UNKNOWN),
            ("concern_unknown", concern == UNKNOWN),
            ("harm_unknown", get("esc_harm") == UNKNOWN),
            ("harm_not_seen", get("esc_harm") == "not_seen"),
            ("mobility_unknown", get("esc_mobility") == UNKNOWN),
            ("injury_unknown", UNKNOWN in (get("esc_injury"), get("esc_injury_kind"))),
            ("soft_area", get("esc_injury_kind") == "soft_area" and not paediatric),
            # A baby's bruise not given as on the head: if it is, the emergency department now
            # (facts file, NG232 pre-hospital referral).
            (
                "baby_head",
                get("esc_mobility") in ("not_mobile", "under_1")
                and get("esc_injury_kind") in ("bruise", "soft_area", UNKNOWN)
                and not any(r.emergency_department for r in found),
            ),
            ("can_wait_unknown", get("esc_can_wait") == UNKNOWN),
            ("known_yes", known == "yes"),
            ("known_unknown", known == UNKNOWN),
        )
        if applies
    ]
    steps = [concern] if concern in ("injury", "disclosure", "violence", "adult", "neglect") else []
    steps += ["known_yes"] if known == "yes" else []
    record = ["always"] + [k for k in ("injury", "disclosure") if concern == k]
    record += ["known_unknown"] if known == UNKNOWN else []
    return Decision(
        route=route,
        paediatric=paediatric,
        emergency_department=any(r.emergency_department for r in found),
        learning_points=tuple(sorted(points)),
        notes=tuple(notes),
        steps=tuple(steps + ["always"]),
        record=tuple(record),
        rules=tuple(r.id for r in found),
    )
