"""What the bot says around quoted passages, and how they are retrieved
(knowledge_base/passages.yml), validated once at action server start-up."""

from pathlib import Path
from typing import Dict, List

from pydantic import confloat, conint

from actions.content.knowledge_base import KB_DIR, Strict, _parse, _read_yaml


class PassageSettings(Strict):
    intro: str
    quote: str
    source_learning_point: str
    source_review_section: str
    source_topic: str
    min_score: confloat(gt=0, lt=1)
    max_passages: conint(ge=1, le=2)
    sentences_per_passage: conint(ge=1, le=5)
    topic_fields: List[str]
    skip_topics: List[str] = []
    # Share of the word score in a passage's score (the rest is the character n-gram score).
    word_weight: confloat(ge=0, le=1) = 0.0
    # Share of the sentence encoder's cosine (encoder/) in the score; the rest is the TF-IDF mix.
    encoder_weight: confloat(ge=0, le=1) = 0.0
    # A passage's score is multiplied by the weight of its field ("review" for the review).
    field_weights: Dict[str, confloat(gt=0, le=1)] = {}
    # Append a term's other names (glossary.yml aliases) to a question that names it.
    expand_with_glossary: bool = False
    # More groups of names for one thing, in lower case, for the same expansion.
    equivalents: List[List[str]] = []


def load_passage_settings(directory: Path = KB_DIR) -> PassageSettings:
    path = directory / "passages.yml"
    return _parse(PassageSettings, _read_yaml(path), path)
