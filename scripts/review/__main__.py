"""make review: the content owner's report from the stored conversations.

    .venv/bin/python -m scripts.review [--endpoints endpoints.yml] [--since 2026-11-01]
        [--until 2026-11-30] [--out results/review/review.html] [--json figures.json]

Reads the tracker store of the endpoints file (ENDPOINTS, default endpoints.yml, as
`make serve` and `make purge` do), writes one HTML page and prints a short summary.
"""

import argparse
import dataclasses
import datetime
import json
import os
import sys
import warnings
from pathlib import Path
from typing import List, Optional

from scripts.review import analysis, report, store

DEFAULT_OUT = "results/review/review.html"


def day_start(value: str) -> float:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"dates are YYYY-MM-DD, not {value!r}") from None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp()


def summary(result: analysis.Review, out: Path) -> str:
    yes = sum(n["yes"] for n in result.feedback.values())
    no = sum(n["no"] for n in result.feedback.values())
    period = f" ({result.period[0]} to {result.period[1]})" if result.period[0] else ""
    return (
        f"{result.questions} questions in {result.conversations} conversations{period}: "
        f"{100 * result.rate('fallback'):.0f}% did you mean, {100 * result.rate('out_of_scope'):.0f}% out of "
        f"scope, {result.kinds.get('low_confidence', 0)} low confidence; {len(result.groups)} missed-question "
        f"group(s); feedback {yes} helpful, {no} not helpful\n-> {out}"
    )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", default=os.environ.get("ENDPOINTS") or "endpoints.yml")
    parser.add_argument("--since", help="first day to include, YYYY-MM-DD (UTC)")
    parser.add_argument("--until", help="last day to include, YYYY-MM-DD (UTC)")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"the HTML page to write (default {DEFAULT_OUT})")
    parser.add_argument("--json", help="also write the figures as JSON here (for scripts and tests)")
    args = parser.parse_args(argv)
    since = day_start(args.since) if args.since else None
    until = day_start(args.until) + 86400 if args.until else None
    if not Path(args.endpoints).exists():
        raise SystemExit(f"{args.endpoints} not found")
    with warnings.catch_warnings():  # the action server's content: topic titles, reason labels
        warnings.simplefilter("ignore")
        from actions.answers.feedback import helpful
        from actions.content.loaded import KNOWLEDGE_BASE, PROMPTS

    engine = store.tracker_store_engine(args.endpoints)
    if engine.dialect.name == "sqlite" and engine.url.database and not Path(engine.url.database).exists():
        conversations = {}  # nothing stored yet: an empty report, not a new database file
    else:
        conversations = store.read_events(engine, until)
    topics = set(KNOWLEDGE_BASE.topics)
    result = analysis.review(conversations, topics, helpful, since=since, until=until)
    titles = {topic_id: topic.title for topic_id, topic in KNOWLEDGE_BASE.topics.items()}
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.render(result, titles, PROMPTS.feedback.reasons, generated), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(dataclasses.asdict(result), indent=1), encoding="utf-8")
    print(summary(result, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
