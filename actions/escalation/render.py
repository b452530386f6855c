"""An escalation decision -> chat messages: route, next steps, what to record, learning points."""

from typing import Dict, List, Optional

from actions.answers.citations import learning_points_text, source_message
from actions.escalation.decision import Decision
from actions.content.interactive import Escalation
from actions.content.knowledge_base import KnowledgeBase, placeholders_in
from actions.answers.render import Renderer

ANSWER_LABELS = {
    "esc_danger": {"no": "not in immediate danger", "unknown": "not sure the child is safe now"},
    "esc_office_hours": {"in_hours": "office hours", "out_of_hours": "out of hours",
                         "unknown": "not sure if it is office hours"},
    "esc_concern": {"injury": "an injury or bruising", "neglect": "neglect",
                    "disclosure": "something the child said", "adult": "an adult's behaviour",
                    "other": "another concern", "unknown": "concern not yet clear"},
    "esc_mobility": {"not_mobile": "a baby not yet mobile", "under_3": "mobile, under 3", "over_3": "3 or older",
                     "unknown": "not sure of age or mobility"},
    "esc_injury_kind": {"head": "a head injury", "pattern": "a patterned mark or bite", "burn": "a burn or scald",
                        "soft_area": "a bruise on a soft area", "bruise": "another bruise or injury",
                        "unknown": "not sure what kind of injury"},
    "esc_injury": {"multiple": "more than one injury", "explanation": "no explanation, or it doesn't fit",
                   "both": "more than one injury and the explanation doesn't fit",
                   "neither": "one injury with a fitting explanation", "unknown": "not sure about the injuries"},
    "esc_known": {"yes": "known to social care", "no": "not known to social care",
                  "unknown": "not sure if known to social care"},
    "esc_can_wait": {"yes": "it can wait until the next working day", "no": "it cannot safely wait",
                     "unknown": "not sure it can wait"},
}
RELATED = {"999": ["eds_escalation", "mash_referral"], "eds": ["eds_escalation", "nai_injuries"],
           "mash": ["mash_referral", "strategy_discussion"], "mash_or_eds": ["eds_escalation", "mash_referral"],
           "safeguarding_lead": ["mash_referral", "professional_escalation"],
           "next_working_day": ["eds_escalation", "mash_referral"]}


def render_decision(decision: Decision, answers: Dict[str, Optional[str]], content: Escalation,
                    kb: KnowledgeBase, renderer: Renderer) -> List[dict]:
    if decision.route == "999":
        return [{"response": "utter_emergency"}, {"response": "utter_emergency_source"}]
    values = {**renderer.values, "office_hours": content.office_hours.clock().describe()}
    fill = lambda text: text.strip().format_map(values)  # noqa: E731
    route = content.routes[decision.route]
    said = [ANSWER_LABELS[q][a] for q, a in answers.items() if a and a in ANSWER_LABELS[q]]
    shown = [route.text]
    parts = [f"**Escalation helper - {route.title}**", f"You said: {'; '.join(said)}.", fill(route.text)]
    if decision.paediatric:
        parts.append(fill(content.paediatric))
    for note in decision.notes:
        parts.append(fill(content.notes[note]))
        shown.append(content.notes[note])
    steps = [s for key in decision.steps for s in content.next_steps.get(key, [])]
    shown += steps
    parts.append("Next steps:\n" + "\n".join(f"- {fill(s)}" for s in steps))
    record = [r for key in decision.record for r in content.record.get(key, [])]
    parts.append("What to record:\n" + "\n".join(f"- {fill(r)}" for r in record))
    if decision.learning_points:
        parts.append(f"Learning points that apply: {learning_points_text(kb, decision.learning_points)}.")
    hint = renderer.contacts.where_to_find(placeholders_in(shown))
    if hint:
        parts.append(hint)
    parts.append(fill(content.disclaimer))
    buttons = [{"title": kb.topics[t].title, "payload": f"/{t}"} for t in RELATED[decision.route]]
    return [{"text": "\n".join(parts)},
            source_message(kb, decision.learning_points, content.sources, buttons=buttons)]
