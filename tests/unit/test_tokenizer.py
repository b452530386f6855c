"""The tokenizer makes spacing plain before any feature is read (rasa_plugins/nlu/tokenizer.py)."""

from rasa.shared.nlu.training_data.message import Message

from rasa_plugins.nlu.tokenizer import PlainSpacingTokenizer


def tokens_of(text):
    tokenizer = PlainSpacingTokenizer(PlainSpacingTokenizer.get_default_config())
    message = tokenizer.process([Message(data={"text": text})])[0]
    return message.get("text"), [t.text for t in message.get("text_tokens")]


def test_extra_spaces_tabs_and_curly_apostrophes_read_as_the_plain_message():
    assert tokens_of("  can   parents\trefuse a\n section   47 ") == tokens_of(
        "can parents refuse a section 47"
    )
    assert tokens_of("what\u2019s a s47")[0] == "what's a s47"
