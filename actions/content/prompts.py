"""The fixed words of the conversation that belong to no topic (knowledge_base/prompts.yml)."""

from pathlib import Path
from typing import Dict

from actions.content.knowledge_base import KB_DIR, Strict, _parse, _read_yaml


class ActivityPrompts(Strict):
    nothing_running: str
    walkthrough_button: str
    quiz_button: str
    helper_button: str
    resume_offer: str
    continue_button: str
    stop_button: str
    ended_by_emergency: str


class FeedbackPrompts(Strict):
    """ "Was this helpful?" and the reasons after a "no" (id -> button title, in order)."""

    question: str
    yes_button: str
    no_button: str
    thanks_yes: str
    ask_reason: str
    reasons: Dict[str, str]
    thanks_reason: str
    no_topic: str


class AreaPrompts(Strict):
    confirmed: str
    fixed: str
    not_found: str
    pick: str
    none_configured: str


class PersonPrompts(Strict):
    local_heading: str
    consultation: str
    mash: str
    eds: str
    choose_area: str


class SummaryPrompts(Strict):
    heading: str
    intro: str
    nothing_yet: str
    next_steps: str
    record: str
    sources: str
    area: str
    footer: str
    helper: str
    activities: Dict[str, str]


class AnswerWords(Strict):
    """The words around a topic answer and its follow-ups (actions/answers/render.py)."""

    follow_up_buttons: Dict[str, str]  # intent -> button title, in the order shown
    role_note: str
    next_steps: str
    role_view_heading: str
    more_heading: str
    next_steps_heading: str
    why_luke_heading: str
    out_of_hours_heading: str
    sources_heading: str
    source_learning_point: str
    source_local: str
    source_national: str
    reviewed: str
    unknown_term: str
    term_more: str


class Prompts(Strict):
    privacy_reminder: str
    answers: AnswerWords
    unavailable: str  # read by the Rasa server's action guard
    activity: ActivityPrompts
    feedback: FeedbackPrompts
    areas: AreaPrompts
    person: PersonPrompts
    summary: SummaryPrompts


def load_prompts(directory: Path = KB_DIR) -> Prompts:
    path = directory / "prompts.yml"
    return _parse(Prompts, _read_yaml(path), path)
