"""A question that names a place is answered as a question, never with an area list.

Over REST with the shipped contacts file (no areas). "I'm worried about a bruised baby in
Camden" was once read as "tell me your area", and the reply was only that no local
contacts were set up - a worried practitioner left with no route.
"""

import pytest
from replies import texts

QUESTIONS = [
    ("I'm worried about a bruised baby in Camden", {"nai_injuries", "escalation_helper"}),
    ("a toddler in Leeds has a burn nobody can explain", {"nai_injuries", "escalation_helper"}),
    ("is the Camden MASH open at night?", {"eds_escalation"}),
    ("who do I call out of hours in Leeds?", {"eds_escalation"}),
    ("how do I refer to the MASH in Barnet?", {"mash_referral"}),
]


@pytest.mark.parametrize("question, topics", QUESTIONS)
def test_a_question_naming_a_place_gets_its_topic_or_the_likeliest_topics(bot, question, topics):
    sender = f"place-{abs(hash(question))}"
    replies = bot.say(question, sender)
    answered = bot.tracker(sender)["slots"]["topic"]
    offered = {b["payload"].lstrip("/") for r in replies for b in r.get("buttons", [])}
    assert answered in topics or topics & offered, (question, answered, texts(replies)[:300])
    assert "No local contacts are set up" not in texts(replies)
