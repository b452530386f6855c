"""Load and validate the content of the escalation helper, walk-through and quiz.

Same rules as actions/content/knowledge_base.py: read once at start-up, and a bad edit
stops the action server with the file and field named. Learning point numbers
and source keys must exist in the knowledge base.
"""

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pydantic import Field, root_validator, validator

from actions.content.definitions import fill_definitions
from actions.content.knowledge_base import (
    KB_DIR,
    KnowledgeBase,
    KnowledgeBaseError,
    Strict,
    _parse,
    _read_yaml,
    placeholders_in,
)
from actions.escalation.decision import ANSWERS, DAYS, LEVELS, OfficeHours, Rule

ESCALATION_PLACEHOLDERS = {"mash", "eds", "partnership"}


# --- escalation helper ----------------------------------------------------------------


class Button(Strict):
    title: str
    payload: str


class Question(Strict):
    text: str
    # The injury question needs nine: seven kinds, "no injury" and "I don't know".
    options: List[Button] = Field(min_items=2, max_items=9)


class Route(Strict):
    title: str
    related: List[str] = Field(min_items=1, max_items=3)
    text: str


class ResultWords(Strict):
    heading: str
    you_said: str
    next_steps: str
    record: str
    learning_points: str


class OfficeHoursConfig(Strict):
    timezone: str = "Europe/London"
    days: List[str] = Field(min_items=1)
    start: str = Field(regex=r"^([01]\d|2[0-3]):[0-5]\d$")
    end: str = Field(regex=r"^([01]\d|2[0-3]):[0-5]\d$")

    @validator("days", each_item=True)
    def known_day(cls, day: str) -> str:
        if day not in DAYS:
            raise ValueError(f"'{day}' is not one of {list(DAYS)}")
        return day

    def clock(self) -> OfficeHours:
        return OfficeHours(self.timezone, tuple(self.days), self.start, self.end)


class SituationWords(Strict):
    """How a situation told in a message is answered: what was understood, the route so far."""

    understood: str
    route_so_far: str
    danger_not_described: str
    danger_unsure: str
    questions_follow: str
    noted: str
    related: str
    time_from_clock: str


class Escalation(Strict):
    office_hours: OfficeHoursConfig
    intro: str
    questions: Dict[str, Question]
    resume_prefix: str
    danger_reminder: str
    not_understood: str
    stopped: str
    now_taken_as: str
    routes: Dict[str, Route]
    paediatric: str
    emergency_department: str
    situation: "SituationWords"
    notes: Dict[str, str]
    next_steps: Dict[str, List[str]]
    record: Dict[str, List[str]]
    answer_labels: Dict[str, Dict[str, str]]
    words: ResultWords
    disclaimer: str
    sources: List[str] = Field(min_items=1)

    @validator("questions")
    def every_question(cls, questions: Dict[str, Question]) -> Dict[str, Question]:
        if set(questions) != set(ANSWERS):
            raise ValueError(f"must be exactly {sorted(ANSWERS)}")
        return questions

    @validator("routes")
    def every_route(cls, routes: Dict[str, Route]) -> Dict[str, Route]:
        expected = {"999", "eds", "mash", "mash_or_eds", "safeguarding_lead", "next_working_day"}
        if set(routes) != expected:
            raise ValueError(f"must be exactly {sorted(expected)}")
        return routes


class RuleSource(Strict):
    keys: List[str] = Field(min_items=1)
    where: str


