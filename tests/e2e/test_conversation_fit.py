"""A conversation that fits the person, over REST with the real servers: the opening
notice, roles, follow-ups, "did you mean", glossary, and identifying details that
are answered but never stored."""

import sqlite3
import uuid

from replies import OPENING, texts, without_opening


def new_sender() -> str:
    return uuid.uuid4().hex


def test_a_direct_first_question_gets_the_notice_once_and_its_answer(bot, kb):
    sender = new_sender()
    first = bot.say("what is a section 47?", sender)
    assert first[0]["text"].startswith(OPENING)
    assert "999" in first[0]["text"] and "identify a child" in first[0]["text"]
    assert first[1]["text"].startswith(f"**{kb.topics['section_47'].title}**")
    second = bot.say("what is section 17?", sender)
    assert OPENING not in texts(second)


def test_a_role_in_free_text_is_kept_and_shapes_every_answer(bot):
    sender = new_sender()
    replies = without_opening(bot.say("as a childminder, what is section 17?", sender))
    assert replies[0]["text"].split("\n")[2].startswith("For nursery and early-years staff: ")
    assert bot.tracker(sender)["slots"]["role"] == "early_years"
    later = bot.say("what is a section 47?", sender)
    assert later[0]["text"].split("\n")[2].startswith("For nursery and early-years staff: ")


def test_changing_role_and_viewing_another_role(bot):
    sender = new_sender()
    bot.say('/tell_role{"role":"gp"}', sender)
    assert bot.tracker(sender)["slots"]["role"] == "gp"
    reply = bot.say("actually I'm a health visitor", sender)
    assert "health visitors first" in texts(reply)
    assert bot.tracker(sender)["slots"]["role"] == "health_visitor"
    bot.say("what is a section 47?", sender)
    view = bot.say("what about for nursery staff?", sender)
    assert view[0]["text"].startswith("**Section 47 - child protection enquiries: for nursery")
    slots = bot.tracker(sender)["slots"]
    assert slots["role"] == "health_visitor" and slots["topic"] == "section_47"


def test_follow_ups_in_words_work_on_the_last_topic(bot, kb):
    sender = new_sender()
    bot.say("when should I think an injury is non-accidental?", sender)
    checks = [
        ("tell me more", "more detail", kb.topics["nai_injuries"].more.split()[0]),
        ("what should I do next?", "what to do next", "- "),
        ("where does that come from?", "comes from", "https://"),
        ("what about out of hours?", "out of hours", "999"),
        ("why does this matter in Luke's case?", "why it mattered for Luke", "learning point"),
    ]
    for message, heading, content in checks:
        reply = texts(bot.say(message, sender))
        assert heading in reply and content in reply, message
        assert bot.tracker(sender)["slots"]["topic"] == "nai_injuries", message


def test_an_unclear_question_gets_did_you_mean_then_the_lead(bot):
    sender = new_sender()
    first = without_opening(bot.say("the form thing", sender))
    payloads = [b["payload"] for m in first for b in m.get("buttons", [])]
    assert 3 <= len(payloads) <= 4 and payloads[-1] == "/help"
    assert all(p.startswith("/") for p in payloads)
    second = bot.say("the form thing", sender)
    assert "safeguarding lead" in texts(second)
    assert bot.tracker(sender)["slots"]["topic"] is None


def test_help_menu_groups_open_topic_lists(bot, kb):
    sender = new_sender()
    menu = without_opening(bot.say("what can you do?", sender))
    groups = [b for m in menu for b in m.get("buttons", [])]
    assert [b["title"] for b in groups] == [g.title for g in kb.menu.groups.values()]
    topics = bot.say(groups[0]["payload"], sender)
    assert [b["payload"] for b in topics[0]["buttons"]] == [
        f"/{t}" for t in kb.menu.groups["getting_help"].topics
    ]


def test_glossary_terms_answer_their_topic_or_define_or_admit_not_knowing(bot):
    sender = new_sender()
    bot.say("what does EDT stand for?", sender)
    assert bot.tracker(sender)["slots"]["topic"] == "eds_escalation"
    reply = texts(bot.say("what does LADO mean?", sender))
    assert reply.startswith("LADO: ") and bot.tracker(sender)["slots"]["topic"] == "lado_allegations"
    reply = texts(bot.say("what does ICPC stand for?", sender))
    assert reply.startswith("**ICPC**") and bot.tracker(sender)["slots"]["topic"] == "glossary"
    reply = texts(bot.say("what does QZXW stand for?", sender))
    assert "I don't have that term" in reply and "QZXW" not in reply


def test_identifying_details_are_answered_but_never_stored(bot, kb):
    sender = new_sender()
    message = (
        "NHS number 943 476 5919, mum is on 07700 900123 and jo.bloggs@example.com, "
        "they live at M1 1AE, DOB 12/03/2022 - is this a section 47?"
    )
    replies = without_opening(bot.say(message, sender))
    assert "please don't type details" in replies[0]["text"]
    assert replies[1]["text"].startswith("**")  # and still answered
    assert bot.tracker(sender)["slots"]["topic"] in ("section_47", "section_17_vs_47")
    stored = " ".join(
        row[0]
        for row in sqlite3.connect(bot.db).execute("SELECT data FROM events WHERE sender_id = ?", (sender,))
    )
    assert "section 47" in stored and "[NHS number]" in stored
    for detail in ("943 476 5919", "07700 900123", "jo.bloggs", "M1 1AE", "12/03/2022"):
        assert detail not in stored, detail
    user_texts = [e["text"] for e in bot.tracker(sender)["events"] if e["event"] == "user"]
    assert "943 476 5919" not in user_texts[0]


def test_emergency_wins_after_a_role_a_miss_and_a_follow_up(bot):
    sender = new_sender()
    bot.say('/tell_role{"role":"early_years"}', sender)
    bot.say("the form thing", sender)
    bot.say("/early_help", sender)
    bot.say("tell me more", sender)
    reply = bot.say("a child in my room has just been hit by her dad and he's still here", sender)
    assert "Call 999" in texts(reply)
    assert bot.tracker(sender)["slots"]["topic"] == "emergency"
