"""The tracker's applied events and dialogue states, carried forward instead of recomputed;
and two more per-turn costs that grew with the session (`copy`, the rule policy's log line).

Rasa 3.6 recomputes, several times a turn, the session's "applied" events (the events
minus the reverted ones: `DialogueStateTracker.applied_events`) and from them the state
before every action of the session (`past_states`, which replays the session into a
fresh tracker): the rule policy asks for them at every prediction, so a turn's cost grew
with the session - the largest share left after the event cache (docs/BENCHMARKS.md).

Both are a left fold over the event list, and a turn only appends events. So each
tracker carries a memo of what was computed for its first n events (the event objects
themselves, to check against), and the next call folds in only the events added since.
Anything the fold cannot carry forward exactly - the events before n no longer the same
objects, a new form name, a revert or restart that cuts into what was folded, another
domain, another kind of tracker or other arguments - is computed whole, the same way.
The states are handed out as copies (callers delete keys from them). A copy of a kept
tracker (tracker_copy.py) takes its memo along. tests/unit/test_tracker_states.py
compares every answer with Rasa's own on conversations with forms, rejections, reverts
and restarts.

Also replaced: `DialogueStateTracker.copy`, which the processor calls for every action it
runs and which replays the session into a new tracker, by tracker_copy.copy_of (the same
tracker from its state); `Policy.format_tracker_states`, which the rule policy calls at
every prediction for a debug log line, formatted only when Rasa logs at debug level;
`FormAction._temporary_tracker`, which a form builds twice per run by replaying the session
(`from_events`), by a copy of the current tracker with the form's new events added.

Installed by rasa_plugins/server/start.py (or our channels and tracker store); written for
Rasa 3.6, not installed on another version.
"""

import hashlib
import itertools
import json
import logging
import operator
import os
import weakref
from typing import Any, Dict, FrozenSet, List, NamedTuple, Optional, Tuple

import rasa
from rasa.core.actions.forms import FormAction
from rasa.core.policies.policy import Policy
from rasa.shared.core.constants import REQUESTED_SLOT, USER
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.server import RASA_LINE, tracker_copy

logger = logging.getLogger(__name__)
MEMO = "_carried_states"  # the attribute a tracker carries its memo in
ORIGINAL_APPLIED = DialogueStateTracker.__dict__["applied_events"]
ORIGINAL_PAST_STATES = DialogueStateTracker.__dict__["past_states"]
ORIGINAL_COPY = DialogueStateTracker.__dict__["copy"]
ORIGINAL_FORMAT = Policy.__dict__["format_tracker_states"]
ORIGINAL_TEMPORARY = FormAction.__dict__["_temporary_tracker"]
CHECK = os.environ.get("TRACKER_STATES_CHECK", "").strip() == "1"


class Memo(NamedTuple):
    """What was computed for a tracker's first `len(events)` events. Never changed once made."""

    events: Tuple[Event, ...]
    loop_names: FrozenSet[str]
    applied: Tuple[Event, ...]
    domain: Optional[str] = None  # the states below are for a domain with this key (_domain_key)
    states: Tuple[dict, ...] = ()  # the state before each ActionExecuted of applied[:replayed]
    replica: Optional[DialogueStateTracker] = None  # a tracker with applied[:replayed] replayed
    replayed: int = 0


def _loop_names(events) -> FrozenSet[str]:
    return frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)


