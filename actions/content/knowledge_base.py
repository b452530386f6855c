"""Load and validate the knowledge base (YAML under knowledge_base/).

Validation happens once, when the action server imports this module, so a bad
edit stops the server at start-up with the file and field named, instead of
failing at the first practitioner's question.
"""

import datetime
import re
import string
from pathlib import Path
from typing import ClassVar, Dict, List, Optional, Set

import yaml
from pydantic import BaseModel, Field, ValidationError, root_validator, validator

from actions.content.definitions import definition_problem, fill_definitions

ROOT = Path(__file__).resolve().parents[2]
KB_DIR = ROOT / "knowledge_base"

PLACEHOLDERS = ("mash", "eds", "lado", "partnership", "learning_points")
CONTACTS = ("mash", "eds", "lado", "partnership")
# In an answer's word count, a contact placeholder counts as a word; anything else in braces
# (the learning point list, a definition) does not.
UNCOUNTED = re.compile(r"\{(?!(?:" + "|".join(CONTACTS) + r")\})\w+\}")
ANSWER_WORDS = (60, 150)
DO_NOW_WORDS = 25


class KnowledgeBaseError(Exception):
    """A knowledge base file is missing, malformed or inconsistent."""


class Strict(BaseModel):
    class Config:
        extra = "forbid"
        allow_mutation = False


class Source(Strict):
    title: str
    url: str = Field(regex=r"^https?://\S+$")
    kind: str = Field(regex=r"^(law|national|local)$")


class LearningPoint(Strict):
    short: str
    text: str


class GlossaryTerm(Strict):
    aliases: List[str] = []
    meaning: str
    topic: Optional[str] = None
    own_topic: bool = False

    @validator("own_topic")
    def needs_a_topic(cls, own_topic: bool, values: dict) -> bool:
        if own_topic and not values.get("topic"):
            raise ValueError("own_topic needs a topic")
        return own_topic


class TopicSources(Strict):
    learning_points: List[int]
    guidance: List[str] = Field(min_items=1)


class Topic(Strict):
    id: str
    title: str
    # The one thing to do now, shown first in bold: a GP in a hurry reads this line.
    do_now: str
    do_now_by_role: Dict[str, str] = {}
    answer: str
    next_steps: List[str] = Field(min_items=1, max_items=5)
    # Follow-ups: "tell me more", "why does this matter in Luke's case?", and
    # "what about out of hours?" (without it, the Emergency Duty Service answer).
    more: str
    in_lukes_case: str
    out_of_hours: Optional[str] = None
    roles: Dict[str, str] = {}
    sources: TopicSources
    related: List[str] = []
    reviewed_on: datetime.date

    @validator("answer")
    def answer_length(cls, answer: str) -> str:
        # The learning point list and definitions (definitions.yml) are put in later and not counted.
        words = len(UNCOUNTED.sub("", answer).split())
        low, high = ANSWER_WORDS
        if not low <= words <= high:
            raise ValueError(f"has {words} words; keep it between {low} and {high}")
        return answer

    @validator("do_now")
    def short_action(cls, do_now: str) -> str:
        if len(do_now.split()) > DO_NOW_WORDS:
            raise ValueError(f"has {len(do_now.split())} words; keep it to {DO_NOW_WORDS}")
        return do_now

    @validator("do_now_by_role")
    def short_actions_by_role(cls, lines: Dict[str, str]) -> Dict[str, str]:
        for role, line in lines.items():
            if len(line.split()) > DO_NOW_WORDS:
                raise ValueError(f"{role}: has {len(line.split())} words; keep it to {DO_NOW_WORDS}")
        return lines

    def action_for(self, role: Optional[str]) -> str:
        return self.do_now_by_role.get(role or "", self.do_now)

    def texts(self) -> List[str]:
        """Every piece of text shown to a user, for placeholder and phone checks."""
        extras = [self.out_of_hours] if self.out_of_hours else []
        return [
            self.title,
            self.do_now,
            *self.do_now_by_role.values(),
            self.answer,
            *self.next_steps,
            self.more,
            self.in_lukes_case,
            *extras,
            *self.roles.values(),
        ]


class Prompts(Strict):
    """Fixed sentences the assistant says; PLACES names the {placeholders} each may use,
    so a typo fails at start-up rather than as a KeyError mid-conversation."""

    PLACES: ClassVar[Dict[str, Set[str]]] = {}

    @root_validator(skip_on_failure=True)
    def known_placeholders(cls, values: dict) -> dict:
        for field, text in values.items():
            allowed = cls.PLACES.get(field, set())
            unknown = placeholders_in([text]) - allowed
            if unknown:
                raise ValueError(f"{field}: unknown placeholder(s) {sorted(unknown)}; use {sorted(allowed)}")
        return values


