"""Load and isolation: 50 concurrent conversations x 20 turns through the REST channel.

Every reply must arrive, without errors, and each conversation's tracker must hold
exactly its own 20 turns in order, with its own `topic` slot: no conversation may
see another's messages or slots.
"""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

CONVERSATIONS = 50
TURNS = 20
WHOLE_RUN_SECONDS = 300

# Plain questions whose topic the e2e tests already pin down, then one button payload per topic.
QUESTIONS = [
    ("what is section 47?", "section_47"),
    ("I work in a nursery, what's the difference between s17 and s47?", "section_17_vs_47"),
    ("when should a paediatrician join a strategy discussion", "paediatrician_strategy"),
    ("what were the learning points of the Luke review?", "learning_summary"),
]


def script(index: int, answered_topics: list) -> list:
    """The turns of conversation `index`: (text, topic), a different order per conversation."""
    pool = QUESTIONS + [(f"/{topic}", topic) for topic in answered_topics if topic != "glossary"]
    return [pool[(index * 7 + turn) % len(pool)] for turn in range(TURNS)]


def converse(url: str, sender: str, turns: list, titles: dict) -> list:
    """Runs one conversation; returns the problems seen (empty when all went well)."""
    problems = []
    with requests.Session() as session:
        for number, (text, topic) in enumerate(turns):
            try:
                response = session.post(
                    f"{url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": text, "metadata": {"turn": number}},
                    timeout=60,
                )
            except requests.RequestException as error:
                problems.append(f"{sender} turn {number}: {error}")
                continue
            if response.status_code != 200:
                problems.append(f"{sender} turn {number}: HTTP {response.status_code}")
                continue
            replies = response.json()
            if not replies or not (replies[0].get("text") or "").startswith(f"**{titles[topic]}**"):
                problems.append(f"{sender} turn {number}: asked {topic}, got {replies[:1]}")
            if any(reply.get("recipient_id") != sender for reply in replies):
                problems.append(f"{sender} turn {number}: a reply addressed to someone else")
    return problems


def test_50_concurrent_conversations_stay_separate(bot, answered_topics, kb):
    titles = {topic: kb.topics[topic].title for topic in answered_topics}
    run = uuid.uuid4().hex[:8]
    conversations = {f"load-{run}-{i}": script(i, answered_topics) for i in range(CONVERSATIONS)}

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        results = pool.map(lambda item: converse(bot.url, item[0], item[1], titles), conversations.items())
        problems = [problem for result in results for problem in result]
    elapsed = time.monotonic() - started
    total = CONVERSATIONS * TURNS
    print(f"\n    load: {total} turns in {elapsed:.0f} s ({total / elapsed:.1f} turns/s), {len(problems)} problems")
    assert not problems, "\n".join(problems[:20])
    assert elapsed < WHOLE_RUN_SECONDS

    for sender, turns in conversations.items():
        tracker = bot.tracker(sender)
        user_events = [e for e in tracker["events"] if e["event"] == "user"]
        assert [e["text"] for e in user_events] == [text for text, _ in turns], sender
        assert [e["metadata"].get("turn") for e in user_events] == list(range(TURNS)), sender
        assert tracker["slots"]["topic"] == turns[-1][1], sender
