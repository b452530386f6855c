"""docs/ESCALATION_RULES.md: the escalation helper's rules table, as a safeguarding lead reads it.

The table is knowledge_base/escalation_rules.yml (what the code evaluates); this only renders it.
"""

from actions.content.interactive import load_escalation_rules
from actions.content.knowledge_base import ROOT, KnowledgeBase
from actions.escalation.decision import ANSWERS

TARGET = ROOT / "docs" / "ESCALATION_RULES.md"
ROUTES = {
    "999": "**Call 999**",
    "refer_now": "**Refer now** (MASH in office hours, EDS or police out of hours)",
    "lead": "Safeguarding lead today / next working day",
}


def when(row) -> str:
    return "; ".join(f"{q[len('esc_') :]} is {' or '.join(a)}" for q, a in row.when.items()) or "always"


def render(kb: KnowledgeBase) -> str:
    table = load_escalation_rules(kb)
    lines = [
        "# Escalation helper: the rules",
        "",
        "Generated from `knowledge_base/escalation_rules.yml` by `make sync-content`;",
        "edit the YAML, not this page. Every rule that matches applies; the helper gives the most urgent",
        'route among them, and a same-day paediatric opinion if any asks for one. "unknown" (I don\'t know)',
        "sits beside the most worrying answer in every rule, so not knowing never lowers the route",
        "(`tests/unit/test_escalation_decision.py` checks every combination of answers).",
        "",
        "| rule | when | route | paediatric opinion | learning points | why | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in [*table.rules, table.default]:
        sources = ", ".join(f"[{kb.sources[k].title}]({kb.sources[k].url})" for k in row.source.keys)
        lines.append(
            f"| {row.id} | {when(row)} | {ROUTES[row.route]} | {'yes' if row.paediatric else '-'} "
            f"| {', '.join(map(str, row.learning_points)) or '-'} | {row.why} "
            f"| {sources}; {row.source.where} |"
        )
    lines += [
        "",
        "## The questions and their answers",
        "",
        "Asked in this order, and only when the answer could still change the route "
        "(`required_questions` in `actions/escalation/decision.py`).",
        "",
    ]
    lines += [f"- `{q[len('esc_') :]}`: {', '.join(a)}" for q, a in ANSWERS.items()]
    return "\n".join(lines) + "\n"
