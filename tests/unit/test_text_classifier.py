"""The topic classifier's weights kept in Fortran order score every message exactly as before
(rasa_plugins/nlu/text_classifier.py)."""

import copy

import numpy as np
import scipy.sparse as sp
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from rasa_plugins.nlu.text_classifier import TextClassifier, transposable_weights

FEATURES, DENSE, INTENTS = 3000, 16, 12


def fitted(seed: int = 0):
    """A classifier fitted as Rasa fits it: sparse counts beside a dense sentence feature."""
    rng = np.random.default_rng(seed)
    rows = 240
    counts = sp.random(rows, FEATURES, density=0.01, format="csr", random_state=seed)
    dense = rng.normal(size=(rows, DENSE))
    x = sp.hstack([counts, sp.csr_matrix(dense)]).tocsr()
    y = [f"intent_{i % INTENTS}" for i in range(rows)]
    return LogisticRegression(max_iter=300, class_weight="balanced").fit(x, y), x


def message(x_row) -> Message:
    counts, dense = x_row[:, :FEATURES], x_row[:, FEATURES:].toarray()
    msg = Message(data={"text": "how do I refer to the MASH"})
    msg.add_features(Features(counts.tocoo(), "sentence", "text", "CountVectorsFeaturizer"))
    msg.add_features(Features(dense, "sentence", "text", "SentenceFeaturizer"))
    return msg


def test_fortran_weights_give_bit_identical_probabilities_and_are_not_copied_per_message():
    clf, x = fitted()
    assert not clf.coef_.flags.f_contiguous  # what scikit-learn fits: C order
    before = clf.predict_proba(x)
    weights = clf.coef_.copy()
    transposable_weights(clf)
    assert clf.coef_.T.flags.c_contiguous  # scipy multiplies it without a copy
    assert np.array_equal(clf.coef_, weights)
    assert np.array_equal(clf.predict_proba(x), before)  # the same bits, not only close
    kept = clf.coef_
    transposable_weights(clf)
    assert clf.coef_ is kept  # done once


def test_the_component_ranks_as_rasas_classifier_does():
    clf, x = fitted(1)
    ours = TextClassifier({"ranking_length": 0}, "classifier", None, Resource("classifier"))
    ours.clf = copy.deepcopy(clf)
    rasas = copy.deepcopy(ours)
    for row in range(0, 40, 7):
        mine, theirs = message(x[row]), message(x[row])
        ours.process([mine])
        super(TextClassifier, rasas).process([theirs])  # Rasa's own, weights in C order
        assert mine.get("intent") == theirs.get("intent")
        assert mine.get("intent_ranking") == theirs.get("intent_ranking")
    assert ours.clf.coef_.flags.f_contiguous and not rasas.clf.coef_.flags.f_contiguous


def test_a_blank_message_still_gets_the_fallback():
    clf, _ = fitted(2)
    ours = TextClassifier({}, "classifier", None, Resource("classifier"))
    ours.clf = clf
    blank = Message(data={"text": "   "})
    ours.process([blank])
    assert blank.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
