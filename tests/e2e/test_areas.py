"""Over HTTP (REST channel, Rasa server + action server): the practitioner says where they
work once, and answers, the escalation helper and the route to a person use that area's
contacts; the route to a person and its wording also work with the action server down;
the summary holds none of what the user typed."""

import uuid

import pytest
from launcher import ROOT, start_action_server, start_rasa, stop
from replies import answer, texts

from route_scoring import TEST_CLOCK

EXAMPLE = ROOT / "local_contacts.example.yml"


@pytest.fixture(scope="module")
def areas_bot(tmp_path_factory):
    """A Rasa server whose action server reads the two-area example contacts file."""
    actions, port = start_action_server(
        "e2e-actions-areas", env={**TEST_CLOCK, "LOCAL_CONTACTS_FILE": str(EXAMPLE)}
    )
    try:
        rasa, bot = start_rasa(tmp_path_factory.mktemp("rasa-areas"), port, "e2e-rasa-areas")
    except Exception:
        stop(actions)
        raise
    yield bot
    stop(rasa, actions)


def conversation() -> str:
    return f"areas-{uuid.uuid4().hex}"


@pytest.mark.parametrize(
    "said, area",
    [
        ("I work in Sampleton", "Sampleton"),
        ("my area is exampleshire county council", "Exampleshire"),
        ("we're based in the Borough of Sampleton", "Sampleton"),
        ("I work in Sampletn", "Sampleton"),
        ('/tell_area{"area": "Exampleshire"}', "Exampleshire"),
    ],
)
def test_the_area_is_understood_and_stored(areas_bot, said, area):
    sender = conversation()
    replies = answer(areas_bot.say(said, sender))
    assert texts(replies).startswith(f"Contacts for: {area}."), replies
    assert areas_bot.tracker(sender)["slots"]["area"] == area


def test_the_same_question_with_two_areas_numbers(areas_bot):
    one, two = conversation(), conversation()
    areas_bot.say("I work in Exampleshire", one)
    areas_bot.say("I work in Sampleton", two)
    first = texts(areas_bot.say("how do I make a MASH referral?", one))
    second = texts(areas_bot.say("how do I make a MASH referral?", two))
    assert "01632 960001" in first and "0113 496 0001" not in first
    assert "0113 496 0001" in second and "01632 960001" not in second
    assert "example - not a real number" in first and "example - not a real number" in second
    assert "last checked 15 January 2024" in second and "last checked" not in first


def test_the_area_can_be_changed(areas_bot):
    sender = conversation()
    areas_bot.say("I work in Exampleshire", sender)
    areas_bot.say("actually I work in Sampleton now", sender)
    assert areas_bot.tracker(sender)["slots"]["area"] == "Sampleton"
    assert "0113 496 0002" in texts(areas_bot.say("who do I call out of hours?", sender))


def test_an_unknown_area_offers_buttons(areas_bot):
    replies = answer(areas_bot.say("I work in Camden", conversation()))
    assert "I don't have local contacts for that area" in texts(replies)
    assert [b["title"] for b in replies[0]["buttons"]] == ["Exampleshire", "Sampleton"]


def test_no_area_chosen_says_how_to_choose(areas_bot):
    text = texts(areas_bot.say("how do I make a MASH referral?", conversation()))
    assert "your local MASH" in text and "I work in Exampleshire" in text


def test_the_escalation_helper_uses_the_areas_office_hours(areas_bot):
    sender = conversation()
    areas_bot.say("I work in Sampleton", sender)
    areas_bot.say("/escalation_helper", sender)
    areas_bot.say("/deny", sender)  # not in danger now
    areas_bot.say('/inform{"answer": "neglect"}', sender)
    areas_bot.say("/deny", sender)  # a welfare worry below significant harm
    asked = texts(areas_bot.say("/deny", sender))  # not known: now the office-hours question
    assert "Mon-Fri 08:30-16:30" in asked, asked
    result = texts(areas_bot.say('/inform{"answer": "in_hours"}', sender))
    assert "0113 496 000" in result and "01632" not in result


@pytest.mark.parametrize(
    "said, role, area",
    [
        ("I'm a GP in Sampleton", "gp", "Sampleton"),
        ("I'm a health visitor working in Exampleshire", "health_visitor", "Exampleshire"),
        ("I'm the DSL at a nursery in Sampleton", "early_years", "Sampleton"),
    ],
)
def test_a_role_and_an_area_in_one_message_set_both(areas_bot, said, role, area):
    sender = conversation()
    text = texts(answer(areas_bot.say(said, sender)))
    slots = areas_bot.tracker(sender)["slots"]
    assert (slots["role"], slots["area"]) == (role, area), text
    assert "first in my answers" in text and f"Contacts for: {area}." in text, text


@pytest.mark.parametrize(
    "said",
    [
        "is the Sampleton MASH open at night?",
        "I'm worried about a child in Sampleton",
        "I'm a GP and the Sampleton MASH won't call me back",
        "the family moved to Sampleton, do I refer to the MASH?",
    ],
)
def test_a_place_mentioned_in_a_question_leaves_the_area(areas_bot, said):
    sender = conversation()
    areas_bot.say("I work in Exampleshire", sender)
    text = texts(areas_bot.say(said, sender))
    assert areas_bot.tracker(sender)["slots"]["area"] == "Exampleshire", text
    assert "Contacts for: Sampleton" not in text


DANGER = "Is the child in immediate danger"
CONCERN = "What is the concern mainly about?"


