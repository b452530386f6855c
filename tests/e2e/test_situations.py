"""Situations told in one message, and details added after, end to end over REST: the route
their facts give, never less urgent than the guidance (tests/dev/situations.yml, a development
set written from the facts file apart from the rules; the sealed sets are scored by
`make eval-sealed`, not here)."""

import uuid

import pytest
import yaml

from paths import ROOT
from route_scoring import first_reply, helper_conversation, judge, outcome_of, summary, texts

DEV = yaml.safe_load((ROOT / "tests" / "dev" / "situations.yml").read_text())


def _score(label, got):
    return {"id": label["id"], "got": got.route, "label": label["route"], **judge(label, got)}


DEV_5 = yaml.safe_load((ROOT / "tests" / "dev" / "situations_5.yml").read_text())


@pytest.mark.parametrize("name, situations", [("development set", DEV), ("development set 5", DEV_5)])
def test_a_situation_told_in_one_message_gets_its_route(bot, name, situations):
    results = [_score(s, first_reply(bot, s["text"])) for s in situations["situations"]]
    print("\n" + summary(f"Situations ({name})", results))
    assert not [r for r in results if r["unsafe"]]
    # Fully right is held back on purpose where safety asks it: a concern whose "can it wait?" is
    # not said, out of hours, with any cue of danger gets the EDS first (the question follows),
    # and a head injury is never assumed to be an everyday accident. 60/70 on 2026-12-03; set 5:
    # 51/70 before its fixes, 57/70 after (2026-12-04).
    assert sum(r["right"] for r in results) >= 0.8 * len(results)
    # A regression bound, not a target met: six referral-level situations (a child not collected,
    # a carer intoxicated at pick-up, an iron-shaped burn, children found alone and now with a
    # neighbour) still get the 999 page. The danger model is chosen by leave-one-kind-out
    # cross-validation on its corpus, not on this set (docs/EVALUATION.md).
    assert sum(r["needless_999"] for r in results) <= 6


def test_a_detail_added_later_updates_the_route(bot):
    results = []
    for item in DEV["follow_ups"]:
        sender = uuid.uuid4().hex
        bot.say(item["first"], sender)
        results.append(_score(item, outcome_of(texts(bot.say(item["then"], sender)))))
    print("\n" + summary("Details added later (development set)", results))
    assert not [r for r in results if r["unsafe"]]


def test_the_issue_example_gets_the_eds_and_a_paediatrician_then_the_detail_is_noted(bot):
    sender = uuid.uuid4().hex
    reply = texts(
        bot.say("it's 7pm and a baby of 3 months has a bruise on her cheek, who do I call?", sender)
    )
    got = outcome_of(reply)
    assert (got.route, got.paediatric) == ("eds", True), reply
    assert "not independently mobile" in reply
    assert bot.tracker(sender)["slots"]["requested_slot"] == "esc_danger"  # danger first


def test_a_situation_that_does_not_say_when_is_routed_by_the_clock(bot):
    """The e2e bot runs on a fixed Tuesday 10:30 (route_scoring.TEST_CLOCK): the MASH, said why."""
    sender = uuid.uuid4().hex
    reply = texts(bot.say("Teacher. In PE I saw three small round burns on a 7 year old's back", sender))
    assert outcome_of(reply).route == "mash", reply
    assert "You didn't say the time: it is Tuesday 10:30 in the UK" in reply
    slots = bot.tracker(sender)["slots"]
    assert slots["esc_office_hours"] == "in_hours" and slots["requested_slot"] != "esc_office_hours"
    timed = texts(bot.say("it's 7pm and a baby of 3 months has a bruise on her cheek", uuid.uuid4().hex))
    assert outcome_of(timed).route == "eds" and "You didn't say the time" not in timed


def _in_the_helper(bot) -> str:
    sender = uuid.uuid4().hex
    bot.say("I'm worried about a child I've seen today, what should I do?", sender)
    assert bot.tracker(sender)["slots"]["requested_slot"] == "esc_danger"
    return sender


