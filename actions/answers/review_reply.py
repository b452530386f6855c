"""Which questions are answered from the review's own sentences, and what is said.

A question the NLU reads as `ask_review` is about the review itself: quoted when the review
states it, else "the review doesn't say" (never the nearest sentence as a guess). A question
read as a case topic (case_summary, case_outcome) keeps the topic's own summary unless one of
that section's sentences answers it closely ("what did the CT scan show?"), or it asks for a
kind of fact the review never records ("was anyone prosecuted?"). A question that names the
review ("what does the review say about ...", "the learning on ...") read as a topic the review
has a learning point for gets that learning point quoted word for word first, then the topic's
own answer ("what did the review say about HVs and GP practices?": learning point 5, then the
liaison answer) - unless another sentence of the review answers it closely and the topic's
learning points do not ("did Luke's mum's partner live with them?" read as key adults: the case
sentence alone). Read as the list of learning points, or not understood, it gets the sentence
that answers it closely. A learning point named by number ("what does learning point 4 say?",
"the last learning point") is always quoted. Everything else keeps its usual answer: plain topic
questions and, above all, the 999 answer (a domain response that never comes here).
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence

from actions.answers.review import Found, ReviewIndex, Statement, quoted, topic_of
from actions.content.knowledge_base import KnowledgeBase, KnowledgeBaseError
from actions.content.review_settings import ReviewSettings

ASK_REVIEW = "ask_review"
FALLBACK = "nlu_fallback"
# The case topics and the review section each retells.
CASE_SECTIONS = {"case_summary": "Case Study Luke", "case_outcome": "Update on Luke"}
# Never answered from the review, even when a learning point is named.
NEVER = {"emergency", "glossary", "out_of_scope"}
# Read as a term to define, a question naming a learning point by number ("what's in LP 2")
# still gets that learning point.
NAMED_ONLY = {"glossary"}


@dataclass(frozen=True)
class Reply:
    messages: List[dict]
    # The slot `topic` after it; None when the review is silent (the slot is left as it was).
    topic: Optional[str]
    # The topic's own answer follows the quote (ActionAnswerTopic renders it).
    then_topic: bool = False


def reply(
    question: str,
    intent: str,
    index: ReviewIndex,
    kb: KnowledgeBase,
    settings: ReviewSettings,
    readings: Sequence[str] = (),
) -> Optional[Reply]:
    """The review's answer to `question` read as `intent`, or None to answer as usual;
    `readings`: the NLU's readings best first, `nlu_fallback` left out (used when it is `intent`)."""
    is_topic = intent in kb.topics and intent not in NEVER
    asked = is_topic or intent in (ASK_REVIEW, FALLBACK, *NAMED_ONLY)
    if not asked or not question.strip() or question.startswith("/"):
        return None  # a button's payload ("/case_summary") asks for the topic itself
    named = index.named(question)
    if intent in NAMED_ONLY:
        return quote(named, kb, settings) if named else None
    if named:  # filed under the topic asked about when it is that learning point's own topic
        point = named.statements[0].learning_point
        points = kb.topics[intent].sources.learning_points if is_topic else []
        covers = point in points and len(points) < len(kb.learning_points)  # not the list of them all
        return quote(named, kb, settings, intent if covers else None)
    if intent == ASK_REVIEW:
        found = index.find(question)
        return quote(found, kb, settings) if found else not_stated(kb, settings)
    if intent in CASE_SECTIONS:
        if index.silent_on(question):
            return not_stated(kb, settings)
        section = CASE_SECTIONS[intent]
        found = index.find(question, settings.topic_min_score, keep=lambda s: s.heading == section)
        return quote(found, kb, settings, intent) if found else None
    if intent == FALLBACK:
        return unsure(question, index, kb, settings, readings)
    if not names_the_review(question, settings):
        if not asks_what_happened(question):
            return None
        # "did early help use a graded care profile?": a sentence of the case that states it closely.
        found = index.find(question, settings.topic_min_score, keep=lambda s: s.heading in CASE_HEADINGS)
        return quote(found, kb, settings, intent, then_topic=True) if found else None
    # The topic's own answer follows the quote: the NLU's reading is kept, and the slot `topic`.
    points = set(kb.topics[intent].sources.learning_points)
    everything = len(points) == len(kb.learning_points)  # the list of the learning points
    keep = (lambda s: s.learning_point is not None) if everything else None
    found = index.find(question, settings.topic_min_score, keep=keep)  # what states it closely
    if points and not everything:  # else the topic's own learning point(s), however weakly matched
        own = index.find(question, 0.0, keep=lambda s: s.learning_point in points)
        if own and not (found and best(found).learning_point not in points and found.score > own.score):
            found = own
    return quote(found, kb, settings, intent, then_topic=True) if found else None