class RuleRow(Strict):
    """A row of escalation_rules.yml; `when` names questions and answers of actions/escalation/decision.py."""

    id: str = "default"
    when: Dict[str, List[str]] = {}
    route: str
    paediatric: bool = False
    emergency_department: bool = False
    learning_points: List[int] = []
    why: str
    source: RuleSource

    @validator("route")
    def known_level(cls, route: str) -> str:
        if route not in LEVELS:
            raise ValueError(f"'{route}' is not one of {list(LEVELS)}")
        return route

    @validator("when")
    def known_answers(cls, when: Dict[str, List[str]]) -> Dict[str, List[str]]:
        for question, answers in when.items():
            if question not in ANSWERS:
                raise ValueError(f"unknown question '{question}'; use {list(ANSWERS)}")
            wrong = set(answers) - set(ANSWERS[question])
            if wrong:
                raise ValueError(
                    f"{question}: unknown answer(s) {sorted(wrong)}; use {list(ANSWERS[question])}"
                )
        return when

    def rule(self) -> Rule:
        when = {q: tuple(a) for q, a in self.when.items()}
        return Rule(
            self.id, when, self.route, self.paediatric, tuple(self.learning_points), self.emergency_department
        )


class EscalationRules(Strict):
    default: RuleRow
    rules: List[RuleRow] = Field(min_items=1)

    @validator("rules")
    def unique_ids(cls, rules: List[RuleRow]) -> List[RuleRow]:
        ids = [r.id for r in rules]
        if len(set(ids)) != len(ids):
            raise ValueError("rule ids must be unique")
        return rules

    def table(self) -> List[Rule]:
        return [row.rule() for row in self.rules]


# --- walk-through ---------------------------------------------------------------------


class Option(Strict):
    text: str
    feedback: str
    best: bool = False


class Stage(Strict):
    title: str
    happened: str
    discussion_prompt: Optional[str] = None
    question: str
    options: List[Option] = Field(min_items=3, max_items=4)
    learning_points: List[int] = Field(min_items=1)

    @validator("options")
    def at_most_one_best(cls, options: List[Option]) -> List[Option]:
        if sum(o.best for o in options) > 1:
            raise ValueError("at most one option may be `best`")
        return options

    @property
    def scored(self) -> bool:
        return any(o.best for o in self.options)


class WalkthroughWords(Strict):
    """The fixed words of walkthrough.yml (`words:`); every one is required."""

    stage: str
    discussion_prompt: str
    question: str
    best: str
    best_was: str
    reflection: str
    you_chose: str
    learning_points: str
    first_choice_counts: str
    first_stage: str
    score: str
    end: str
    stopped: str
    where: str
    next_button: str
    summary_button: str
    back_button: str
    repeat_button: str
    skip_button: str
    stop_button: str
    start_again_button: str
    quiz_button: str
    learning_points_button: str
    not_caught: str
    talk_it_through: str
    room_heading: str
    room_stage: str
    room_best_was: str
    room_not_answered: str


class WalkthroughScript(Strict):
    title: str
    intro: str
    stages: List[Stage] = Field(min_items=6, max_items=8)
    summary: str
    sources: List[str] = Field(min_items=1)
    words: WalkthroughWords


# --- quiz -----------------------------------------------------------------------------


class QuizSources(Strict):
    learning_points: List[int] = []
    guidance: List[str] = []

    @root_validator(skip_on_failure=True)
    def at_least_one(cls, values):
        if not values.get("learning_points") and not values.get("guidance"):
            raise ValueError("cite at least one learning point or source")
        return values


class QuizQuestion(Strict):
    id: str
    topics: List[str] = Field(min_items=1)
    question: str
    options: List[str] = Field(min_items=3, max_items=4)
    answer: int
    explanation: str
    sources: QuizSources

    @validator("options")
    def distinct(cls, options: List[str]) -> List[str]:
        if len({o.strip().lower() for o in options}) != len(options):
            raise ValueError("options must differ")
        return options

    @validator("answer")
    def one_of_the_options(cls, answer: int, values) -> int:
        options = values.get("options") or []
        if not 0 <= answer < len(options):
            raise ValueError(f"must be the index of one option (0-{len(options) - 1})")
        return answer


class QuizTopic(Strict):
    title: str
    keywords: List[str] = Field(min_items=1)


class QuizWords(Strict):
    """The fixed words of quiz.yml (`words:`); every one is required."""

    intro_topic: str
    intro_topic_short: str
    intro_mixed: str
    how_to_answer: str
    question: str
    correct: str
    not_known: str
    wrong: str
    end: str
    stopped: str
    where: str
    another_round: str
    walkthrough_button: str
    learning_points_button: str
    not_caught: str
    cannot_go_back: str