def test_not_right_now_in_the_helper_is_not_danger(bot):
    for answer in ("not right now, she's asleep upstairs with mum", "not tonight no", "no, she's with me"):
        sender = _in_the_helper(bot)
        reply = texts(bot.say(answer, sender))
        assert outcome_of(reply).route != "999", (answer, reply)
        assert bot.tracker(sender)["slots"]["esc_danger"] == "no", answer


def test_danger_signs_described_in_the_helper_are_danger(bot):
    for answer in (
        "he's gone really sleepy and floppy and won't wake properly",
        "she's struggling to breathe",
        # sealed v15 h15_22, after scoring: the denial first, the sign after it
        "no I don't think so, she's asleep on my sofa - she's been sick 4 times and I can't really wake her properly",
    ):
        sender = _in_the_helper(bot)
        assert outcome_of(texts(bot.say(answer, sender))).route == "999", answer


def test_a_concern_description_in_the_helper_is_read_not_paged(bot):
    sender = _in_the_helper(bot)
    bot.say("no", sender)
    reply = texts(bot.say("a bruise on a 3 month old baby's arm, mum says the cot bars", sender))
    assert outcome_of(reply).route != "999", reply
    slots = bot.tracker(sender)["slots"]
    assert (slots["esc_concern"], slots["esc_mobility"]) == ("injury", "not_mobile")


def test_after_no_danger_now_a_concern_that_sounds_alarming_continues_the_helper_with_a_reminder(bot):
    sender = _in_the_helper(bot)
    bot.say("no, she's still here with me for now", sender)
    assert bot.tracker(sender)["slots"]["requested_slot"] == "esc_concern"
    reply = texts(bot.say("dad's come to collect her drunk, slurring and stumbling", sender))
    assert outcome_of(reply).route != "999", reply
    assert "You told me the child is not in immediate danger" in reply
    slots = bot.tracker(sender)["slots"]
    assert slots["esc_concern"] and slots["requested_slot"], slots  # answered, and the next question


def test_after_no_danger_now_a_medical_sign_still_gets_999(bot):
    sender = _in_the_helper(bot)
    bot.say("no", sender)
    assert outcome_of(texts(bot.say("he's gone floppy and won't wake up properly", sender))).route == "999"


def test_a_concern_in_words_the_reader_does_not_know_is_read_by_meaning(bot):
    # Neither an injury word nor a child's "told me" for the reader's lists: the concern model.
    cases = {
        "he keeps holding his arm funny and screams when I lift him under the arms": "injury",
        "always starving when she arrives and her coat's soaked through most mornings": "neglect",
    }
    for answer, concern in cases.items():
        sender = _in_the_helper(bot)
        bot.say("no", sender)
        reply = texts(bot.say(answer, sender))
        assert "couldn't place that answer" not in reply, (answer, reply)
        assert bot.tracker(sender)["slots"]["esc_concern"] == concern, answer


@pytest.mark.parametrize(
    "text, understood",
    [
        # "boyfriend" reads to the reader's word lists as a concern about an adult (the lead's
        # route); the concern model hears a child's disclosure, and the more worrying reading wins.
        (
            "gp, tuesday 11am. 15 year old told me in clinic she's made to go to parties and sleep "
            "with her boyfriend's older mates, they give her weed",
            None,
        ),
        # violence at home the baby was there for: a referral, not the lead's route
        (
            "hv, tuesday 11am. on a visit mum told me her partner punched her last night while she was "
            "holding the baby (4 months). baby seems fine, he's at work",
            "violence at home the child saw or heard",
        ),
    ],
    ids=["disclosure_worded_around_an_adult", "violence_the_baby_was_there_for"],
)
def test_a_concern_whose_words_sound_less_worrying_is_still_a_referral(bot, text, understood):
    got = first_reply(bot, text)
    assert got.route == "mash", got.text
    assert understood is None or understood in got.text


def test_injury_as_the_concern_asks_the_kind_and_a_head_swelling_on_a_baby_goes_to_the_ed(bot):
    # "injury" alone used to be taken as "another bruise", skipping the question that finds a
    # head injury on a baby (the emergency department now, not a same-day opinion).
    answers = {
        "danger": "no",
        "concern": "injury",
        "mobility": "4 month old",
        "injury_kind": "small swelling on her forehead",
        "injury": "mum says her sister dropped a toy on her",
        "known": "no",
        "office_hours": "yes it's 11",
        "can_wait": "no",
    }
    got = helper_conversation(bot, answers)
    assert got.emergency_department and got.route == "mash", got.text


