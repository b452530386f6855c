"""Held-out lines through the full bot: action server + Rasa server, REST channel, tracker.

Each line is a new conversation; what counts is what the bot did, read from the
tracker: the `topic` slot (the topic answered) and the actions it ran.
"""

import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from launcher import start_action_server, start_rasa, stop

DECLINING_ACTIONS = {"utter_default", "utter_out_of_scope", "action_default_fallback"}


def nlu_ranking(parsed: Dict) -> List[Tuple[str, float]]:
    """The classifier's own ranking from /model/parse, before the fallback and emergency rules.

    FallbackClassifier puts `nlu_fallback` on top and EmergencyGuard a copy of
    `emergency`; both are dropped so that any threshold can be replayed offline.
    """
    seen: Dict[str, float] = {}
    for entry in parsed.get("intent_ranking", []):
        if entry["name"] != "nlu_fallback" and entry["name"] not in seen:
            seen[entry["name"]] = entry["confidence"]
    return sorted(seen.items(), key=lambda pair: -pair[1])


def _turn(bot, text: str) -> Dict:
    sender = f"eval-{uuid.uuid4().hex}"
    replies = bot.say(text, sender)
    tracker = bot.tracker(sender)
    actions = [e.get("name") for e in tracker["events"] if e.get("event") == "action"]
    return {
        "text": text,
        "topic": tracker["slots"].get("topic"),
        "intent": (tracker.get("latest_message") or {}).get("intent", {}).get("name"),
        "declined": bool(DECLINING_ACTIONS & set(actions)),
        "replies": len(replies),
        # For the quoted-passage measure (nlu_eval/passages.py).
        "fell_back": "action_did_you_mean" in actions,
        "reply_texts": [r.get("text") or "" for r in replies],
        # The topic a situation's route offers beside it (a button), for `answered_or_offered`.
        "offered": [b.get("payload") for r in replies for b in r.get("buttons") or []],
        "ranking": nlu_ranking(bot.parse(text)),
    }


def run_heldout(examples: Sequence[Tuple[str, str]], workers: int = 4) -> List[Dict]:
    """One result per (expected intent, text), in order, with `expected` added."""
    actions, action_port = start_action_server("eval-actions")
    rasa = None
    try:
        with tempfile.TemporaryDirectory() as workdir:
            rasa, bot = start_rasa(Path(workdir), action_port, "eval-rasa")
            with ThreadPoolExecutor(workers) as pool:
                results = list(pool.map(lambda pair: _turn(bot, pair[1]), examples))
    finally:
        stop(rasa, actions)
    for (expected, _), result in zip(examples, results, strict=True):
        result["expected"] = expected
    return results


def answered(turn: Dict) -> Optional[str]:
    """The topic a turn answered. A glossary question may be answered with the term's own topic
    (topics.yml allows it), so a recognised glossary question that answered a topic counts as glossary."""
    if turn["intent"] == "glossary" and turn["topic"]:
        return "glossary"
    return turn["topic"]


def answered_or_offered(turn: Dict) -> Optional[str]:
    """As `answered`, but a situation answered with the helper's route that offers the expected
    topic as the button beside it counts as that topic: a held-out question that tells a
    situation ("a 4 year old just told me daddy hurts her, what do i do") gets the route the
    guidance gives and the topic one tap away. Reported beside the strict score, never instead."""
    topic = answered(turn)
    if topic == "escalation_helper" and f"/{turn.get('expected')}" in (turn.get("offered") or []):
        return turn["expected"]
    return topic
