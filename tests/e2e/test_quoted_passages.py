"""Quoted passages when the bot is unsure, over REST with the real servers: "did you mean"
buttons first with the 999 line, then a passage of the review or the guide quoted word for
word with its source; out of scope gets its short reply and a help button, no passage."""

import uuid

import pytest
from replies import answer

from actions.content.loaded import PASSAGE_SETTINGS, PASSAGES

# Short questions in the review's own words that no topic's training lines are like. The
# bot's own parse picks one it is unsure of, so the test follows the model, not a guess at it.
UNSURE = [
    "social care updates and worries",
    "comms message from the assistant director",
    "key to understanding progress of a case",
    "explanation of social care processes",
    "lack of warmth and empathy",
    "pathway",
]


def new_sender() -> str:
    return uuid.uuid4().hex


def an_unsure_question(bot) -> str:
    for question in UNSURE:
        if bot.parse(question)["intent"]["name"] == "nlu_fallback" and PASSAGES.search(question):
            return question
    pytest.fail(f"the model is confident about every candidate: {UNSURE}")


def test_an_unsure_question_gets_did_you_mean_then_a_quoted_passage_with_its_source(bot):
    question = an_unsure_question(bot)
    replies = answer(bot.say(question, new_sender()))
    first = replies[0]
    assert first["buttons"] and first["buttons"][-1]["payload"] == "/help"
    assert "If a child is in danger now, call 999" in first["text"]
    assert replies[1]["text"] == PASSAGE_SETTINGS.intro
    quotes = replies[2:]
    expected = [
        PASSAGE_SETTINGS.quote.format(text=h.passage.text, source=h.passage.source)
        for h in PASSAGES.search(question)
    ]
    assert [q["text"] for q in quotes] == expected
    assert 1 <= len(quotes) <= 2 and all(not q.get("buttons") for q in quotes)
    assert all("\n- Luke review" in q["text"] or '\n- This guide, "' in q["text"] for q in quotes)


OUT_OF_SCOPE = [
    "what is the paracetamol dose for a 2 year old",
    "how do I reset my EMIS password?",
    "what's the weather like tomorrow",
]


def test_out_of_scope_gets_the_short_reply_with_a_help_button_and_no_passage(bot):
    question = next((q for q in OUT_OF_SCOPE if bot.parse(q)["intent"]["name"] == "out_of_scope"), None)
    assert question, f"none of {OUT_OF_SCOPE} is read as out of scope"
    replies = answer(bot.say(question, new_sender()))
    assert "outside what I can help with" in replies[0]["text"]
    assert "If a child is in danger now, call 999" in replies[0]["text"]
    assert replies[0]["buttons"] == [{"title": "What I can help with", "payload": "/help"}]
    assert len(replies) == 1


def test_an_emergency_gets_the_999_answer_and_no_passage(bot):
    replies = answer(bot.say("a child is not breathing right now", new_sender()))
    assert "999" in replies[0]["text"]
    assert all(r.get("text") != PASSAGE_SETTINGS.intro for r in replies)
