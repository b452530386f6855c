"""Answers from the review itself: the sentence(s) of docs/source/case_review_luke.md that
state what was asked, quoted word for word with the heading they stand under.

The review is short (about 600 words), so a question about a fact it states ("what happened
during lockdown?") is best answered with the review's own sentence, never a paraphrase; and a
question it is silent on ("which town was it?") is answered "the review doesn't say" rather
than with the nearest sentence. A statement is one sentence of a case section or one whole
learning point. Its score mixes the sentence encoder's cosine (encoder/, the NLU's own
embedding) with the share of the question's content words it contains; a learning point
named by number ("learning point 4", "LP4", "the 2nd learning point") is looked up directly.
The settings (knowledge_base/review_answers.yml) were chosen by cross-validation on the
development questions (evaluation/review_sweep.py).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np

from actions.answers.passages import (
    LEARNING_HEADING,
    REVIEW,
    flat,
    phrase_pattern,
    review_sections,
    sentences,
)
from actions.answers.passages import stemmed_words as _stemmed
from actions.content.knowledge_base import KnowledgeBase, KnowledgeBaseError
from actions.content.review_settings import ReviewSettings

Encoder = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Statement:
    text: str
    heading: str
    position: int
    learning_point: Optional[int] = None


@dataclass(frozen=True)
class Found:
    """What the review states on a question: the statements to quote (review order), the best
    score, and whether a learning point was named by number."""

    statements: List[Statement]
    score: float
    by_number: bool = False
    # Each quoted statement's score, by position (the best one files the answer's topic).
    ranks: Dict[int, float] = field(default_factory=dict)


def statements(path: Path = REVIEW) -> List[Statement]:
    """Every sentence of the case sections and every learning point, in review order."""
    found: List[Statement] = []
    for heading, blocks in review_sections(path.read_text(encoding="utf-8")):
        if heading.strip() == LEARNING_HEADING:
            for number, block in enumerate(blocks, start=1):
                found.append(Statement(flat(block), heading, len(found), number))
        else:
            for block in blocks:
                found += [Statement(s, heading, len(found) + i) for i, s in enumerate(sentences(block))]
    return found


NUMBERS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen".split()
ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
)
WORD_NUMBER = {w: i for i, w in enumerate(NUMBERS, 1)} | {w: i for i, w in enumerate(ORDINALS.split(), 1)}
POINT = r"(?:learning\s*point|lp|recommendation|finding|lesson)"
NUMBER = r"(\d{1,2}|" + "|".join(NUMBERS) + r")"
ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(ORDINALS.split()) + r")"
NAMED_POINT = re.compile(
    rf"\b{POINT}\s*(?:no\.?|number|#)?\s*{NUMBER}\b|\b(?:{ORDINAL})\s+(?:{POINT})\b", re.IGNORECASE
)


# "the last learning point", "the final recommendation".
LAST_POINT = re.compile(rf"\b(?:last|final)\s+(?:{POINT})\b", re.IGNORECASE)


def named_learning_point(question: str, count: int = 14) -> Optional[int]:
    """The learning point a question names by number, if any (1..count); "the last" is `count`."""
    match = NAMED_POINT.search(question)
    if not match:
        return count if LAST_POINT.search(question) else None
    raw = next(g for g in match.groups() if g).lower()
    number = int(raw) if raw.isdigit() else WORD_NUMBER[raw]
    return number if 1 <= number <= count else None


def plural_pattern(name: str) -> re.Pattern:
    """A name as a whole phrase, its last word singular or plural ("GP" meets "GPs")."""
    return re.compile(r"(?<!\w)" + re.escape(name.lower()) + r"(?:s|es)?(?!\w)")


class ReviewIndex:
    """The review's statements, embedded once; `find` says what the review states on a question."""

    def __init__(
        self,
        found: Sequence[Statement],
        settings: ReviewSettings,
        encode: Encoder,
        matrix: Optional[np.ndarray] = None,
    ) -> None:
        self.statements = list(found)
        self.settings = settings
        self.encode = encode
        self.matrix = encode([s.text for s in self.statements]) if matrix is None else matrix
        self.generic = set(self.words(" ".join(settings.generic_words)))
        self.never = [(phrase, phrase_pattern(phrase)) for phrase in settings.never_mentioned]
        self.equivalents = [
            ([plural_pattern(n) for n in g], list(g)) for g in settings.equivalents if len(g) > 1
        ]
        self.statement_words = [set(self.words(s.text)) for s in self.statements]
        self.statement_lower = [s.text.lower() for s in self.statements]

    @classmethod
    def build(cls, settings: ReviewSettings, encode: Optional[Encoder] = None, review: Path = REVIEW):
        found = statements(review)
        if encode is not None:
            return cls(found, settings, encode)
        from encoder.cache import cached_meaning
        from encoder.sentence_encoder import meaning

        return cls(found, settings, meaning, cached_meaning([s.text for s in found]))

    @staticmethod
    def words(text: str) -> List[str]:
        """Content words, stemmed, a final "e" dropped too ("live" meets "living")."""
        return [w[:-1] if len(w) > 4 and w.endswith("e") else w for w in _stemmed(text)]

    def silent_on(self, question: str) -> Optional[str]:
        """A kind of fact the review never records that the question asks about ("name", "town",
        "arrested"), if any: the review cannot state it, whatever sentence is nearest."""
        lower = question.lower()
        return next((phrase for phrase, pattern in self.never if pattern.search(lower)), None)

    def features(self, question: str) -> tuple:
        """(encoder cosine, share of the question's content words present) per statement; a
        word is present when it is, or when the question says it within a name (`equivalents`)
        and the statement holds that name or one of its others, whole ("EDS" meets "Emergency
        Duty Service", not any "service")."""
        lower = question.lower()
        # The encoder reads the question with the other names of what it names ("EDS" with
        # "emergency duty service"): it may not know an abbreviation.
        said = [[p.search(lower) is not None for p in patterns] for patterns, _ in self.equivalents]
        others = [
            name
            for (_, names), hits in zip(self.equivalents, said, strict=True)
            if any(hits)
            for name, hit in zip(names, hits, strict=True)
            if not hit
        ]
        semantic = self.matrix @ self.encode([" ".join([question, *others])])[0]
        asked = set(self.words(question)) - self.generic
        if not asked:
            return semantic, np.zeros(len(self.statements))
        present = [words & asked for words in self.statement_words]
        for patterns, _names in self.equivalents:
            # The words as the question says them ("health visitors" for the name "health visitor").
            said = [m.group(0) for m in (p.search(lower) for p in patterns) if m]
            if not said:
                continue
            covered = set(self.words(" ".join(said))) & asked
            for i, text in enumerate(self.statement_lower):
                if any(p.search(text) for p in patterns):
                    present[i] = present[i] | covered
        lexical = np.array([len(found) / len(asked) for found in present])
        return semantic, lexical

    def scores(self, question: str) -> np.ndarray:
        semantic, lexical = self.features(question)
        weight = self.settings.encoder_weight
        return weight * semantic + (1 - weight) * lexical

    def named(self, question: str) -> Optional[Found]:
        """The learning point the question names by number ("what does learning point 4 say?")."""
        number = named_learning_point(question, max(s.learning_point or 0 for s in self.statements))
        if number is None:
            return None
        return Found([s for s in self.statements if s.learning_point == number], 1.0, by_number=True)

    def find(
        self,
        question: str,
        min_score: Optional[float] = None,
        keep: Optional[Callable[[Statement], bool]] = None,
    ) -> Optional[Found]:
        """The statements that answer the question, or None when the review does not state it.
        A learning point named by number is always found; otherwise the best statement (of
        those `keep` keeps, if given) must reach `min_score` (default: the settings') and the question
        must not ask for a kind of fact the review never records."""
        named = self.named(question)
        if named is not None:
            return named
        if self.silent_on(question):
            return None
        scores = self.scores(question)
        if keep is not None:
            scores = np.where([keep(s) for s in self.statements], scores, -1.0)
        best = float(scores.max())
        if best < (self.settings.min_score if min_score is None else min_score):
            return None
        floor = best - self.settings.margin
        chosen = [
            int(i) for i in sorted(np.argsort(-scores)[: self.settings.max_statements]) if scores[i] >= floor
        ]
        return Found([self.statements[i] for i in chosen], best, ranks={i: float(scores[i]) for i in chosen})


