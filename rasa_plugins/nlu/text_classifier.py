"""Rasa's LogisticRegressionClassifier, safe on a message with no words, and without a
copy of its weights on every message.

Rasa 3.6's featurizers give an empty or blank message fewer feature columns than
the model was trained on, and scikit-learn then refuses the whole turn. A blank
message has no intent to find: it gets `nlu_fallback` ("did you mean" and the
menu), and every other message goes through the classifier unchanged.

scikit-learn scores a message as `X @ coef_.T` (X sparse, one row). scipy's sparse
product reads the dense side as one C-ordered block, and `coef_.T` of the C-ordered
`coef_` is not one: every message copied the whole weight matrix (intents x features,
about 5% of the Rasa server's busy time in `make profile`). Kept in Fortran order,
`coef_.T` is C-ordered and nothing is copied; the same numbers are multiplied in the
same order, so the probabilities are bit for bit the same
(tests/unit/test_text_classifier.py).
"""

from typing import List

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

NO_WORDS = {"name": "nlu_fallback", "confidence": 1.0}


def transposable_weights(classifier) -> None:
    """The fitted classifier's `coef_` in Fortran order (same values), once."""
    coef = getattr(classifier, "coef_", None)
    if isinstance(coef, np.ndarray) and coef.ndim == 2 and not coef.flags.f_contiguous:
        classifier.coef_ = np.asfortranarray(coef)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TextClassifier(LogisticRegressionClassifier):
    def process(self, messages: List[Message]) -> List[Message]:
        worded = [m for m in messages if (m.get(TEXT) or "").strip()]
        if worded:
            transposable_weights(self.clf)
            super().process(worded)
        for message in messages:
            if not (message.get(TEXT) or "").strip():
                message.set(INTENT, dict(NO_WORDS), add_to_output=True)
                message.set(INTENT_RANKING_KEY, [dict(NO_WORDS)], add_to_output=True)
        return messages
