"""The escalation helper in Rasa: start, the form's questions and validation, the result, stop.

The logic is in actions/escalation/decision.py and the words in knowledge_base/escalation.yml;
these classes only move slots and messages.
"""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.activities.actions import cleared as cleared_activity
from actions.base import actions_newest_first, send
from actions.content.loaded import AREAS, CONTACTS, ESCALATION, PROMPTS, RULES, clock_for, renderer_for
from actions.content.loaded import KNOWLEDGE_BASE as KB
from actions.conversation.area_actions import area_said
from actions.conversation.areas import choose_area
from actions.escalation.decision import (
    HARM_CONCERNS,
    QUESTIONS,
    UNKNOWN,
    URGENCY,
    decide,
    required_questions,
    situation_questions,
)
from actions.escalation.render import render_decision
from actions.escalation.situation import (
    follow_up_text,
    labels_of,
    related_topic,
    route_so_far,
    understood,
)
from actions.escalation.words import NOT_ANSWERS, QUESTION_WORDS, interpret
from situation.meaning import outranks
from situation.reader import NOW, read

FORM = "escalation_form"
TOPIC = "escalation_helper"
SITUATION = "describe_situation"


def answers(tracker: Tracker) -> Dict[str, Any]:
    return {q: tracker.get_slot(q) for q in QUESTIONS}


def reset() -> List[Dict[Text, Any]]:
    return [SlotSet(q, None) for q in QUESTIONS] + [
        SlotSet("esc_retries", None),
        SlotSet("esc_situation", None),
    ]


class ActionStartEscalation(Action):
    """First turn: sets `topic`, forgets any earlier run and ends a quiz or walk-through."""

    def name(self) -> Text:
        return "action_start_escalation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if intent == SITUATION:
            messages, facts = situation_start(tracker, (tracker.latest_message or {}).get("text") or "")
            send(dispatcher, tracker, messages)
            return [SlotSet("topic", TOPIC), *reset(), *cleared_activity(), *situation_slots(facts)]
        dispatcher.utter_message(text=f"**Escalation helper**\n{ESCALATION.intro.strip()}")
        return [SlotSet("topic", TOPIC), *reset(), *cleared_activity()]


def situation_slots(facts: Dict[str, str]) -> List[Dict[Text, Any]]:
    return [SlotSet(q, v) for q, v in facts.items()] + [SlotSet("esc_situation", True)]


def detail_added(tracker: Tracker):
    """(messages, events) when the latest message adds details to a situation told just before:
    the route for both together, then the helper's remaining questions; None otherwise."""
    combined = follow_up_text(tracker, clock_for(tracker.get_slot("area")))
    if combined is None:
        return None
    messages, facts = situation_start(tracker, combined)
    events = [SlotSet("topic", TOPIC), *reset(), *cleared_activity(), *situation_slots(facts)]
    return messages, events + [FollowupAction(FORM)]


def situation_start(tracker: Tracker, text: str):
    """(messages, answers) for a situation told in a message: what was understood, the route
    those facts give, and a note that the questions which could still change it follow."""
    # Danger is not read from the words unless they say the child is safe: the danger model has
    # already sent any emergency to the 999 answer, and the reply asks about danger first.
    clock = clock_for(tracker.get_slot("area"))
    answers = read(text, clock).answers()
    hint = (tracker.latest_message or {}).get("situation_concern")
    if hint in ("injury", "neglect", "disclosure", "violence", "adult", "other"):
        # heard by meaning: the words named no concern, or a less worrying one (situation_detector.py)
        answers["esc_concern"] = hint
    harm = _harm_read(tracker.latest_message)
    weighs_harm = answers.get("esc_concern") in HARM_CONCERNS
    if weighs_harm and harm:
        answers["esc_harm"] = harm  # read by meaning (harm_model.py)
    # Leaning towards significant harm but not sure: asked, and until then the route "I don't know" gives.
    leaning = (
        weighs_harm and not harm and ((tracker.latest_message or {}).get("harm_reading") or {}).get("leaning")
    )
    seen = understood(answers, ESCALATION)
    untimed = answers.get("esc_office_hours") is None
    if untimed:  # the route is for now: the clock says which door (MASH or EDS)
        answers["esc_office_hours"] = clock.answer_for()
    lines = route_lines(tracker, answers, bool(leaning))
    if untimed and lines:
        label = ESCALATION.answer_labels["esc_office_hours"][answers["esc_office_hours"]]
        taken = " ".join(ESCALATION.situation.time_from_clock.split())
        lines.insert(2, taken.format(now=clock.time_now(), label=label))  # after the heading and the route
    text = "\n".join([seen, *lines]) if lines else seen or ESCALATION.situation.questions_follow
    if ((tracker.latest_message or {}).get("danger") or {}).get("unsure"):
        text = "\n".join([" ".join(ESCALATION.situation.danger_unsure.split()), text])
    return [{"text": text, "buttons": related_topic(tracker, KB)}], answers


