"""Rasa's WhitespaceTokenizer, on the message's words with the spacing made plain.

The regex features and the glossary lookup match multi-word phrases ("reasonable cause to
suspect", "section 47") with single spaces, so "section   47" typed with extra spaces lost
its feature and changed the intent. Every later component now sees the text with runs of
spaces, tabs and newlines made one space and curly apostrophes made straight; the stored
message keeps what the user typed. tests/e2e/test_invariance.py holds it.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


def plain_spacing(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def _normalise(message: Message) -> None:
    text = message.get(TEXT)
    if isinstance(text, str):
        message.set(TEXT, plain_spacing(text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class PlainSpacingTokenizer(WhitespaceTokenizer):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            _normalise(example)
        return super().process_training_data(training_data)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            _normalise(message)
        return super().process(messages)
