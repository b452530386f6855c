"""The simple thing a user could do instead: keyword search as a classifier.

TF-IDF on word 1-2-grams and character 2-5-grams, logistic regression on top,
trained on the bot's own NLU examples; its probabilities go through the same
fallback/emergency rule as the bot's (thresholds.decide).
"""

from typing import Dict, List, Sequence, Tuple

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline, make_union

from nlu_eval.scoring import macro_f1
from nlu_eval.thresholds import decide

SEED = 42


class Baseline:
    def __init__(self, thresholds: Dict[str, float]) -> None:
        self.thresholds = thresholds
        self.model = make_pipeline(
            make_union(
                TfidfVectorizer(lowercase=True, ngram_range=(1, 2), sublinear_tf=True),
                TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            ),
            LogisticRegression(C=20, max_iter=2000, random_state=SEED),
        )

    def fit(self, examples: Sequence[Tuple[str, str]]) -> "Baseline":
        self.model.fit([text for _, text in examples], [intent for intent, _ in examples])
        return self

    def rankings(self, texts: Sequence[str]) -> List[List[Tuple[str, float]]]:
        classes = self.model.classes_
        return [
            sorted(zip(classes, row, strict=True), key=lambda pair: -pair[1])
            for row in self.model.predict_proba(texts)
        ]

    def predict(self, texts: Sequence[str]) -> List[str]:
        """The intent acted on after the fallback rule (may be nlu_fallback)."""
        return [decide(ranking, self.thresholds) for ranking in self.rankings(texts)]


def cross_validate(examples: Sequence[Tuple[str, str]], thresholds: Dict[str, float], folds: int = 5) -> Dict:
    """Stratified k-fold intent report, fallback rule included (as in Rasa's cross-validation)."""
    texts = [text for _, text in examples]
    labels = [intent for intent, _ in examples]
    expected, predicted = [], []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(texts, labels):
        model = Baseline(thresholds).fit([examples[i] for i in train])
        predicted += model.predict([texts[i] for i in test])
        expected += [labels[i] for i in test]
    return macro_f1(expected, predicted)
