"""Two Rasa servers behind one (imaginary) load balancer, sharing a PostgreSQL tracker
store and a Redis lock store: a conversation may hop between servers at every turn."""

import os
import random
import re
import subprocess
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
import sqlalchemy as sa
from launcher import LOGS, ROOT
from turns import MESSAGES, TOPIC_OF, broken_turns, turns

DAY = 86400


def user_texts(tracker: dict) -> list:
    return [text for text, _ in turns(tracker)]


def test_turns_alternate_between_servers_and_role_and_topic_follow(bots, kb):
    for role in ("gp", "early_years", "health_visitor"):
        sender = f"hop-{role}-{uuid.uuid4().hex}"
        # Turn 1 tells the role the way the role buttons do; every later turn must use it.
        sent = random.sample(MESSAGES, 7)
        sent.insert(1, f'/tell_role{{"role":"{role}"}}')
        for turn, message in enumerate(sent):
            here, there = bots[turn % 2], bots[(turn + 1) % 2]
            replies = here.say(message, sender)
            slots = there.tracker(sender)["slots"]
            assert slots["role"] == (role if turn > 0 else None), (turn, message)
            topic = TOPIC_OF.get(message)
            if topic is None:
                continue
            assert slots["topic"] == topic, (turn, message)
            note = kb.topics[topic].roles.get(role)
            if note and turn > 1:  # the server answering read the role another server stored
                assert f"For {kb.roles.label(role)}:" in "\n".join(r.get("text", "") for r in replies), (
                    turn,
                    message,
                )
        for bot in bots:
            tracker = bot.tracker(sender)
            assert user_texts(tracker) == sent
            assert broken_turns(tracker, TOPIC_OF) == []


def converse(bots, sender: str, sent: list) -> list:
    """One practitioner's conversation, each turn to the other server; returns failures."""
    failures = []
    first = random.randrange(2)
    for turn, message in enumerate(sent):
        try:
            response = bots[(first + turn) % 2].send(message, sender, timeout=120)
            if response.status_code != 200 or not response.json():
                failures.append(f"{sender} turn {turn}: HTTP {response.status_code} {response.text[:200]}")
        except requests.RequestException as error:
            failures.append(f"{sender} turn {turn}: {error}")
    return failures


def test_concurrent_conversations_against_both_servers(bots):
    conversations = {f"many-{n}-{uuid.uuid4().hex}": random.sample(MESSAGES, 6) for n in range(20)}
    with ThreadPoolExecutor(len(conversations)) as pool:
        failures = sum(pool.map(lambda item: converse(bots, *item), conversations.items()), [])
    assert failures == []
    for n, (sender, sent) in enumerate(conversations.items()):
        tracker = bots[n % 2].tracker(sender)
        assert user_texts(tracker) == sent, sender  # nothing lost, nothing out of order, nothing foreign
        assert broken_turns(tracker, TOPIC_OF) == [], sender


def test_simultaneous_messages_to_one_conversation_are_processed_one_at_a_time(bots):
    """The lock store's job: the same conversation hit on both servers at the same moment."""
    rounds = 3
    conversations = {
        f"burst-{n}-{uuid.uuid4().hex}": [random.sample(MESSAGES, 2) for _ in range(rounds)] for n in range(8)
    }
    failures = []

    def burst(sender, pairs):
        for pair in pairs:
            barrier = threading.Barrier(2)

            def send(bot, message, barrier=barrier):
                barrier.wait()
                return bot.send(message, sender, timeout=120)

            with ThreadPoolExecutor(2) as pool:
                responses = list(pool.map(send, bots, pair))
            failures.extend(f"{sender}: HTTP {r.status_code}" for r in responses if r.status_code != 200)

    with ThreadPoolExecutor(len(conversations)) as pool:
        list(pool.map(lambda item: burst(*item), conversations.items()))
    assert failures == []
    for sender, pairs in conversations.items():
        tracker = bots[0].tracker(sender)
        texts = user_texts(tracker)
        assert len(texts) == 2 * rounds, (sender, texts)
        for n, pair in enumerate(pairs):  # either order within a round, rounds in order
            assert sorted(texts[2 * n : 2 * n + 2]) == sorted(pair), (sender, texts)
        assert broken_turns(tracker, TOPIC_OF) == [], sender


def test_a_retry_on_the_other_server_gets_the_stored_reply_once(bots):
    """A client failing over resends with the same message_id: answered from the store, not again."""
    sender, message_id = f"retry-{uuid.uuid4().hex}", str(uuid.uuid4())
    first = bots[0].send("/section_47", sender, timeout=120, message_id=message_id)
    again = bots[1].send("/section_47", sender, timeout=120, message_id=message_id)
    assert first.status_code == again.status_code == 200
    assert first.json() and again.json() == first.json()
    assert user_texts(bots[1].tracker(sender)) == ["/section_47"]


def test_purge_works_on_the_shared_postgresql_store(bots, scale_env, monkeypatch):
    old, recent = f"old-{uuid.uuid4().hex}", f"recent-{uuid.uuid4().hex}"
    for sender in (old, recent):
        bots[0].say("/section_47", sender)
        bots[1].say("/mash_referral", sender)
    sys.path.insert(0, str(ROOT / "scripts"))
    import purge

    endpoints = str(bots[0].endpoints)
    for name, value in scale_env.items():  # endpoints.scale.yml's ${VAR}s, for this process too
        monkeypatch.setenv(name, value)
    engine = purge.tracker_store_engine(endpoints)
    assert engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE events SET timestamp = timestamp - :age WHERE sender_id = :s"),
            {"age": 31 * DAY, "s": old},
        )
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "purge.py"), "--endpoints", endpoints],
        env={**os.environ, "RETENTION_DAYS": "30"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Deleted 1 conversation(s)" in done.stdout and "postgresql" in done.stdout, done.stdout
    assert scale_env["DB_PASSWORD"] not in done.stdout
    assert user_texts(bots[1].tracker(old)) == []
    assert user_texts(bots[1].tracker(recent)) == ["/section_47", "/mash_referral"]


def test_no_lock_or_server_errors_in_the_logs(bots):
    """Last on purpose: reads what the servers logged during the tests above."""
    pattern = re.compile(r"LockError|\block|Traceback|\bERROR\b|Exception", re.IGNORECASE)
    for log in (*(bot.log for bot in bots), LOGS / "scale-actions.log"):
        lines = [line for line in log.read_text().splitlines() if pattern.search(line)]
        assert lines == [], f"{log.name}:\n" + "\n".join(lines[:20])
