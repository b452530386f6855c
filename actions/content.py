"""The knowledge base and renderer every action shares.

Loaded when the action server imports the actions, so a broken knowledge base
stops the server at start-up, naming the file and field.
"""

from actions.knowledge_base import load_knowledge_base
from actions.local_contacts import load_local_contacts
from actions.render import Renderer

KNOWLEDGE_BASE = load_knowledge_base()
RENDERER = Renderer(KNOWLEDGE_BASE, load_local_contacts())
