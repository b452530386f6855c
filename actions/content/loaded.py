"""Everything the actions say, loaded and validated once at action server start-up.

A broken knowledge base or contacts file stops the server there (exit status 1)
with one line naming the file and field (for contacts: the area and field) - not
a traceback, and not at the first practitioner's question.
"""

from typing import Optional

from actions.activities.quiz import QuizMaster
from actions.activities.walkthrough import Walkthrough
from actions.answers.passages import PassageIndex
from actions.answers.render import Renderer
from actions.answers.review import ReviewIndex, answer_quotes
from actions.answers.review_reply import check_topics
from actions.content.area_match import AreaMatcher
from actions.content.interactive import load_all, load_escalation_rules
from actions.content.knowledge_base import KnowledgeBaseError, load_knowledge_base
from actions.content.local_contacts import load_directory
from actions.content.passage_settings import load_passage_settings
from actions.content.prompts import load_prompts
from actions.content.review_settings import load_review_settings
from actions.escalation.decision import OfficeHours

try:
    KNOWLEDGE_BASE = load_knowledge_base()
    CONTACTS = load_directory()
    ESCALATION, WALKTHROUGH_SCRIPT, QUIZ = load_all(KNOWLEDGE_BASE)
    RULES = load_escalation_rules(KNOWLEDGE_BASE).table()
    PROMPTS = load_prompts()
    PASSAGE_SETTINGS = load_passage_settings()
    # Quoted when the bot is unsure (actions/answers/passages.py): fitted once, here.
    PASSAGES = PassageIndex.build(KNOWLEDGE_BASE, PASSAGE_SETTINGS)
    # Questions about what the review states (actions/answers/review.py): its sentences, embedded once.
    REVIEW_SETTINGS = load_review_settings()
    check_topics(REVIEW_SETTINGS, KNOWLEDGE_BASE)
    REVIEW_INDEX = ReviewIndex.build(REVIEW_SETTINGS)
    QUOTES = answer_quotes(KNOWLEDGE_BASE, REVIEW_SETTINGS)
except KnowledgeBaseError as error:
    raise SystemExit(f"The action server cannot start: {error}") from None

# One renderer per area, and one for "no area chosen" (its text says where to look).
RENDERERS = {
    name: Renderer(KNOWLEDGE_BASE, CONTACTS.get(name), PROMPTS.answers, QUOTES) for name in CONTACTS.names()
}
RENDERER = Renderer(KNOWLEDGE_BASE, CONTACTS.get(None), PROMPTS.answers, QUOTES)
AREAS = AreaMatcher({name: area.aliases for name, area in CONTACTS.areas.items()})
CLOCK = ESCALATION.office_hours.clock()
WALKTHROUGH = Walkthrough(WALKTHROUGH_SCRIPT, KNOWLEDGE_BASE)
QUIZ_MASTER = QuizMaster(QUIZ, KNOWLEDGE_BASE)


def renderer_for(area: Optional[str]) -> Renderer:
    """The renderer with that area's contacts (the slot `area`), else the deployment's default."""
    return RENDERERS.get(area or "", RENDERER)


def clock_for(area: Optional[str]) -> OfficeHours:
    """That area's office hours for the in-hours / out-of-hours decision, else escalation.yml's."""
    hours = CONTACTS.get(area).office_hours
    return hours.clock() if hours else CLOCK
