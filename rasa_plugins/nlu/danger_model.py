"""The danger-now model: is a child in danger now, or in need of urgent medical help now?

A logistic regression over features that carry meaning - the sentence embedding
(sentence_encoder.py), character n-grams for spelling and shorthand, and the red-flag
list's context cues (past, resolved, safe, now, a threat to come). Trained on a corpus
organised by kind (danger_corpus.yml: kinds of emergency and kinds of alarming
non-emergency), the spent sealed sets' lines (danger_spent.yml: phrasings by writers who
never saw the corpus) plus the NLU training data's `emergency` lines against every other line,
so that questions about the same subjects ("what is shaken baby syndrome?") teach it
what is not an emergency. Its settings were chosen by leave-one-kind-out
cross-validation on the training lines (evaluation/danger_eval.py); the red flags stay
beside it only as a floor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np
import yaml
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from encoder.sentence_encoder import meaning

CORPUS_FILE = Path(__file__).with_name("danger_corpus.yml")
# Lines of sealed test sets already scored, written by helpers who never saw this corpus.
SPENT_FILE = Path(__file__).with_name("danger_spent.yml")
CLASS_WEIGHT = "balanced"
# The kinds of context the red-flag list reads (RedFlags.says), as the model's features.
CONTEXT_CUES = ("calm", "safe", "resolved", "now", "future")


def load_corpus(*paths: Path) -> List[Tuple[str, int, str]]:
    """(text, 1 for danger now, kind) for every line of the corpus and the spent sealed sets."""
    lines = []
    for path in paths or (CORPUS_FILE, SPENT_FILE):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines += [
            (text, int(label == "emergency"), kind)
            for label, kinds in data.items()
            for kind, texts in kinds.items()
            for text in texts
        ]
    return lines


class DangerModel:
    """fit(texts, labels) then probability(texts); `flags` is a RedFlags (emergency_guard.py)."""

    def __init__(self, flags, c: float = 16.0) -> None:
        self.flags = flags
        self.c = c
        self.ngrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
        self.model = LogisticRegression(C=c, max_iter=3000, class_weight=CLASS_WEIGHT)

    def _cues(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            words = " ".join(text.lower().replace("\u2019", "'").split())
            flag = self.flags.flag(words)
            context = self.flags.says(words, flag)
            rows.append([context[cue] for cue in CONTEXT_CUES] + [bool(flag), bool(flag and flag.medical)])
        return np.array(rows, dtype=float)

    def features(self, texts: Sequence[str]):
        texts = list(texts)
        return hstack(
            [csr_matrix(meaning(texts)), self.ngrams.transform(texts), csr_matrix(self._cues(texts))]
        ).tocsr()

    def fit(self, texts: Sequence[str], labels: Iterable[int]) -> "DangerModel":
        texts = list(texts)
        self.ngrams.fit(texts)
        self.model.fit(self.features(texts), np.array(list(labels)))
        return self

    def probability(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.predict_proba(self.features(texts))[:, 1] if texts else np.zeros(0)

    def state(self) -> Dict:
        return {"c": self.c, "ngrams": self.ngrams, "model": self.model}

    @classmethod
    def from_state(cls, state: Dict, flags) -> "DangerModel":
        model = cls(flags, state["c"])
        model.ngrams, model.model = state["ngrams"], state["model"]
        return model
