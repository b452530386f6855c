"""Simulated practitioners: concurrent REST conversations against a running Rasa server.

Shared by `make bench` (1, 10, 50 users) and the 5-second smoke test in `make test`.
Each user is its own conversation: topic questions, follow-ups and chit-chat in a
fixed order (rotated per user), a fixed number of turns, stopped at a deadline.
"""

import statistics
import threading
import time
import uuid
from typing import Dict, List

import requests

# A practitioner's turns: questions, follow-ups that lean on the last topic, chit-chat.
SCRIPT = [
    "hi",
    "what is section 47?",
    "tell me more",
    "where does that come from?",
    "it's 7pm and I'm worried about a toddler with a bruise, who do I call?",
    "what's the difference between section 17 and 47",
    "thanks",
    "when should a paediatrician be in a strategy discussion",
    "how do I refer to the MASH",
    "what does GCP2 stand for",
    "what happened to Luke",
    "what about for a GP?",
    "what are the learning points",
    "who are you?",
]


def well_formed(response: requests.Response) -> bool:
    """HTTP 200 and a non-empty list of bot messages, each with text, buttons or custom content."""
    if response.status_code != 200:
        return False
    try:
        messages = response.json()
    except ValueError:
        return False
    return (
        isinstance(messages, list)
        and bool(messages)
        and all(
            isinstance(m, dict) and (m.get("text") or m.get("buttons") or m.get("custom")) for m in messages
        )
    )


def _user(
    url: str,
    index: int,
    turns: int,
    deadline: float,
    out: List[Dict],
    per_conversation: int = 0,
    script: List[str] = SCRIPT,
) -> None:
    """One simulated user; a new conversation (sender) every `per_conversation` turns if set."""
    sender = ""
    with requests.Session() as session:
        for turn in range(turns):
            if time.monotonic() >= deadline:
                return
            if not sender or per_conversation and turn % per_conversation == 0:
                sender = f"bench-{index}-{uuid.uuid4().hex[:8]}"
            text = script[(index + turn) % len(script)]
            began = time.perf_counter()
            try:
                response = session.post(url, json={"sender": sender, "message": text}, timeout=60)
                ok = well_formed(response)
            except requests.RequestException:
                ok = False
            out.append(
                {
                    "ms": (time.perf_counter() - began) * 1000,
                    "ok": ok,
                    "text": text,
                    "position": turn % per_conversation if per_conversation else turn,
                }
            )


def percentile(values: List[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run_users(
    base_url: str,
    users: int,
    turns: int,
    max_seconds: float,
    per_conversation: int = 0,
    script: List[str] = SCRIPT,
) -> Dict:
    """`users` at once, `turns` each (a new conversation every `per_conversation` turns if set),
    stopped at `max_seconds`; latency and throughput, and latency by position in the conversation."""
    url = f"{base_url}/webhooks/rest/webhook"
    results: List[Dict] = []  # list.append is thread-safe
    deadline = time.monotonic() + max_seconds
    threads = [
        threading.Thread(target=_user, args=(url, i, turns, deadline, results, per_conversation, script))
        for i in range(users)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies = [r["ms"] for r in results]
    return {
        "users": users,
        "turns_per_user": turns,
        "turns": len(results),
        "planned_turns": users * turns,
        "errors": sum(not r["ok"] for r in results),
        "seconds": round(elapsed, 2),
        "turns_per_s": round(len(results) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        # One conversation's turns 1-20 against 81-100: does a turn cost more as the conversation grows?
        "p50_turns_1_20_ms": round(percentile([r["ms"] for r in results if r["position"] < 20], 50), 1),
        "p50_turns_81_100_ms": round(
            percentile([r["ms"] for r in results if 80 <= r["position"] < 100], 50), 1
        ),
    }
