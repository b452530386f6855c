"""Everything the actions say, loaded and validated once at action server start-up.

A broken knowledge base file stops the server there (exit status 1) with one
line naming the file and field - not a traceback, and not at the first
practitioner's question.
"""

from actions.interactive_content import load_all, load_escalation_rules
from actions.knowledge_base import KnowledgeBaseError, load_knowledge_base
from actions.local_contacts import load_local_contacts
from actions.quiz import QuizMaster
from actions.render import Renderer
from actions.scenario import Walkthrough

try:
    KNOWLEDGE_BASE = load_knowledge_base()
    RENDERER = Renderer(KNOWLEDGE_BASE, load_local_contacts())
    ESCALATION, SCENARIO, QUIZ = load_all(KNOWLEDGE_BASE)
    RULES = load_escalation_rules(KNOWLEDGE_BASE).table()
except KnowledgeBaseError as error:
    raise SystemExit(f"The action server cannot start: {error}") from None

CLOCK = ESCALATION.office_hours.clock()
WALKTHROUGH = Walkthrough(SCENARIO, KNOWLEDGE_BASE)
QUIZ_MASTER = QuizMaster(QUIZ, KNOWLEDGE_BASE)
