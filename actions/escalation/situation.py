"""A situation told in a message -> what was understood, the route so far, the slots to start from.

The facts come from the situation reader (situation/reader.py) with the user's area's
clock (danger now has already been decided by the NLU's danger model). Facts not
stated are treated as "I don't know" for the route so far, so that it is never less
urgent than the guidance - except danger (the model has just judged the message not to
be an emergency; the reply says so and asks first) and, unless the time is out of hours,
"can it wait?" (the lead route already says to phone the EDS when it cannot). `tracker` is a rasa_sdk Tracker: only its
events and latest message are read, so this module stays free of Rasa.
"""

from dataclasses import replace
from typing import Any, Dict, List, Optional

from actions.content.interactive import Escalation
from actions.content.knowledge_base import KnowledgeBase
from actions.escalation.decision import UNKNOWN, Rule, decide, situation_questions
from situation.clock import OfficeHours
from situation.detect import GENERAL, describes_situation
from situation.reader import normalise, read

NOT_TOPICS = {"describe_situation", "nlu_fallback", "emergency", "escalation_helper", "out_of_scope"}


def follow_up_text(tracker, clock: OfficeHours) -> Optional[str]:
    """The previous message and this one together, when this one only adds details ("she's 3 months,
    not rolling yet") to a concern about a child told just before; None otherwise."""
    users = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2 or users[-1].startswith("/") or users[-2].startswith("/"):
        return None
    latest = read(users[-1], clock)
    details = {k: v for k, v in latest.answers().items() if k != "esc_concern"}
    if not details or GENERAL.search(normalise(users[-1])):
        return None
    combined = f"{users[-2]}. {users[-1]}"
    return combined if describes_situation(combined, read(combined, clock)) else None


def route_so_far(
    answers: Dict[str, Optional[str]], rules: List[Rule], calm: bool = False, harm_unsure: bool = False
):
    """The decision for these answers, with the open questions taken as "I don't know".

    Out of hours, "can it wait?" unsaid is taken as "I don't know" (the EDS) - unless the
    message is `calm` (the danger model found no cue of danger at all in it): then a concern
    no rule makes urgent gets the safeguarding lead's route, which says to phone the EDS if it
    cannot wait, and the question follows. A calm "the kids are fine, mum's low" on Christmas
    Day is not sent to the EDS; "dad's come to collect her drunk" at 18:30 still is.
    Whether harm is significant, unasked, counts as "no" unless `harm_unsure` (the harm model
    leans towards it): then as "I don't know", which refers."""
    open_questions = [q for q in situation_questions(answers, rules) if answers.get(q) is None]
    # A disclosure's injury is asked, not assumed: most disclosures come without one. Whether harm
    # is significant is read by meaning when the message shows it (harm_model.py), else asked.
    unasked = ("esc_danger", "esc_can_wait", "esc_known", "esc_harm") + (
        ("esc_injury_kind",) if answers.get("esc_concern") == "disclosure" else ()
    )
    assumed = {q: UNKNOWN for q in open_questions if q not in unasked}
    waits = answers.get("esc_can_wait")
    if answers.get("esc_office_hours") == "out_of_hours":
        assumed["esc_can_wait"] = waits or ("yes" if calm else UNKNOWN)
    assumed["esc_danger"] = answers.get("esc_danger") or "no"
    if harm_unsure and "esc_harm" in open_questions:
        assumed["esc_harm"] = UNKNOWN
    decision = decide({**answers, **assumed}, rules)
    if decision.route == "next_working_day" and waits is None:
        decision = replace(decision, route="safeguarding_lead")  # not said that it can wait
    return decision, open_questions


def labels_of(answers: Dict[str, Optional[str]], content: Escalation) -> str:
    """The answers as the result repeats them back: "a baby not yet mobile; out of hours"."""
    labels = content.answer_labels
    return "; ".join(labels[q][a] for q, a in answers.items() if a and a in labels.get(q, {}))


def understood(answers: Dict[str, Optional[str]], content: Escalation) -> str:
    said = labels_of(answers, content)
    return content.situation.understood.format(facts=said) if said else ""


def related_topic(tracker, kb: KnowledgeBase) -> List[Dict[str, Any]]:
    """The topic the classifier heard, offered as a button beside the route."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    topic = next(
        (r["name"] for r in ranking if r.get("name") in kb.topics and r["name"] not in NOT_TOPICS), None
    )
    return [{"title": kb.topics[topic].title, "payload": f"/{topic}"}] if topic else []
