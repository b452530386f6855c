"""The quiz and the walk-through in Rasa: start, commands, resume offers, and ending.

State lives in slots; the logic is in actions/activities/quiz.py and actions/activities/walkthrough.py.
One action (`action_activity`) takes every command - choose, next, back, repeat,
skip, stop, resume, "I don't know" - and hands it to whichever is running.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.activities import quiz, walkthrough
from actions.activities.choices import parse_choice
from actions.base import previous_action, send
from actions.content.loaded import PROMPTS, QUIZ_MASTER, WALKTHROUGH

QUIZ, WALK = "quiz", "training_scenario"
SLOTS = [
    "activity",
    "quiz_questions",
    "quiz_index",
    "quiz_score",
    "walkthrough_stage",
    "walkthrough_score",
    "walkthrough_answered",
    "walkthrough_choices",
]
WORDS = PROMPTS.activity
START_BUTTONS = [
    {"title": WORDS.helper_button, "payload": "/escalation_helper"},
    {"title": WORDS.walkthrough_button, "payload": "/training_scenario"},
    {"title": WORDS.quiz_button, "payload": "/quiz"},
]


def cleared() -> List[Dict[Text, Any]]:
    return [SlotSet(slot, None) for slot in SLOTS]


def quiz_state(tracker: Tracker) -> Optional[quiz.State]:
    ids = tracker.get_slot("quiz_questions")
    if tracker.get_slot("activity") != QUIZ or not ids:
        return None
    index = int(tracker.get_slot("quiz_index") or 0)
    if not all(i in QUIZ_MASTER.questions for i in ids) or index >= len(ids):
        return None
    return quiz.State(tuple(ids), index, int(tracker.get_slot("quiz_score") or 0))


def walkthrough_state(tracker: Tracker) -> Optional[walkthrough.State]:
    if tracker.get_slot("activity") != WALK:
        return None
    stage = int(tracker.get_slot("walkthrough_stage") or 0)
    if stage >= len(WALKTHROUGH.stages):
        return None
    answered = tuple(int(i) for i in tracker.get_slot("walkthrough_answered") or [])
    choices = tuple(
        (int(s), int(o))
        for s, o in (str(pair).split(":") for pair in tracker.get_slot("walkthrough_choices") or [])
    )
    return walkthrough.State(stage, int(tracker.get_slot("walkthrough_score") or 0), answered, choices)


def saved(state) -> List[Dict[Text, Any]]:
    """Slot events for a new state; None ends the activity."""
    if state is None:
        return cleared()
    if isinstance(state, quiz.State):
        return [
            SlotSet("activity", QUIZ),
            SlotSet("quiz_questions", list(state.questions)),
            SlotSet("quiz_index", float(state.index)),
            SlotSet("quiz_score", float(state.score)),
        ]
    return [
        SlotSet("activity", WALK),
        SlotSet("walkthrough_stage", float(state.stage)),
        SlotSet("walkthrough_score", float(state.score)),
        SlotSet("walkthrough_answered", list(state.answered)),
        SlotSet("walkthrough_choices", [f"{s}:{o}" for s, o in state.choices]),
    ]


def _end_form(tracker: Tracker) -> List[Dict[Text, Any]]:
    return [ActiveLoop(None), SlotSet("requested_slot", None)] if tracker.active_loop.get("name") else []


def resume_offer(tracker: Tracker) -> List[Dict[Text, Any]]:
    """After a topic answer mid-quiz or mid-walk-through: offer to carry on where they were.
    (The answer action adds it, so no rule per topic is needed.)"""
    quiz_now, walk_now = quiz_state(tracker), walkthrough_state(tracker)
    state, owner = (quiz_now, QUIZ_MASTER) if quiz_now else (walk_now, WALKTHROUGH)
    if state is None:
        return []
    return [
        {
            "text": WORDS.resume_offer.format(where=owner.where(state)),
            "buttons": [
                {"title": WORDS.continue_button, "payload": "/resume"},
                {"title": WORDS.stop_button, "payload": "/stop"},
            ],
        }
    ]


class ActionStartQuiz(Action):
    """First turn of a quiz round: sets `topic`, picks the questions (on a topic if one is named)."""

    def name(self) -> Text:
        return "action_start_quiz"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        messages, state = QUIZ_MASTER.start(tracker.latest_message.get("text") or "")
        send(dispatcher, tracker, messages)
        return [*_end_form(tracker), *cleared(), *saved(state), SlotSet("topic", QUIZ)]


class ActionStartWalkthrough(Action):
    """First turn of the walk-through: sets `topic`, shows stage 1."""

    def name(self) -> Text:
        return "action_start_walkthrough"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        messages, state = WALKTHROUGH.start()
        send(dispatcher, tracker, messages)
        return [*_end_form(tracker), *cleared(), *saved(state), SlotSet("topic", WALK)]


class ActionActivity(Action):
    """Every command of a running quiz or walk-through."""

    def name(self) -> Text:
        return "action_activity"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "walkthrough_next" and previous_action(tracker) == "action_answer_topic":
            intent = "resume"  # "continue" after a topic answer's "Carry on?" picks up where they were
        choice = next(tracker.get_latest_entity_values("choice"), None)
        text = tracker.latest_message.get("text") or ""
        quiz_now, walk_now = quiz_state(tracker), walkthrough_state(tracker)
        if quiz_now:
            messages, events = self._quiz(quiz_now, intent, choice, text)
        elif walk_now:
            messages, events = self._walk(walk_now, intent, choice, text)
        elif tracker.active_loop.get("name"):
            return []  # the escalation form asks its question again
        elif intent in ("inform", "choose", "dont_know"):
            # an answer with no question asked: not understood, as for any other message
            messages, events = [{"response": "not_understood"}], []
        else:
            messages, events = [{"text": WORDS.nothing_running, "buttons": START_BUTTONS}], cleared()
        send(dispatcher, tracker, messages)
        return events

    @staticmethod
    def _quiz(state: quiz.State, intent: str, choice, text: str):
        question = QUIZ_MASTER.questions[state.questions[state.index]]
        if intent == "stop" or intent == "walkthrough_skip":
            return QUIZ_MASTER.stop(state), cleared()
        if intent == "dont_know":
            messages, new = QUIZ_MASTER.answer(state, None)
            return messages, saved(new)
        if intent == "choose":
            index = parse_choice(choice, text, question.options)
            if index is not None:
                messages, new = QUIZ_MASTER.answer(state, index)
                return messages, saved(new)
            hint = {"text": QUIZ_MASTER.quiz.words.not_caught}
            return [hint] + QUIZ_MASTER.ask(state), saved(state)
        if intent == "walkthrough_back":
            hint = {"text": QUIZ_MASTER.quiz.words.cannot_go_back}
            return [hint] + QUIZ_MASTER.ask(state), saved(state)
        return QUIZ_MASTER.ask(state), saved(state)  # next, repeat, resume, inform

    @staticmethod
    def _walk(state: walkthrough.State, intent: str, choice, text: str):
        stage = WALKTHROUGH.stages[state.stage]
        if intent == "stop":
            return WALKTHROUGH.stop(state), cleared()
        if intent == "walkthrough_skip":
            return WALKTHROUGH.summary(state), cleared()
        if intent == "walkthrough_next":
            messages, new = WALKTHROUGH.next(state)
            return messages, saved(new)
        if intent == "walkthrough_back":
            messages, new = WALKTHROUGH.back(state)
            return messages, saved(new)
        if intent == "choose":
            index = parse_choice(choice, text, [o.text for o in stage.options])
            if index is not None:
                messages, new = WALKTHROUGH.choose(state, index)
                return messages, saved(new)
            hint = {"text": WALKTHROUGH.words.not_caught}
            return [hint] + WALKTHROUGH.show(state.stage), saved(state)
        if intent == "dont_know":
            hint = {"text": WALKTHROUGH.words.talk_it_through}
            return [hint] + WALKTHROUGH.show(state.stage), saved(state)
        return WALKTHROUGH.repeat(state)[0], saved(state)  # repeat, resume, inform


class ActionEndActivity(Action):
    """After the 999 answer mid-quiz or mid-walk-through: end it, so nothing else competes."""

    def name(self) -> Text:
        return "action_end_activity"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        if quiz_state(tracker) or walkthrough_state(tracker):
            dispatcher.utter_message(text=WORDS.ended_by_emergency)
        return cleared()