class Role(Strict):
    label: str  # in answers: "For GPs: ..."
    button: str  # the role picker's button and the web page's list
    says: str  # the user's turn when picked from the web page's list


class RolePrompts(Prompts):
    PLACES = {"confirmed": {"label"}, "your_view": {"title"}, "no_note": {"label"}}
    pick: str
    pick_view: str
    confirmed: str
    your_view: str
    no_note: str


class Roles(Strict):
    """knowledge_base/roles.yml: the one list of roles (the values of the slot `role`)."""

    roles: Dict[str, Role]
    greet: List[str]
    greet_picker: str
    prompts: RolePrompts

    @validator("roles")
    def slot_values(cls, roles: Dict[str, Role]) -> Dict[str, Role]:
        if not roles:
            raise ValueError("list at least one role")
        for role_id in roles:
            if not role_id.isidentifier() or not role_id.islower():
                raise ValueError(f"'{role_id}': a role id is lower case letters, digits and _")
        return roles

    @validator("greet", each_item=True)
    def greet_known_roles(cls, role_id: str, values: dict) -> str:
        if role_id not in values.get("roles", {}):
            raise ValueError(f"unknown role '{role_id}'")
        return role_id

    def label(self, role_id: str) -> str:
        return self.roles[role_id].label

    def button(self, role_id: str, intent: str = "tell_role") -> Dict[str, str]:
        """A button that sends the role as the entity `role` (the picker's, the greeting's)."""
        return {"title": self.roles[role_id].button, "payload": f'/{intent}{{"role":"{role_id}"}}'}


class MenuGroup(Strict):
    title: str
    topics: List[str] = Field(min_items=2)
    # Words that name the group when typed ("show me the training topics"), lower case.
    aliases: List[str] = []


class MenuPrompts(Prompts):
    PLACES = {"group": {"title"}}
    intro: str
    group: str
    did_you_mean: str
    something_else: str
    danger_first: str
    or_did_you_mean: str
    second_miss: str
    which_topic: str


class Menu(Strict):
    """The help menu: topic groups, labels for topics with no knowledge base entry, and what
    the menus say."""

    groups: Dict[str, MenuGroup]
    labels: Dict[str, str] = {}
    prompts: MenuPrompts


class KnowledgeBase(Strict):
    # definitions.yml, already put into every text that names one: kb.definitions["not_independently_mobile"].
    definitions: Dict[str, str]
    topics: Dict[str, Topic]
    sources: Dict[str, Source]
    learning_points: Dict[int, LearningPoint]
    glossary: Dict[str, GlossaryTerm]
    menu: Menu
    roles: Roles

    def label(self, topic_id: str) -> str:
        """A topic's button title."""
        topic = self.topics.get(topic_id)
        return topic.title if topic else self.menu.labels[topic_id]

    def find_term(self, text: str) -> Optional[str]:
        """The glossary key whose name or alias appears in `text`, longest first."""
        needle = f" {_normalise(text)} "
        candidates = []
        for key, term in self.glossary.items():
            for name in (key, *term.aliases):
                if f" {_normalise(name)} " in needle:
                    candidates.append((len(name), key))
        return max(candidates)[1] if candidates else None


def _normalise(text: str) -> str:
    kept = "".join(c.lower() if c.isalnum() else " " for c in text)
    return " ".join(kept.split())


