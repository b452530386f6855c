"""How much the sentence embedding adds to the topic classifier, by 5-fold cross-validation
on the training lines only (the held-out set is not read).

A replica of the pipeline's features in scikit-learn - word counts and character 2-5-grams
(as config.yml's CountVectorsFeaturizers) beside the embedding times `scale` (0 = without)
- with Rasa's logistic regression settings, so that the scale can be chosen in minutes
rather than with a full `rasa test nlu --cross-validation` per setting.
Usage: .venv/bin/python evaluation/encoder_cv.py [scale ...]   (default 0 5 10 20)
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
import numpy as np  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from encoder.sentence_encoder import meaning  # noqa: E402
from nlu_examples import ENTITY, TRAINING  # noqa: E402


def training_lines():
    texts, intents = [], []
    for intent, lines in TRAINING.items():
        for line in lines:
            if not line.startswith("/"):
                texts.append(" ".join(ENTITY.sub(r"\1", line).split()))
                intents.append(intent)
    return texts, np.array(intents)


def features(counts, texts, embedded, scale: float, rows):
    parts = [count.transform([texts[i] for i in rows]) for count in counts]
    return hstack(parts + ([csr_matrix(embedded[rows] * scale)] if scale else [])).tocsr()


def accuracy(texts, intents, embedded, scale: float) -> float:
    scores = []
    for train, test in StratifiedKFold(5, shuffle=True, random_state=42).split(texts, intents):
        fitted = [texts[i] for i in train]
        counts = [
            CountVectorizer(token_pattern=r"(?u)\b\w+\b").fit(fitted),
            CountVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(fitted),
        ]
        train_x, test_x = (features(counts, texts, embedded, scale, rows) for rows in (train, test))
        model = LogisticRegression(max_iter=500).fit(train_x, intents[train])
        scores.append(float((model.predict(test_x) == intents[test]).mean()))
    return float(np.mean(scores))


def main(scales) -> None:
    texts, intents = training_lines()
    embedded = meaning(texts)
    print(f"{len(texts)} training lines, {len(set(intents))} intents; 5-fold accuracy by embedding scale")
    for scale in scales:
        print(f"  scale {scale:>4}: {accuracy(texts, intents, embedded, scale):.3f}", flush=True)


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [0.0, 5.0, 10.0, 20.0])
