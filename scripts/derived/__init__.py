"""Files derived from the knowledge base, written by `make sync-content` and checked by `make check-content`.

Each module renders one derived piece from the YAML a content owner edits, so that
adding a topic is its knowledge base file plus its examples (knowledge_base/README.md).
"""
