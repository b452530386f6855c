"""Copies the knowledge base's emergency entry into domain.yml (utter_emergency*).

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
    """The two responses as domain.yml YAML, buttons included."""
    lines = ["  utter_emergency:", f"    - text: {json.dumps(answer['text'], ensure_ascii=False)}",
             "  utter_emergency_source:", f"    - text: {json.dumps(source['text'], ensure_ascii=False)}",
             "      buttons:"]
    for button in source["buttons"]:
        lines += [f"        - title: {json.dumps(button['title'], ensure_ascii=False)}",
                  f"          payload: {button['payload']}"]
    return "\n".join(lines)


def main() -> None:
    domain = ROOT / "domain.yml"
    text = domain.read_text()
    start = text.find("  utter_emergency:\n")
    if start < 0 or "  utter_emergency_source:" not in text[start:]:
        sys.exit("domain.yml: cannot find utter_emergency and utter_emergency_source")
    end = text.index("\n\n", text.index("  utter_emergency_source:", start))
    domain.write_text(text[:start] + response_block(*emergency_messages()) + text[end:])
    print("domain.yml: emergency responses updated; retrain with `make train`")


if __name__ == "__main__":
    main()