def test_the_area_changed_mid_helper_is_used_for_hours_and_numbers(areas_bot):
    sender = conversation()
    areas_bot.say("I work in Exampleshire", sender)
    areas_bot.say("/escalation_helper", sender)
    areas_bot.say("/deny", sender)  # not in danger now: the concern question is asked
    moved = texts(areas_bot.say("I work in Sampleton", sender))
    assert "Contacts for: Sampleton." in moved and CONCERN in moved, moved
    assert "couldn't place that answer" not in moved
    assert areas_bot.tracker(sender)["slots"]["area"] == "Sampleton"
    areas_bot.say('/inform{"answer": "neglect"}', sender)
    areas_bot.say("/deny", sender)  # a welfare worry below significant harm
    asked = texts(areas_bot.say("/deny", sender))  # not known: the office-hours question
    assert "Mon-Fri 08:30-16:30" in asked, asked  # Sampleton's, not Exampleshire's 09:00-17:00
    result = texts(areas_bot.say('/inform{"answer": "in_hours"}', sender))
    assert "0113 496 000" in result and "01632" not in result, result


def test_a_role_and_area_or_an_area_button_mid_helper_change_the_area(areas_bot):
    sender = conversation()
    areas_bot.say("I work in Sampleton", sender)
    areas_bot.say("/escalation_helper", sender)
    moved = texts(areas_bot.say("I'm a health visitor working in Exampleshire", sender))
    assert "Contacts for: Exampleshire." in moved and DANGER in moved, moved
    slots = areas_bot.tracker(sender)["slots"]
    assert (slots["area"], slots["role"], slots["requested_slot"]) == (
        "Exampleshire",
        "health_visitor",
        "esc_danger",
    )
    areas_bot.say("/deny", sender)
    offered = answer(areas_bot.say("change my area", sender))  # no area named: the buttons
    assert [b["title"] for b in offered[0].get("buttons", [])] == ["Exampleshire", "Sampleton"], offered
    assert CONCERN in texts(offered)
    moved = texts(areas_bot.say('/tell_area{"area": "Sampleton"}', sender))
    assert "Contacts for: Sampleton." in moved and CONCERN in moved, moved
    areas_bot.say('/inform{"answer": "neglect"}', sender)
    areas_bot.say("/deny", sender)  # a welfare worry below significant harm
    asked = texts(areas_bot.say("/deny", sender))
    assert "Mon-Fri 08:30-16:30" in asked, asked
    result = texts(areas_bot.say('/inform{"answer": "in_hours"}', sender))
    assert "0113 496 000" in result and "01632" not in result, result


def test_a_place_in_an_answer_to_the_helper_is_an_answer(areas_bot):
    sender = conversation()
    areas_bot.say("I work in Exampleshire", sender)
    areas_bot.say("/escalation_helper", sender)
    areas_bot.say("/deny", sender)
    areas_bot.say("neglect - the family moved here from Sampleton", sender)
    slots = areas_bot.tracker(sender)["slots"]
    assert slots["area"] == "Exampleshire" and slots["esc_concern"] == "neglect", slots


PERSON = [
    "can I talk to someone?",
    "I need a human",
    "who can I ask?",
    "is there a real person I can speak to",
    "can I talk this through with somebody",
    "is there someone I can talk this over with",
    "I want to speak to a person not a bot",
]


@pytest.mark.parametrize("said", PERSON)
def test_a_route_to_a_person(areas_bot, said):
    sender = conversation()
    areas_bot.say("I work in Sampleton", sender)
    text = texts(areas_bot.say(said, sender))
    for needed in ("not a reporting channel", "no one reads", "safeguarding lead", "0808 800 5000", "999"):
        assert needed in text, (said, text)
    assert "Your local numbers (Sampleton):" in text and "0113 496 0004" in text


def test_a_route_to_a_person_without_the_action_server(bot_without_actions):
    replies = answer(bot_without_actions.say("can I talk to someone?", conversation()))
    text = texts(replies)
    for needed in (
        "not a reporting channel",
        "safeguarding lead",
        "consultation line",
        "0808 800 5000",
        "999",
    ):
        assert needed in text
    assert "can't give you the full answer" not in text  # the guard stays silent


SECRET = ["Jayden Okafor", "14 Acacia Road", "LS1 4AB", "07700 900123", "Kayleigh"]


def test_the_summary_holds_no_user_text(areas_bot):
    sender = conversation()
    areas_bot.say("I work in Sampleton", sender)
    areas_bot.say(f"what is section 47? asking about {SECRET[0]} at {SECRET[1]}", sender)
    areas_bot.say(f"how do I refer to the MASH, mum {SECRET[4]}, {SECRET[2]}, {SECRET[3]}", sender)
    replies = answer(areas_bot.say("summarise this", sender))
    text = texts(replies)
    assert text.startswith("**Summary of this conversation**"), text
    assert "Section 47" in text and "Sources:" in text and "Local contacts: Sampleton." in text
    for detail in [*SECRET, "Jayden", "Acacia", "asking about"]:
        assert detail not in text, detail
    other = answer(areas_bot.say("summarise this", conversation()))
    assert "Nothing to summarise yet" in texts(other)  # another conversation: not this one's topics


# Phrasings the NLU has not seen (the held-out files are for contract topics only).
INTENTS = [
    ("I work in Sampleton", "tell_area"),
    ("my area is North Yorkshire", "tell_area"),
    ("I'm based in Exampleshire County Council", "tell_area"),
    ("can you change my area", "tell_area"),
    ("can I speak with someone please", "talk_to_person"),
    ("I need to talk to a real person", "talk_to_person"),
    ("who could I ask about this", "talk_to_person"),
    ("summarise our chat", "summarise"),
    ("can I have a summary to keep", "summarise"),
    ("recap what we covered please", "summarise"),
]


@pytest.mark.parametrize("text, intent", INTENTS)
def test_new_intents_from_unseen_phrasings(areas_bot, text, intent):
    assert areas_bot.parse(text)["intent"]["name"] == intent
