"""Content loading and schema: reads knowledge_base/ and local_contacts.yml, validates them (Rasa-free)."""
