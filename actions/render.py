"""Turn knowledge base entries into chat messages.

Every answer goes out the same way: the answer (with the user's role note first),
next steps, then a separate "Source:" message carrying the follow-up buttons,
so that any channel can show where the answer comes from distinctly.
"""

from typing import Dict, List, Optional

from actions.knowledge_base import KnowledgeBase, Topic, placeholders_in
from actions.local_contacts import LocalContacts

ROLE_LABELS = {
    "gp": "GPs",
    "health_visitor": "health visitors",
    "early_years": "nursery and early-years staff",
    "social_worker": "social workers",
    "manager": "managers and supervisors",
    "trainer": "trainers",
}

Message = Dict[str, object]


class Renderer:
    """Renders topics with the local contacts of this deployment filled in."""

    def __init__(self, kb: KnowledgeBase, contacts: LocalContacts) -> None:
        self.kb = kb
        self.contacts = contacts
        numbered = "\n".join(
            f"{number}. {point.short}" for number, point in sorted(kb.learning_points.items())
        )
        self.values = {**contacts.placeholders(), "learning_points": numbered}

    def fill(self, text: str) -> str:
        return text.format_map(self.values)

    def topic(self, topic_id: str, role: Optional[str] = None) -> List[Message]:
        topic = self.kb.topics[topic_id]
        role_note = topic.roles.get(role) if role else None
        shown = [topic.answer, *topic.next_steps] + ([role_note] if role_note else [])
        parts = [f"**{topic.title}**"]
        if role_note:
            parts.append(f"For {ROLE_LABELS[role]}: {self.fill(role_note)}")
        parts.append(self.fill(topic.answer))
        steps = "\n".join(f"- {self.fill(step)}" for step in topic.next_steps)
        parts.append(f"Next steps:\n{steps}")
        hint = self.contacts.where_to_find(placeholders_in(shown))
        if hint:
            parts.append(hint)
        # One bubble: Rasa's channels split a text into separate messages at blank lines.
        return [
            {"text": "\n".join(parts)},
            {"text": self.source_line(topic), "buttons": self.buttons(topic.related)},
        ]

    def glossary_term(self, key: str) -> List[Message]:
        """A definition, sourced like the topic it points to (or the glossary topic)."""
        term = self.kb.glossary[key]
        topic = self.kb.topics[term.topic or "glossary"]
        text = f"**{key}**: {self.fill(term.meaning)}"
        if term.topic:
            text += f"\nMore on this: {topic.title}."
        related = [term.topic] if term.topic else topic.related
        return [{"text": text}, {"text": self.source_line(topic), "buttons": self.buttons(related)}]

    def source_line(self, topic: Topic) -> str:
        cited = []
        points = topic.sources.learning_points
        if points:
            label = "learning point" if len(points) == 1 else "learning points"
            cited.append(f"Luke review, {label} {_join([str(n) for n in points])}")
        for key in topic.sources.guidance:
            source = self.kb.sources[key]
            if source.kind != "local":
                cited.append(f"{source.title} ({source.url})")
        if any(self.kb.sources[key].kind == "local" for key in topic.sources.guidance):
            cited.append("local procedures vary - check yours")
        return f"Source: {'; '.join(cited)}. Reviewed {topic.reviewed_on:%d %B %Y}."

    def buttons(self, topic_ids: List[str]) -> List[Dict[str, str]]:
        return [
            {"title": self.kb.topics[topic_id].title, "payload": f"/{topic_id}"}
            for topic_id in topic_ids
        ]


def _join(items: List[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
