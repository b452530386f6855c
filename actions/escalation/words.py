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
from typing import Callable, Dict, Optional

from actions.escalation.decision import ANSWERS, UNKNOWN, OfficeHours
from situation.reader import (
    BABY,
    EARLY_MOVES,
    SAFE_NOW,
    age_in_months,
    can_wait,
    concern,
    explanation,
    injury_kind,
    known,
    mobility,
    office_hours,
)

DONT_KNOW = re.compile(r"\b(don'?t know|dunno|not sure|unsure|no idea|idk|can'?t say|no clue|can'?t tell)\b")
YES = re.compile(
    r"^(yes|yeah|yep|y|yup|correct|(i )?think so|i'?d (say|think) so|i would (say|think) so|definitely(?! not)"
    r"|absolutely(?! not)|for sure|probably(?! not)|it can wait)\b"
)
NO = re.compile(
    r"^(no|nope|n|not really|probably not|definitely not|absolutely not|unlikely|(i )?don'?t think so"
    r"|not (right )?now|not tonight|not at the moment|not currently)\b"
)
# "Significant harm?" - a suspicion is enough: "I suspect so", "possibly", "it could be" are a yes.
SUSPECTED = re.compile(
    r"\b(suspect|suspicious|maybe|possibly|perhaps|might be|could be|likely|worried (it|that|so))\b"
)
# The answer said last: "she goes home at 3.15 so no", "partner still lives there, so no".
SO_ANSWER = re.compile(r"\bso (yes|yeah|yep|no|nope)[.!]*$")
YES_NO = {
    "esc_danger": ("yes", "no"),
    "esc_harm": ("yes", "no"),
    "esc_known": ("yes", "no"),
    "esc_can_wait": ("yes", "no"),
}
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


def _suspected(text: str) -> bool:
    """A suspicion of significant harm, said without a "not": a yes to the harm question."""
    words = " ".join(text.lower().replace("’", "'").split())
    return bool(SUSPECTED.search(words)) and not re.search(r"\bnot\b|n't\b|\bunlikely\b", words)


def _yes_no(words: str, answers) -> Optional[str]:
    """The first of `answers` for a yes, the second for a no - said first or last - else None."""
    if YES.search(words) or NO.search(words):
        return answers[0] if YES.search(words) else answers[1]
    last = SO_ANSWER.search(words)
    if last:
        return answers[0] if last.group(1).startswith("y") else answers[1]
    return None


# "Is there an injury?" - "none", "n/a", "no injury to her that I saw".
NO_INJURY_SEEN = re.compile(
    r"^(none|no|nope|nothing|n/?a|not that i (saw|could see|know of))\b|\bno (visible |obvious )?(injur\w*|marks?|bruis\w*)\b"
)

# "6, very active", "10, walks obviously", "14": a number alone answering "how old is the child?"
BARE_AGE = re.compile(r"^(\d{1,2})\b(?! ?(months?|mths?|mo|m|weeks?|wks?|w|days?|/12|/52)\b)")
# ... is years when the child walks, runs or is at school (a baby of that many months does not),
# or when it is 12 or more; months when a baby of 6 to 11 crawls or cruises ("9, crawling": the
# more careful reading - a baby under 6 months does neither); a smaller number alone is asked again.
WALKS = re.compile(r"\b(walk\w*|run\w*|running|active|school|climb\w*|everywhere|obviously|toddl\w*)\b")


def mobility_answer(words: str) -> Optional[str]:
    """The answer to the mobility question. Asked about a baby's movement, "a baby" alone is read
    the careful way: not yet mobile."""
    bare = BARE_AGE.match(words)
    if bare and age_in_months(words) is None:
        number, rest = int(bare.group(1)), words[bare.end() :]
        if 6 <= number <= 11 and EARLY_MOVES.search(words):
            return mobility(f"{number} months old{rest}")
        if number >= 12 or WALKS.search(words) or EARLY_MOVES.search(words):
            return mobility(f"{number} years old{rest}")
    return mobility(words) or ("not_mobile" if BABY.search(words) else None)


READERS: Dict[str, Callable[[str], Optional[str]]] = {
    "esc_concern": concern,
    "esc_mobility": mobility_answer,
    "esc_injury_kind": lambda words: "none" if NO_INJURY_SEEN.search(words) else injury_kind(words),
    "esc_injury": lambda words: explanation(words, answering=True),
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
    if slot == "esc_harm" and _suspected(text):
        return "yes"  # "I suspect so, she's lost weight" read by the classifier as a denial (0.62)
    if slot in YES_NO and intent in ("affirm", "deny"):
        return YES_NO[slot][0 if intent == "affirm" else 1]
    if (
        slot == "esc_office_hours"
        and intent in ("affirm", "deny")
        and not office_hours(text.lower(), clock, now)
    ):
        return "in_hours" if intent == "affirm" else "out_of_hours"
    words = " ".join(text.lower().replace("’", "'").split())
    if not words or words.startswith("/"):
        return None
    if DONT_KNOW.search(words):
        return UNKNOWN
    if slot in YES_NO:
        yes, no = YES_NO[slot]
        if slot == "esc_danger" and SAFE_NOW.search(words):
            return no  # "no, she's with me", "not tonight": danger signs come as the emergency intent
        return _yes_no(words, (yes, no)) or {"esc_known": known, "esc_can_wait": can_wait}.get(
            slot, lambda _: None
        )(words)
    if slot == "esc_office_hours":
        # a time or day said wins over the yes/no beside it ("yes, saturday 10am" is out of hours)
        return office_hours(words, clock, now) or _yes_no(words, ("in_hours", "out_of_hours"))
    if "?" in words or QUESTION_WORDS.search(words):
        return None
    return READERS[slot](words)
