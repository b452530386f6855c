"""The chaos tests' client: conversations over the REST channel that fail over as a load balancer
with retries would, and the check of what the shared store holds afterwards."""

import random
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests
import yaml
from launcher import CREDENTIALS
from turns import MESSAGES, TOPIC_OF, broken_turns

from rasa_plugins.server.action_guard import UNAVAILABLE_TEXT

TURN_LIMIT = yaml.safe_load(CREDENTIALS.read_text())["rasa_plugins.server.guarded_rest.GuardedRestInput"][
    "turn_timeout_seconds"
]
WAIT = TURN_LIMIT + 5  # a reply later than this is a hung turn


def apologised(replies: list) -> bool:
    return any(UNAVAILABLE_TEXT in (reply.get("text") or "") for reply in replies)


class Client:
    """Each turn goes to the other server than the last; when its server does not answer, the same
    message with the same message_id goes to the other one. Counts what happened."""

    def __init__(self, bots: list) -> None:
        self.bots = bots
        self.counts = Counter()
        self.sent = {}  # sender -> [(message_id, text, answered without an apology)]
        self.failed = []
        self._lock = threading.Lock()

    def count(self, what: str) -> None:
        with self._lock:
            self.counts[what] += 1

    def turn(self, sender: str, message: str, first: int) -> None:
        message_id, answered = str(uuid.uuid4()), None
        for attempt in range(4):  # each server twice at most
            bot = self.bots[(first + attempt) % 2]
            try:
                response = bot.send(message, sender, timeout=WAIT, message_id=message_id)
            except requests.Timeout:
                self.count("hung")
            except requests.ConnectionError:
                pass  # a dead server: the other one
            else:
                if response.status_code == 200 and response.json():
                    answered = not apologised(response.json())
                    self.count("answered" if answered else "apologies")
                    break
                self.failed.append(f"{sender}: HTTP {response.status_code} {response.text[:200]}")
            self.count("failovers")
        else:
            self.count("unanswered")
        self.sent.setdefault(sender, []).append((message_id, message, answered))

    def converse(self, sender: str, turns: int, pause: float = 0) -> None:
        first = random.randrange(2)
        for n, message in enumerate(random.choices(MESSAGES, k=turns)):
            self.turn(sender, message, (first + n) % 2)
            time.sleep(pause)

    def run(self, conversations: int, turns: int, pause: float = 0) -> float:
        """All conversations at once; returns the seconds they took."""
        senders = [f"chaos-{n}-{uuid.uuid4().hex}" for n in range(conversations)]
        began = time.monotonic()
        with ThreadPoolExecutor(conversations) as pool:
            list(pool.map(lambda sender: self.converse(sender, turns, pause), senders))
        return time.monotonic() - began


def settled_trackers(bot, senders: list, seconds: float = 30) -> dict:
    """The trackers once turns that outlived their time limit have finished (they are not cancelled)."""
    deadline = time.monotonic() + seconds
    while True:
        trackers = {sender: bot.tracker(sender) for sender in senders}
        busy = [s for s, t in trackers.items() if t.get("latest_action_name") != "action_listen"]
        if not busy or time.monotonic() > deadline:
            return trackers
        time.sleep(1)


def stored_figures(client: Client, bot, strict: bool = True) -> dict:
    """What the store holds against what was sent: lost (answered, yet not stored), doubled,
    out of order and broken turns. By message_id; by text too, for a server that ignores ids.
    With `strict`, a message that got the apology must be stored too (it was accepted: a turn
    past its time limit finishes in the background)."""
    trackers = settled_trackers(bot, list(client.sent))
    figures = Counter()
    for sender, sent in client.sent.items():
        events = [e for e in trackers[sender]["events"] if e["event"] == "user"]
        stored_ids, stored_texts = (
            Counter(e.get("message_id") for e in events),
            Counter(e["text"] for e in events),
        )
        must = [(i, text) for i, text, answered in sent if answered or strict]
        figures["lost"] += sum(1 for message_id, _ in must if message_id not in stored_ids)
        figures["doubled"] += sum(n - 1 for n in stored_ids.values())
        figures["lost by text"] += sum((Counter(text for _, text in must) - stored_texts).values())
        figures["doubled by text"] += sum((stored_texts - Counter(text for _, text, _ in sent)).values())
        sent_ids = [message_id for message_id, _, _ in sent]
        in_order = [message_id for message_id in sent_ids if message_id in stored_ids]
        figures["out of order"] += int([e.get("message_id") for e in events] != in_order)
        figures["broken turns"] += len(broken_turns(trackers[sender], TOPIC_OF))
    return figures


def report(what: str, client: Client, figures: dict, seconds: float) -> str:
    counts = client.counts
    return (
        f"\n    {what} in {seconds:.0f}s: lost {figures['lost']} (by text {figures['lost by text']}),"
        f" doubled {figures['doubled']} (by text {figures['doubled by text']}), apologies {counts['apologies']},"
        f" hung {counts['hung']}, unanswered {counts['unanswered']}, failovers {counts['failovers']},"
        f" out of order {figures['out of order']}, broken turns {figures['broken turns']}"
    )
