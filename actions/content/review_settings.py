"""What the bot says when it answers from the review itself, and how it finds the sentence
(knowledge_base/review_answers.yml), validated once at action server start-up."""

from pathlib import Path
from typing import Dict, List

from pydantic import confloat, conint

from actions.content.knowledge_base import KB_DIR, Strict, _parse, _read_yaml


class ReviewSettings(Strict):
    intro: str
    quote: str
    source_section: str
    source_learning_point: str
    not_stated: str
    offer_topics: List[str]
    section_topics: Dict[str, str]
    learning_point_topics: Dict[int, str]
    answer_quote_learning_point: str
    answer_quote_section: str
    quoted_sections: List[str] = []
    encoder_weight: confloat(ge=0, le=1)
    min_score: confloat(gt=0, lt=1)
    margin: confloat(ge=0, lt=1)
    max_statements: conint(ge=1, le=5)
    topic_min_score: confloat(gt=0, lt=1)
    generic_words: List[str] = []
    equivalents: List[List[str]] = []
    never_mentioned: List[str] = []
    review_cues: List[str] = []


def load_review_settings(directory: Path = KB_DIR) -> ReviewSettings:
    path = directory / "review_answers.yml"
    return _parse(ReviewSettings, _read_yaml(path), path)
