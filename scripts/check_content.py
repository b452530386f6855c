"""Checks that the content is complete and the derived files are current; `--write` brings them up to date.

    .venv/bin/python scripts/check_content.py           # `make check-content`: names every missing piece
    .venv/bin/python scripts/check_content.py --write   # `make sync-content`: rewrites, then checks

The derived files (scripts/derived/pieces.py) are the topic intents, the role values,
the greeting's role buttons and the 999 answer in domain.yml, data/rules/topics.yml,
data/nlu/glossary_terms.yml and docs/ESCALATION_RULES.md. The checklist is in
knowledge_base/README.md.
"""

import argparse
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from actions.content.knowledge_base import KnowledgeBaseError, load_knowledge_base  # noqa: E402
from derived import completeness, pieces  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the derived files first")
    write = parser.parse_args().write
    try:
        kb = load_knowledge_base()
    except KnowledgeBaseError as error:
        print(f"The knowledge base does not load: {error}")
        return 1
    if write:
        for piece in pieces.stale(kb):
            piece.write(piece.render(kb))
            print(f"wrote {piece.name}")
    problems = completeness.missing(kb)
    problems += [f"{piece.name} is out of date: run `make sync-content`" for piece in pieces.stale(kb)]
    if problems:
        print(f"{len(problems)} thing(s) to do (checklist: knowledge_base/README.md):")
        print("\n".join(f"  - {problem}" for problem in problems))
        return 1
    print(f"Content complete: {len(kb.topics)} topics, derived files current.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