def _fold(tracker: DialogueStateTracker, applied: List[Event], events, loop_names) -> None:
    """Rasa 3.6's `applied_events` loop over `events`, continuing `applied` in place (an undo
    may delete events anywhere after the previous loop run, not only at the end)."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            DialogueStateTracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            DialogueStateTracker._undo_till_previous(UserUttered, applied)
            DialogueStateTracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def _same(these, those) -> bool:
    return len(these) >= len(those) and all(map(operator.is_, itertools.islice(these, len(those)), those))


def _applied(tracker: DialogueStateTracker) -> Memo:
    """The memo for all of the tracker's events: the applied events folded on from the memo
    the tracker carries, and its states kept while what they were computed from still holds."""
    memo = tracker.__dict__.get(MEMO)
    if memo is not None and not _same(tracker.events, memo.events):
        memo = None
    events = tuple(tracker.events)
    if memo is not None and len(memo.events) == len(events):
        return memo
    new = events[len(memo.events) :] if memo is not None else events
    loop_names = memo.loop_names | _loop_names(new) if memo is not None else _loop_names(events)
    applied: List[Event] = []
    if memo is None or loop_names != memo.loop_names:  # a new form name changes earlier choices
        _fold(tracker, applied, events, loop_names)
    else:
        applied.extend(memo.applied)
        _fold(tracker, applied, new, loop_names)
    made = Memo(events, loop_names, tuple(applied))
    if memo is not None and memo.replica is not None and _same(applied, memo.applied[: memo.replayed]):
        # what the states were computed from is still the start of the applied events
        made = made._replace(
            domain=memo.domain, states=memo.states, replica=memo.replica, replayed=memo.replayed
        )
    tracker.__dict__[MEMO] = made
    return made


def applied_events(self: DialogueStateTracker) -> List[Event]:
    if type(self) is not DialogueStateTracker:
        return ORIGINAL_APPLIED(self)
    ours = list(_applied(self).applied)
    if CHECK:
        return _checked("applied_events", ours, ORIGINAL_APPLIED(self), self)
    return ours


def _checked(what: str, ours: Any, rasas: Any, tracker: DialogueStateTracker) -> Any:
    """TRACKER_STATES_CHECK=1: Rasa's own answer is computed too; a difference is logged and
    Rasa's answer used (for test runs, e.g. `TRACKER_STATES_CHECK=1 make test-e2e`)."""
    if ours != rasas:
        logger.error("tracker_states: %s differs from Rasa's for %s", what, tracker.sender_id)
        tracker.__dict__.pop(MEMO, None)
    return rasas


_DOMAIN_KEYS: Dict[int, Tuple[Any, str]] = {}


def _domain_key(domain: Any) -> str:
    """What the states depend on in a domain, as a key, worked out once per domain object: the
    rule policy's domain (loaded with the model's graph) and the tracker store's are equal but
    not the same object, and the store's may have other session settings (sessions.py)."""
    found = _DOMAIN_KEYS.get(id(domain))
    if found is not None and found[0]() is domain:
        return found[1]
    described = {k: v for k, v in domain.as_dict().items() if k != "session_config"}
    key = hashlib.sha256(json.dumps(described, sort_keys=True, default=str).encode()).hexdigest()
    _DOMAIN_KEYS[id(domain)] = (weakref.ref(domain), key)
    return key


def _state(domain: Any, tracker: DialogueStateTracker) -> dict:
    return domain._clean_state(domain.get_active_state(tracker, omit_unset_slots=False))


def _handed_out(state: dict) -> dict:
    """A copy a caller may delete keys from: Rasa's featurizer deletes the text or the intent
    from the user part (`_choose_last_user_input`, `_remove_user_text_if_intent`)."""
    user = state.get(USER)
    return {**state, USER: dict(user)} if isinstance(user, dict) else dict(state)


def _carried_states(tracker: DialogueStateTracker, domain: Any) -> Tuple[List[dict], DialogueStateTracker]:
    """The memo brought up to all of the tracker's events: (the states before each applied
    action, a tracker with every applied event replayed)."""
    memo, key = _applied(tracker), _domain_key(domain)
    if memo.replica is not None and memo.domain == key and memo.replayed == len(memo.applied):
        return list(memo.states), memo.replica  # nothing new: the replica is only read
    if memo.replica is not None and memo.domain == key:
        replica, states = tracker_copy.copy_of(memo.replica), list(memo.states)
    else:
        replica, states, memo = tracker.init_copy(), [], memo._replace(replayed=0)
    for event in memo.applied[memo.replayed :]:
        if isinstance(event, ActionExecuted):
            states.append(_state(domain, replica))
        replica.update(event)
    tracker.__dict__[MEMO] = memo._replace(
        domain=key, states=tuple(states), replica=replica, replayed=len(memo.applied)
    )
    return states, replica