def source(statement: Statement, kb: KnowledgeBase, settings: ReviewSettings) -> str:
    if statement.learning_point:
        title = kb.learning_points[statement.learning_point].short
        return settings.source_learning_point.format(number=statement.learning_point, title=title)
    return settings.source_section.format(heading=statement.heading)


def topic_of(statement: Statement, settings: ReviewSettings) -> Optional[str]:
    """The topic a quote is filed under (the slot `topic`)."""
    if statement.learning_point:
        return settings.learning_point_topics.get(statement.learning_point)
    return settings.section_topics.get(statement.heading)


def quoted(found: Found, kb: KnowledgeBase, settings: ReviewSettings) -> List[dict]:
    """The intro, then one message per source: its statements joined in review order, quoted
    with where they stand (and the same under `quote`, for the web page)."""
    groups: List[tuple] = []
    for statement in found.statements:
        where = source(statement, kb, settings)
        if groups and groups[-1][0] == where:
            groups[-1][1].append(statement.text)
        else:
            groups.append((where, [statement.text]))
    messages = [
        {
            "text": settings.quote.format(text=" ".join(texts), source=where),
            "quote": {"text": " ".join(texts), "source": where},
        }
        for where, texts in groups
    ]
    return [{"text": settings.intro}, *messages]


def answer_quotes(kb: KnowledgeBase, settings: ReviewSettings, review: Path = REVIEW) -> Dict[str, str]:
    """topic id -> the line its answer quotes: the learning point it covers alone, or the
    review section it retells (`quoted_sections`), word for word."""
    quotes = {
        topic: settings.answer_quote_learning_point.format(
            number=number, text=kb.learning_points[number].text
        )
        for number, topic in settings.learning_point_topics.items()
    }
    said = statements(review)
    for heading in settings.quoted_sections:
        text = " ".join(s.text for s in said if s.heading.strip() == heading and not s.learning_point)
        if not text or heading not in settings.section_topics:
            raise KnowledgeBaseError(
                f"knowledge_base/review_answers.yml: quoted_sections: no section {heading!r}"
            )
        quotes[settings.section_topics[heading]] = settings.answer_quote_section.format(
            heading=heading, text=text
        )
    return quotes