class Quiz(Strict):
    round_size: int = Field(ge=1)
    words: QuizWords
    topics: Dict[str, QuizTopic]
    questions: List[QuizQuestion] = Field(min_items=20)

    @validator("questions")
    def unique_ids(cls, questions: List[QuizQuestion]) -> List[QuizQuestion]:
        ids = [q.id for q in questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate ids {duplicates}")
        return questions

    def by_id(self) -> Dict[str, QuizQuestion]:
        return {q.id: q for q in self.questions}


# --- loading --------------------------------------------------------------------------


def _check(kb: KnowledgeBase, path: Path, where: str, points=(), sources=()) -> None:
    for number in points:
        if number not in kb.learning_points:
            raise KnowledgeBaseError(f"{path}: {where}: no learning point {number}")
    for key in sources:
        if key not in kb.sources:
            raise KnowledgeBaseError(f"{path}: {where}: unknown source '{key}'")


def load_escalation(kb: KnowledgeBase, directory: Path = KB_DIR) -> Escalation:
    path = directory / "escalation.yml"
    content = _parse(Escalation, fill_definitions(_read_yaml(path), kb.definitions), path)
    _check(kb, path, "sources", sources=content.sources)
    texts = [
        content.intro,
        content.paediatric,
        *content.notes.values(),
        *(r.text for r in content.routes.values()),
        *(s for steps in content.next_steps.values() for s in steps),
    ]
    unknown = placeholders_in(texts) - ESCALATION_PLACEHOLDERS - {"office_hours"}
    if unknown:
        raise KnowledgeBaseError(f"{path}: unknown placeholder(s) {sorted(unknown)}")
    for question, answers in ANSWERS.items():
        missing = set(answers) - set(content.answer_labels.get(question, {}))
        if missing:
            raise KnowledgeBaseError(f"{path}: answer_labels.{question}: no label for {sorted(missing)}")
    for key, route in content.routes.items():
        for topic in route.related:
            if topic not in kb.topics:
                raise KnowledgeBaseError(f"{path}: routes.{key}.related: unknown topic '{topic}'")
    return content


def load_escalation_rules(kb: KnowledgeBase, directory: Path = KB_DIR) -> EscalationRules:
    path = directory / "escalation_rules.yml"
    content = _parse(EscalationRules, _read_yaml(path), path)
    for row in [content.default, *content.rules]:
        _check(kb, path, f"rules[{row.id}]", points=row.learning_points, sources=row.source.keys)
    if content.default.when or content.default.route != "lead":
        raise KnowledgeBaseError(f"{path}: default: the default applies always and routes to `lead`")
    return content


def load_walkthrough(kb: KnowledgeBase, directory: Path = KB_DIR) -> WalkthroughScript:
    path = directory / "walkthrough.yml"
    content = _parse(WalkthroughScript, fill_definitions(_read_yaml(path), kb.definitions), path)
    _check(kb, path, "sources", sources=content.sources)
    for number, stage in enumerate(content.stages, 1):
        _check(kb, path, f"stages[{number}].learning_points", points=stage.learning_points)
    return content


def load_quiz(kb: KnowledgeBase, directory: Path = KB_DIR) -> Quiz:
    path = directory / "quiz.yml"
    content = _parse(Quiz, fill_definitions(_read_yaml(path), kb.definitions), path)
    for question in content.questions:
        where = f"questions[{question.id}]"
        _check(kb, path, f"{where}.sources", question.sources.learning_points, question.sources.guidance)
        unknown = set(question.topics) - set(content.topics)
        if unknown:
            raise KnowledgeBaseError(f"{path}: {where}.topics: unknown topic(s) {sorted(unknown)}")
    return content


def load_all(kb: KnowledgeBase, directory: Path = KB_DIR) -> Tuple[Escalation, WalkthroughScript, Quiz]:
    return load_escalation(kb, directory), load_walkthrough(kb, directory), load_quiz(kb, directory)
