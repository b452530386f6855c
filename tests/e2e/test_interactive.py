"""A whole quiz, a whole walk-through and the escalation helper, through the real servers over REST."""

import uuid

from actions.content.loaded import QUIZ_MASTER, WALKTHROUGH


def texts(replies: list) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def buttons(replies: list) -> list:
    return [b for reply in replies for b in reply.get("buttons") or []]


def test_a_whole_quiz_round(bot):
    sender = uuid.uuid4().hex
    replies = bot.say("quiz me on section 47", sender)
    assert "Question 1 of 5" in texts(replies)
    slots = bot.tracker(sender)["slots"]
    assert slots["topic"] == "quiz" and slots["activity"] == "quiz"
    for question_id in slots["quiz_questions"]:
        question = QUIZ_MASTER.questions[question_id]
        assert question.question in texts(replies)
        choice = buttons(replies)[question.answer]["payload"]
        replies = bot.say(choice, sender)
        assert texts(replies).startswith("Correct") and "Source: " in texts(replies)
    assert "You scored 5 out of 5" in texts(replies)
    assert bot.tracker(sender)["slots"]["activity"] is None


def test_a_quiz_interrupted_by_a_topic_question_then_resumed_then_stopped(bot):
    sender = uuid.uuid4().hex
    bot.say("quiz me", sender)
    replies = bot.say("what is section 47?", sender)
    assert replies[0]["text"].startswith("**Section 47")
    assert "You were in the middle of the quiz (question 1 of 5)" in texts(replies)
    replies = bot.say("/resume", sender)
    assert "Question 1 of 5" in texts(replies)
    replies = bot.say("stop", sender)
    assert "Quiz stopped" in texts(replies)


def test_a_whole_walkthrough(bot):
    sender = uuid.uuid4().hex
    replies = bot.say("walk me through Luke's case", sender)
    assert bot.tracker(sender)["slots"]["topic"] == "training_scenario"
    for number, stage in enumerate(WALKTHROUGH.stages, 1):
        assert f"Stage {number} of {len(WALKTHROUGH.stages)}" in texts(replies)
        best = next((i for i, o in enumerate(stage.options) if o.best), 0)
        replies = bot.say(buttons(replies)[best]["payload"], sender)
        assert "Learning points:" in texts(replies)
        replies = bot.say("next", sender)
    scored = sum(s.scored for s in WALKTHROUGH.stages)
    assert f"strongest option at {scored} of {scored} decision points" in texts(replies)
    assert bot.tracker(sender)["slots"]["activity"] is None


def test_an_emergency_mid_walkthrough_gets_999_and_ends_it(bot):
    sender = uuid.uuid4().hex
    bot.say("/training_scenario", sender)
    replies = bot.say("the baby isn't breathing", sender)
    assert "999" in replies[0]["text"]
    assert bot.tracker(sender)["slots"]["activity"] is None


def test_escalation_helper_gp_out_of_hours_with_an_interruption(bot):
    sender = uuid.uuid4().hex
    replies = bot.say("I'm worried about a child, what should I do?", sender)
    assert bot.tracker(sender)["slots"]["topic"] == "escalation_helper"
    assert "immediate danger" in texts(replies)
    replies = bot.say("no", sender)
    assert "concern" in texts(replies)
    replies = bot.say("her dad said she fell off the slide, there's a bruise on her arm", sender)
    assert "How old is the child" in texts(replies)
    assert "Noted: another bruise or injury" in texts(replies)  # the kind, read from the same answer
    replies = bot.say("what is section 47?", sender)
    assert replies[0]["text"].startswith("**Section 47") and "Back to the escalation helper" in texts(replies)
    replies = bot.say("she's 2 and walking", sender)
    assert "What kind of injury" not in texts(replies) and "explanation" in texts(replies)
    replies = bot.say("no explanation at all really", sender)
    assert "known to children's social care" in texts(replies)
    replies = bot.say("not sure", sender)
    assert "office hours" in texts(replies)
    replies = bot.say("5.45pm on a Tuesday", sender)
    assert "Emergency Duty Service" in replies[0]["text"].split("\n")[0]
    assert "paediatric opinion" in texts(replies) and "What to record" in texts(replies)


def test_out_of_hours_neglect_asks_whether_it_can_wait(bot):
    sender = uuid.uuid4().hex
    for answer in (
        "/escalation_helper",
        "no",
        "the children are often hungry and the home is dirty",
        "no",  # a welfare worry below significant harm
        "no",
        "18:30 thursday",
    ):
        replies = bot.say(answer, sender)
    assert "safely wait until the next working day" in texts(replies)
    replies = bot.say("yes", sender)
    assert "next working day" in replies[0]["text"].split("\n")[0]


def test_a_bruise_named_as_the_concern_still_asks_where_it_is(bot):
    """Sealed v10 (after scoring): "bruise" skipped the kind question; on a baby's ear it is a head
    injury - the emergency department now as well as the referral."""
    sender = uuid.uuid4().hex
    answers = {
        "esc_danger": "no",
        "esc_concern": "bruise",
        "esc_harm": "yes",
        "esc_mobility": "7 months, sits and rolls, no crawling",
        "esc_injury_kind": "bruise on her ear",
        "esc_injury": "mum says she rolled into the cot bars",
        "esc_known": "no",
        "esc_office_hours": "yes monday 10am",
        "esc_can_wait": "no",
    }
    replies, asked = bot.say("/escalation_helper", sender), []
    for _ in range(len(answers)):
        slot = bot.tracker(sender)["slots"].get("requested_slot")
        if slot is None:
            break
        asked.append(slot)
        replies = bot.say(answers[slot], sender)
    assert "esc_injury_kind" in asked, asked
    result = texts(replies)
    assert "refer to the MASH now" in result and "emergency department" in result, result


def test_escalation_helper_danger_now_and_stop(bot):
    sender = uuid.uuid4().hex
    bot.say("/escalation_helper", sender)
    replies = bot.say("yes", sender)
    assert "999" in replies[0]["text"]
    bot.say("/escalation_helper", sender)
    replies = bot.say("stop", sender)
    assert "stopped the escalation helper" in texts(replies)
    assert bot.tracker(sender)["active_loop"] in ({}, None) or not bot.tracker(sender)["active_loop"].get(
        "name"
    )
