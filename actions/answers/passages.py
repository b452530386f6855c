"""Passages quoted word for word when the bot is unsure what was asked.

Below the NLU confidence threshold the bot does not guess a topic; a short passage of
the review or of a topic's answer that shares the question's words may still help.
The passages are cut from their sources at sentence ends and never rewritten, so what
is shown is what the review or the guide says. Ranking is TF-IDF cosine similarity
over character n-grams and over stemmed words (scikit-learn), fitted once at action server
start-up over a few hundred passages (PassageIndex says how the two are mixed); a score
floor keeps weak matches off the screen.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from actions.content.knowledge_base import ROOT, KnowledgeBase
from actions.content.passage_settings import PassageSettings
from encoder.cache import cached_meaning

REVIEW = ROOT / "docs" / "source" / "case_review_luke.md"
LEARNING_HEADING = "Summary of Learning"
# A sentence ends at . ! or ? followed by space and a capital, digit or quote: "e.g. a
# toddler" stays one sentence.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
TAG = re.compile(r"<[^>]+>")
# Topic text with a local contact still to fill in ({eds}) is not quoted: filling it
# in would change the words, and a bare "{eds}" reads as a fault.
PLACEHOLDER = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class Passage:
    text: str
    source: str
    # Where it comes from, for tests and the evaluation: a topic id, or a learning point.
    topic: Optional[str] = None
    learning_point: Optional[int] = None
    heading: Optional[str] = None
    # The topic field it is cut from (answer, more, in_lukes_case); None for the review.
    field: Optional[str] = None


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float


def flat(text: str) -> str:
    """One line: runs of white space as one space (as YAML folding and Markdown read them)."""
    return " ".join(text.split())


def sentences(text: str) -> List[str]:
    return [s for s in SENTENCE_END.split(flat(text)) if s]


def windows(text: str, size: int) -> List[str]:
    """Runs of up to `size` consecutive sentences, each sentence in exactly one run; a
    sentence with a placeholder is left out and ends the run before it."""
    runs: List[List[str]] = [[]]
    for sentence in sentences(text):
        if PLACEHOLDER.search(sentence):
            runs.append([])
        else:
            runs[-1].append(sentence)
    return [" ".join(run[i : i + size]) for run in runs for i in range(0, len(run), size)]


def review_sections(markdown: str) -> List[tuple]:
    """(heading, [paragraph or bullet, ...]) in order; HTML tags dropped ("24<sup>th</sup>"
    reads "24th"), a bullet's continuation lines joined to it."""
    sections: List[tuple] = []
    for line in markdown.splitlines():
        stripped = TAG.sub("", line).strip()
        if stripped.startswith("#"):
            sections.append((stripped.strip("#* "), []))
        elif not stripped or not sections:
            if sections and sections[-1][1] and sections[-1][1][-1] != "":
                sections[-1][1].append("")
        elif stripped.startswith("- ") or not sections[-1][1] or sections[-1][1][-1] == "":
            sections[-1][1].append(stripped[2:] if stripped.startswith("- ") else stripped)
        else:
            sections[-1][1][-1] += " " + stripped
    return [(heading, [b for b in blocks if b]) for heading, blocks in sections]


def review_passages(kb: KnowledgeBase, settings: PassageSettings, path: Path = REVIEW) -> List[Passage]:
    """The learning points one passage each, sourced by number and short title; the other
    sections' paragraphs cut into runs of sentences, sourced by the section heading."""
    passages = []
    for heading, blocks in review_sections(path.read_text(encoding="utf-8")):
        if heading.strip() == LEARNING_HEADING:
            for number, block in enumerate(blocks, start=1):
                title = kb.learning_points[number].short
                source = settings.source_learning_point.format(number=number, title=title)
                passages.append(Passage(flat(block), source, learning_point=number, heading=heading))
            continue
        source = settings.source_review_section.format(heading=heading)
        for block in blocks:
            for text in windows(block, settings.sentences_per_passage):
                passages.append(Passage(text, source, heading=heading))
    return passages


def topic_passages(kb: KnowledgeBase, settings: PassageSettings) -> List[Passage]:
    passages = []
    for topic_id, topic in kb.topics.items():
        if topic_id in settings.skip_topics:
            continue
        source = settings.source_topic.format(title=topic.title)
        for field in settings.topic_fields:
            for text in windows(getattr(topic, field) or "", settings.sentences_per_passage):
                passages.append(Passage(text, source, topic=topic_id, field=field))
    return passages


