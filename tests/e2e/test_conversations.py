"""Real conversations through the REST channel: answers, sources, the `topic` slot, bad input."""

import uuid

import pytest
from replies import texts, without_opening


def topic_after(bot, message: str):
    sender = uuid.uuid4().hex
    replies = without_opening(bot.say(message, sender))
    return replies, bot.tracker(sender)["slots"].get("topic")


def test_every_topic_is_answered_with_its_source(bot, answered_topics, kb):
    for topic_id in answered_topics:
        replies, topic = topic_after(bot, f"/{topic_id}")
        assert topic == topic_id
        assert replies[0]["text"].startswith(f"**{kb.topics[topic_id].title}**"), topic_id
        assert replies[1]["text"].startswith("Source: ") and "http" in replies[1]["text"], topic_id


@pytest.mark.parametrize(
    "message, topic",
    [
        ("what is section 47?", "section_47"),
        ("I work in a nursery, what's the difference between s17 and s47?", "section_17_vs_47"),
        ("when should a paediatrician join a strategy discussion", "paediatrician_strategy"),
        ("what does MASH stand for?", "mash_referral"),
        ("what's a LADO?", "lado_allegations"),
        ("what were the learning points of the Luke review?", "learning_summary"),
    ],
)
def test_practitioner_questions_answer_the_right_topic(bot, message, topic):
    replies, slot = topic_after(bot, message)
    assert slot == topic
    assert "Source: " in texts(replies)


def test_a_situation_gets_its_route_not_a_topic(bot):
    """The issue's own case: a situation told in one message gets the route its facts give - the
    Emergency Duty Service at 7pm, with a paediatric opinion for a changing story - and the topic
    as a button beside it."""
    sender = uuid.uuid4().hex
    replies = bot.say(
        "it's 7pm, toddler in surgery with a bruise and mum's story keeps changing - who do I call?", sender
    )
    reply = texts(replies)
    assert "Out of hours - call the Emergency Duty Service now" in reply and "paediatric" in reply
    assert any(
        b["payload"] == "/nai_injuries" for r in replies for b in r.get("buttons") or []
    ) or "/eds_escalation" in str(replies)
    assert bot.tracker(sender)["slots"]["topic"] == "escalation_helper"


def test_follow_up_button_answers_the_related_topic(bot, kb):
    sender = uuid.uuid4().hex
    replies = bot.say("what is section 47?", sender)
    source = next(reply for reply in replies if reply["text"].startswith("Source: "))
    button = source["buttons"][0]  # the first related topic (the feedback question comes after)
    follow_up = bot.say(button["payload"], sender)
    assert follow_up[0]["text"].startswith(f"**{button['title']}**")
    assert bot.tracker(sender)["slots"]["topic"] == button["payload"].lstrip("/")


@pytest.mark.parametrize(
    "message",
    [
        "a child in my nursery has just told me her dad is coming to take her and he has a knife",
        "the baby isn't breathing",
        "toddler left alone in the flat right now, mum has gone out",
    ],
)
def test_danger_now_gets_999_first(bot, message):
    replies, topic = topic_after(bot, message)
    assert "999" in replies[0]["text"].split("\n")[1]
    assert topic == "emergency"


def test_emergency_answer_does_not_need_the_action_server(bot_without_actions):
    sender = uuid.uuid4().hex
    replies = bot_without_actions.say("a child is being beaten right now outside my window", sender)
    assert "Call 999" in texts(replies)
    assert bot_without_actions.tracker(sender)["slots"]["topic"] == "emergency"


@pytest.mark.parametrize("message", ["hello", "what's the weather like tomorrow?", "asdkjh qwpoeiru zxmcnv"])
def test_turns_that_answer_no_topic_leave_it_empty(bot, message):
    replies, topic = topic_after(bot, message)
    assert replies and topic is None


def test_out_of_scope_says_what_the_bot_covers(bot):
    replies, _ = topic_after(bot, "how do I reset my EMIS password?")
    assert "outside what I can help with" in texts(replies) or "not sure" in texts(replies)


BAD_INPUTS = {
    "empty": "",
    "whitespace": "   \n\t ",
    "5000 characters": "worried about a bruise " * 217 + "x",
    "emoji": "😟👶🏻❓",
    "non-English": "¿Qué debo hacer si un niño tiene un moretón?",
    "html": "<script>alert('x')</script><b>hello</b>",
    "img injection": "<img src=x onerror=alert(1)>",
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gets_a_sensible_reply(bot, name):
    message = BAD_INPUTS[name]
    sender = uuid.uuid4().hex
    response = bot.send(message, sender)
    assert response.status_code == 200
    replies = response.json()
    assert replies, f"no reply to {name}"
    reply = texts(replies)
    assert "<script" not in reply and "<img" not in reply and "<b>" not in reply
    # The server is still fine afterwards.
    assert bot.say("what is section 17?", sender)[0]["text"].startswith("**")


def test_conversations_are_stored_in_the_sql_tracker_store(bot):
    sender = uuid.uuid4().hex
    bot.say("what is early help?", sender)
    events = bot.tracker(sender)["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["what is early help?"]
