"""The applied events and dialogue states carried forward (rasa_plugins/server/tracker_states.py)
equal Rasa's own after every event of conversations with forms (happy path: Rasa undoes
between loop runs), rejections, a form started later, reverts, restarts and new sessions -
whether the tracker grows in place, or a turn's copy grows from a kept one."""

import json
import random

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.server import tracker_copy, tracker_states

DOMAIN = Domain.from_yaml(
    """
version: '3.1'
intents: [ask, inform, deny]
entities: [term]
slots:
  topic: {type: text, influence_conversation: true, mappings: [{type: custom}]}
  role: {type: categorical, values: [gp, other], mappings: [{type: custom}]}
  esc_age: {type: text, influence_conversation: true, mappings: [{type: custom}]}
  quiz_answer: {type: text, mappings: [{type: custom}]}
forms:
  escalation_form: {required_slots: [esc_age]}
  quiz_form: {required_slots: [quiz_answer]}
actions: [action_answer_topic]
"""
)


@pytest.fixture(autouse=True)
def installed():
    tracker_states.install()
    yield
    tracker_states.uninstall()


def user(text, intent="ask"):
    return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 1.0}, [])]


def conversation(seed: int) -> list:
    """A session of random turns of every kind the processor writes."""
    rng = random.Random(seed)
    events = [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("role", "gp")]
    for n in range(40):
        kind = rng.choice(
            ["topic", "topic", "form", "form_happy", "form_reject", "revert", "undo", "restart", "quiz"]
        )
        events += user(f"m{n}", rng.choice(["ask", "inform", "deny"]))
        if kind == "topic":
            events += [ActionExecuted("action_answer_topic"), BotUttered(f"a{n}"), SlotSet("topic", f"t{n}")]
        elif kind == "form":
            events += [
                ActionExecuted("escalation_form"),
                ActiveLoop("escalation_form"),
                SlotSet("requested_slot", "esc_age"),
            ]
        elif kind == "form_happy":
            events += [
                SlotSet("esc_age", str(n)),
                ActionExecuted("escalation_form"),
                SlotSet("requested_slot", "esc_age"),
            ]
            if rng.random() < 0.3:
                events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        elif kind == "form_reject":
            events += [
                ActionExecutionRejected("escalation_form"),
                ActionExecuted("action_answer_topic"),
                BotUttered("b"),
            ]
        elif kind == "revert":
            events += [UserUtteranceReverted()]
        elif kind == "undo":
            events += [ActionExecuted("action_answer_topic"), ActionReverted()]
        elif kind == "restart":
            events += [ActionExecuted("action_restart"), Restarted()]
        elif kind == "quiz":  # a form name seen for the first time late in the session
            events += [
                ActionExecuted("quiz_form"),
                ActiveLoop("quiz_form"),
                SlotSet("requested_slot", "quiz_answer"),
            ]
        if rng.random() < 0.05:
            events += [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("role", "gp")]
    return [json.loads(json.dumps(e.as_dict())) for e in events]


def rasas(tracker):
    """Rasa's own answers for the same events, on a tracker that never carried anything."""
    fresh = DialogueStateTracker.from_events(tracker.sender_id, list(tracker.events), DOMAIN.slots)
    return tracker_states.ORIGINAL_APPLIED(fresh), tracker_states.ORIGINAL_PAST_STATES(fresh, DOMAIN)


def as_the_featurizer_uses_them(states):
    """Rasa's featurizer deletes keys from the states it gets: so does this test."""
    for state in states:
        if state.get("user", {}).get("intent") and state.get("user", {}).get("text"):
            del state["user"]["text"]


@pytest.mark.parametrize("seed", range(12))
def test_growing_in_place_after_every_event(seed):
    from rasa.shared.core.events import deserialise_events

    tracker = DialogueStateTracker("s", DOMAIN.slots)
    for event in deserialise_events(conversation(seed)):
        tracker.update(event)
        applied, states = rasas(tracker)
        assert tracker.applied_events() == applied
        ours = tracker.past_states(DOMAIN)
        assert ours == states
        as_the_featurizer_uses_them(ours)


