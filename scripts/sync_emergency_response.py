"""Copies the knowledge base's emergency entry into domain.yml (utter_emergency*).

The 999 answer must work with the action server down, so it is a domain
response; the knowledge base stays the one place it is edited. Run this after
editing actions/knowledge_base/topics/emergency.yml (a unit test checks they match).
"""

import json
import re
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


def main() -> None:
    answer, source = emergency_messages()
    domain = ROOT / "domain.yml"
    text = domain.read_text()
    for name, value in (("utter_emergency", answer["text"]), ("utter_emergency_source", source["text"])):
        text, count = re.subn(
            rf"(  {name}:\n    - text: ).*\n",
            lambda match: match.group(1) + json.dumps(value, ensure_ascii=False) + "\n",
            text,
        )
        if count != 1:
            sys.exit(f"domain.yml: cannot find the response {name}")
    domain.write_text(text)
    print("domain.yml: emergency responses updated; retrain with `make train`")


if __name__ == "__main__":
    main()
