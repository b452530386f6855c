"""The escalation helper: the rules table's decision (Rasa-free), free-text answers, the form's actions."""
