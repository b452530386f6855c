"""Definitions written once, in knowledge_base/definitions.yml, and put into the text that names them.

A topic, the glossary, the quiz, the walk-through or the escalation helper writes
`{not_independently_mobile}`; the loaders replace it with the definition before
validating, so every reader gets the same words and no copy is kept by hand.
"""

import re
from typing import Any, Dict, Optional

_PATTERN = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def definition_problem(name: Any, text: Any) -> Optional[str]:
    """Why a definitions.yml entry is unusable, or None."""
    if not str(name).isidentifier() or not isinstance(text, str) or not text.strip():
        return "a definition is a name (letters, digits, _) and a text"
    if "{" in text or "}" in text:
        return "a definition cannot contain braces"
    return None


def fill_definitions(data: Any, definitions: Dict[str, str]) -> Any:
    """`data` (parsed YAML) with every `{name}` of a definition replaced by its text.

    Other placeholders ({mash}, {eds}) and escaped braces ({{...}}) are left for the renderers.
    """
    if isinstance(data, str):
        return _PATTERN.sub(lambda m: definitions.get(m.group(1), m.group(0)), data)
    if isinstance(data, list):
        return [fill_definitions(item, definitions) for item in data]
    if isinstance(data, dict):
        return {key: fill_definitions(value, definitions) for key, value in data.items()}
    return data
