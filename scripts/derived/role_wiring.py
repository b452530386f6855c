"""The roles in domain.yml: the values of the slot `role` and the greeting's role buttons,
written from knowledge_base/roles.yml so that the domain cannot drift from it."""

import json

from actions.content.knowledge_base import ROOT, KnowledgeBase
from derived.regions import Region

SLOT_VALUES = Region(ROOT / "domain.yml", "role values")
GREET_BUTTONS = Region(ROOT / "domain.yml", "role buttons")


def slot_values(kb: KnowledgeBase) -> str:
    return "".join(f"      - {role_id}\n" for role_id in kb.roles.roles)


def greet_buttons(kb: KnowledgeBase) -> str:
    """The quick-start roles in roles.yml's `greet` order, then the button that opens the picker."""
    buttons = [kb.roles.button(role_id) for role_id in kb.roles.greet]
    buttons.append({"title": kb.roles.greet_picker, "payload": "/tell_role"})
    return "".join(
        f"        - title: {json.dumps(b['title'], ensure_ascii=False)}\n"
        f"          payload: '{b['payload']}'\n"
        for b in buttons
    )
