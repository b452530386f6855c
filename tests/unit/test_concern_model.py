"""The concern model: what a concern is mainly about, read by meaning, the more worrying reading first."""

import numpy as np

from rasa_plugins.nlu.concern_model import KINDS, URGENT, load_corpus, read_row

CLASSES = ["adult", "disclosure", "injury", "neglect", "other"]


def test_the_corpus_covers_every_kind_with_varied_lines():
    corpus = load_corpus()
    for kind in KINDS:
        lines = [t for t, k in corpus if k == kind]
        assert len(lines) >= 60, kind
        assert len(set(lines)) == len(lines), kind
    assert len({t for t, _ in corpus}) == len(corpus), "a line under two kinds"


def test_the_likeliest_kind_is_the_reading():
    assert read_row(CLASSES, np.array([0.1, 0.05, 0.05, 0.7, 0.1]), 0.4) == ("neglect", 0.7)


def test_an_injury_or_a_disclosure_likely_enough_wins_over_a_likelier_lesser_kind():
    kind, probability = read_row(CLASSES, np.array([0.0, 0.1, 0.42, 0.0, 0.48]), 0.4)
    assert (kind, probability) == ("injury", 0.42) and kind in URGENT
    assert read_row(CLASSES, np.array([0.0, 0.1, 0.35, 0.0, 0.55]), 0.4)[0] == "other"