WORD = re.compile(r"(?u)\b\w\w+\b")
# Longest first: "ies" before "es" before "s".
SUFFIXES = ("ies", "ing", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A crude suffix strip ("injuries" -> "injur", "bruised" -> "bruis", "calls" -> "call"),
    enough for word counts to meet across plural and tense; words of 4 letters or fewer, and
    stems that would be shorter than 4, are left alone ("gps", "does")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stemmed_words(text: str) -> List[str]:
    """The words of `text` that are not English stop words, stemmed (the stop words are
    dropped before stemming: "something" would otherwise pass as "someth")."""
    return [stem(w) for w in WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


def phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(phrase.lower()) + r"(?!\w)")


class PassageIndex:
    """TF-IDF over the passages; `search` returns the best passage of each source, best first.

    A passage's score is a mix of two cosine similarities with the question: over character
    3-5-grams (typos, "s47", "nights" meeting "night") and over stemmed words and word pairs
    without English stop words (which keeps common short grams like "the" or "ing" from
    carrying a match). Before scoring, a question that names a term one way gets its other
    names appended ("EDS" -> "emergency duty service", "out of hours"), so a question and
    a passage that use different names of one thing still meet. Each score is multiplied by
    the weight of the field the passage is from (the answer states a topic; "more" and "in
    Luke's case" are follow-ups). Every choice was made on the training lines (data/nlu),
    see evaluation/passages_sweep.py; the question is only read, passages are never changed.
    """

    def __init__(
        self,
        passages: Sequence[Passage],
        min_score: float,
        limit: int,
        word_weight: float = 0.0,
        field_weights: Optional[Dict[str, float]] = None,
        equivalents: Sequence[Sequence[str]] = (),
        encoder_weight: float = 0.0,
        encode: Optional[Callable[[Sequence[str]], np.ndarray]] = None,
        meaning_matrix: Optional[np.ndarray] = None,
    ) -> None:
        self.passages = list(passages)
        self.min_score = min_score
        self.limit = limit
        self.word_weight = word_weight
        texts = [p.text for p in self.passages]
        self.char_vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.char_matrix = self.char_vectorizer.fit_transform(texts)
        self.word_vectorizer = TfidfVectorizer(analyzer=self._word_analyzer(), sublinear_tf=True)
        self.word_matrix = self.word_vectorizer.fit_transform(texts)
        self.encoder_weight = encoder_weight
        self.encode = encode
        # The sentence encoder's embeddings (encoder/), only when they carry weight.
        if encode is not None and encoder_weight > 0 and meaning_matrix is None:
            meaning_matrix = encode(texts)
        self.meaning_matrix = meaning_matrix if encode is not None and encoder_weight > 0 else None
        weights = field_weights or {}
        self.weights = np.array([weights.get(p.field or "review", 1.0) for p in self.passages])
        self.equivalents = [
            ([phrase_pattern(name) for name in group], list(group)) for group in equivalents if len(group) > 1
        ]

    @staticmethod
    def _word_analyzer():
        def analyse(text: str) -> List[str]:
            words = stemmed_words(text)
            return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]

        return analyse

    @classmethod
    def build(cls, kb: KnowledgeBase, settings: PassageSettings, review: Path = REVIEW) -> "PassageIndex":
        passages = review_passages(kb, settings, review) + topic_passages(kb, settings)
        encode = matrix = None
        if settings.encoder_weight > 0:
            from encoder.sentence_encoder import meaning as encode

            matrix = cached_meaning([p.text for p in passages])
        return cls(
            passages,
            settings.min_score,
            settings.max_passages,
            word_weight=settings.word_weight,
            field_weights=settings.field_weights,
            equivalents=equivalent_names(kb, settings),
            encoder_weight=settings.encoder_weight,
            encode=encode,
            meaning_matrix=matrix,
        )

    def expand(self, question: str) -> str:
        """The question, then the other names of every term it names (glossary aliases and the
        settings' equivalents); the question itself comes first and is never changed."""
        lower = question.lower()
        extra = [
            name
            for patterns, names in self.equivalents
            if any(p.search(lower) for p in patterns)
            for name, p in zip(names, patterns, strict=True)
            if not p.search(lower)
        ]
        return " ".join([question, *extra])

    def scores(self, question: str) -> np.ndarray:
        query = self.expand(question)
        char = linear_kernel(self.char_vectorizer.transform([query]), self.char_matrix)[0]
        word = linear_kernel(self.word_vectorizer.transform([query]), self.word_matrix)[0]
        lexical = (1 - self.word_weight) * char + self.word_weight * word
        if self.meaning_matrix is None:
            return lexical * self.weights
        # The question as asked (not expanded): the encoder knows "at night" is out of hours.
        meaning = self.meaning_matrix @ self.encode([question])[0]
        return ((1 - self.encoder_weight) * lexical + self.encoder_weight * meaning) * self.weights

    def scored(self, question: str) -> List[Hit]:
        """Every passage with its score, best first (for the evaluation and the tests)."""
        scores = self.scores(question)
        order = sorted(range(len(self.passages)), key=lambda i: -scores[i])
        return [Hit(self.passages[i], float(scores[i])) for i in order]

    def search(self, question: str) -> List[Hit]:
        """Up to `limit` passages from different sources, each scoring at least `min_score`."""
        hits: List[Hit] = []
        for hit in self.scored(question):
            if hit.score < self.min_score or len(hits) == self.limit:
                break
            if all(hit.passage.source != h.passage.source for h in hits):
                hits.append(hit)
        return hits


def equivalent_names(kb: KnowledgeBase, settings: PassageSettings) -> List[List[str]]:
    """Groups of names for one thing: each glossary term with its aliases (if
    `expand_with_glossary`), and the settings' own `equivalents`."""
    groups = (
        [[key.lower(), *term.aliases] for key, term in kb.glossary.items()]
        if settings.expand_with_glossary
        else []
    )
    return groups + [list(group) for group in settings.equivalents]


def quoted(hits: Iterable[Hit], settings: PassageSettings) -> List[dict]:
    """The intro, then one message per passage: the quote and its source as text, and the
    same under `quote` for the web page (actions/answers/citations.py for_channel)."""
    messages = [
        {
            "text": settings.quote.format(text=hit.passage.text, source=hit.passage.source),
            "quote": {"text": hit.passage.text, "source": hit.passage.source},
        }
        for hit in hits
    ]
    return [{"text": settings.intro}] + messages if messages else []
