"""The tracker each server keeps between turns (rasa_plugins/server/tracker_copy.py): built and
extended it equals what Rasa's `from_dict` builds from the same stored events, and a turn's
copy can change without changing what is kept."""

import asyncio
import json

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from rasa_plugins.server import tracker_copy
from rasa_plugins.server.tracker_store import MaskingSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: '3.1'
intents: [ask, inform]
slots:
  topic: {type: text, influence_conversation: true, mappings: [{type: custom}]}
  role: {type: categorical, values: [gp, other], mappings: [{type: custom}]}
  esc_age: {type: text, mappings: [{type: custom}]}
forms:
  escalation_form: {required_slots: [esc_age]}
actions: [action_answer_topic]
"""
)


def stored(turns: int) -> list:
    """A session as stored: topics, a form that starts, is interrupted and is rejected."""
    events = [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("role", "gp")]
    for n in range(turns):
        events += [ActionExecuted("action_listen"), UserUttered(f"q {n}", {"name": "ask", "confidence": 1.0})]
        if n == 2:
            events += [
                ActionExecuted("escalation_form"),
                ActiveLoop("escalation_form"),
                SlotSet("requested_slot", "esc_age"),
            ]
        elif n > 2 and n % 2:
            events += [ActionExecutionRejected("escalation_form"), ActionExecuted("action_answer_topic")]
        else:
            events += [ActionExecuted("action_answer_topic")]
        events += [BotUttered(f"a {n}"), SlotSet("topic", f"t{n}")]
    events.append(ActionExecuted("action_listen"))
    return [json.loads(json.dumps(e.as_dict())) for e in events]


def fingerprint(tracker: DialogueStateTracker) -> str:
    state = tracker.current_state(EventVerbosity.ALL)
    state["past_states"] = tracker.past_states(DOMAIN)
    state["active_loop_flags"] = str(tracker.active_loop)
    return json.dumps(state, sort_keys=True, default=str)


def test_built_then_extended_equals_rasas_own_build():
    events = stored(12)
    kept = tracker_copy.build("s", events[:20], DOMAIN.slots)
    tracker_copy.extend(kept, events[20:33])
    tracker_copy.extend(kept, events[33:])
    rasas = DialogueStateTracker.from_dict("s", events, DOMAIN.slots)
    assert fingerprint(kept) == fingerprint(rasas)
    assert fingerprint(tracker_copy.copy_of(kept)) == fingerprint(rasas)


def test_a_turns_copy_changes_without_changing_what_is_kept():
    kept = tracker_copy.build("s", stored(8), DOMAIN.slots)
    before = fingerprint(kept)
    turn = tracker_copy.copy_of(kept)
    for event in (
        UserUttered("more", {"name": "inform", "confidence": 1.0}),
        ActionExecutionRejected("escalation_form"),  # changes the active loop's flags in place
        ActionExecuted("escalation_form"),
        SlotSet("topic", "changed"),
        SlotSet("role", "other"),
        ActiveLoop(None),
    ):
        turn.update(event)
    assert fingerprint(kept) == before
    assert turn.get_slot("topic") == "changed" and kept.get_slot("topic") == "t7"
    assert len(turn.events) == len(kept.events) + 6


def test_every_attribute_of_rasas_tracker_is_placed():
    """A Rasa with a new tracker attribute fails here until tracker_copy.py says how to copy it."""
    attributes = set(vars(DialogueStateTracker("s", DOMAIN.slots)))
    assert attributes == tracker_copy.SHARED | tracker_copy.COPIED


def test_the_store_hands_out_a_fresh_copy_each_turn(tmp_path):
    store = MaskingSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))

    async def run():
        tracker = DialogueStateTracker.from_dict("s", stored(3), DOMAIN.slots)
        await store.save(tracker)
        first = await store.retrieve("s")
        first.update(SlotSet("topic", "not saved"))
        second = await store.retrieve("s")
        return first, second

    first, second = asyncio.run(run())
    assert first is not second and second.get_slot("topic") == "t2"
    kept = store._cache.kept["s"].tracker
    assert kept is not None and kept is not first and kept is not second
