"""A small classifier over what a message means: the sentence embedding
(encoder/sentence_encoder.py) beside character n-grams, into a logistic regression.

Shared by the concern model (what a concern is about) and the harm model (whether it
shows likely significant harm); each is trained on its own corpus written by kind.
"""

from __future__ import annotations

from typing import Dict, Optional, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from encoder.sentence_encoder import meaning


class MeaningModel:
    """fit(texts, labels), then probabilities(texts) in the order of `classes`."""

    def __init__(self, c: float = 4.0) -> None:
        self.c = c
        self.ngrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
        self.model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")

    @property
    def classes(self):
        return list(self.model.classes_)

    def features(self, texts: Sequence[str]):
        texts = list(texts)
        return hstack([csr_matrix(meaning(texts)), self.ngrams.transform(texts)]).tocsr()

    def fit(self, texts: Sequence[str], labels: Sequence[str]):
        self.ngrams.fit(list(texts))
        self.model.fit(self.features(texts), np.array(list(labels)))
        return self

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.predict_proba(self.features(texts))

    def state(self) -> Dict:
        return {"c": self.c, "ngrams": self.ngrams, "model": self.model}

    @classmethod
    def from_state(cls, state: Optional[Dict]):
        if not state:
            return None
        model = cls(state["c"])
        model.ngrams, model.model = state["ngrams"], state["model"]
        return model
