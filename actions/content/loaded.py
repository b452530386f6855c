"""Everything the actions say, loaded and validated once at action server start-up.

A broken knowledge base file stops the server there (exit status 1) with one
line naming the file and field - not a traceback, and not at the first
practitioner's question.
"""

from actions.activities.quiz import QuizMaster
from actions.activities.walkthrough import Walkthrough
from actions.answers.passages import PassageIndex
from actions.answers.render import Renderer
from actions.content.interactive import load_all, load_escalation_rules
from actions.content.knowledge_base import KnowledgeBaseError, load_knowledge_base
from actions.content.local_contacts import load_local_contacts
from actions.content.passage_settings import load_passage_settings
from actions.content.prompts import load_prompts

try:
    KNOWLEDGE_BASE = load_knowledge_base()
    RENDERER = Renderer(KNOWLEDGE_BASE, load_local_contacts())
    ESCALATION, WALKTHROUGH_SCRIPT, QUIZ = load_all(KNOWLEDGE_BASE)
    RULES = load_escalation_rules(KNOWLEDGE_BASE).table()
    PROMPTS = load_prompts()
    PASSAGE_SETTINGS = load_passage_settings()
    # Quoted when the bot is unsure (actions/answers/passages.py): fitted once, here.
    PASSAGES = PassageIndex.build(KNOWLEDGE_BASE, PASSAGE_SETTINGS)
except KnowledgeBaseError as error:
    raise SystemExit(f"The action server cannot start: {error}") from None

CLOCK = ESCALATION.office_hours.clock()
WALKTHROUGH = Walkthrough(WALKTHROUGH_SCRIPT, KNOWLEDGE_BASE)
QUIZ_MASTER = QuizMaster(QUIZ, KNOWLEDGE_BASE)
