"""`make eval-concern`: how well the concern model reads what a concern is about, by
5-fold cross-validation on its corpus (rasa_plugins/nlu/concern_corpus.yml).

For each C: accuracy, and at each confidence the share of lines the model is sure of and
how often it is right then - the settings in config.yml (SituationDetector `c`,
`concern_confidence`) are chosen here, on the training lines only.
Usage: .venv/bin/python evaluation/concern_eval.py [C ...]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import numpy as np  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from rasa_plugins.nlu.concern_model import URGENT, ConcernModel, load_corpus, read_row  # noqa: E402

CONFIDENCES = (0.0, 0.4, 0.5, 0.6, 0.7)
URGENT_FLOORS = (1.01, 0.4, 0.3, 0.2)  # 1.01: the likeliest kind alone


def main(cs) -> None:
    corpus = load_corpus()
    texts = np.array([t for t, _ in corpus], dtype=object)
    kinds = np.array([k for _, k in corpus])
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, kinds))
    print(f"{len(texts)} lines: " + ", ".join(f"{k} {int((kinds == k).sum())}" for k in sorted(set(kinds))))
    for c in cs:
        rows, classes = np.zeros((len(texts), 5)), None
        for train, test in folds:
            model = ConcernModel(c).fit(list(texts[train]), list(kinds[train]))
            rows[test], classes = model.probabilities(list(texts[test])), list(model.model.classes_)
        for floor in URGENT_FLOORS:
            read = [read_row(classes, row, floor) for row in rows]
            said = np.array([kind for kind, _ in read], dtype=object)
            sure = np.array([p for _, p in read])
            right = said == kinds
            # the unsafe mistake: an injury or a child's disclosure read as a kind the rules do not refer
            away = np.isin(kinds, URGENT) & ~np.isin(said, URGENT)
            line = f"C={c} urgent floor {floor}: accuracy {right.mean():.3f}"
            for confidence in CONFIDENCES:
                kept = (sure >= confidence) | (np.isin(said, URGENT) & (sure >= min(floor, 1.0)))
                line += (
                    f" | >= {confidence}: read {kept.mean():.2f}, right {right[kept].mean():.3f},"
                    f" urgent read away {int((away & kept).sum())}"
                )
            print(line)
        for kind in sorted(set(kinds)):
            wrong = (kinds == kind) & ~right
            taken = ", ".join(f"{k} {int((said[wrong] == k).sum())}" for k in sorted(set(said[wrong])))
            print(f"    {kind:10s} right {right[kinds == kind].mean():.2f}  read instead as: {taken}")


if __name__ == "__main__":
    main([float(c) for c in sys.argv[1:]] or [1.0, 4.0, 16.0])
