"""A summary to keep: the topics of this conversation, their next steps, what to record and
the sources - built from the bot's own events, never from what the user typed.

Free of Rasa: it reads the tracker's event dicts. The topics are the values the
`topic` slot took (the contract slot every answer sets); the escalation helper's
"what to record" is recomputed from the answers it stored (button values such as
"injury", never free text) when it gave its result.
"""

from typing import Dict, Iterable, List, Optional, Tuple

from actions.answers.citations import source_line
from actions.answers.render import Renderer
from actions.content.interactive import Escalation
from actions.content.prompts import SummaryPrompts
from actions.escalation.decision import QUESTIONS, Rule, decide

HELPER = "escalation_helper"
RESULT_ACTION = "action_escalation_result"


def covered(events: Iterable[Dict]) -> Tuple[List[str], List[Tuple[str, ...]]]:
    """(topic ids in the order first covered, record keys of each escalation result)."""
    topics: List[str] = []
    records: List[Tuple[str, ...]] = []
    answers: Dict[str, Optional[str]] = {}
    for event in events:
        kind, name = event.get("event"), event.get("name")
        if kind == "slot" and name == "topic" and isinstance(event.get("value"), str):
            if event["value"] not in topics:
                topics.append(event["value"])
        elif kind == "slot" and name in QUESTIONS:
            answers[name] = event.get("value") if isinstance(event.get("value"), str) else None
        elif kind == "action" and name == RESULT_ACTION:
            records.append(tuple(answers.items()))
    return topics, records


def summary_text(
    events: Iterable[Dict],
    renderer: Renderer,
    escalation: Escalation,
    rules: Iterable[Rule],
    words: SummaryPrompts,
) -> Optional[str]:
    """The summary as plain text (Markdown bold headings), or None when nothing was covered."""
    kb = renderer.kb
    topics, results = covered(events)
    rules = list(rules)
    parts: List[str] = []
    for topic_id in topics:
        if topic_id in kb.topics:
            topic = kb.topics[topic_id]
            parts.append(
                f"**{topic.title}**\n{renderer.fill(topic.do_now)}\n{words.next_steps}\n{renderer.steps(topic)}\n"
                f"{words.sources} {source_line(kb, topic.sources.learning_points, topic.sources.guidance)}"
            )
        elif topic_id == HELPER and results:
            parts.append(_helper(results, escalation, rules, words, kb))
        elif topic_id in words.activities:
            parts.append(f"**{words.activities[topic_id]}**")
    if not parts:
        return None
    head = [words.heading, " ".join(words.intro.split())]
    if renderer.contacts.area:
        head.append(words.area.format(area=renderer.contacts.area))
    return "\n\n".join(["\n".join(head), *parts, " ".join(words.footer.split())])


def _helper(results, escalation: Escalation, rules, words: SummaryPrompts, kb) -> str:
    lines = [f"**{words.helper}**"]
    record: List[str] = []
    for answers in results:
        given = dict(answers)
        decision = decide({**given, "esc_danger": given.get("esc_danger") or "unknown"}, rules)
        route = escalation.routes.get(decision.route)
        if route:
            lines.append(f"Route: {route.title}")
        for key in decision.record:
            record += [r for r in escalation.record.get(key, []) if r not in record]
    lines.append(words.record + "\n" + "\n".join(f"- {r}" for r in record))
    lines.append(f"{words.sources} {source_line(kb, (), escalation.sources)}")
    return "\n".join(lines)
