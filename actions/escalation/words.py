"""The escalation helper's free-text answers: what a practitioner typed -> one answer, or None.

Buttons and the NLU (intents affirm / deny / dont_know, the `answer` entity) come
first; these patterns read what is left. When they cannot place an answer they
return None and the question is asked again with its buttons - a guess that
lowers the route would be worse than asking twice. Where two readings are
possible, the more worrying one wins (an injury described with "said" is an
injury; "no explanation" is an unsuitable explanation, not "no").
"""

import datetime
import re
from typing import Callable, Dict, List, Optional, Tuple

from actions.escalation.decision import ANSWERS, UNKNOWN, OfficeHours

DONT_KNOW = re.compile(r"\b(don'?t know|dunno|not sure|unsure|no idea|idk|can'?t say|no clue|can'?t tell)\b")
YES = re.compile(r"^(yes|yeah|yep|y|yup|correct|i think so|probably|it can wait)\b")
NO = re.compile(r"^(no|nope|n|not really|i don'?t think so)\b")
YES_NO = {"esc_danger": ("yes", "no"), "esc_known": ("yes", "no"), "esc_can_wait": ("yes", "no")}
# Intents whose text must never be read as an answer: they have their own rules.
# ("choose" is not among them: "a bruise on her back" reads to the classifier like quiz answer "a".)
NOT_ANSWERS = {
    "emergency",
    "stop",
    "resume",
    "escalation_helper",
    "quiz",
    "training_scenario",
    "walkthrough_next",
    "walkthrough_back",
    "walkthrough_repeat",
    "walkthrough_skip",
}
QUESTION_WORDS = re.compile(r"^(what|how|who|when|why|where|which|can|could|should|is|are|do|does)\b")
NOW = re.compile(r"\b(right )?now\b|\bat the moment\b|\bcurrently\b")


def _first(rules: List[Tuple[str, str]]) -> Callable[[str], Optional[str]]:
    compiled = [(re.compile(pattern), value) for pattern, value in rules]
    return lambda words: next((value for pattern, value in compiled if pattern.search(words)), None)


INJURY_WORDS = (
    r"\b(injur\w*|bruis\w*|marks?|burn\w*|scald\w*|bite|bitten|fractur\w*|broken|bump\w*|cuts?"
    r"|head|skull|eyebrow|swell\w*|swollen|graze\w*|scratch\w*|black eye|lip|blister\w*|fell|fall"
    r"|banged|bleed\w*|wound|sore)\b"
)
concern = _first(
    [
        (INJURY_WORDS, "injury"),  # before "said": "dad said she fell, there's a bruise" is an injury
        (r"\b(said|told|disclos\w*|saying|says|tells)\b", "disclosure"),
        (
            r"\b(neglect\w*|dirty|hungry|unkempt|smell\w*|nappy|nappies|clothes|home conditions|not fed|thin"
            r"|not collected|left alone|missed appointments?|was not brought)\b",
            "neglect",
        ),
        (
            r"\b(adult|partner|boyfriend|dad|father|mum|mother|step ?dad|parent|carer|drunk|violent|aggressive"
            r"|domestic|drugs?|alcohol)\b",
            "adult",
        ),
        (r"\b(other|something else|else|none of (these|those))\b", "other"),
    ]
)

BAD_EXPLANATION = (
    r"\b(no|none|nothing|without( an?)?|not given|not offered|hasn'?t|haven'?t|didn'?t|won'?t"
    r"|wouldn'?t|couldn'?t|can'?t|refus\w*)\b.{0,25}\b(explanation|explain\w*|story|reason|account|said|say|tell|tell me)\b"
    r"|\b(explanation|story|account|reason)\b.{0,20}\b(missing|absent|none|changed|changing|keeps? chang\w*"
    r"|doesn'?t (fit|match|add up)|does not (fit|match)|unlikely|implausible|vague|odd|strange)\b"
    r"|\b(none offered|none given|unexplained|inconsistent|implausible|doesn'?t (fit|add up|match)"
    r"|does not (fit|match)|not (plausible|consistent|likely)|different (stories|explanations|accounts)"
    r"|stor(y|ies) (keep|keeps|kept) changing|chang\w* (story|stories|explanation|account)"
    r"|no idea how|(don'?t|doesn'?t|didn'?t) know how|shrug\w*|changed the subject|evasive)\b"
)
SEVERAL = (
    r"\b(more than one|multiple|several|two|three|four|lots|many|bruises|injuries|marks|again|another|second"
    r"|repeated|clusters?)\b"
)
FITS = r"^(neither|none of (these|those)|no|nope|just one|only one|one)\b|\b(fits|makes sense|plausible|consistent)\b"


