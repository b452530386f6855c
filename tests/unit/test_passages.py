"""Passages quoted when the bot is unsure: the right source for a question, the words exactly
as the source has them, nothing for a weak match, and none for out of scope or an emergency."""

import re

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.citations import PAGE_CHANNEL, for_channel
from actions.answers.passages import PLACEHOLDER, REVIEW, TAG, PassageIndex, flat, quoted, sentences
from actions.content.definitions import fill_definitions
from actions.content.knowledge_base import KB_DIR, ROOT
from actions.content.loaded import PASSAGE_SETTINGS, PASSAGES
from actions.conversation.actions import ActionDidYouMean

# (question, where the first passage comes from: a learning point number or a topic id)
TABLE = [
    ("when should a paediatrician join a strategy discussion", 2),
    ("should I check past referrals and the history", 7),
    ("the invisible men report", 12),
    ("supervision guidance for managers", 13),
    ("does nursery training need to cover section 17 and 47", 11),
    ("emergency duty service at night for a bruised baby", "eds_escalation"),
    # Learning point 5 itself since the liaison answer quotes it rather than retelling it
    # (0.41, just under the floor: ranked first, not shown).
    ("how often should health visitors talk to the gp surgery", 5),
    ("can I change my mind about a risk decision", "revisit_decisions"),
    # "at night" meets the EDS answer's "out of hours" (passages.yml equivalents); before,
    # an existing-injury-records passage came first and EDS scored 0.135.
    ("who should I call at night about a bruised baby", "eds_escalation"),
]
WEAK = [
    "paracetamol dose for a 2 year old",
    "where is luke now",
    "reset my password",
    "tell me a joke",
    "the form thing",
]


def origin(passage):
    return passage.topic or passage.learning_point or passage.heading


# Worded closely enough to clear the floor (the floor keeps 8 in 10 shown passages right on
# the training lines, so a loosely worded question may rank the right passage first yet show none).
SHOWN = TABLE[:6]


@pytest.mark.parametrize("question, expected", TABLE)
def test_the_first_passage_comes_from_the_right_source(question, expected):
    hits = PASSAGES.scored(question)
    assert origin(hits[0].passage) == expected, [(origin(h.passage), h.score) for h in hits[:3]]


@pytest.mark.parametrize("question, expected", SHOWN)
def test_a_closely_worded_question_is_shown_its_passage(question, expected):
    hits = PASSAGES.search(question)
    assert hits and origin(hits[0].passage) == expected, [(origin(h.passage), h.score) for h in hits]


def test_a_learning_point_passage_names_its_number_and_title(kb):
    first = PASSAGES.search("when should a paediatrician join a strategy discussion")[0].passage
    assert first.source == f"Luke review, learning point 2: {kb.learning_points[2].short}"
    assert first.text == flat(kb.learning_points[2].text)


def test_a_topic_passage_names_the_topic(kb):
    hits = PASSAGES.search("emergency duty service at night for a bruised baby")
    assert hits[0].passage.source == f'This guide, "{kb.topics["eds_escalation"].title}"'


@pytest.mark.parametrize("question", WEAK)
def test_a_weak_match_shows_nothing(question):
    assert PASSAGES.search(question) == []


