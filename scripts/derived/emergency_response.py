"""The 999 answer as domain responses (utter_emergency, utter_emergency_source) in domain.yml.

The 999 answer must work with the action server down, so it is a domain
response; knowledge_base/topics/emergency.yml stays the one place it is edited.
Its source message has a variation for the web page's channel: the same custom
payload the action server sends there (actions/base.py), so the page renders every
source line from data, this one included.
"""

import json

from actions.answers.citations import PAGE_CHANNEL, for_channel
from actions.answers.render import Renderer
from actions.content.knowledge_base import ROOT, KnowledgeBase
from actions.content.local_contacts import LocalContacts
from derived.regions import Region

RESPONSES = Region(ROOT / "domain.yml", "the 999 answer")


def emergency_messages(kb: KnowledgeBase) -> list:
    """The emergency answer as the action would render it with no local contacts set."""
    return Renderer(kb, LocalContacts()).topic("emergency")


def response_block(kb: KnowledgeBase) -> str:
    """The two responses as domain YAML, buttons included, and the web page's variation."""
    answer, source = emergency_messages(kb)
    page = for_channel(source, PAGE_CHANNEL)["json_message"]
    lines = [
        "  utter_emergency:",
        f"    - text: {json.dumps(answer['text'], ensure_ascii=False)}",
        "  utter_emergency_source:",
        f"    - text: {json.dumps(source['text'], ensure_ascii=False)}",
        "      buttons:",
    ]
    for button in source["buttons"]:
        lines += [
            f"        - title: {json.dumps(button['title'], ensure_ascii=False)}",
            f"          payload: {button['payload']}",
        ]
    lines += [f"    - channel: {PAGE_CHANNEL}", f"      custom: {json.dumps(page, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n"