def past_states(
    self: DialogueStateTracker,
    domain: Any,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Optional[dict] = None,
) -> List[dict]:
    if type(self) is not DialogueStateTracker or omit_unset_slots or ignore_rule_only_turns:
        return ORIGINAL_PAST_STATES(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    states, replica = _carried_states(self, domain)
    ours = [_handed_out(state) for state in states] + [_state(domain, replica)]
    if CHECK:
        return _checked("past_states", ours, ORIGINAL_PAST_STATES(self, domain), self)
    return ours


def copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """Rasa's `copy` replays every event into a new tracker (the processor copies the tracker
    for every action it runs); the kept tracker's copy gives the same tracker from its state."""
    if type(self) is not DialogueStateTracker:
        return ORIGINAL_COPY(self)
    return tracker_copy.copy_of(self)


def temporary_tracker(
    self: FormAction, current_tracker: DialogueStateTracker, additional_events: List[Event], domain: Any
) -> DialogueStateTracker:
    """Rasa's `FormAction._temporary_tracker` builds, twice per form run, a new tracker from every
    event since the latest restart (`from_events`: a replay of the session) plus the form's
    SlotSet, ActionExecuted and new events. Without a restart in the session those are the
    current tracker's events: the same tracker is its copy (tracker_copy.copy_of) with the
    attributes `from_events` leaves unset cleared and those events added."""
    if (
        type(current_tracker) is not DialogueStateTracker
        or current_tracker.events.maxlen is not None
        or current_tracker.idx_after_latest_restart() != 0
    ):
        return ORIGINAL_TEMPORARY(self, current_tracker, additional_events, domain)
    temporary = tracker_copy.copy_of(current_tracker)
    # from_events(sender_id, events, slots=...) builds with these left at their defaults.
    temporary.sender_source, temporary.is_rule_tracker = None, False
    temporary.model_id, temporary.assistant_id = None, None
    for event in [
        SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)),
        ActionExecuted(self.name()),
        *additional_events,
    ]:
        temporary.update(event)
    if CHECK:  # Rasa's construction, from the same event objects (the new ones carry their times)
        rasas = DialogueStateTracker.from_events(
            current_tracker.sender_id,
            current_tracker.events_after_latest_restart()
            + list(temporary.events)[len(current_tracker.events) :],
            slots=domain.slots,
        )
        if _comparable(temporary) != _comparable(rasas):
            logger.error("tracker_states: _temporary_tracker differs from Rasa's for %s", rasas.sender_id)
            return ORIGINAL_TEMPORARY(self, current_tracker, additional_events, domain)
    return temporary


def _comparable(tracker: DialogueStateTracker) -> tuple:
    """What a form reads from its temporary tracker, for TRACKER_STATES_CHECK."""
    from rasa.shared.core.trackers import EventVerbosity

    return (
        tracker.current_state(EventVerbosity.ALL),
        str(tracker.active_loop),
        {
            k: v
            for k, v in vars(tracker).items()
            if k in tracker_copy.SHARED - {"latest_message", "latest_bot_utterance"}
        },
    )


def format_tracker_states(states: List[dict]) -> str:
    """The rule policy formats every state of the session for a debug log line at each
    prediction, logged or not: formatted only when Rasa logs at debug level."""
    if logging.getLogger("rasa").isEnabledFor(logging.DEBUG):
        return ORIGINAL_FORMAT.__func__(states)
    return f"({len(states)} states; formatted at debug level)"


def prime(tracker: DialogueStateTracker, domain: Any) -> None:
    """Brings a kept tracker's memo up to its events, so each turn's copy starts from it."""
    if installed() and domain is not None:
        _carried_states(tracker, domain)


def install() -> bool:
    """Replaces `applied_events` and `past_states` with the carried-forward ones; False if
    this Rasa is not 3.6."""
    if not rasa.__version__.startswith(RASA_LINE):
        logger.warning(
            "tracker_states: written for Rasa %sx, found %s - not installed", RASA_LINE, rasa.__version__
        )
        return False
    DialogueStateTracker.applied_events = applied_events  # type: ignore[method-assign]
    DialogueStateTracker.past_states = past_states  # type: ignore[method-assign]
    DialogueStateTracker.copy = copy  # type: ignore[method-assign]
    Policy.format_tracker_states = staticmethod(format_tracker_states)  # type: ignore[method-assign]
    FormAction._temporary_tracker = temporary_tracker  # type: ignore[method-assign]
    return True


def uninstall() -> None:
    DialogueStateTracker.applied_events = ORIGINAL_APPLIED  # type: ignore[method-assign]
    DialogueStateTracker.past_states = ORIGINAL_PAST_STATES  # type: ignore[method-assign]
    DialogueStateTracker.copy = ORIGINAL_COPY  # type: ignore[method-assign]
    Policy.format_tracker_states = ORIGINAL_FORMAT  # type: ignore[method-assign]
    FormAction._temporary_tracker = ORIGINAL_TEMPORARY  # type: ignore[method-assign]


def installed() -> bool:
    return DialogueStateTracker.__dict__.get("past_states") is past_states