# --- likely significant harm: a neglect, adult or other concern the words alone cannot place ---

HARM_QUESTION = "suffering, or likely to suffer, significant harm"


@pytest.mark.parametrize(
    "text",
    [
        # an older man, gifts, nights away: exploitation, not "an adult's behaviour" for the lead
        "school nurse, wednesday 10am. year 8 girl has a new phone and designer trainers from a man of "
        "about 30 she met online, she's stayed at his flat twice and mum didn't know where she was",
        # a baby not being fed, and no word the reader lists as neglect
        "hv here, monday 2pm. 7 week old back under birth weight, mum only gives a bottle when he "
        "screams because she says formula is too expensive, won't let me weigh him again",
    ],
    ids=["exploitation", "baby_not_fed"],
)
def test_likely_significant_harm_told_in_one_message_is_a_referral_now(bot, text):
    got = first_reply(bot, text)
    assert got.route == "mash", got.text
    assert "likely significant harm" in got.text


def test_a_welfare_worry_below_it_gets_the_lead_and_the_question_which_can_still_raise_it(bot):
    sender = uuid.uuid4().hex
    text = (
        "nursery, tuesday 11am. 3 year old often comes in a bit grubby and hungry at snack time, "
        "mum has said money is tight since she lost her job, she's warm and loving with him"
    )
    got = outcome_of(texts(bot.say(text, sender)))
    assert got.route == "safeguarding_lead", got.text
    asked = []
    for _ in range(4):  # the questions the message left open, the harm question among them
        slot = bot.tracker(sender)["slots"].get("requested_slot")
        if slot is None or slot == "esc_harm":
            break
        asked.append(slot)
        bot.say("/deny" if slot != "esc_office_hours" else '/inform{"answer": "in_hours"}', sender)
    assert bot.tracker(sender)["slots"].get("requested_slot") == "esc_harm", asked
    result = outcome_of(texts(bot.say("I suspect so, she's lost weight since the summer", sender)))
    while result.route is None and bot.tracker(sender)["slots"].get("requested_slot"):
        result = outcome_of(texts(bot.say("/deny", sender)))
    assert result.route == "mash", result.text


def test_the_helper_asks_about_significant_harm_for_neglect_and_not_knowing_is_a_referral(bot):
    sender = uuid.uuid4().hex
    bot.say("/escalation_helper", sender)
    bot.say("/deny", sender)
    asked = texts(bot.say('/inform{"answer": "neglect"}', sender))
    assert HARM_QUESTION in asked, asked
    bot.say("/dont_know", sender)
    bot.say("/deny", sender)  # not known to social care
    result = outcome_of(texts(bot.say('/inform{"answer": "in_hours"}', sender)))
    assert result.route == "mash", result.text


def test_a_long_calm_message_the_classifier_took_for_a_situation_never_gets_the_999_page(bot):
    # The reader found no situation and the next reading was `emergency` at 0.005: it was given.
    text = (
        "Health visitor. Grandad who lives with them has type 2 diabetes and mentioned he sometimes "
        "forgets his tablets, the 2 year old is thriving and the home is lovely. Anything for me to do?"
    )
    got = first_reply(bot, text)
    assert got.route != "999", got.text


@pytest.mark.parametrize(
    "text",
    [
        "practice manager here - how should our GPs share reports with social care before a conference?",
        "gp surgery here, we never get copies of the strategy meeting minutes. who should send them to us?",
    ],
)
def test_a_topic_question_with_particulars_gets_the_topic_not_a_route(bot, text):
    """ "gp practice here - ..." counted as particular, and the question about liaison got the
    helper's route; the situation gate reads it as asked (situation_gate.py)."""
    reading = bot.parse(text)
    assert reading["intent"]["name"] != "describe_situation", reading.get("situation_told")
    got = first_reply(bot, text)
    assert got.route is None, got.text
