"""Content for the interactive actions, loaded and validated once at action server start-up."""

from actions.interactive_content import load_all
from actions.knowledge_base import load_knowledge_base
from actions.local_contacts import load_local_contacts
from actions.quiz import QuizMaster
from actions.render import Renderer
from actions.scenario import Walkthrough

KB = load_knowledge_base()
RENDERER = Renderer(KB, load_local_contacts())
ESCALATION, SCENARIO, QUIZ = load_all(KB)
CLOCK = ESCALATION.office_hours.clock()
WALKTHROUGH = Walkthrough(SCENARIO, KB)
QUIZ_MASTER = QuizMaster(QUIZ, KB)
