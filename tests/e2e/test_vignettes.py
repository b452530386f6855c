"""The escalation helper, played end to end over REST with practitioners' own words.

Each vignette (tests/vignettes/escalation.yml, written from the guidance apart
from the rules table) answers whatever the helper asks in free text - "I don't
know" where the vignette is silent - and must end at a route at least as urgent
as the guidance allows, with a paediatric opinion where one is needed.
"""

import uuid

import pytest
import yaml

from actions.content.loaded import ESCALATION
from paths import ROOT

VIGNETTES = yaml.safe_load((ROOT / "tests" / "vignettes" / "escalation.yml").read_text())["vignettes"]
LEVEL = {"999": 3, "refer_now": 2, "lead": 1}
ROUTE_LEVEL = {"999": 3, "eds": 2, "mash": 2, "mash_or_eds": 2, "safeguarding_lead": 1, "next_working_day": 1}
TITLES = {f"**Escalation helper - {route.title}**": key for key, route in ESCALATION.routes.items()}
OPENING = "I'm worried about a child I've seen today, what should I do?"
MAX_TURNS = 14


def texts(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def play(bot, vignette) -> tuple:
    """(route reached, all the helper's replies, the questions asked)."""
    sender = uuid.uuid4().hex
    replies, asked = bot.say(OPENING, sender), []
    for _ in range(MAX_TURNS):
        text = texts(replies)
        if "A child in danger now - call 999" in text:
            return "999", text, asked
        first = next((line for line in text.split("\n") if line.startswith("**Escalation helper - ")), None)
        if first in TITLES:
            return TITLES[first], text, asked
        slot = bot.tracker(sender)["slots"].get("requested_slot")
        assert slot, f"{vignette['id']}: the helper stopped without a route: {text[:300]}"
        asked.append(slot)
        assert asked.count(slot) <= 2, f"{vignette['id']}: asked {slot} three times: {text[:300]}"
        # Asked again: the helper could not place the words; the practitioner says "I don't know".
        again = asked.count(slot) == 2
        answer = "I don't know" if again else vignette["answers"].get(slot[len("esc_") :], "I don't know")
        replies = bot.say(answer, sender)
    pytest.fail(f"{vignette['id']}: no route after {MAX_TURNS} turns")


def test_every_vignette_gets_a_route_at_least_as_urgent_as_the_guidance(bot):
    failures, repeated, needless = [], [], []
    for vignette in VIGNETTES:
        route, text, asked = play(bot, vignette)
        repeated += [f"{vignette['id']}: {q}" for q in set(asked) if asked.count(q) > 1]
        low = ROUTE_LEVEL[route] < LEVEL[str(vignette["least_route"])]
        # A 999 page carries the ambulance and the hospital: more medical input, not less.
        medical = (
            "paediatric opinion",
            "emergency department assessment",
            "A child in danger now - call 999",
        )
        no_paediatrician = vignette.get("paediatric") and not any(m in text for m in medical)
        if route == "999" and str(vignette["least_route"]) != "999":
            needless.append(vignette["id"])
        if low or no_paediatrician:
            failures.append(
                f"{vignette['id']}: got {route}{' without a paediatric opinion' if no_paediatrician else ''}"
                f" (least {vignette['least_route']}); asked {asked}"
            )
    passed = len(VIGNETTES) - len(failures)
    print(f"\nEscalation vignettes: {passed}/{len(VIGNETTES)} pass")
    print("\n".join(f"  {f}" for f in failures))
    print(f"Answers the helper asked again (not understood): {len(repeated)}")
    print("\n".join(f"  {r}" for r in repeated))
    print(f"Needless 999 pages: {len(needless)} {needless}")
    assert len(VIGNETTES) >= 40
    assert not failures
    # Once "is the child in danger now?" is answered "no" or "I don't know", a concern described
    # in alarming words is an answer (with a reminder), not the 999 page; only a medical sign,
    # someone being hurt or words that say now page 999 (rasa_plugins/nlu/emergency_guard.py).
    # The target for the sealed conversations is at most one.
    assert len(needless) <= 1
