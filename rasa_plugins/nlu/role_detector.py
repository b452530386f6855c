"""Finds who the user says they are (entity `role`), by word list, not by learning.

"I'm a practice nurse", "as a childminder, ...", "I work in a nursery" set the
role whatever the question is; a bare role word ("should the GP attend?") does
not, unless the message is about roles (tell_role / role_view). A word list is
predictable and testable, and the topic examples keep the role words they need
without teaching DIET that every "GP" is the user.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

WORDS_FILE = Path(__file__).with_name("role_words.yml")
ROLE_INTENTS = ("tell_role", "role_view")
# "I'm a", "I am the DSL at a", "as a", "I work in a", "working as a" ... then the role.
GAP = r"(?:a|an|the|in|at|as|for|dsl|lead|designated|safeguarding|senior|trainee|locum|qualified|based|working|one|of)"
SELF = rf"\b(?:i'?m|im|i am|as|i work|working)\b(?:\W+{GAP}\b){{0,4}}\W+"


def load_role_words(path: Path = WORDS_FILE) -> Dict[str, List[str]]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["roles"]


@lru_cache(maxsize=None)
def _pattern(phrase: str, any_mention: bool) -> "re.Pattern":
    """Compiled once per phrase, not on every message."""
    word = rf"\b{re.escape(phrase)}\b"
    return re.compile(word if any_mention else SELF + word, re.I)


def find_role(text: str, words: Dict[str, List[str]], any_mention: bool) -> Optional[Tuple[str, int, int]]:
    """(role, start, end) of the longest role phrase the user applies to themselves."""
    best = None
    for role, phrases in words.items():
        for phrase in phrases:
            for match in _pattern(phrase, any_mention).finditer(text):
                start = match.end() - len(phrase)
                if best is None or len(phrase) > best[2] - best[1]:
                    best = (role, start, match.end())
    return best


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RoleDetector(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, words: Dict[str, List[str]]) -> None:
        self.words = words

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RoleDetector:
        return cls(load_role_words())

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            found = find_role(message.get(TEXT) or "", self.words, intent in ROLE_INTENTS)
            if found:
                role, start, end = found
                entity = {
                    "entity": "role",
                    "value": role,
                    "start": start,
                    "end": end,
                    "confidence_entity": 1.0,
                    "extractor": "RoleDetector",
                }
                others = [e for e in message.get(ENTITIES, []) if e.get("entity") != "role"]
                message.set(ENTITIES, others + [entity], add_to_output=True)
        return messages
