"""The action server (rasa-sdk). Modules named `*actions.py` (and `base.py`) are the thin rasa-sdk
adapters; everything else is plain Python that renders the YAML in knowledge_base/.

    content/       loading and validating knowledge_base/ and local_contacts.yml
    answers/       the generic topic answer, follow-ups, rendering and the source line
    conversation/  session start, roles, the area (local contacts), a route to a person, help menu, "did you mean"
    escalation/    the escalation helper: rules table, free-text answers, form
    activities/    the walk-through and the quiz
"""
