"""Turn knowledge base entries into chat messages.

Every answer goes out the same way: the answer (with the user's role note first),
next steps, then a separate "Source:" message carrying the follow-up buttons,
so that any channel can show where the answer comes from distinctly.
"""

from typing import Dict, List, Optional

from actions.answers.citations import source_message
from actions.content.knowledge_base import KnowledgeBase, Topic, placeholders_in
from actions.content.local_contacts import LocalContacts
from actions.content.prompts import AnswerWords, load_prompts

# Follow-up buttons (payloads trigger the intents directly; titles in prompts.yml): all
# of them under a follow-up, the first two under an answer, after its related topics.
ON_ANSWERS = ("more_detail", "why_luke")

Message = Dict[str, object]


class Renderer:
    """Renders topics with the local contacts of this deployment filled in."""

    def __init__(
        self,
        kb: KnowledgeBase,
        contacts: LocalContacts,
        words: Optional[AnswerWords] = None,
        quotes: Optional[Dict[str, str]] = None,
    ) -> None:
        self.kb = kb
        # topic id -> the review's own words it quotes (actions/answers/review.py answer_quotes).
        self.quotes = quotes or {}
        self.contacts = contacts
        self.words = words or load_prompts().answers
        numbered = "\n".join(
            f"{number}. {point.short}" for number, point in sorted(kb.learning_points.items())
        )
        self.values = {**contacts.placeholders(), "learning_points": numbered}

    def fill(self, text: str) -> str:
        return text.format_map(self.values)

    def steps(self, topic: Topic) -> str:
        """The topic's next steps as a list, local contacts filled in."""
        return "\n".join(f"- {self.fill(step)}" for step in topic.next_steps)

    def topic(self, topic_id: str, role: Optional[str] = None, quote: bool = True) -> List[Message]:
        """The answer; `quote`: with the review's own words the topic covers (not when they
        were just quoted on their own)."""
        topic = self.kb.topics[topic_id]
        role_note = topic.roles.get(role) if role else None
        action = topic.action_for(role)
        shown = [action, topic.answer, *topic.next_steps] + ([role_note] if role_note else [])
        parts = [f"**{topic.title}**", f"**{self.fill(action)}**"]
        if role_note:
            parts.append(
                self.words.role_note.format(label=self.kb.roles.label(role), note=self.fill(role_note))
            )
        parts.append(self.fill(topic.answer))
        if quote and topic_id in self.quotes:
            parts.append(self.quotes[topic_id])
        parts.append(f"{self.words.next_steps}\n{self.steps(topic)}")
        hint = self.contacts.where_to_find(placeholders_in(shown))
        if hint:
            parts.append(hint)
        # One bubble: Rasa's channels split a text into separate messages at blank lines.
        return [
            {"text": "\n".join(parts)},
            self.source(topic, self.buttons(topic.related) + self.follow_up_buttons(ON_ANSWERS)),
        ]

    def role_view(self, topic_id: str, role: str) -> List[Message]:
        """One role's note on a topic, without changing who the user said they are."""
        topic = self.kb.topics[topic_id]
        note = topic.roles.get(role)
        label = self.kb.roles.label(role)
        body = self.fill(note) if note else self.kb.roles.prompts.no_note.format(label=label)
        heading = self.words.role_view_heading.format(title=topic.title, label=label)
        return [{"text": f"{heading}\n{body}"}, self.source(topic)]

    def more(self, topic_id: str) -> List[Message]:
        topic = self.kb.topics[topic_id]
        return self._follow_up(topic, self.words.more_heading.format(title=topic.title), topic.more)

    def next_steps(self, topic_id: str) -> List[Message]:
        topic = self.kb.topics[topic_id]
        return self._follow_up(
            topic, self.words.next_steps_heading.format(title=topic.title), self.steps(topic)
        )

    def why_luke(self, topic_id: str) -> List[Message]:
        topic = self.kb.topics[topic_id]
        return self._follow_up(
            topic, self.words.why_luke_heading.format(title=topic.title), topic.in_lukes_case
        )

    def out_of_hours(self, topic_id: str) -> Optional[List[Message]]:
        """The topic's own out-of-hours advice; None when it has none (ask the EDS topic)."""
        topic = self.kb.topics[topic_id]
        if not topic.out_of_hours:
            return None
        return self._follow_up(
            topic, self.words.out_of_hours_heading.format(title=topic.title), topic.out_of_hours
        )

    def sources(self, topic_id: str) -> List[Message]:
        """Every source of a topic on its own line, with its link."""
        topic = self.kb.topics[topic_id]
        words = self.words
        lines = [words.sources_heading.format(title=topic.title)]
        for number in topic.sources.learning_points:
            point = self.kb.learning_points[number]
            lines.append(words.source_learning_point.format(number=number, text=point.text))
        for key in topic.sources.guidance:
            source = self.kb.sources[key]
            line = words.source_local if source.kind == "local" else words.source_national
            lines.append(line.format(title=source.title, url=source.url))
        lines.append(words.reviewed.format(date=f"{topic.reviewed_on:%d %B %Y}"))
        return [{"text": "\n".join(lines), "buttons": self.buttons(topic.related)}]

    def _follow_up(self, topic: Topic, heading: str, body: Optional[str]) -> List[Message]:
        text = f"{heading}\n{self.fill(body)}" if body else f"{heading}\n{self.fill(topic.answer)}"
        return [{"text": text}, self.source(topic)]

    def source(self, topic: Topic, buttons: Optional[List[Dict[str, str]]] = None) -> Message:
        """The topic's source message; by default with every follow-up button."""
        return source_message(
            self.kb,
            topic.sources.learning_points,
            topic.sources.guidance,
            topic.reviewed_on,
            self.follow_up_buttons() if buttons is None else buttons,
        )

    def follow_up_buttons(self, intents: Optional[tuple] = None) -> List[Dict[str, str]]:
        titles = self.words.follow_up_buttons
        return [{"title": titles[intent], "payload": f"/{intent}"} for intent in intents or tuple(titles)]

    def term_topic(self, key: str, role: Optional[str] = None) -> List[Message]:
        """A term with a topic of its own: what it stands for, then that topic's answer."""
        term = self.kb.glossary[key]
        first_sentence = self.fill(term.meaning).split(". ")[0].rstrip(".")
        answer, source = self.topic(term.topic, role)
        return [{"text": f"{key}: {first_sentence}.\n{answer['text']}"}, source]

    def unknown_term(self) -> List[Message]:
        known = ", ".join(sorted(self.kb.glossary, key=str.lower))
        return [{"text": self.words.unknown_term.format(known=known)}]

    def glossary_term(self, key: str) -> List[Message]:
        """A definition, sourced like the topic it points to (or the glossary topic)."""
        term = self.kb.glossary[key]
        topic = self.kb.topics[term.topic or "glossary"]
        text = f"**{key}**: {self.fill(term.meaning)}"
        if term.topic:
            text += "\n" + self.words.term_more.format(title=topic.title)
        related = [term.topic] if term.topic else topic.related
        return [{"text": text}, self.source(topic, self.buttons(related))]

    def buttons(self, topic_ids: List[str]) -> List[Dict[str, str]]:
        return [
            {"title": self.kb.topics[topic_id].title, "payload": f"/{topic_id}"} for topic_id in topic_ids
        ]