def unsure(
    question: str, index: ReviewIndex, kb: KnowledgeBase, settings: ReviewSettings, readings: Sequence[str]
) -> Optional[Reply]:
    """Not understood: the review's sentence when the question names the review, or one of its
    two likeliest readings is a question about the review ("was it 18 hrs a week at nursery",
    "head CT result?"), and one sentence answers it closely; "the review doesn't say" when it asks
    for a kind of fact the review never records. Else None: "did you mean", as usual (a case topic
    as a reading says too little: "social care updates and worries")."""
    about = ASK_REVIEW in readings[:2]
    if not (about or names_the_review(question, settings)):
        return None
    if index.silent_on(question):
        return not_stated(kb, settings) if about else None
    found = index.find(question, settings.topic_min_score)
    return quote(found, kb, settings) if found else None


CASE_HEADINGS = set(CASE_SECTIONS.values())
# A question about what happened, not about practice: "were there neglect concerns in the past",
# "did early help hold family network meetings" - never the asker's own case ("did I ...").
WHAT_HAPPENED = re.compile(r"^\s*(?:was|were|did|had)\b")
ASKERS_OWN = re.compile(r"\b(?:i|i'm|i've|we|we're|my|our|you|your|me|us)\b", re.IGNORECASE)


def asks_what_happened(question: str) -> bool:
    said = question.replace("\u2019", "'")
    return bool(WHAT_HAPPENED.search(said.lower())) and not ASKERS_OWN.search(said)


def names_the_review(question: str, settings: ReviewSettings) -> bool:
    """The question asks what the review says ("what did the review say about ...", "in Luke's case")."""
    said = " ".join(question.replace("\u2019", "'").split())  # curly apostrophes, extra spaces
    return any(re.search(rf"(?<!\w){re.escape(cue)}", said, re.IGNORECASE) for cue in settings.review_cues)


def best(found: Found) -> Statement:
    return max(found.statements, key=lambda s: found.ranks.get(s.position, 0.0))


def quote(
    found: Found,
    kb: KnowledgeBase,
    settings: ReviewSettings,
    topic: Optional[str] = None,
    then_topic: bool = False,
) -> Reply:
    """The quote, filed under `topic` (the topic the NLU read), else the best statement's topic;
    the topic it is filed under is offered first, then what the review covers - unless the
    topic's own answer follows (`then_topic`), which brings its own buttons."""
    filed = topic or topic_of(best(found), settings)
    messages = quoted(found, kb, settings)
    if then_topic:
        return Reply(messages, filed, then_topic=True)
    topics = [t for t in dict.fromkeys([filed, *settings.offer_topics]) if t]
    messages[-1] = {**messages[-1], "buttons": buttons(kb, topics)}
    return Reply(messages, filed)


def not_stated(kb: KnowledgeBase, settings: ReviewSettings) -> Reply:
    return Reply([{"text": settings.not_stated, "buttons": buttons(kb, settings.offer_topics)}], None)


def buttons(kb: KnowledgeBase, topics: List[str]) -> List[dict]:
    return [{"title": kb.topics[t].title, "payload": f"/{t}"} for t in topics]


def check_topics(settings: ReviewSettings, kb: KnowledgeBase) -> None:
    """Every topic and learning point review_answers.yml names exists (checked at start-up)."""
    named = [
        *settings.offer_topics,
        *settings.section_topics.values(),
        *settings.learning_point_topics.values(),
    ]
    missing = sorted({t for t in named if t not in kb.topics})
    if missing:
        raise KnowledgeBaseError(f"knowledge_base/review_answers.yml: no such topic: {', '.join(missing)}")
    unknown = sorted(set(settings.learning_point_topics) - set(kb.learning_points))
    if unknown:
        raise KnowledgeBaseError(f"knowledge_base/review_answers.yml: no such learning point: {unknown}")
