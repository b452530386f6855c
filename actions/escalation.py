"""The escalation helper's logic, free of Rasa: answers -> route, and words -> answers.

Kept pure so that a table-driven test can check every combination of answers.
"I don't know" is always resolved towards referral, never away from it.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

UNKNOWN = "unknown"
ANSWERS: Dict[str, Tuple[str, ...]] = {
    "esc_danger": ("yes", "no", UNKNOWN),
    "esc_office_hours": ("in_hours", "out_of_hours", UNKNOWN),
    "esc_concern": ("injury", "neglect", "disclosure", "adult", "other", UNKNOWN),
    "esc_injury": ("multiple", "explanation", "both", "neither", UNKNOWN),
    "esc_known": ("yes", "no", UNKNOWN),
}
QUESTIONS = tuple(ANSWERS)
# How urgent each route is: caution means an "I don't know" never lowers this.
URGENCY = {"999": 3, "eds": 2, "mash": 2, "mash_or_eds": 2, "safeguarding_lead": 1}


@dataclass(frozen=True)
class Decision:
    route: str
    paediatric: bool = False
    learning_points: Tuple[int, ...] = ()
    notes: Tuple[str, ...] = ()
    steps: Tuple[str, ...] = ()
    record: Tuple[str, ...] = ()


def required_questions(answers: Dict[str, Optional[str]]) -> List[str]:
    """The questions to ask given the answers so far: at most five, fewer where they can't matter."""
    if answers.get("esc_danger") == "yes":
        return ["esc_danger"]
    return [q for q in QUESTIONS if q != "esc_injury" or answers.get("esc_concern") == "injury"]


def decide(danger: str, hours: Optional[str] = None, concern: Optional[str] = None,
           injury: Optional[str] = None, known: Optional[str] = None) -> Decision:
    """The route for a complete set of answers (the form never asks more than it needs)."""
    if danger == "yes":
        return Decision(route="999", learning_points=(1,), steps=("always",), record=("always",))
    suspicious_injury = concern == "injury" and injury != "neither"
    urgent = suspicious_injury or concern == "disclosure" or danger == UNKNOWN
    if not urgent:
        route = "safeguarding_lead"
    else:
        route = {"in_hours": "mash", "out_of_hours": "eds"}.get(hours, "mash_or_eds")
    points = set()
    if route in ("eds", "mash_or_eds") or hours == "out_of_hours":
        points.add(1)
    if suspicious_injury:
        points |= {2, 6, 14}
    if concern == "neglect" or concern == "disclosure":
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
            ("danger_unknown", danger == UNKNOWN),
            ("hours_unknown", hours == UNKNOWN),
            ("concern_unknown", concern == UNKNOWN),
            ("injury_unknown", concern == "injury" and injury == UNKNOWN),
            ("not_mobile", concern == "injury" and injury == "neither"),
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
        paediatric=suspicious_injury,
        learning_points=tuple(sorted(points)),
        notes=tuple(notes),
        steps=tuple(steps + ["always"]),
        record=tuple(record),
    )


# --- office hours ---------------------------------------------------------------------

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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
        start, end = (datetime.time.fromisoformat(t) for t in (self.start, self.end))
        return DAYS[local.weekday()] in self.days and start <= local.time() < end

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


# --- free text -> answer ---------------------------------------------------------------

DONT_KNOW = re.compile(r"\b(don'?t know|dunno|not sure|unsure|no idea|idk|can'?t say|no clue)\b")
YES = re.compile(r"^(yes|yeah|yep|y|yup|correct|i think so|probably)\b")
NO = re.compile(r"^(no|nope|n|not really|i don'?t think so)\b")
KEYWORDS: Dict[str, List[Tuple[str, str]]] = {
    "esc_office_hours": [
        (r"\b(right )?now\b|\bat the moment\b|\bcurrently\b", "now"),
        (r"\bout of (office )?hours\b|\bevening\b|\bnight\b|\bweekend\b|\bsaturday\b|\bsunday\b"
         r"|\bbank holiday\b|\bchristmas\b|\b(1[0-2]|[5-9]) ?pm\b|\b([1-7]|1[0-2]) ?am\b|\bovernight\b|\blate\b", "out_of_hours"),
        (r"\b(in|during) (office |working )?hours\b|\boffice hours\b|\bworking day\b|\bmorning\b|\bafternoon\b"
         r"|\blunch\b|\b(9|10|11) ?am\b|\b(12|1|2|3|4) ?pm\b|\bmonday\b|\btuesday\b|\bwednesday\b|\bthursday\b|\bfriday\b", "in_hours"),
    ],
    "esc_concern": [
        (r"\b(said|told|disclos\w*|saying|says)\b", "disclosure"),
        (r"\b(injur\w*|bruis\w*|marks?|burns?|bite|fracture\w*|bump|cut|head|eyebrow|swelling)\b", "injury"),
        (r"\b(neglect\w*|dirty|hungry|unkempt|smell\w*|nappy|clothes|home conditions|not fed|thin)\b", "neglect"),
        (r"\b(adult|partner|boyfriend|dad|father|mum|mother|step ?dad|parent|carer|drunk|violent|aggressive|domestic)\b", "adult"),
        (r"\b(other|something else|else|none of (these|those))\b", "other"),
    ],
    "esc_injury": [
        (r"\bboth\b", "both"),
        (r"\b(neither|none|no)\b", "neither"),
        (r"\b(more than one|multiple|several|two|three|lots|many|bruises|injuries)\b", "multiple"),
        (r"\b(explanation|story|stories|account|doesn'?t fit|does not fit|chang\w*|inconsistent|no reason)\b", "explanation"),
    ],
}
YES_NO = {"esc_danger": ("yes", "no"), "esc_known": ("yes", "no")}
# Intents whose text must never be read as an answer: they have their own rules.
NOT_ANSWERS = {"emergency", "stop", "resume", "escalation_helper", "quiz", "training_scenario",
               "scenario_next", "scenario_back", "scenario_repeat", "scenario_skip", "choose"}
QUESTION_WORDS = re.compile(r"^(what|how|who|when|why|where|which|can|could|should|is|are|do|does)\b")


def interpret(slot: str, intent: Optional[str], entities: Dict[str, str], text: str,
              office_hours: OfficeHours, now: Optional[datetime.datetime] = None) -> Optional[str]:
    """The answer to question `slot` in a user turn, or None (then the form lets other rules answer)."""
    if intent in NOT_ANSWERS:
        return None
    allowed = ANSWERS[slot]
    said = (entities.get("answer") or "").strip().lower()
    if said == "now" and slot == "esc_office_hours":
        return office_hours.answer_for(now)
    if said in allowed:
        return said
    if intent == "dont_know":
        return UNKNOWN
    if slot in YES_NO and intent in ("affirm", "deny"):
        return YES_NO[slot][0 if intent == "affirm" else 1]
    words = " ".join(text.lower().replace("’", "'").split())
    if not words or words.startswith("/"):
        return None
    if DONT_KNOW.search(words):
        return UNKNOWN
    if slot in YES_NO:
        yes, no = YES_NO[slot]
        return yes if YES.search(words) else no if NO.search(words) else None
    if "?" in words or QUESTION_WORDS.search(words):
        return None
    for pattern, value in KEYWORDS[slot]:
        if re.search(pattern, words):
            return office_hours.answer_for(now) if value == "now" else value
    return None
