"""Situations and helper conversations played through the real bot, scored against the route
the guidance allows. Shared by the e2e tests (development sets) and evaluation/sealed_eval.py
(the sealed sets, scored once).

A label gives the least urgent route the guidance allows ("999", refer_now, lead), what the
message says of the time (the EDS out of hours, the MASH in hours) and the medical advice
(none, same_day, emergency_department). A reply is read from what the bot said: the 999
page, or the route heading of a situation or the helper's result.
"""

import uuid
from dataclasses import dataclass
from typing import Dict, List, Optional

from actions.content.loaded import ESCALATION

LEVEL = {"999": 3, "refer_now": 2, "lead": 1}
ROUTE_LEVEL = {"999": 3, "eds": 2, "mash": 2, "mash_or_eds": 2, "safeguarding_lead": 1, "next_working_day": 1}
EMERGENCY_PAGE = "A child in danger now - call 999"
# The clock the bots under test run on (situation/clock.py GUIDE_CLOCK): a Tuesday morning, not a
# bank holiday, so a message that does not say when is taken as typed in office hours (as the
# sets' writers label such messages) whatever the hour the tests run.
TEST_CLOCK = {"GUIDE_CLOCK": "2026-12-08T10:30"}
OPENING = "I'm worried about a child I've seen today, what should I do?"
MAX_TURNS = 14
HEADINGS = {}
for _key, _route in ESCALATION.routes.items():
    HEADINGS[f"**Escalation helper - {_route.title}**"] = _key
    HEADINGS[ESCALATION.situation.route_so_far.format(title=_route.title)] = _key
ED_WORDS = " ".join(ESCALATION.emergency_department.split())[:60]
PAEDIATRIC_WORDS = " ".join(ESCALATION.paediatric.split())[:40]


@dataclass
class Outcome:
    route: Optional[str]  # a key of ROUTE_LEVEL, or None when no route was given
    paediatric: bool
    emergency_department: bool
    text: str

    @property
    def level(self) -> int:
        return ROUTE_LEVEL.get(self.route, 0)


def texts(replies: List[Dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def outcome_of(text: str) -> Outcome:
    flat = " ".join(text.split())
    if EMERGENCY_PAGE in text:
        return Outcome("999", True, True, text)
    route = next((key for heading, key in HEADINGS.items() if heading in text), None)
    return Outcome(route, PAEDIATRIC_WORDS in flat or ED_WORDS in flat, ED_WORDS in flat, text)


def judge(label: Dict, got: Outcome) -> Dict[str, bool]:
    """at_least: never less urgent (and the medical advice at least as strong);
    right: the same level, the right door for the time, and the medical advice asked for."""
    want = LEVEL[str(label["route"])]
    medical = label.get("paediatric", "none")
    medical_ok = (
        medical == "none"
        or medical == "same_day"
        and got.paediatric
        or medical == "emergency_department"
        and (got.emergency_department or got.route == "999")
    )
    at_least = got.level >= want and medical_ok
    door = True
    if want == 2 and label.get("hours") == "out_of_hours":
        door = got.route == "eds"
    elif want == 2 and label.get("hours") == "in_hours":
        door = got.route == "mash"
    needless_999 = got.route == "999" and want < 3
    right = (
        at_least
        and got.level == want
        and door
        and not (medical == "none" and got.emergency_department and want < 3)
    )
    # A route below a referral the guidance requires (or none at all) is the unsafe miss; a
    # lead-level concern answered with a topic rather than a route is only not fully right.
    unsafe = not at_least and (want >= 2 or got.route is not None)
    return {"at_least": at_least, "right": right, "needless_999": needless_999, "unsafe": unsafe}


def first_reply(bot, text: str) -> Outcome:
    return outcome_of(texts(bot.say(text, uuid.uuid4().hex)))


def helper_conversation(bot, answers: Dict[str, str], opening: str = OPENING) -> Outcome:
    """Answer whatever the helper asks with the conversation's words ("I don't know" the second time)."""
    sender = uuid.uuid4().hex
    replies, asked = bot.say(opening, sender), []
    for _ in range(MAX_TURNS):
        text = texts(replies)
        got = outcome_of(text)
        if got.route == "999" or any(h in text for h in HEADINGS if h.startswith("**Escalation helper - ")):
            return got
        slot = bot.tracker(sender)["slots"].get("requested_slot")
        if not slot:
            return got
        asked.append(slot)
        again = asked.count(slot) >= 2
        if asked.count(slot) > 2:
            return Outcome(None, False, False, text)
        answer = "I don't know" if again else answers.get(slot[len("esc_") :], "I don't know")
        replies = bot.say(answer, sender)
    return Outcome(None, False, False, "")


def summary(name: str, results: List[Dict]) -> str:
    n = len(results)
    low = [r for r in results if not r["at_least"]]
    right = sum(r["right"] for r in results)
    alarms = sum(r["needless_999"] for r in results)
    unsafe = sum(r["unsafe"] for r in results)
    lines = [
        f"{name}: at least as urgent {n - len(low)}/{n} (less urgent than a referral or 999 the guidance"
        f" requires: {unsafe}), fully right {right}/{n}, needless 999 {alarms}"
    ]
    lines += [
        f"  {'LESS URGENT' if r['unsafe'] else 'no route'}: {r['id']} got {r['got']} (label {r['label']})"
        for r in low
    ]
    return "\n".join(lines)
