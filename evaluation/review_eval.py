"""`make eval-review`: questions about the Luke review through the full bot (action server +
Rasa server, REST), one new conversation each.

A question file (default: evaluation/review/dev_questions.yml, the development set) lists
`questions`, each with `text` and either `sentences` (the review's own sentences that state
the answer) and `section` ("Case Study Luke", "Update on Luke" or "learning point N"), or
`not_stated: true`. Scored:
- right sentence: every listed sentence is in the bot's replies (white space collapsed, HTML
  tags dropped); with the section: the section is named there too;
- not stated, answered plainly: the reply says "The review doesn't say" and quotes none of
  the review's sentences;
- topic questions unaffected (evaluation/review/topic_questions.yml, or --topics FILE): the
  slot `topic` is the expected topic after the turn and no review answer was given instead;
  an emergency gets its 999 answer.
Usage: .venv/bin/python evaluation/review_eval.py [QUESTIONS.yml] [--topics FILE | --no-topics]
Writes results/eval/review.json (every turn with its replies).
"""

import argparse
import json
import re
import sys
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evaluation" / "review" / "dev_questions.yml"
TOPICS = ROOT / "evaluation" / "review" / "topic_questions.yml"
OUT = ROOT / "results" / "eval"
TAG = re.compile(r"<[^>]+>")
NOT_STATED = re.compile(r"\bthe review (?:doesn't|does not) say\b", re.IGNORECASE)
# The line that opens a review quote (knowledge_base/review_answers.yml `intro`).
QUOTED = "The review says, in its own words:"
EMERGENCY = "999"


def collapse(text: str) -> str:
    """White space collapsed and HTML tags dropped ("24<sup>th</sup>" reads "24th")."""
    return " ".join(TAG.sub("", text).split())


def load_questions(path: Path) -> List[Dict]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("questions") or []


def load_topic_questions(path: Path) -> List[Dict]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("topic_questions") or []


def names_section(reply: str, section: str) -> bool:
    """'learning point 4' (not 14), or a heading such as 'Case Study Luke', named in the reply."""
    if re.fullmatch(r"learning point \d+", section.strip(), re.IGNORECASE):
        return re.search(rf"\b{re.escape(section.strip())}(?!\d)", reply, re.IGNORECASE) is not None
    return section.strip().lower() in reply.lower()


def score_question(question: Dict, reply: str, review_sentences: List[str]) -> Dict:
    said = collapse(reply)
    quotes_review = any(s in said for s in review_sentences)
    if question.get("not_stated"):
        return {"kind": "not_stated", "plain": bool(NOT_STATED.search(said)) and not quotes_review}
    right = all(collapse(s) in said for s in question.get("sentences") or [])
    section = question.get("section")
    return {
        "kind": "stated",
        "right": right,
        "section": right and (not section or names_section(said, section)),
    }


def score_topic(question: Dict, reply: str, topic: str) -> bool:
    if question["topic"] == "emergency":
        return topic == "emergency" and EMERGENCY in reply
    return topic == question["topic"] and not NOT_STATED.search(reply) and QUOTED not in reply


def play(texts: List[str], workers: int = 4) -> List[Dict]:
    """Each text in a new conversation: the replies' text (buttons' titles too) and the slot `topic`."""
    sys.path[:0] = [str(ROOT / "scripts")]
    from launcher import start_action_server, start_rasa, stop

    def turn(bot, text):
        sender = f"review-eval-{uuid.uuid4().hex}"
        replies = bot.say(text, sender)
        slots = bot.tracker(sender)["slots"]
        return {"text": text, "replies": [r.get("text") or "" for r in replies], "topic": slots.get("topic")}

    actions, port = start_action_server("eval-review-actions")
    rasa = None
    try:
        with tempfile.TemporaryDirectory() as workdir:
            rasa, bot = start_rasa(Path(workdir), port, "eval-review-rasa")
            with ThreadPoolExecutor(workers) as pool:
                return list(pool.map(lambda t: turn(bot, t), texts))
    finally:
        stop(rasa, actions)


def review_sentences() -> List[str]:
    sys.path.insert(0, str(ROOT))
    from actions.answers.review import statements

    return [collapse(s.text) for s in statements()]


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", nargs="?", type=Path, default=DEV)
    parser.add_argument("--topics", type=Path, default=TOPICS)
    parser.add_argument("--no-topics", action="store_true")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    topics = [] if args.no_topics else load_topic_questions(args.topics)
    print(
        f"==> {len(questions)} review questions ({args.questions}), {len(topics)} topic questions, full bot over REST"
    )
    turns = play([q["text"] for q in questions] + [t["text"] for t in topics])
    sentences = review_sentences()
    rows = []
    for question, turn in zip(questions, turns, strict=False):
        rows.append({**question, **turn, **score_question(question, "\n".join(turn["replies"]), sentences)})
    topic_rows = [
        {**t, **turn, "kept": score_topic(t, "\n".join(turn["replies"]), turn["topic"])}
        for t, turn in zip(topics, turns[len(questions) :], strict=True)
    ]
    stated = [r for r in rows if r["kind"] == "stated"]
    silent = [r for r in rows if r["kind"] == "not_stated"]
    summary = {
        "questions": str(args.questions),
        "right_sentence": percent(sum(r["right"] for r in stated), len(stated)),
        "right_sentence_and_section": percent(sum(r["section"] for r in stated), len(stated)),
        "not_stated_plain": percent(sum(r["plain"] for r in silent), len(silent)),
        "topic_questions_kept": percent(sum(r["kept"] for r in topic_rows), len(topic_rows)),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "review.json").write_text(
        json.dumps({"summary": summary, "rows": rows, "topics": topic_rows}, indent=2)
    )
    for row in stated:
        if not row["section"]:
            print(f"  miss {row['id']}: {row['text']!r} -> topic {row['topic']}: {row['replies'][:2]}")
    for row in silent:
        if not row["plain"]:
            print(f"  not plain {row['id']}: {row['text']!r} -> {row['replies'][:2]}")
    for row in topic_rows:
        if not row["kept"]:
            print(f"  topic lost {row['id']}: {row['text']!r} -> {row['topic']}")
    for name, value in summary.items():
        print(f"    {name}: {value}")
    print("==> results/eval/review.json")


if __name__ == "__main__":
    main()