def _harm_read(message: Dict[str, Any]):
    """What the harm model reads in this message: "yes" (likely significant harm), "not_seen" (a
    description with no sign of it), or None (not sure: the helper asks)."""
    reading = (message or {}).get("harm_reading") or {}
    return "yes" if reading.get("significant") else "not_seen" if reading.get("not_seen") else None


def route_lines(tracker: Tracker, answers: Dict[str, Any], harm_unsure: bool = False) -> List[str]:
    """The route these answers give so far, while questions that could change it remain
    (none when the helper's result is about to follow); `harm_unsure`: significant harm
    unanswered counts as "I don't know"."""
    calm = not ((tracker.latest_message or {}).get("danger") or {}).get("cue", True)
    decision, open_questions = route_so_far(answers, RULES, calm, harm_unsure)
    if not open_questions or decision.route == "999":
        return []
    words = ESCALATION.situation
    fill = lambda text: " ".join(text.split()).format_map(renderer_for(tracker.get_slot("area")).values)  # noqa: E731
    route = ESCALATION.routes[decision.route]
    lines = [words.route_so_far.format(title=route.title), fill(route.text)]
    if decision.emergency_department:
        lines.append(fill(ESCALATION.emergency_department))
    elif decision.paediatric:
        lines.append(fill(ESCALATION.paediatric))
    if answers.get("esc_danger") is None and not ((tracker.latest_message or {}).get("danger") or {}).get(
        "unsure"
    ):
        lines.append(fill(words.danger_not_described))
    return lines + [fill(words.questions_follow)]


