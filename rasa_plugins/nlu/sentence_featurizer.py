"""The sentence embedding (sentence_encoder.py) as a dense sentence feature for the topic classifier.

Character n-grams and word counts see spelling; the embedding sees meaning, so "who looks
after a child's views" and "the voice of the child" land near each other. Only a sentence
feature is given (the logistic regression reads nothing else), scaled so that it weighs
against the sparse counts as the cross-validation chose (evaluation/nlu_eval). The danger
model reads the same embedding (sentence_encoder.meaning), so a message is encoded once per
turn (the encoder's cache).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from encoder import sentence_encoder
from encoder.sentence_encoder import meaning


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceFeaturizer(DenseFeaturizer, GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "scale": 10.0}

    def __init__(self, config: Dict[Text, Any], execution_context: ExecutionContext) -> None:
        super().__init__(execution_context.node_name, {**self.get_default_config(), **config})
        self.scale = float(self._config["scale"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceFeaturizer:
        return cls(config, execution_context)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Featurize again (not from Rasa's training cache) when the encoder's code changes."""
        return Path(sentence_encoder.__file__).read_text(encoding="utf-8")

    def process(self, messages: List[Message]) -> List[Message]:
        worded = [m for m in messages if (m.get(TEXT) or "").strip()]
        if worded:
            rows = meaning([m.get(TEXT) for m in worded]) * self.scale
            for message, row in zip(worded, rows, strict=True):
                self.add_features_to_message(None, row[np.newaxis, :].astype(np.float32), TEXT, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
