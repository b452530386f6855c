"""How the review answers' settings were chosen: cross-validation on the DEVELOPMENT questions.

evaluation/review/dev_questions.yml holds questions the review answers (with the sentences
that answer them) and questions about the review it is silent on. For each encoder weight
and margin, every fold picks the floor (`min_score`) that scores best on the other folds and
is scored on its own: a question is right when every expected sentence is quoted, or, when
the review does not state it, when nothing is. Then the same choice on all the development
questions, which is what knowledge_base/review_answers.yml holds. Retrieval only (no NLU);
evaluation/review_eval.py measures the whole bot.
Usage: .venv/bin/python evaluation/review_sweep.py [questions.yml]
"""

import sys
from itertools import product
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent)]
import numpy as np  # noqa: E402
from review_eval import DEV, collapse, load_questions  # noqa: E402

from actions.answers.review import ReviewIndex, named_learning_point  # noqa: E402
from actions.content.review_settings import load_review_settings  # noqa: E402

WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0)
MARGINS = (0.0, 0.05, 0.1, 0.15)
FLOORS = np.round(np.arange(0.25, 0.80, 0.01), 2)
FOLDS = 5


def right(scores, statements, question, floor, margin, max_statements, silent=False) -> bool:
    """What ReviewIndex.find would quote with these settings, judged against the question."""
    best = scores.max()
    if silent or best < floor:
        return bool(question.get("not_stated"))
    if question.get("not_stated"):
        return False
    chosen = [statements[i].text for i in np.argsort(-scores)[:max_statements] if scores[i] >= best - margin]
    said = collapse(" ".join(chosen))
    return all(collapse(s) in said for s in question["sentences"])


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    questions = [q for q in load_questions(path) if named_learning_point(q["text"]) is None]
    settings = load_review_settings()
    index = ReviewIndex.build(settings)
    feats = [index.features(q["text"]) for q in questions]
    silent = [bool(index.silent_on(q["text"])) for q in questions]
    print(f"{len(questions)} questions not naming a learning point by number ({path.name})")
    rng = np.random.default_rng(0)
    fold = rng.permutation(len(questions)) % FOLDS
    rows = []
    for weight, margin in product(WEIGHTS, MARGINS):
        scores = [weight * sem + (1 - weight) * lex for sem, lex in feats]
        table = np.array(
            [
                [
                    right(s, index.statements, q, f, margin, settings.max_statements, x)
                    for s, q, x in zip(scores, questions, silent, strict=True)
                ]
                for f in FLOORS
            ]
        )  # floors x questions
        cv = []
        for k in range(FOLDS):
            train = fold != k
            floor = table[:, train].mean(axis=1).argmax()
            cv.append(table[floor, ~train])
        cv_acc = np.concatenate(cv).mean()
        best = table.mean(axis=1).argmax()
        rows.append((cv_acc, weight, margin, FLOORS[best], table[best].mean()))
    print("encoder_weight margin  floor(all)  dev(all)  5-fold CV")
    for cv_acc, weight, margin, floor, acc in sorted(rows, reverse=True)[:15]:
        print(f"{weight:14.1f} {margin:6.2f} {floor:11.2f} {acc:9.3f} {cv_acc:10.3f}")
    scores = [settings.encoder_weight * sem + (1 - settings.encoder_weight) * lex for sem, lex in feats]
    marks = [
        right(s, index.statements, q, settings.min_score, settings.margin, settings.max_statements, x)
        for s, q, x in zip(scores, questions, silent, strict=True)
    ]
    print(
        f"as configured (weight {settings.encoder_weight}, floor {settings.min_score}, "
        f"margin {settings.margin}): {np.mean(marks):.3f}"
    )
    for q, s, ok in zip(questions, scores, marks, strict=True):
        if not ok:
            top = index.statements[int(s.argmax())].text[:70]
            print(f"  miss {q['id']} {q['text']!r} best {s.max():.3f}: {top}")


if __name__ == "__main__":
    main()
