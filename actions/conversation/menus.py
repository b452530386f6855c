"""Menus: the help menu and its groups, "did you mean", and the role picker.

All buttons send `/intent` payloads, so a click triggers the intent directly
instead of being parsed again. What they say is in knowledge_base/menu.yml and roles.yml.
"""

from typing import Dict, List, Optional

from actions.answers.render import Message
from actions.content.loaded import KNOWLEDGE_BASE

SAYS = KNOWLEDGE_BASE.menu.prompts


def _offerable() -> List[str]:
    """Topic-like intents "did you mean" may offer (never chit-chat)."""
    return [t for group in KNOWLEDGE_BASE.menu.groups.values() for t in group.topics]


def _button(topic_id: str) -> Dict[str, str]:
    return {"title": KNOWLEDGE_BASE.label(topic_id), "payload": f"/{topic_id}"}


def help_menu() -> List[Message]:
    groups = KNOWLEDGE_BASE.menu.groups
    return [
        {
            "text": SAYS.intro,
            "buttons": [
                {"title": group.title, "payload": f'/help_group{{"group":"{key}"}}'}
                for key, group in groups.items()
            ],
        }
    ]


def group_named(text: str) -> Optional[str]:
    """The group a typed message names, by the longest alias it contains."""
    text = " ".join(text.lower().split())
    found = [
        (len(alias), key)
        for key, group in KNOWLEDGE_BASE.menu.groups.items()
        for alias in [group.title.lower(), *group.aliases]
        if alias in text
    ]
    return max(found)[1] if found else None


def help_group(key: Optional[str], text: str = "") -> List[Message]:
    group = KNOWLEDGE_BASE.menu.groups.get(key or "") or KNOWLEDGE_BASE.menu.groups.get(
        group_named(text) or ""
    )
    if group is None:
        return help_menu()
    return [{"text": SAYS.group.format(title=group.title), "buttons": [_button(t) for t in group.topics]}]


def did_you_mean(ranking: List[dict], limit: int = 3) -> List[Message]:
    """The 2-3 likeliest topics as buttons, plus "something else"."""
    offerable = set(_offerable())
    likely = [r["name"] for r in ranking if r.get("name") in offerable][:limit]
    buttons = [_button(t) for t in likely] + [{"title": SAYS.something_else, "payload": "/help"}]
    return [{"text": SAYS.did_you_mean, "buttons": buttons}]


def or_did_you_mean(topic_id: str) -> List[Message]:
    return [{"text": SAYS.or_did_you_mean, "buttons": [_button(topic_id)]}]


def danger_first() -> List[Message]:
    return [{"text": " ".join(SAYS.danger_first.split())}]


def second_miss() -> List[Message]:
    return [{"text": SAYS.second_miss}] + help_menu()


def which_topic() -> List[Message]:
    """A follow-up before any answer: ask which topic, and show the menu."""
    return [{"text": SAYS.which_topic}] + help_menu()


def role_picker(text: str, intent: str = "tell_role") -> List[Message]:
    """A button per role of knowledge_base/roles.yml, each setting the slot `role` (or, for
    role_view, showing that role's view)."""
    roles = KNOWLEDGE_BASE.roles
    return [{"text": text, "buttons": [roles.button(role_id, intent) for role_id in roles.roles]}]
