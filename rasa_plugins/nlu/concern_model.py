"""What a concern about a child is mainly about, read by meaning: an injury, neglect,
something the child said, an adult around the child, or another worry.

The situation reader's words (situation/reader.py) name a concern when they find an
injury word or a child's "she told me..."; phrasings nobody listed ("he keeps holding his
arm funny", "yr 8 says she sleeps in the shed when he's drunk") are read here instead: a
logistic regression over the sentence embedding (encoder/sentence_encoder.py) and
character n-grams, trained on a corpus written by kind (concern_corpus.yml). Its settings
were chosen by cross-validation on that corpus (evaluation/concern_eval.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import numpy as np
import yaml

from rasa_plugins.nlu.meaning_model import MeaningModel
from situation.meaning import URGENT

CORPUS_FILE = Path(__file__).with_name("concern_corpus.yml")
KINDS = ("injury", "neglect", "disclosure", "adult", "other")


def load_corpus(path: Path = CORPUS_FILE) -> List[Tuple[str, str]]:
    """(text, kind) for every line of the corpus."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(text, kind) for kind in KINDS for text in data.get(kind) or []]


class ConcernModel(MeaningModel):
    """fit(texts, kinds) then reading(text) -> (kind, probability)."""

    def reading(self, text: str, urgent_floor: float = 0.3) -> Tuple[str, float]:
        """(kind, probability): the likeliest kind - or an urgent kind at `urgent_floor` or more."""
        return read_row(self.classes, self.probabilities([text])[0], urgent_floor)


def read_row(classes: List[str], row: np.ndarray, urgent_floor: float) -> Tuple[str, float]:
    probability = dict(zip(classes, (float(p) for p in row), strict=True))
    best = max(probability, key=probability.get)
    urgent = max(URGENT, key=lambda kind: probability.get(kind, 0.0))
    if best not in URGENT and probability.get(urgent, 0.0) >= urgent_floor:
        best = urgent
    return best, probability[best]
