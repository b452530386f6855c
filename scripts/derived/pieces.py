"""Every derived piece: where it lives, what it holds now, and what the knowledge base says it should hold."""

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Union

from actions.content.knowledge_base import ROOT, KnowledgeBase
from derived import emergency_response, escalation_rules_doc, glossary_lookup, role_wiring, topic_wiring
from derived.regions import Region


@dataclass(frozen=True)
class Derived:
    place: Union[Path, Region]  # a whole file, or a marked region inside one
    render: Callable[[KnowledgeBase], str]

    @property
    def name(self) -> str:
        if isinstance(self.place, Region):
            return f"{self.place.path.relative_to(ROOT)} ({self.place.name})"
        return str(self.place.relative_to(ROOT))

    def current(self) -> str:
        if isinstance(self.place, Region):
            return self.place.current()
        return self.place.read_text(encoding="utf-8") if self.place.exists() else ""

    def write(self, text: str) -> None:
        if isinstance(self.place, Region):
            self.place.write(text)
        else:
            self.place.write_text(text, encoding="utf-8")


PIECES: List[Derived] = [
    Derived(topic_wiring.INTENTS, topic_wiring.intents_block),
    Derived(topic_wiring.RULES_FILE, topic_wiring.rules_file),
    Derived(role_wiring.SLOT_VALUES, role_wiring.slot_values),
    Derived(role_wiring.GREET_BUTTONS, role_wiring.greet_buttons),
    Derived(emergency_response.RESPONSES, emergency_response.response_block),
    Derived(glossary_lookup.TARGET, glossary_lookup.render),
    Derived(escalation_rules_doc.TARGET, escalation_rules_doc.render),
]


def stale(kb: KnowledgeBase) -> List[Derived]:
    return [piece for piece in PIECES if piece.current() != piece.render(kb)]
