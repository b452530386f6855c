"""`make review` against the shared PostgreSQL tracker store: conversations over the REST
channel to both Rasa servers, then the review command run with the endpoints file those
servers use (endpoints.scale.yml), as `ENDPOINTS=endpoints.scale.yml make review` runs it.

The store is shared with the other scale tests, so the review is run before and after this
test's conversations and the difference is checked: exact whatever else the store holds."""

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

from launcher import ROOT


def payloads(message: dict) -> list:
    return [button["payload"] for button in message.get("buttons", [])]


def review(endpoints: str, env: dict, out: Path) -> tuple:
    """`make review` with ENDPOINTS set: its summary line and its figures. Only the database's
    variables are set, as on a reporting host: not ACTION_SERVER_URL or REDIS_*."""
    figures = out.with_suffix(".json")
    database = {name: value for name, value in env.items() if name.startswith("DB_")}
    others = {name for name in env if name not in database}
    done = subprocess.run(
        [sys.executable, "-m", "scripts.review", "--out", str(out), "--json", str(figures)],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in others}, **database, "ENDPOINTS": endpoints},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert env["DB_PASSWORD"] not in done.stdout + done.stderr
    assert str(out) in done.stdout and out.exists(), done.stdout
    return done.stdout, json.loads(figures.read_text())


def feedback_counts(result: dict) -> Counter:
    return Counter(
        {(topic, answer): n for topic, both in result["feedback"].items() for answer, n in both.items()}
    )


def test_review_reads_the_shared_postgresql_store(bots, scale_env, tmp_path):
    endpoints = str(bots[0].endpoints)
    _, before = review(endpoints, scale_env, tmp_path / "before.html")

    tag = uuid.uuid4().hex[:8]
    asker, missed, other = f"review-a-{tag}", f"review-b-{tag}", f"review-c-{tag}"
    a, b = bots
    # An answer, "not helpful" and a reason: the turns alternate between the two servers.
    answer = a.say("what is section 47?", asker)
    assert answer[-1]["text"] == "Was this helpful?"
    no = '/feedback{"helpful":"no","topic":"section_47"}'
    assert no in payloads(answer[-1])
    reason = '/feedback_reason{"reason":"out_of_date","topic":"section_47"}'
    assert reason in payloads(b.say(no, asker)[-1])
    assert "Thank you" in a.say(reason, asker)[-1]["text"]
    # "Helpful" on another answer, in another conversation.
    b.say("/mash_referral", other)
    assert a.say('/feedback{"helpful":"yes","topic":"mash_referral"}', other)[-1]["text"].startswith("Thanks")
    # A question the assistant cannot place (a fallback) and one out of scope.
    # The tag in letters that mean nothing: a hex tag like "edbff844" reads as "ED" and got the EDS topic.
    word = tag.translate(str.maketrans("0123456789abcdef", "qwxzjkvqwxzjkvqw"))
    fallback, weather = f"zorp blenk quazzle frimp {word}", f"what's the weather like in {word} today?"
    b.say(fallback, missed)
    a.say(weather, missed)

    out = tmp_path / "review" / "review.html"
    summary, after = review(endpoints, scale_env, out)
    assert after["conversations"] - before["conversations"] == 3, summary
    assert after["questions"] - before["questions"] == 3  # typed: section 47, the two missed; not buttons
    assert feedback_counts(after) - feedback_counts(before) == Counter(
        {("section_47", "no"): 1, ("mash_referral", "yes"): 1}
    )
    new_rows = [row for row in after["not_helpful"] if row not in before["not_helpful"]]
    assert [(row["topic"], row["reason"], row["question"]) for row in new_rows] == [
        ("section_47", "out_of_date", "what is section 47?")
    ]
    kinds = Counter(after["kinds"]) - Counter(before["kinds"])
    assert kinds["fallback"] + kinds["out_of_scope"] == 2, kinds
    missed_texts = {v[0] for g in after["groups"] for v in g["variants"]}
    assert {fallback, weather} <= missed_texts

    page = out.read_text()
    assert "Content review" in page and "Out of date or wrong" in page  # the reason's title
    assert fallback in page and scale_env["DB_PASSWORD"] not in page
