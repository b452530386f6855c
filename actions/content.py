"""The knowledge base and renderer every action shares.

Loaded when the action server imports the actions, so a broken knowledge base
stops the server at start-up (exit status 1) with one line naming the file and
field, not a traceback and not at the first practitioner's question.
"""

from actions.knowledge_base import KnowledgeBaseError, load_knowledge_base
from actions.local_contacts import load_local_contacts
from actions.render import Renderer

try:
    KNOWLEDGE_BASE = load_knowledge_base()
    RENDERER = Renderer(KNOWLEDGE_BASE, load_local_contacts())
except KnowledgeBaseError as error:
    raise SystemExit(f"The action server cannot start: {error}") from None
