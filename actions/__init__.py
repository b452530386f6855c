"""The action server: renders answers from the knowledge base (see knowledge_base/)."""
