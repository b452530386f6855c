"""How the quoted-passage retrieval's settings were chosen: on the TRAINING lines only.

Each training example of data/nlu whose intent is a contract topic is a question whose
expected topic is its intent; out_of_scope examples are questions that should get no
passage. For each setting it prints, without a floor, how often the best passage is from
the expected topic, then for the floor that shows a passage to a given share of the
out-of-scope lines: the share of topic lines shown a passage, how often the first one is
right (of all topic lines, and of those shown). The held-out lines are not read here.
Usage: .venv/bin/python evaluation/passages_sweep.py
"""

import sys
from itertools import product
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent)]
import numpy as np  # noqa: E402
import yaml  # noqa: E402

from actions.answers.passages import PassageIndex, equivalent_names  # noqa: E402
from actions.content.knowledge_base import load_knowledge_base  # noqa: E402
from actions.content.passage_settings import load_passage_settings  # noqa: E402
from encoder.cache import cached_meaning  # noqa: E402
from encoder.sentence_encoder import meaning  # noqa: E402
from nlu_eval import datasets, passages  # noqa: E402

# The out-of-scope share the floor is calibrated to (the old floor, 0.25, showed a passage
# for 1 in 11 out-of-scope training lines).
OOS_SHARES = (0.05, 0.09)
# Share of the sentence encoder's cosine in the score (0: the TF-IDF mix alone).
ENCODER_WEIGHTS = (0.0, 0.3, 0.5, 0.7, 1.0)
TOP = 25
PRECISION = 0.8
FIELDS = {
    "flat": {},
    "answer>more>luke": {"answer": 1.0, "more": 0.9, "in_lukes_case": 0.8},
    "answer>more>luke (steep)": {"answer": 1.0, "more": 0.8, "in_lukes_case": 0.6},
    "answer>more>luke (steeper)": {"answer": 1.0, "more": 0.7, "in_lukes_case": 0.5},
}


def raw_scores(index, lines):
    """Char and word cosine matrices (lines x passages) for the questions as `index` expands them."""
    queries = [index.expand(t) for t in lines]
    char = (index.char_vectorizer.transform(queries) @ index.char_matrix.T).toarray()
    word = (index.word_vectorizer.transform(queries) @ index.word_matrix.T).toarray()
    return char, word


def main() -> None:
    kb, settings = load_knowledge_base(), load_passage_settings()
    contract = yaml.safe_load((datasets.ROOT / "docs" / "contract" / "topics.yml").read_text())["topics"]
    index = PassageIndex.build(kb, settings)
    # Query expansion: none, the settings' `equivalents` alone, or the glossary's aliases too.
    expansions = {
        "none": [],
        "equiv": equivalent_names(kb, settings.copy(update={"expand_with_glossary": False})),
        "gloss+equiv": equivalent_names(kb, settings.copy(update={"expand_with_glossary": True})),
    }
    expanders = {name: PassageIndex(index.passages, 0.5, 1, equivalents=g) for name, g in expansions.items()}
    examples = datasets.training_examples()
    topic = [(i, t) for i, t in examples if i in contract]  # (expected, text)
    oos = [t for i, t in examples if i == "out_of_scope"]
    print(
        f"{len(topic)} training topic lines, {len(oos)} out-of-scope training lines, {len(index.passages)} passages"
    )
    right = np.array([[passages.hit(p, i, contract) for p in index.passages] for i, _ in topic])
    topic_raw = {name: raw_scores(e, [t for _, t in topic]) for name, e in expanders.items()}
    oos_raw = {name: raw_scores(e, oos) for name, e in expanders.items()}
    # The sentence encoder's cosines (the question as asked; passages from the on-disk cache).
    passages_meaning = cached_meaning([p.text for p in index.passages])
    topic_meaning = meaning([t for _, t in topic]) @ passages_meaning.T
    oos_meaning = meaning(oos) @ passages_meaning.T
    rows = []
    for expanded, word_weight, encoder_weight, (fields_name, fields) in product(
        expansions, (0.0, 0.3, 0.4, 0.5, 0.6), ENCODER_WEIGHTS, FIELDS.items()
    ):
        weights = np.array([fields.get(p.field or "review", 1.0) for p in index.passages])

        def mix(
            raw,
            sem,
            expanded=expanded,
            word_weight=word_weight,
            encoder_weight=encoder_weight,
            weights=weights,
        ):
            char, word = raw[expanded]
            lexical = (1 - word_weight) * char + word_weight * word
            return ((1 - encoder_weight) * lexical + encoder_weight * sem) * weights

        t_scores, o_scores = mix(topic_raw, topic_meaning), mix(oos_raw, oos_meaning)
        best = t_scores.argmax(axis=1)
        top = t_scores.max(axis=1)
        good = right[np.arange(len(topic)), best]
        o_top = np.sort(o_scores.max(axis=1))[::-1]
        line = [
            f"{expanded:11} {word_weight:4.1f} {encoder_weight:4.1f} {fields_name:26} top1 {good.mean():.3f}"
        ]
        for share in OOS_SHARES:
            floor = o_top[int(share * len(oos))] + 1e-9
            shown = top >= floor
            line.append(
                f"| oos {share:.2f}: floor {floor:.3f} shown {shown.mean():.3f} "
                f"hit {(good & shown).mean():.3f} prec {(good & shown).sum() / max(shown.sum(), 1):.3f}"
            )
        # The lowest floor at which the first passage shown is right at least PRECISION of the time.
        order = np.argsort(-top)
        precision = np.cumsum(good[order]) / np.arange(1, len(order) + 1)
        ok = np.nonzero(precision >= PRECISION)[0]
        if len(ok):
            floor = top[order][ok.max()]
            line.append(
                f"| prec {PRECISION}: floor {floor:.3f} shown {(ok.max() + 1) / len(top):.3f} "
                f"oos {(o_top >= floor).mean():.3f}"
            )
        rows.append(((ok.max() + 1) / len(top) if len(ok) else 0.0, " ".join(line)))
    print(
        "expand       word  enc field                         best passage right, no floor; then at a calibrated floor"
    )
    # Best first by the share of topic lines shown a passage at the floor that keeps PRECISION.
    for _, line in sorted(rows, reverse=True)[:TOP]:
        print(line)
    print("the best of each encoder weight:")
    for weight in ENCODER_WEIGHTS:
        print(max((r for r in rows if r[1].split()[2] == f"{weight:.1f}"), key=lambda r: r[0])[1])
    old = PassageIndex(index.passages, 0.25, settings.max_passages)
    tfidf = PassageIndex.build(kb, settings.copy(update={"encoder_weight": 0.0}))
    print(f"TF-IDF alone (passages.yml without the encoder): {measure(tfidf, topic, oos, contract)}")
    for name, chosen in (("before (characters only, 0.25)", old), ("as configured (passages.yml)", index)):
        print(f"{name}: {measure(chosen, topic, oos, contract)}")


def measure(index, topic, oos, contract) -> str:
    """`search` as the bot runs it, on the training lines."""
    result = passages.retrieval_only(topic, index, contract)
    oos_shown = sum(bool(index.search(t)) for t in oos)
    return (
        f"first passage right {result['hits']}/{result['topic_lines']} = {result['hit_rate']}, shown "
        f"{result['with_passage']}, right when shown {result['hit_rate_when_shown']}; "
        f"out of scope shown {oos_shown}/{len(oos)}"
    )


if __name__ == "__main__":
    main()