class ValidateEscalationForm(FormValidationAction):
    """Reads each answer from buttons or free text; asks only the questions that matter."""

    def name(self) -> Text:
        return "validate_escalation_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        if tracker.get_slot("esc_situation"):
            return situation_questions(answers(tracker), RULES)
        return required_questions(answers(tracker), RULES)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        """An answer the helper cannot place is asked again (with the buttons), never handed
        to the out-of-scope reply or an unrelated topic; a question still gets its answer.
        "I work in Sampleton" (or an area button) changes the area and the question is asked
        again, with that area's office hours; the result uses its numbers."""
        if ((tracker.latest_message or {}).get("danger") or {}).get("reminder"):
            dispatcher.utter_message(text=" ".join(ESCALATION.danger_reminder.split()))
        moved = _area_turn(tracker)
        if moved is not None:
            send(dispatcher, tracker, moved[0])
            # A slot event keeps the form running: Rasa then asks the same question again.
            return [SlotSet("area", moved[1] or tracker.get_slot("area"))]
        events = await super().run(dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot")
        filled = any(e.get("event") == "slot" and e.get("name") == requested for e in events)
        noted = _details(tracker, {e.get("name") for e in events if e.get("event") == "slot"})
        if noted:
            # "she's 3 months, not rolling yet": noted, and the route those facts now give.
            said = ESCALATION.situation.noted.format(facts=labels_of(dict(noted), ESCALATION))
            now = {**answers(tracker), **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
            now.update(dict(noted))
            given = {q: v for q, v in now.items() if q in QUESTIONS and v is not None}
            dispatcher.utter_message(text="\n".join([said, *route_lines(tracker, given)]))
            events += [SlotSet(q, v) for q, v in noted]
        elif requested and not filled and _an_unplaced_answer(tracker):
            dispatcher.utter_message(text=" ".join(ESCALATION.not_understood.split()))
            events.append(SlotSet("esc_retries", (tracker.get_slot("esc_retries") or 0) + 1))
        return events


def _area_turn(tracker: Tracker):
    """(messages, area or None) when the latest message is about where the user works
    rather than an answer: a self-description naming a configured area (whatever the intent,
    by the rule of actions/conversation/areas.py), or the tell_area intent (an area button,
    "change my area": the areas offered) unless its words answer the question asked. None for
    anything else, read as an answer."""
    area = area_said(tracker)
    if area:
        return choose_area(area, "", CONTACTS, AREAS, PROMPTS)
    message = tracker.latest_message or {}
    if (message.get("intent") or {}).get("name") != "tell_area":
        return None
    text, slot = message.get("text") or "", tracker.get_slot("requested_slot")
    if slot and not text.startswith("/"):
        if interpret(slot, "inform", {}, text, clock_for(tracker.get_slot("area"))) is not None:
            return None  # "neglect - the family moved here from Sampleton": an answer naming a place
    named = next(tracker.get_latest_entity_values("area"), None)
    if not named and len(CONTACTS.names()) > 1 and not (message.get("text") or "").startswith("/"):
        return choose_area(None, message.get("text") or "", CONTACTS, AREAS, PROMPTS)
    return choose_area(named, "", CONTACTS, AREAS, PROMPTS)


# Answers that tell what happened ("not now, but she told me this morning..."): a day or time in
# them is when it happened, and the office-hours question is still asked.
NARRATIVE = ("esc_danger", "esc_concern", "esc_injury_kind", "esc_injury")


def _details(tracker: Tracker, already: set) -> List[tuple]:
    """Facts a free-text message adds beyond the question asked ("she's 3 months, not rolling yet",
    "it's round, like a cigarette burn"): each question not yet answered, answered "I don't know",
    or answered before in a way the new words make more worrying - never a change that would
    lower the route."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    intent = (message.get("intent") or {}).get("name")
    words = " ".join(text.lower().split())
    if (
        not text.strip()
        or text.startswith("/")
        or intent in NOT_ANSWERS
        or "?" in words
        or QUESTION_WORDS.search(words)
    ):
        return []  # a question mid-helper is answered as a question
    given = {q: v for q, v in answers(tracker).items() if v is not None}
    asked = tracker.get_slot("requested_slot")
    noted = []
    for q, v in read(text, clock_for(tracker.get_slot("area")), now_is_the_clock=False).answers().items():
        current = given.get(q)
        if q in already or v == UNKNOWN or v == current:
            continue
        if q == "esc_office_hours" and (current not in (None, UNKNOWN) or asked in NARRATIVE):
            # the time was given, or this answer tells what happened: "he's back at 6", "she
            # strangled her on saturday" are other events' times, not the time now
            continue
        if current not in (None, UNKNOWN) and not _at_least_as_urgent({**given, q: v}, given):
            continue
        noted.append((q, v))
        given[q] = v
    return noted


def _at_least_as_urgent(changed: Dict[str, Any], before: Dict[str, Any]) -> bool:
    new, _ = route_so_far(changed, RULES)
    old, _ = route_so_far(before, RULES)
    rank = lambda d: (URGENCY[d.route], d.emergency_department, d.paediatric)  # noqa: E731
    return rank(new) >= rank(old)


def _an_unplaced_answer(tracker: Tracker) -> bool:
    return _placeable(tracker.latest_message or {})


def _described(message: Dict[str, Any]) -> bool:
    """More than a word or two: a description, not a stray reply."""
    return len((message.get("text") or "").split()) >= 2


def _placeable(message: Dict[str, Any]) -> bool:
    """Free text that could be an answer: not a button, a command or a question."""
    text = " ".join((message.get("text") or "").lower().split())
    intent = (message.get("intent") or {}).get("name")
    return (
        bool(text)
        and not text.startswith("/")
        and intent not in NOT_ANSWERS
        and "?" not in text
        and not QUESTION_WORDS.search(text)
    )


def _extractor(slot: str):
    def extract(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != slot:
            return {}
        message = tracker.latest_message or {}
        entities = {e.get("entity"): str(e.get("value")) for e in message.get("entities") or []}
        clock = clock_for(tracker.get_slot("area"))
        value = interpret(
            slot, (message.get("intent") or {}).get("name"), entities, message.get("text") or "", clock
        )
        reading = message.get("concern_reading")
        if slot == "esc_concern" and _placeable(message) and (value is None or outranks(reading, value)):
            # Words the reader does not know, or a more worrying kind than they named, read by
            # meaning (rasa_plugins/nlu/concern_model.py).
            value = (reading or {}).get("kind") or value
        if slot == "esc_concern" and value is None and _placeable(message) and _described(message):
            # A worry described in words no kind names ("poor housing, damp"): another concern,
            # whose harm question (read by meaning first) decides the route - not asked again.
            value = "other"
        if slot == "esc_harm" and value is None and _placeable(message) and _harm_read(message) == "yes":
            value = "yes"  # "she's been missing three nights and came back with a new phone"
        if value is None:
            return {}
        said_now = entities.get("answer") == "now" or bool(NOW.search((message.get("text") or "").lower()))
        if slot == "esc_office_hours" and said_now:
            label = ESCALATION.answer_labels[slot][value]
            dispatcher.utter_message(
                text=" ".join(ESCALATION.now_taken_as.split()).format(now=clock.time_now(), label=label)
            )
        harm = _harm_read(message) if _placeable(message) else None
        if slot == "esc_concern" and value in HARM_CONCERNS and harm:
            return {slot: value, "esc_harm": harm}  # the concern as described, read by meaning
        return {slot: value}

    extract.__name__ = f"extract_{slot}"
    return extract


for _slot in QUESTIONS:
    setattr(ValidateEscalationForm, f"extract_{_slot}", _extractor(_slot))


class AskQuestion(Action):
    """Asks one question with its buttons; after an interruption, says we are back in the helper."""

    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        question = ESCALATION.questions[self.slot]
        clock = clock_for(tracker.get_slot("area"))
        values = {"office_hours": clock.describe(), "now": clock.describe_now()}
        text = " ".join(question.text.split()).format(**values)
        if _returning(tracker):
            text = f"{ESCALATION.resume_prefix}\n{text}"
        buttons = [
            {"title": b.title.format(**values), "payload": b.payload.format(**values)}
            for b in question.options
        ]
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


def _returning(tracker: Tracker) -> bool:
    """True when something else answered the user's last message (a topic question mid-form)."""
    for name in actions_newest_first(tracker):
        if name == FORM or name.startswith("action_ask_") or name == "validate_escalation_form":
            continue
        return name not in ("action_listen", "action_start_escalation")
    return False


ASK_ACTIONS = [type(f"Ask_{slot}", (AskQuestion,), {"slot": slot}) for slot in QUESTIONS]


class ActionEscalationResult(Action):
    """After the form: the route, next steps, what to record and the learning points."""

    def name(self) -> Text:
        return "action_escalation_result"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        given = answers(tracker)
        decision = decide({**given, "esc_danger": given["esc_danger"] or "unknown"}, RULES)
        area = tracker.get_slot("area")
        result = render_decision(decision, given, ESCALATION, KB, renderer_for(area), clock_for(area))
        send(dispatcher, tracker, result)
        return [SlotSet("topic", TOPIC), *reset()]


class ActionStopEscalation(Action):
    """ "stop" mid-form: says so and forgets the answers (a rule then deactivates the form)."""

    def name(self) -> Text:
        return "action_stop_escalation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        dispatcher.utter_message(text=" ".join(ESCALATION.stopped.split()))
        return [*reset(), SlotSet("requested_slot", None)]
