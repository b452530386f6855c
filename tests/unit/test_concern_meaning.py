"""The concern read by meaning replaces the reader's words only towards a more worrying kind."""

import pytest

from situation.meaning import outranks

SURE_DISCLOSURE = {"kind": "disclosure", "confidence": 0.81, "over_words": True}


@pytest.mark.parametrize("words_kind", ["adult", "neglect", "other", None])
def test_a_sure_disclosure_or_injury_outranks_a_less_worrying_kind(words_kind):
    assert outranks(SURE_DISCLOSURE, words_kind)
    assert outranks({**SURE_DISCLOSURE, "kind": "injury"}, words_kind)


@pytest.mark.parametrize("words_kind", ["injury", "disclosure", "violence"])
def test_it_never_replaces_an_urgent_kind_the_words_named(words_kind):
    assert not outranks(SURE_DISCLOSURE, words_kind)


def test_an_unsure_or_less_worrying_reading_never_replaces_the_words():
    assert not outranks({**SURE_DISCLOSURE, "over_words": False}, "adult")
    assert not outranks({"kind": "neglect", "confidence": 0.95, "over_words": True}, "adult")
    assert not outranks(None, "adult")
