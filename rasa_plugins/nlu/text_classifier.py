"""Rasa's LogisticRegressionClassifier, safe on a message with no words.

Rasa 3.6's featurizers give an empty or blank message fewer feature columns than
the model was trained on, and scikit-learn then refuses the whole turn. A blank
message has no intent to find: it gets `nlu_fallback` ("did you mean" and the
menu), and every other message goes through the classifier unchanged.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

NO_WORDS = {"name": "nlu_fallback", "confidence": 1.0}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TextClassifier(LogisticRegressionClassifier):
    def process(self, messages: List[Message]) -> List[Message]:
        worded = [m for m in messages if (m.get(TEXT) or "").strip()]
        if worded:
            super().process(worded)
        for message in messages:
            if not (message.get(TEXT) or "").strip():
                message.set(INTENT, dict(NO_WORDS), add_to_output=True)
                message.set(INTENT_RANKING_KEY, [dict(NO_WORDS)], add_to_output=True)
        return messages