def _read_yaml(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeBaseError(f"{path}: cannot read YAML: {error}") from error
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{path}: expected a mapping at the top level")
    return data


def _parse(model, data, path: Path, key: str = ""):
    try:
        return model.parse_obj(data)
    except ValidationError as error:
        where = f"{path}" + (f" [{key}]" if key else "")
        raise KnowledgeBaseError(f"{where}: {field_errors(error)}") from error


def and_join(items: List[str]) -> str:
    """Items joined as a sentence says them: "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def field_errors(error: ValidationError) -> str:
    """A pydantic error as 'field.path: message; ...' (a YAML writer thinks in field paths)."""
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc'] if p != '__root__')}: {e['msg']}" for e in error.errors()
    )


def placeholders_in(texts: List[str]) -> Set[str]:
    """The {placeholder} names used in some texts."""
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def _check_references(kb: KnowledgeBase, topic_files: Dict[str, Path]) -> None:
    for topic_id, topic in kb.topics.items():
        path = topic_files[topic_id]
        if topic.id != path.stem:
            raise KnowledgeBaseError(f"{path}: id: '{topic.id}' must match the file name")
        for key in topic.sources.guidance:
            if key not in kb.sources:
                raise KnowledgeBaseError(f"{path}: sources.guidance: unknown source '{key}'")
        if not any(kb.sources[k].kind in ("law", "national") for k in topic.sources.guidance):
            raise KnowledgeBaseError(f"{path}: sources.guidance: cite at least one law or national source")
        for number in topic.sources.learning_points:
            if number not in kb.learning_points:
                raise KnowledgeBaseError(f"{path}: sources.learning_points: no learning point {number}")
        for related in topic.related:
            if related not in kb.topics:
                raise KnowledgeBaseError(f"{path}: related: unknown topic '{related}'")
        for field, keys in (("roles", topic.roles), ("do_now_by_role", topic.do_now_by_role)):
            unknown = sorted(set(keys) - set(kb.roles.roles))
            if unknown:
                raise KnowledgeBaseError(
                    f"{path}: {field}: unknown role(s) {unknown}; use those of roles.yml {list(kb.roles.roles)}"
                )
        for text in topic.texts():
            for name in placeholders_in([text]):
                if name not in PLACEHOLDERS:
                    raise KnowledgeBaseError(
                        f"{path}: unknown placeholder '{{{name}}}'; use {list(PLACEHOLDERS)}"
                    )
    menu_path = KB_DIR / "menu.yml"
    for key, group in kb.menu.groups.items():
        for topic_id in group.topics:
            if topic_id not in kb.topics and topic_id not in kb.menu.labels:
                raise KnowledgeBaseError(
                    f"{menu_path} [{key}]: topics: '{topic_id}' has no knowledge base entry or label"
                )
    for key, term in kb.glossary.items():
        if term.topic and term.topic not in kb.topics:
            raise KnowledgeBaseError(
                f"{KB_DIR / 'glossary.yml'} [{key}]: topic: unknown topic '{term.topic}'"
            )


def load_roles(directory: Path = KB_DIR) -> Roles:
    """roles.yml alone: the web page server needs the roles, not the whole knowledge base."""
    return _parse(Roles, _read_yaml(directory / "roles.yml"), directory / "roles.yml")


def _with_definitions(topic: Topic, definitions: Dict[str, str]) -> Topic:
    """The topic, validated as written (a definition is not counted), with its definitions put in."""
    texts = ("title", "do_now", "do_now_by_role", "answer", "next_steps", "more", "in_lukes_case")
    texts += ("out_of_hours", "roles")
    return topic.copy(update={field: fill_definitions(getattr(topic, field), definitions) for field in texts})


def load_definitions(directory: Path = KB_DIR) -> Dict[str, str]:
    """definitions.yml as {name: text}: the helper's Python can use the same words as the content."""
    path = directory / "definitions.yml"
    section = _read_yaml(path).get("definitions")
    if not isinstance(section, dict) or not section:
        raise KnowledgeBaseError(f"{path}: missing its top-level mapping `definitions`")
    for name, text in section.items():
        problem = definition_problem(name, text)
        if problem:
            raise KnowledgeBaseError(f"{path} [{name}]: {problem}")
    return {name: " ".join(text.split()) for name, text in section.items()}


def load_knowledge_base(directory: Path = KB_DIR) -> KnowledgeBase:
    """Read every knowledge base file, put in the definitions, validate it, and check cross-references."""
    definitions = load_definitions(directory)
    topic_files = {path.stem: path for path in sorted((directory / "topics").glob("*.yml"))}
    if not topic_files:
        raise KnowledgeBaseError(f"{directory / 'topics'}: no topic files found")
    topics = {
        topic_id: _with_definitions(_parse(Topic, _read_yaml(path), path), definitions)
        for topic_id, path in topic_files.items()
    }
    sections = {}
    for name, model in (
        ("sources", Source),
        ("learning_points", LearningPoint),
        ("glossary", GlossaryTerm),
    ):
        path = directory / ("glossary.yml" if name == "glossary" else f"{name}.yml")
        section = fill_definitions(_read_yaml(path), definitions).get("terms" if name == "glossary" else name)
        if not isinstance(section, dict):
            raise KnowledgeBaseError(f"{path}: missing its top-level mapping")
        sections[name] = {key: _parse(model, value, path, key) for key, value in section.items()}
    menu = _parse(Menu, _read_yaml(directory / "menu.yml"), directory / "menu.yml")
    kb = KnowledgeBase(
        definitions=definitions, topics=topics, menu=menu, roles=load_roles(directory), **sections
    )
    _check_references(kb, topic_files)
    return kb
