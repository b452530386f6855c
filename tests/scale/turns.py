"""Reading a conversation back from a tracker: its turns, in order, each whole."""

from typing import List, Tuple

Turn = Tuple[str, List[dict]]
# Messages whose topic is known: the intent shortcut ("/topic") and practitioners' words.
TOPIC_OF = {
    f"/{topic}": topic
    for topic in (
        "section_47",
        "section_17",
        "mash_referral",
        "eds_escalation",
        "strategy_discussion",
        "early_help",
        "information_sharing",
        "history_checks",
        "key_adults",
        "supervision",
        "nai_injuries",
        "professional_escalation",
        "child_disclosure",
        "lado_allegations",
        "existing_injury_records",
        "whistleblowing",
    )
}
# (No wording that names a job: the role detector would change `role` mid-test.)
TOPIC_OF.update(
    {
        "what is section 47?": "section_47",
        "what were the learning points of the Luke review?": "learning_summary",
    }
)
MESSAGES = sorted(TOPIC_OF)


def turns(tracker: dict) -> List[Turn]:
    """(user text, the events that followed it up to the next user message)."""
    result: List[Turn] = []
    for event in tracker["events"]:
        if event["event"] == "user":
            result.append((event.get("text"), []))
        elif result:
            result[-1][1].append(event)
    return result


def broken_turns(tracker: dict, topic_of: dict) -> List[str]:
    """What is wrong with each turn: a turn is whole when the bot answered it, set `topic`
    to the topic of that message, and went back to listening before the next message.
    Two servers processing one conversation at once would interleave two turns."""
    problems = []
    for text, events in turns(tracker):
        actions = [e["name"] for e in events if e["event"] == "action"]
        topics = [e["value"] for e in events if e["event"] == "slot" and e["name"] == "topic"]
        if not any(e["event"] == "bot" for e in events):
            problems.append(f"{text!r}: no reply")
        if not actions or actions[-1] != "action_listen" or actions.count("action_listen") != 1:
            problems.append(f"{text!r}: actions {actions}")
        if text in topic_of and topics != [topic_of[text]]:
            problems.append(f"{text!r}: topic set to {topics}, expected {topic_of[text]}")
    return problems
