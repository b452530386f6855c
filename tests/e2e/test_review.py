"""Feedback and `make review` on the real path: conversations over the REST channel to the
real servers, stored by the masking SQL tracker store (SQLite), then the review command run
against that store as `make review` runs it."""

import json
import subprocess
import sys
import uuid

import pytest
from launcher import ROOT, start_rasa, stop

from scripts.review import store

FOSTERING = [  # one topic the assistant lacks, four ways (out of scope, fallback, a low-confidence guess)
    "what is private fostering?",
    "private fostering arrangements",
    "rules on privately fostered children",
    "private fostering - who do I need to tell?",
]
WEATHER = ["what's the weather like today?", "what's the weather tomorrow"]


@pytest.fixture(scope="module")
def review_bot(action_server, tmp_path_factory):
    """A Rasa server of its own: its store holds this module's conversations only, so the
    review's counts are exact."""
    process, bot = start_rasa(tmp_path_factory.mktemp("review"), action_server, "e2e-rasa-review")
    yield bot
    stop(process)


def payloads(message: dict) -> list:
    return [button["payload"] for button in message.get("buttons", [])]


def test_feedback_is_stored_and_the_review_groups_and_counts_it(review_bot, tmp_path):
    bot, tag = review_bot, uuid.uuid4().hex[:8]
    gp, nursery, other = f"gp-{tag}", f"nursery-{tag}", f"other-{tag}"

    answer = bot.say("what is section 47?", gp)
    assert answer[-1]["text"] == "Was this helpful?"
    no = '/feedback{"helpful":"no","topic":"section_47"}'
    assert payloads(answer[-1]) == ['/feedback{"helpful":"yes","topic":"section_47"}', no]
    assert all(m["text"] != "Was this helpful?" for m in bot.say("/more_detail", gp))  # not under follow-ups
    reasons = bot.say(no, gp)
    assert '/feedback_reason{"reason":"out_of_date","topic":"section_47"}' in payloads(reasons[-1])
    assert (
        "Thank you"
        in bot.say('/feedback_reason{"reason":"out_of_date","topic":"section_47"}', gp)[-1]["text"]
    )

    bot.say("who do I call out of hours?", nursery)
    assert bot.say('/feedback{"helpful":"yes","topic":"eds_escalation"}', nursery)[-1]["text"].startswith(
        "Thanks"
    )
    bot.say("/mash_referral", nursery)
    typed = bot.say("that wasn't helpful", nursery)  # typed: about the last answer, MASH
    assert '/feedback_reason{"reason":"missing_local","topic":"mash_referral"}' in payloads(typed[-1])

    for sender, text in zip([gp, nursery, other, other], FOSTERING, strict=True):
        bot.say(text, sender)
    for text in WEATHER:
        bot.say(text, other)
    bot.say("private fostering in SW1A 1AA", other)  # a postcode: masked before it is stored

    # The feedback is in the SQL store, as user turns with the topic in their entities.
    stored = store.read_store(str(bot.endpoints))
    feedback = [
        e["parse_data"]["entities"]
        for e in stored[gp]
        if e["event"] == "user" and e["text"].startswith("/feedback")
    ]
    assert {"entity": "topic", "value": "section_47"} in [
        {"entity": x["entity"], "value": x["value"]} for x in feedback[1]
    ]
    assert not any("SW1A 1AA" in json.dumps(e) for e in stored[other])

    out, figures = tmp_path / "review.html", tmp_path / "review.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.review",
            "--endpoints",
            str(bot.endpoints),
            "--out",
            str(out),
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "feedback 1 helpful, 2 not helpful" in done.stdout and str(out) in done.stdout
    result = json.loads(figures.read_text())

    assert result["conversations"] == 3
    assert result["feedback"] == {
        "section_47": {"yes": 0, "no": 1},
        "eds_escalation": {"yes": 1, "no": 0},
        "mash_referral": {"yes": 0, "no": 1},
    }
    rows = {(row["topic"], row["reason"], row["question"]) for row in result["not_helpful"]}
    assert rows == {("section_47", "out_of_date", "what is section 47?"), ("mash_referral", None, "")}

    groups = {group["text"]: group for group in result["groups"]}
    fostering = next(g for g in result["groups"] if {v[0] for v in g["variants"]} >= set(FOSTERING))
    assert fostering["count"] == 5 and fostering["conversations"] == 3  # with the masked postcode one
    assert sum(fostering["kinds"].values()) == 5 and fostering["kinds"].get("out_of_scope", 0) >= 1
    weather = next(g for g in groups.values() if "weather" in g["text"])
    assert weather["count"] == 2 and {v[0] for v in weather["variants"]} == set(WEATHER)
    assert result["questions"] == 2 + len(FOSTERING) + len(WEATHER) + 1  # typed; feedback is not a question

    page = out.read_text()
    assert "Content review" in page and page.count("data:image/png;base64,") == 4
    assert "private fostering" in page and "SW1A 1AA" not in page
    assert "Out of date or wrong" in page  # the reason's title, from knowledge_base/prompts.yml
