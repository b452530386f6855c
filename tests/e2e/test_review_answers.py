"""Questions about the Luke review over REST with the real servers: a fact the review states is
answered with its own sentence and the heading it stands under, and the slot `topic` is the
case topic; a fact it is silent on gets "The review doesn't say" and no quoted sentence; a plain
topic question keeps its topic answer."""

import uuid

from replies import answer, texts

from actions.answers.review import statements

LOCKDOWN = "Luke had limited contact with his birth father due to his birth father shielding during lockdown."
GRANDPARENTS = "He has weekly contact with his mother and father and sees his grandparents within these contact sessions."


def ask(bot, question):
    sender = uuid.uuid4().hex
    replies = answer(bot.say(question, sender))
    return texts(replies), bot.tracker(sender)["slots"]["topic"]


def test_a_fact_the_review_states_is_quoted_word_for_word_with_its_section(bot):
    reply, topic = ask(bot, "what happened with Luke's dad during lockdown?")
    assert f'"{LOCKDOWN}"\n- Luke review, "Case Study Luke"' in reply, reply
    assert topic == "case_summary"
    reply, topic = ask(bot, "does Luke still get to see his grandparents?")
    assert GRANDPARENTS in reply and '- Luke review, "Update on Luke"' in reply, reply
    assert topic == "case_outcome"


def test_a_learning_point_asked_for_by_number_is_quoted_whole(bot):
    reply, _ = ask(bot, "what does learning point 12 say?")
    assert "Professionals should be guided to read the report on the Myth of Invisible Men" in reply, reply
    assert "learning point 12:" in reply


def test_a_fact_the_review_is_silent_on_is_answered_plainly_without_a_quote(bot):
    reply, topic = ask(bot, "was anyone prosecuted for what happened to Luke?")
    assert reply.startswith("The review doesn't say."), reply
    assert not any(s.text in reply for s in statements())
    assert topic is None


def test_a_plain_topic_question_keeps_its_topic_answer(bot):
    reply, topic = ask(bot, "what is a strategy discussion?")
    assert topic == "strategy_discussion" and "The review says" not in reply


def test_a_question_naming_the_review_read_as_a_topic_quotes_its_learning_point_then_answers(bot):
    reply, topic = ask(bot, "what did the CSPR say about HVs and GP practices talking")
    point = "Health visiting teams should liaise regularly with GP surgeries on cases"
    assert point in reply and "learning point 5:" in reply, reply
    assert reply.index(point) < reply.index("**Health visitor and GP liaison**"), reply
    assert topic == "hv_gp_liaison"


def test_the_last_learning_point_is_quoted(bot):
    reply, _ = ask(bot, "what's the last learning point")
    assert "Decisions on when to start Section 47s should always be determined by the level of risk." in reply
    assert "learning point 14:" in reply, reply
