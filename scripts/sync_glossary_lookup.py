"""Writes data/nlu/glossary_terms.yml (lookup table + synonyms of the entity `term`)
from the glossary, so the NLU knows every term and alias the knowledge base defines.

Usage: .venv/bin/python scripts/sync_glossary_lookup.py   (then `make train`)
tests/unit/test_glossary.py fails when the file is out of date.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.knowledge_base import load_knowledge_base  # noqa: E402

TARGET = ROOT / "data" / "nlu" / "glossary_terms.yml"


def render() -> str:
    glossary = load_knowledge_base().glossary
    lines = ['version: "3.1"', "",
             "# Generated from actions/knowledge_base/glossary.yml by",
             "# scripts/sync_glossary_lookup.py: edit the glossary, then run it.",
             "nlu:", "- lookup: term", "  examples: |"]
    names = {n.lower(): n for key, term in glossary.items() for n in (*term.aliases, key)}
    names = sorted(names.values(), key=str.lower)
    lines += [f"    - {name}" for name in names]
    for key, term in glossary.items():
        aliases = [a for a in term.aliases if a.lower() != key.lower()]
        if aliases:
            lines += [f"- synonym: {key}", "  examples: |"] + [f"    - {a}" for a in aliases]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render())
    print(f"{TARGET.relative_to(ROOT)} written; retrain with `make train`")