@pytest.mark.parametrize("seed", range(12, 20))
def test_turns_copied_from_a_kept_tracker(seed):
    """As the store runs it: a kept tracker extended with stored events, each turn a copy of it."""
    stored = conversation(seed)
    kept = tracker_copy.build("s", stored[:5], DOMAIN.slots)
    done = 5
    while done < len(stored):
        step = random.Random(done).randint(1, 9)
        tracker_copy.extend(kept, stored[done : done + step])
        done += step
        kept.past_states(DOMAIN)  # the store primes what is kept
        turn = tracker_copy.copy_of(kept)
        for event in user("new", "inform") + [ActionExecuted("escalation_form")]:
            turn.update(event)
            applied, states = rasas(turn)
            assert turn.applied_events() == applied
            assert turn.past_states(DOMAIN) == states
        assert kept.past_states(DOMAIN) == rasas(kept)[1]  # the turn changed nothing kept


def test_not_installed_is_rasas_own():
    tracker_states.uninstall()
    assert not tracker_states.installed()
    tracker_states.install()
    assert tracker_states.installed()


@pytest.mark.parametrize("seed", range(3))
def test_a_copy_is_the_tracker_rasas_copy_gives(seed):
    from rasa.shared.core.events import deserialise_events
    from rasa.shared.core.trackers import EventVerbosity

    tracker = DialogueStateTracker.from_events("s", deserialise_events(conversation(seed)), DOMAIN.slots)
    ours, rasas = tracker.copy(), tracker_states.ORIGINAL_COPY(tracker)
    assert ours is not tracker
    assert ours.current_state(EventVerbosity.ALL) == rasas.current_state(EventVerbosity.ALL)
    assert str(ours.active_loop) == str(rasas.active_loop)
    assert ours.past_states(DOMAIN) == tracker_states.ORIGINAL_PAST_STATES(rasas, DOMAIN)


def test_the_rule_policys_log_line_is_formatted_at_debug_level_only():
    import logging

    from rasa.core.policies.policy import Policy

    states = [{"user": {"intent": "ask"}, "prev_action": {"action_name": "action_listen"}}]
    rasa_logger = logging.getLogger("rasa")
    level = rasa_logger.level
    try:
        rasa_logger.setLevel(logging.INFO)
        assert Policy.format_tracker_states(states) == "(1 states; formatted at debug level)"
        rasa_logger.setLevel(logging.DEBUG)
        assert Policy.format_tracker_states(states) == tracker_states.ORIGINAL_FORMAT.__func__(states)
    finally:
        rasa_logger.setLevel(level)


def untimed(state: dict) -> dict:
    """A tracker's state without the times of the events each side made itself just now."""
    state = {**state, "latest_event_time": None}
    state["events"] = [{**e, "timestamp": None} for e in state["events"]]
    return state


def without_restarts(events: list) -> list:
    return [e for e in events if e["event"] != "restart" and e.get("name") != "action_restart"]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("restarts", [False, True])
def test_a_forms_temporary_tracker_is_the_one_rasa_builds(seed, restarts):
    """FormAction._temporary_tracker: the copy with the form's events added equals Rasa's replay
    (and with a restart in the session, Rasa's own is used)."""
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.events import deserialise_events
    from rasa.shared.core.trackers import EventVerbosity

    events = conversation(seed) if restarts else without_restarts(conversation(seed))
    cut = random.Random(seed).randrange(len(events) // 2, len(events))
    kept = tracker_copy.build("s", events[:cut], DOMAIN.slots)
    tracker_states.prime(kept, DOMAIN)
    current = tracker_copy.kept_copy(kept)  # a turn's tracker, as the store hands it out
    current.model_id, current.assistant_id = "model-1", "assistant-1"
    for event in deserialise_events(events[cut:]):
        current.update(event)
    assert (current.idx_after_latest_restart() == 0) is not restarts  # ours, or Rasa's own
    added = [SlotSet("esc_age", "4"), BotUttered("how old?")]
    form = FormAction("escalation_form", None)
    ours = form._temporary_tracker(current, added, DOMAIN)
    rasas = tracker_states.ORIGINAL_TEMPORARY(
        form, current, [SlotSet("esc_age", "4"), BotUttered("how old?")], DOMAIN
    )
    assert untimed(ours.current_state(EventVerbosity.ALL)) == untimed(rasas.current_state(EventVerbosity.ALL))
    assert str(ours.active_loop) == str(rasas.active_loop)
    assert (ours.model_id, ours.assistant_id, ours.sender_source) == (None, None, None)
    assert [e.metadata for e in added] == [{}, {}]  # no model id stamped on the form's events
    assert ours.past_states(DOMAIN) == tracker_states.ORIGINAL_PAST_STATES(rasas, DOMAIN)
    assert ours.applied_events() == tracker_states.ORIGINAL_APPLIED(rasas)
    # the turn's tracker is left as it was
    assert len(current.events) == len(events) and current.model_id == "model-1"