def injury(words: str) -> Optional[str]:
    bad = re.search(BAD_EXPLANATION, words)
    several = re.search(SEVERAL, words) or re.search(r"\bboth\b", words)
    if bad and several or re.search(r"^both\b", words):
        return "both"
    if bad:
        return "explanation"
    if several:
        return "multiple"
    return "neither" if re.search(FITS, words) else None


MONTHS = re.compile(r"\b(\d{1,2}) ?(months?|mths?|mo|m/o)\b")
WEEKS = re.compile(r"\b(\d{1,2}) ?(weeks?|wks?|w/o)\b|\bnew ?born\b|\bneonate\b")
YEARS = re.compile(
    r"\b(\d{1,2}) ?(years?|yrs?|yo|y/o|year old)\b|\b(\d{1,2}) and a half\b"
    r"|\b(?:he'?s|she'?s|they'?re|is|aged|age|just turned) (\d{1,2})\b(?! ?(months?|mths?|weeks?|wks?|days?))"
)
NOT_MOBILE = re.compile(
    r"\b(not (yet )?(mobile|crawling|walking|moving|cruising)|non[- ]?mobile|immobile"
    r"|can'?t (yet )?(crawl|walk|move|roll|sit)|isn'?t (yet )?(crawling|walking|moving|mobile)"
    r"|only rolls?|just rolls?|rolling only)\b"
)
MOBILE = re.compile(
    r"\b(crawl\w*|cruis\w*|walk\w*|toddl\w*|bottom[- ]?shuffl\w*|pulls? (himself |herself )?up"
    r"|pulling to stand|runs?|running|mobile|climb\w*)\b"
)
OLDER = re.compile(r"\b(school|reception|primary|nursery age|pre-?school|teen\w*|adolescent)\b")


def mobility(words: str) -> Optional[str]:
    if NOT_MOBILE.search(words):
        return "not_mobile"
    years = YEARS.search(words)
    age = float(next(g for g in years.groups() if g)) if years else None
    months = MONTHS.search(words)
    if age is None and months:
        age = int(months.group(1)) / 12
    if age is not None and age >= 3 or OLDER.search(words):
        return "over_3"
    if MOBILE.search(words):
        return "under_3"
    if WEEKS.search(words) or re.search(r"\b(baby|infant)\b", words):
        return "not_mobile"  # a baby whose mobility we were not told: the more careful reading
    if age is not None:
        return "not_mobile" if age < 1 else "under_3"
    return None


injury_kind = _first(
    [
        (
            r"\b(hand ?print|hand[- ]shaped|finger ?(tip )?(marks?|bruis\w*)|fingertip|grip|grab marks?|slap marks?"
            r"|ligature|belt|buckle|cord|rope|stick|implement|loop|object|shape of|bite|bitten|teeth|pinch\w*)\b",
            "pattern",
        ),
        (r"\b(burn\w*|scald\w*|cigarette|hot water|iron|blister\w*)\b", "burn"),
        (r"\b(head|skull|fontanelle|scalp|concuss\w*)\b", "head"),
        (
            r"\b(ears?|neck|face|cheeks?|eyes?|eyelid|lips?|mouth|frenulum|buttocks?|bottom|bum|tummy|abdomen|stomach"
            r"|back|chest|thighs?|genital\w*|groin|upper arm|inner arm|soft)\b",
            "soft_area",
        ),
        (
            r"\b(bruis\w*|shin|knee|leg|elbow|arm|forehead|cut|graze|scratch|mark|injury|swelling|other)\b",
            "bruise",
        ),
    ]
)

CLOCK = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)?(?![\d/])")
HALF = re.compile(r"\bhalf (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")
AT_HOUR = re.compile(r"\bat (\d{1,2})\b(?![.:]\d)")
SPOKEN = re.compile(
    r"\b(quarter (?:past|to)|half past|twenty (?:past|to)|ten (?:past|to))? ?(one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve)(?: o'?clock)?\b"
)
NUMBERS = {
    w: n for n, w in enumerate(("one two three four five six seven eight nine ten eleven twelve").split(), 1)
}
OUT_WORDS = re.compile(
    r"\b(out of (office )?hours|ooh|evening|tonight|night|overnight|midnight|early hours|late"
    r"|weekend|bank holiday|christmas|boxing day|new year'?s? day|easter)\b"
)
IN_WORDS = re.compile(r"\b((in|during) (office |working )?hours|office hours|working day|lunch ?time)\b")
DAY_PATTERNS = [
    (re.compile(rf"\b{day[:3]}\w*\b"), i)
    for i, day in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
]
PART_OF_DAY = re.compile(r"\b(morning|afternoon)\b")


