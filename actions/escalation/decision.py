"""The escalation helper's logic, free of Rasa: answers -> route, and office hours.

The rules themselves are data (knowledge_base/escalation_rules.yml); this module
only evaluates them, so that a test can check every combination of answers.
"I don't know" is always resolved towards referral, never away from it.
"""

import datetime
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple
from zoneinfo import ZoneInfo

import holidays

UNKNOWN = "unknown"
# The questions in the order they are asked, and the answers each can take.
ANSWERS: Dict[str, Tuple[str, ...]] = {
    "esc_danger": ("yes", "no", UNKNOWN),
    "esc_concern": ("injury", "neglect", "disclosure", "adult", "other", UNKNOWN),
    "esc_mobility": ("not_mobile", "under_3", "over_3", UNKNOWN),
    "esc_injury_kind": ("bruise", "soft_area", "pattern", "burn", "head", UNKNOWN),
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

    def matches(self, answers: Dict[str, Optional[str]]) -> bool:
        return all(answers.get(question) in allowed for question, allowed in self.when.items())


@dataclass(frozen=True)
class Decision:
    route: str
    paediatric: bool = False
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


def required_questions(answers: Dict[str, Optional[str]], rules: Iterable[Rule]) -> List[str]:
    """The questions worth asking, given the answers so far: none whose answer cannot change the route.

    Each question is judged on the answers to the questions before it, so the list
    does not shift under the user as they answer.
    """
    rules = list(rules)
    if answers.get("esc_danger") == "yes":
        return ["esc_danger"]
    asked = ["esc_danger", "esc_concern"]
    if answers.get("esc_concern") == "injury":
        for question in INJURY_QUESTIONS:
            route, paediatric = level(rules, {q: answers.get(q) for q in asked})
            if not (route == "refer_now" and paediatric):
                asked.append(question)
    asked += ["esc_known", "esc_office_hours"]
    route, _ = level(rules, {q: answers.get(q) for q in asked})
    if answers.get("esc_office_hours") in ("out_of_hours", UNKNOWN) and route == "lead":
        asked.append("esc_can_wait")
    return asked


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
    if concern == "adult":
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
            ("mobility_unknown", get("esc_mobility") == UNKNOWN),
            ("injury_unknown", UNKNOWN in (get("esc_injury"), get("esc_injury_kind"))),
            ("soft_area", get("esc_injury_kind") == "soft_area" and not paediatric),
            ("can_wait_unknown", get("esc_can_wait") == UNKNOWN),
            ("known_yes", known == "yes"),
            ("known_unknown", known == UNKNOWN),
        )
        if applies
    ]
    steps = [concern] if concern in ("injury", "disclosure", "adult", "neglect") else []
    steps += ["known_yes"] if known == "yes" else []
    record = ["always"] + [k for k in ("injury", "disclosure") if concern == k]
    record += ["known_unknown"] if known == UNKNOWN else []
    return Decision(
        route=route,
        paediatric=paediatric,
        learning_points=tuple(sorted(points)),
        notes=tuple(notes),
        steps=tuple(steps + ["always"]),
        record=tuple(record),
        rules=tuple(r.id for r in found),
    )


# --- office hours ---------------------------------------------------------------------

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# England and Wales bank holidays, from a maintained calendar rather than a hand-kept list.
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")


@dataclass(frozen=True)
class OfficeHours:
    timezone: str = "Europe/London"
    days: Tuple[str, ...] = DAYS[:5]
    start: str = "09:00"
    end: str = "17:00"

    def local(self, now: Optional[datetime.datetime] = None) -> datetime.datetime:
        now = now or datetime.datetime.now(datetime.timezone.utc)
        return now.astimezone(ZoneInfo(self.timezone))

    def is_open(self, now: Optional[datetime.datetime] = None) -> bool:
        local = self.local(now)
        return self.open_at(local.date(), local.time())

    def open_at(self, day: datetime.date, time: datetime.time) -> bool:
        """Open on that day at that time: a listed weekday, within hours, not a bank holiday."""
        return self.day_open(day) and self.time_open(time)

    def day_open(self, day: datetime.date) -> bool:
        return DAYS[day.weekday()] in self.days and day not in BANK_HOLIDAYS

    def time_open(self, time: datetime.time) -> bool:
        start, end = (datetime.time.fromisoformat(t) for t in (self.start, self.end))
        return start <= time < end

    def answer_for(self, now: Optional[datetime.datetime] = None) -> str:
        return "in_hours" if self.is_open(now) else "out_of_hours"

    def describe_now(self, now: Optional[datetime.datetime] = None) -> str:
        local = self.local(now)
        label = "office hours" if self.is_open(now) else "out of hours"
        return f"{local:%a %H:%M}, {label}"

    def time_now(self, now: Optional[datetime.datetime] = None) -> str:
        return f"{self.local(now):%A %H:%M}"

    def describe(self) -> str:
        days = f"{self.days[0].capitalize()}-{self.days[-1].capitalize()}" if self.days else "no days"
        return f"{days} {self.start}-{self.end}"
