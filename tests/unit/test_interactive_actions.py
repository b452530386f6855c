"""Quiz, walk-through and escalation actions, driven with a rasa_sdk Tracker and a CollectingDispatcher."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from trackers import make_tracker

from actions.activities.actions import (
    ActionActivity,
    ActionEndActivity,
    ActionStartQuiz,
    ActionStartWalkthrough,
)
from actions.answers.actions import ActionAnswerTopic
from actions.content.loaded import QUIZ_MASTER, WALKTHROUGH
from actions.escalation.actions import ActionEscalationResult, ActionStartEscalation, ValidateEscalationForm


def tracker(slots=None, intent="", text="", entities=(), active_loop=None) -> Tracker:
    return make_tracker(
        intent, text, entities, slots={"requested_slot": None, **(slots or {})}, active_loop=active_loop
    )


class Session:
    """Runs actions turn by turn, carrying the slots forward as Rasa would."""

    def __init__(self) -> None:
        self.slots: dict = {}
        self.messages: list = []

    def run(self, action, intent="", text="", entities=()):
        dispatcher = CollectingDispatcher()
        events = action.run(dispatcher, tracker(self.slots, intent, text, entities), {})
        for event in events:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
        self.messages = dispatcher.messages
        return events

    def say(self, intent, text="", **entities):
        return self.run(ActionActivity(), intent, text or intent, tuple(entities.items()))

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)


# --- quiz ---------------------------------------------------------------------------------


def correct_letter(session) -> str:
    question = QUIZ_MASTER.questions[session.slots["quiz_questions"][int(session.slots["quiz_index"])]]
    return "abcd"[question.answer]


def test_quiz_round_sets_topic_and_asks_5_different_questions():
    session = Session()
    events = session.run(ActionStartQuiz(), "quiz", "quiz me")
    assert SlotSet("topic", "quiz") in events
    ids = session.slots["quiz_questions"]
    assert len(ids) == 5 and len(set(ids)) == 5
    assert session.slots["activity"] == "quiz" and session.slots["quiz_index"] == 0
    assert "Question 1 of 5" in session.text and len(session.messages[-1]["buttons"]) >= 3


def test_quiz_on_a_topic_picks_its_questions():
    session = Session()
    session.run(ActionStartQuiz(), "quiz", "quiz me on section 47")
    assert all("section_17_47" in QUIZ_MASTER.questions[i].topics for i in session.slots["quiz_questions"])


def test_quiz_marks_answers_keeps_score_and_ends_with_it():
    session = Session()
    session.run(ActionStartQuiz(), "quiz", "quiz me")
    session.say("choose", choice=correct_letter(session))
    assert session.text.startswith("Correct") and "Source: " in session.text
    assert session.slots["quiz_score"] == 1 and session.slots["quiz_index"] == 1
    wrong = "b" if correct_letter(session) == "a" else "a"
    session.say("choose", choice=wrong)
    assert "Not quite - the answer is" in session.text and session.slots["quiz_score"] == 1
    session.say("dont_know")
    assert session.text.startswith("The answer is") and session.slots["quiz_score"] == 1
    session.say("choose", text=f"i think {correct_letter(session)}")
    session.say("choose", choice=correct_letter(session))
    assert "You scored 3 out of 5" in session.text
    assert session.slots["activity"] is None and session.slots["quiz_questions"] is None


def test_quiz_stop_ends_early_with_the_score_so_far():
    session = Session()
    session.run(ActionStartQuiz(), "quiz", "quiz me")
    session.say("choose", choice=correct_letter(session))
    session.say("stop")
    assert "Quiz stopped. You scored 1 out of 1 answered." in session.text
    assert session.slots["activity"] is None


def test_an_unclear_quiz_answer_asks_again_without_moving_on():
    session = Session()
    session.run(ActionStartQuiz(), "quiz", "quiz me")
    session.say("choose", text="hmm maybe")
    assert "didn't catch" in session.text and session.slots["quiz_index"] == 0


# --- walk-through ---------------------------------------------------------------------------


def test_walkthrough_next_back_repeat_and_score():
    session = Session()
    events = session.run(ActionStartWalkthrough(), "training_scenario")
    assert SlotSet("topic", "training_scenario") in events
    assert "Stage 1 of 8" in session.text
    best = next(i for i, o in enumerate(WALKTHROUGH.stages[0].options) if o.best)
    session.say("choose", choice="abcd"[best])
    assert "The strongest option." in session.text and "Learning points: 10" in session.text
    assert session.slots["walkthrough_score"] == 1
    session.say("walkthrough_next")
    assert "Stage 2 of 8" in session.text and session.slots["walkthrough_stage"] == 1
    session.say("walkthrough_back")
    assert "Stage 1 of 8" in session.text and session.slots["walkthrough_stage"] == 0
    session.say("choose", choice="abcd"[best])  # a second go does not count twice
    assert session.slots["walkthrough_score"] == 1 and "Only the first choice" in session.text
    session.say("walkthrough_repeat")
    assert "Stage 1 of 8" in session.text
    session.say("walkthrough_next")
    worst = next(i for i, o in enumerate(WALKTHROUGH.stages[1].options) if not o.best)
    session.say("choose", choice="abcd"[worst])
    assert "The strongest option is" in session.text and session.slots["walkthrough_score"] == 1


def test_walkthrough_to_the_end_gives_the_summary_and_score():
    session = Session()
    session.run(ActionStartWalkthrough(), "training_scenario")
    for stage in WALKTHROUGH.stages:
        best = next((i for i, o in enumerate(stage.options) if o.best), 0)
        session.say("choose", choice="abcd"[best])
        session.say("walkthrough_next")
    scored = sum(s.scored for s in WALKTHROUGH.stages)
    assert f"strongest option at {scored} of {scored} decision points" in session.text
    assert "Source: Luke review" in session.text and session.slots["activity"] is None


def test_walkthrough_end_gives_the_room_each_stage_choice_and_learning_points():
    session = Session()
    session.run(ActionStartWalkthrough(), "training_scenario")
    first = WALKTHROUGH.stages[0]
    worst = next(i for i, o in enumerate(first.options) if not o.best)
    session.say("choose", choice="abcd"[worst])
    session.say("walkthrough_back")  # stage 1 again: another choice does not replace the first
    session.say("choose", choice="abcd"[next(i for i, o in enumerate(first.options) if o.best)])
    session.say("walkthrough_next")
    session.say("walkthrough_skip")
    assert session.slots["walkthrough_choices"] is None  # ended: cleared
    text = session.text
    assert "**For the room: your group's choices**" in text
    chose = (
        f"Stage 1: {first.title} - the group chose {'ABCD'[worst]}: {first.options[worst].text.rstrip('.')}."
    )
    assert chose in text and "The strongest option was" in text.split(chose)[1].split("\n")[0]
    points = ", ".join(str(n) for n in sorted(first.learning_points))
    assert f"Learning points: {points}." in text
    second = WALKTHROUGH.stages[1]
    assert f"Stage 2: {second.title} - not answered." in text


def test_walkthrough_skip_and_stop():
    session = Session()
    session.run(ActionStartWalkthrough(), "training_scenario")
    session.say("walkthrough_skip")
    assert "End of the walk-through" in session.text and session.slots["activity"] is None
    session.run(ActionStartWalkthrough(), "training_scenario")
    session.say("walkthrough_next")
    session.say("stop")
    assert "Walk-through stopped at stage 2 of 8" in session.text


def test_resume_offer_and_resume():
    session = Session()
    session.run(ActionStartWalkthrough(), "training_scenario")
    session.say("walkthrough_next")
    session.run(ActionAnswerTopic(), "section_47")
    assert "Section 47" in session.messages[0]["text"]
    assert "stage 2 of 8" in session.messages[-1]["text"]  # the answer first, then the offer
    assert [b["payload"] for b in session.messages[-1]["buttons"]] == ["/resume", "/stop"]
    session.say("resume")
    assert "Stage 2 of 8" in session.text


def test_emergency_ends_the_activity():
    session = Session()
    session.run(ActionStartQuiz(), "quiz", "quiz me")
    session.run(ActionEndActivity(), "emergency")
    assert session.slots["activity"] is None


def test_commands_with_nothing_running_offer_the_three():
    session = Session()
    session.say("stop")
    assert "no quiz or walk-through running" in session.text
    assert {b["payload"] for b in session.messages[0]["buttons"]} == {
        "/escalation_helper",
        "/training_scenario",
        "/quiz",
    }


# --- escalation helper --------------------------------------------------------------------


def test_escalation_start_sets_topic_and_resets_answers():
    session = Session()
    session.slots = {"esc_danger": "no", "activity": "quiz"}
    events = session.run(ActionStartEscalation(), "escalation_helper")
    assert SlotSet("topic", "escalation_helper") in events
    assert session.slots["esc_danger"] is None and session.slots["activity"] is None


def _validate(slots, intent, text, entities=(), **message):
    """`message`: what the NLU adds to the latest message (harm_reading, concern_reading)."""
    dispatcher = CollectingDispatcher()
    domain = {
        "forms": {
            "escalation_form": {
                "required_slots": ["esc_danger", "esc_office_hours", "esc_concern", "esc_injury", "esc_known"]
            }
        },
        "slots": {},
    }
    t = tracker(slots, intent, text, entities, active_loop="escalation_form")
    t.latest_message.update(message)
    events = asyncio.run(ValidateEscalationForm().run(dispatcher, t, domain))
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}, dispatcher.messages


def test_form_reads_free_text_and_skips_the_injury_question_when_not_needed():
    slots = {"requested_slot": "esc_concern", "esc_danger": "no", "esc_office_hours": "in_hours"}
    set_, _ = _validate(slots, "inform", "mostly neglect, the flat is filthy")
    assert set_["esc_concern"] == "neglect" and set_["requested_slot"] == "esc_harm"


@pytest.mark.parametrize(
    "reading, harm, asked",
    [
        ({"likelihood": 0.9, "significant": True, "not_seen": False}, "yes", "esc_known"),
        ({"likelihood": 0.05, "significant": False, "not_seen": True}, "not_seen", "esc_known"),
        ({"likelihood": 0.5, "significant": False, "not_seen": False}, None, "esc_harm"),
    ],
    ids=["likely_significant_harm", "no_sign_of_it", "not_sure_so_asked"],
)
def test_a_concern_described_in_free_text_is_read_for_significant_harm(reading, harm, asked):
    slots = {"requested_slot": "esc_concern", "esc_danger": "no", "esc_office_hours": "in_hours"}
    set_, _ = _validate(
        slots,
        "inform",
        "neglect mostly, he is left with her dealer mates most weekends",
        harm_reading=reading,
    )
    assert set_.get("esc_harm") == harm and set_["requested_slot"] == asked, set_


def test_a_day_in_the_story_of_what_happened_is_not_the_time_now():
    """A day in the answer to the concern question ("strangled her on saturday") is when it happened (a sealed
    v6 conversation got the EDS on a Monday morning); the office-hours question is still asked."""
    slots = {"requested_slot": "esc_concern", "esc_danger": "no"}
    set_, _ = _validate(slots, "inform", "mum says her partner strangled her on saturday holding the baby")
    assert set_["esc_concern"] == "violence" and "esc_office_hours" not in set_, set_


def test_a_time_in_the_answer_about_danger_is_the_storys_and_the_question_is_still_asked():
    """ "Not right now ... but she told me this morning daddy threw plates" at 6.40pm was read as office
    hours and ended at the MASH (development set 6)."""
    set_, _ = _validate(
        {"requested_slot": "esc_danger"},
        "deny",
        "not right now, she's here with me. but she told me this morning daddy threw plates at mummy, at 9am",
    )
    assert set_["esc_danger"] == "no" and "esc_office_hours" not in set_, set_


def test_a_concern_in_words_no_kind_names_is_another_concern_and_harm_decides():
    slots = {"requested_slot": "esc_concern", "esc_danger": "no", "esc_office_hours": "in_hours"}
    set_, _ = _validate(slots, "inform", "poor housing, damp")
    assert set_["esc_concern"] == "other" and set_["requested_slot"] == "esc_harm", set_


def test_a_button_concern_is_never_read_for_harm_and_the_question_is_asked():
    slots = {"requested_slot": "esc_concern", "esc_danger": "no", "esc_office_hours": "in_hours"}
    reading = {"likelihood": 0.05, "significant": False, "not_seen": True}
    set_, _ = _validate(
        slots, "inform", '/inform{"answer": "neglect"}', [("answer", "neglect")], harm_reading=reading
    )
    assert "esc_harm" not in set_ and set_["requested_slot"] == "esc_harm", set_


def test_form_ends_at_once_when_the_child_is_in_danger():
    set_, _ = _validate({"requested_slot": "esc_danger"}, "affirm", "yes")
    assert set_ == {"esc_danger": "yes", "requested_slot": None}


def test_form_extracts_nothing_from_a_topic_question():
    set_, _ = _validate(
        {"requested_slot": "esc_known", "esc_danger": "no"}, "section_47", "what is section 47?"
    )
    assert "esc_known" not in set_


def test_form_confirms_what_now_means():
    set_, messages = _validate(
        {"requested_slot": "esc_office_hours", "esc_danger": "no"},
        "inform",
        '/inform{"answer": "now"}',
        [("answer", "now")],
    )
    assert set_["esc_office_hours"] in ("in_hours", "out_of_hours")
    assert "in the UK" in messages[0]["text"]


@pytest.mark.parametrize(
    "answers, route_words",
    [
        (
            {
                "esc_danger": "no",
                "esc_office_hours": "out_of_hours",
                "esc_concern": "injury",
                "esc_injury": "explanation",
                "esc_known": "no",
            },
            "Emergency Duty Service",
        ),
        (
            {
                "esc_danger": "no",
                "esc_office_hours": "in_hours",
                "esc_concern": "disclosure",
                "esc_known": "yes",
            },
            "refer to the MASH now",
        ),
        (
            {"esc_danger": "no", "esc_office_hours": "in_hours", "esc_concern": "neglect", "esc_known": "no"},
            "safeguarding lead today",
        ),
    ],
)
def test_result_gives_route_steps_record_learning_points_and_source(answers, route_words):
    session = Session()
    session.slots = dict(answers)
    events = session.run(ActionEscalationResult())
    body = session.messages[0]["text"]
    assert route_words in body.split("\n")[0]
    assert "Next steps:" in body and "What to record:" in body and "Learning points that apply:" in body
    assert "Local numbers: find your" in body  # nothing configured: where to find it, never a guess
    assert session.messages[1]["text"].startswith("Source: ")
    assert SlotSet("topic", "escalation_helper") in events and session.slots["esc_danger"] is None


def test_danger_result_is_the_emergency_answer():
    session = Session()
    session.slots = {"esc_danger": "yes"}
    session.run(ActionEscalationResult())
    assert [m["response"] for m in session.messages] == ["utter_emergency", "utter_emergency_source"]


def test_an_answer_with_no_question_asked_is_not_understood():
    session = Session()
    session.say("inform", text="both")
    assert [m.get("response") for m in session.messages] == ["not_understood"]


def test_continue_after_the_resume_offer_resumes_instead_of_skipping_ahead():
    session = Session()
    session.run(ActionStartWalkthrough(), "training_scenario")
    events = [
        {"event": "action", "name": "action_answer_topic"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "continue"},
    ]
    dispatcher = CollectingDispatcher()
    t = tracker(session.slots, "walkthrough_next", "continue")
    t.events = events
    ActionActivity().run(dispatcher, t, {})
    assert "Stage 1 of 8" in dispatcher.messages[0]["text"]


def test_walkthrough_end_is_printable_on_the_web_page():
    """The end of the walk-through is marked as a summary, so the page offers "Print or save as PDF"."""
    from actions.activities.walkthrough import State
    from actions.answers.citations import for_channel

    end = WALKTHROUGH.summary(State())[0]
    assert end["summary"] is True
    assert for_channel(end, "socketio")["json_message"]["data"]["summary"] is True
    assert "summary" not in for_channel(end, "rest")  # REST and the shell get plain text
