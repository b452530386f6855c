"""Copies the knowledge base's emergency entry into domain/emergency.yml (utter_emergency*).

The 999 answer must work with the action server down, so it is a domain
response; the knowledge base stays the one place it is edited. Run this after
editing actions/knowledge_base/topics/emergency.yml (a unit test checks they match).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.knowledge_base import load_knowledge_base  # noqa: E402
from actions.local_contacts import LocalContacts  # noqa: E402
from actions.render import Renderer  # noqa: E402


def emergency_messages() -> list:
    """The emergency answer as the action would render it with no local contacts set."""
    return Renderer(load_knowledge_base(), LocalContacts()).topic("emergency")


def response_block(answer: dict, source: dict) -> str:
    """The two responses as domain YAML, buttons included."""
    lines = ["  utter_emergency:", f"    - text: {json.dumps(answer['text'], ensure_ascii=False)}",
             "  utter_emergency_source:", f"    - text: {json.dumps(source['text'], ensure_ascii=False)}",
             "      buttons:"]
    for button in source["buttons"]:
        lines += [f"        - title: {json.dumps(button['title'], ensure_ascii=False)}",
                  f"          payload: {button['payload']}"]
    return "\n".join(lines)


HEADER = """version: "3.1"

# Generated from actions/knowledge_base/topics/emergency.yml by
# scripts/sync_emergency_response.py: edit the knowledge base, then run it.
# A plain response, so the 999 answer works with the action server down.
responses:
"""


def main() -> None:
    target = ROOT / "domain" / "emergency.yml"
    target.write_text(HEADER + response_block(*emergency_messages()) + "\n")
    print(f"{target.relative_to(ROOT)}: emergency responses updated; retrain with `make train`")


if __name__ == "__main__":
    main()