def test_at_most_two_passages_from_different_sources_above_the_floor():
    for question, _ in SHOWN:
        hits = PASSAGES.search(question)
        assert 1 <= len(hits) <= 2
        assert len({h.passage.source for h in hits}) == len(hits)
        assert all(h.score >= PASSAGE_SETTINGS.min_score for h in hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_every_passage_is_verbatim_from_its_source_file(kb):
    """Word for word: the review with its HTML tags dropped, or the topic's YAML file with its
    definitions put in, both read with runs of white space as one space (as Markdown and YAML
    folding read them)."""
    review = flat(TAG.sub("", REVIEW.read_text(encoding="utf-8")))
    for passage in PASSAGES.passages:
        if passage.topic:
            text = (KB_DIR / "topics" / f"{passage.topic}.yml").read_text(encoding="utf-8")
            source = flat(fill_definitions(text, kb.definitions))
        else:
            source = review
        assert passage.text in source, passage


def test_passages_are_a_few_whole_sentences_with_no_placeholder():
    for passage in PASSAGES.passages:
        assert 1 <= len(sentences(passage.text)) <= PASSAGE_SETTINGS.sentences_per_passage, passage
        assert passage.text[-1] in ".!?)\"'", passage
        assert not PLACEHOLDER.search(passage.text), passage


def test_the_index_covers_every_learning_point_the_review_sections_and_the_topics(kb):
    points = {p.learning_point for p in PASSAGES.passages if p.learning_point}
    assert points == set(kb.learning_points)
    headings = {p.heading for p in PASSAGES.passages if p.heading and not p.learning_point}
    assert headings == {"Case Study Luke", "Update on Luke"}
    topics = {p.topic for p in PASSAGES.passages if p.topic}
    assert topics == set(kb.topics) - set(PASSAGE_SETTINGS.skip_topics)


def test_the_index_is_built_from_the_knowledge_base_settings(kb):
    index = PassageIndex.build(kb, PASSAGE_SETTINGS)
    assert [p.text for p in index.passages] == [p.text for p in PASSAGES.passages]


# --- in the conversation -----------------------------------------------------

RANKING = [("nlu_fallback", 0.35), ("paediatrician_strategy", 0.3), ("strategy_discussion", 0.2)]


def did_you_mean(intent, text, ranking=RANKING):
    tracker = Tracker(
        sender_id="test",
        slots={"role": None, "topic": None},
        latest_message={
            "intent": {"name": intent, "confidence": 0.3},
            "text": text,
            "entities": [],
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    ActionDidYouMean().run(dispatcher, tracker, domain={})
    return dispatcher.messages


def test_did_you_mean_buttons_come_first_then_the_quoted_passages():
    messages = did_you_mean("nlu_fallback", "when should a paediatrician join a strategy discussion")
    first, intro, *quotes = messages
    assert [b["payload"] for b in first["buttons"]][:2] == ["/paediatrician_strategy", "/strategy_discussion"]
    assert "If a child is in danger now, call 999" in first["text"]
    assert intro["text"] == PASSAGE_SETTINGS.intro
    assert 1 <= len(quotes) <= 2
    for message in quotes:
        assert not message.get("buttons")
        assert (
            message["text"].startswith('"')
            and "Luke review" in message["text"]
            or "This guide" in message["text"]
        )
    assert "learning point 2" in quotes[0]["text"]


def test_a_weak_match_keeps_did_you_mean_alone():
    messages = did_you_mean("nlu_fallback", "the form thing")
    assert len(messages) == 1 and messages[0]["buttons"]


@pytest.mark.parametrize("intent", ["out_of_scope", "emergency"])
def test_out_of_scope_and_an_emergency_never_get_passages(intent):
    messages = did_you_mean(intent, "when should a paediatrician join a strategy discussion")
    assert all("quote" not in m and m.get("text") != PASSAGE_SETTINGS.intro for m in messages)


def test_a_button_payload_gets_no_passages():
    assert len(did_you_mean("nlu_fallback", "/paediatrician_strategy")) == 1


def test_out_of_scope_answers_briefly_with_a_help_button_and_the_999_line():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    (response,) = domain["responses"]["utter_out_of_scope"]
    assert response["buttons"] == [{"title": "What I can help with", "payload": "/help"}]
    assert "If a child is in danger now, call 999." in response["text"]
    assert not re.search(r"type \"?help", response["text"], re.IGNORECASE)
    rules = yaml.safe_load((ROOT / "data" / "rules" / "fallback.yml").read_text(encoding="utf-8"))["rules"]
    assert {"intent": "out_of_scope"} in rules[1]["steps"] and {"action": "utter_out_of_scope"} in rules[1][
        "steps"
    ]


def test_a_quote_reaches_the_page_as_data_and_other_channels_as_text():
    hits = PASSAGES.search("when should a paediatrician join a strategy discussion")
    intro, quote, *_ = quoted(hits, PASSAGE_SETTINGS)
    assert intro == {"text": PASSAGE_SETTINGS.intro}
    page = for_channel(quote, PAGE_CHANNEL)["json_message"]["data"]
    assert page["quote"] == quote["quote"] == {"text": hits[0].passage.text, "source": hits[0].passage.source}
    assert page["text"] == quote["text"]
    assert for_channel(quote, "rest") == {"text": quote["text"]}
    assert quote["text"] == PASSAGE_SETTINGS.quote.format(**quote["quote"])


def test_the_sentence_encoder_is_mixed_in_by_its_weight():
    """encoder_weight 1: the encoder's cosine alone decides; 0: the TF-IDF mix alone."""
    import numpy as np

    from actions.answers.passages import Passage

    passages = [Passage("bruise on a baby", "a"), Passage("call the duty service", "b")]
    vectors = {"bruise on a baby": [1.0, 0.0], "call the duty service": [0.0, 1.0], "bruise": [0.0, 1.0]}

    def encode(texts):
        return np.array([vectors[t] for t in texts])

    by_meaning = PassageIndex(passages, 0.0, 2, encoder_weight=1.0, encode=encode)
    by_words = PassageIndex(passages, 0.0, 2, encoder_weight=0.0, encode=encode)
    assert by_meaning.scored("bruise")[0].passage.source == "b"
    assert by_words.scored("bruise")[0].passage.source == "a"
    assert PASSAGE_SETTINGS.encoder_weight > 0 and PASSAGES.meaning_matrix is not None
