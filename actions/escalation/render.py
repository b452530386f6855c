"""An escalation decision -> chat messages: route, next steps, what to record, learning points."""

from typing import Dict, List, Optional

from actions.answers.citations import learning_points_text, source_message
from actions.answers.render import Renderer
from actions.content.interactive import Escalation
from actions.content.knowledge_base import KnowledgeBase, placeholders_in
from actions.escalation.decision import Decision, OfficeHours


def render_decision(
    decision: Decision,
    answers: Dict[str, Optional[str]],
    content: Escalation,
    kb: KnowledgeBase,
    renderer: Renderer,
    clock: Optional[OfficeHours] = None,
) -> List[dict]:
    """The clock is the user's area's office hours (default: escalation.yml's)."""
    if decision.route == "999":
        return [{"response": "utter_emergency"}, {"response": "utter_emergency_source"}]
    clock = clock or content.office_hours.clock()
    values = {**renderer.values, "office_hours": clock.describe()}
    fill = lambda text: text.strip().format_map(values)  # noqa: E731
    route = content.routes[decision.route]
    words, labels = content.words, content.answer_labels
    said = [labels[q][a] for q, a in answers.items() if a and a in labels.get(q, {})]
    shown = [route.text]
    parts = [
        words.heading.format(title=route.title),
        words.you_said.format(answers="; ".join(said)),
        fill(route.text),
    ]
    if decision.emergency_department:
        parts.append(fill(content.emergency_department))
    elif decision.paediatric:
        parts.append(fill(content.paediatric))
    for note in decision.notes:
        parts.append(fill(content.notes[note]))
        shown.append(content.notes[note])
    steps = [s for key in decision.steps for s in content.next_steps.get(key, [])]
    shown += steps
    parts.append(f"{words.next_steps}\n" + "\n".join(f"- {fill(s)}" for s in steps))
    record = [r for key in decision.record for r in content.record.get(key, [])]
    parts.append(f"{words.record}\n" + "\n".join(f"- {fill(r)}" for r in record))
    if decision.learning_points:
        parts.append(words.learning_points.format(points=learning_points_text(kb, decision.learning_points)))
    hint = renderer.contacts.where_to_find(placeholders_in(shown))
    if hint:
        parts.append(hint)
    parts.append(fill(content.disclaimer))
    buttons = [{"title": kb.topics[t].title, "payload": f"/{t}"} for t in route.related]
    return [
        {"text": "\n".join(parts)},
        source_message(kb, decision.learning_points, content.sources, buttons=buttons),
    ]