def _times(words: str) -> List[datetime.time]:
    """Every clock time the words could mean: "5.45pm" one, "quarter to six" two (am and pm)."""
    found: List[datetime.time] = []
    for hour, minute, half in CLOCK.findall(words):
        hour, minute = int(hour), int(minute or 0)
        if hour > 23 or minute > 59:
            continue
        if half:
            found.append(datetime.time(hour % 12 + (12 if half.startswith("p") else 0), minute))
        elif hour >= 13 or hour == 0:
            found.append(datetime.time(hour, minute))
        elif minute or re.search(rf"\b{hour}[.:]00\b|\b{hour} ?o'?clock\b", words):
            found += [datetime.time(hour % 12, minute), datetime.time(hour % 12 + 12, minute)]
    spoken = [(h, 30) for h in HALF.findall(words)] + [(h, 0) for h in AT_HOUR.findall(words)]
    for hour, minute in spoken:  # British "half five" is 5.30; "at 11" is am or pm
        hour = int(hour) if hour.isdigit() else NUMBERS[hour]
        if 1 <= hour <= 12:
            found += [datetime.time(hour % 12, minute), datetime.time(hour % 12 + 12, minute)]
    for offset, word in SPOKEN.findall(words):
        if not offset and not re.search(rf"\b{word} ?o'?clock\b", words):
            continue  # "two injuries" is not a time
        hour, minute = NUMBERS[word], 0
        if offset.endswith(" to"):
            hour, minute = hour - 1, 60 - {"quarter": 15, "twenty": 20, "ten": 10}[offset.split()[0]]
        elif offset:
            minute = {"quarter": 15, "half": 30, "twenty": 20, "ten": 10}[offset.split()[0]]
        found += [datetime.time(hour % 12, minute), datetime.time(hour % 12 + 12, minute)]
    return found


def office_hours(words: str, clock: OfficeHours, now: Optional[datetime.datetime]) -> Optional[str]:
    """in_hours / out_of_hours / unknown (both routes given) from a time, day or phrase; None if none."""
    times, out, part = _times(words), OUT_WORDS.search(words), PART_OF_DAY.search(words)
    if NOW.search(words) and not times and not out:
        return clock.answer_for(now)
    if out:
        return "out_of_hours"
    if part and times and not re.search(r"\bpm\b", words):
        times = [t for t in times if (t.hour < 12) == (part.group(1) == "morning")] or times
    day = next((i for pattern, i in DAY_PATTERNS if pattern.search(words)), None)
    if day is not None:
        today = clock.local(now).date()
        if not clock.day_open(today + datetime.timedelta(days=(day - today.weekday()) % 7)):
            return "out_of_hours"
        if not times and not IN_WORDS.search(words) and not part:
            return None  # a weekday without a time: ask again
    if times:
        open_at = {clock.time_open(t) for t in times}
        return UNKNOWN if len(open_at) > 1 else ("in_hours" if open_at.pop() else "out_of_hours")
    if IN_WORDS.search(words) or part:
        return "in_hours"
    return None


READERS: Dict[str, Callable[[str], Optional[str]]] = {
    "esc_concern": concern,
    "esc_mobility": mobility,
    "esc_injury_kind": injury_kind,
    "esc_injury": injury,
}


def interpret(
    slot: str,
    intent: Optional[str],
    entities: Dict[str, str],
    text: str,
    clock: OfficeHours,
    now: Optional[datetime.datetime] = None,
) -> Optional[str]:
    """The answer to question `slot` in a user turn, or None (then the question is asked again)."""
    if intent in NOT_ANSWERS:
        return None
    said = (entities.get("answer") or "").strip().lower()
    if said == "now" and slot == "esc_office_hours":
        return clock.answer_for(now)
    if said in ANSWERS[slot]:
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
    if slot == "esc_office_hours":
        return office_hours(words, clock, now)
    if "?" in words or QUESTION_WORDS.search(words):
        return None
    return READERS[slot](words)
