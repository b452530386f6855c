"""The generic answer action, driven with a rasa_sdk Tracker and a CollectingDispatcher."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from trackers import make_tracker

from actions.answers.actions import ActionAnswerTopic


def tracker(intent: str, text: str = "", entities=(), role=None) -> Tracker:
    return make_tracker(intent, text, [("term", value) for value in entities], slots={"role": role})


def run(t: Tracker):
    dispatcher = CollectingDispatcher()
    events = ActionAnswerTopic().run(dispatcher, t, domain={})
    return dispatcher.messages, events


def test_answers_the_topic_and_sets_the_slot(kb, answered_topics):
    for topic_id in answered_topics:
        if topic_id == "glossary":
            continue
        messages, events = run(tracker(topic_id))
        assert events == [SlotSet("topic", topic_id)]
        assert messages[0]["text"].startswith(f"**{kb.topics[topic_id].title}**")
        assert messages[1]["text"].startswith("Source: ")
        assert [b["payload"] for b in messages[1]["buttons"]] == [
            f"/{t}" for t in kb.topics[topic_id].related
        ] + ["/more_detail", "/why_luke"]


def test_source_line_names_learning_point_and_guidance_link():
    messages, _ = run(tracker("nai_injuries"))
    source = messages[1]["text"]
    assert "Luke review, learning point 6" in source
    assert "https://nice.org.uk/guidance/cg89/chapter/recommendations" in source


def test_role_note_comes_first(kb):
    messages, _ = run(tracker("eds_escalation", role="gp"))
    body = messages[0]["text"].split("\n")
    action = kb.topics["eds_escalation"].action_for("gp")
    assert body[1].startswith(f"**{action.split('{')[0]}") and body[1].endswith("**")  # what to do now, then
    assert body[2].startswith("For GPs: ")  # the role's note, then the answer
    assert kb.topics["eds_escalation"].answer.split()[0] in body[3]


def test_no_role_note_without_a_role():
    messages, _ = run(tracker("eds_escalation"))
    assert "For GPs" not in messages[0]["text"]


@pytest.mark.parametrize(
    "entities, text, topic",
    [
        (["MASH"], "what does MASH stand for", "mash_referral"),
        (["edt"], "whats edt", "eds_escalation"),
        ([], "what does gcp2 mean", "early_help"),
        ([], "what is a LADO", "lado_allegations"),
    ],
)
def test_a_term_with_a_topic_of_its_own_answers_that_topic(kb, entities, text, topic):
    messages, events = run(tracker("glossary", text, entities))
    first_line, title_line = messages[0]["text"].split("\n")[:2]
    assert title_line == f"**{kb.topics[topic].title}**"
    assert first_line.split(":")[0] in {"MASH", "EDS", "GCP2", "LADO"}
    assert messages[1]["text"].startswith("Source: ")
    assert events == [SlotSet("topic", topic)]


@pytest.mark.parametrize(
    "text, key",
    [("what is a prescribed body", "Prescribed body"), ("what does WNB mean", "WNB"), ("ICPC?", "ICPC")],
)
def test_other_terms_are_defined_and_set_the_glossary_topic(text, key):
    messages, events = run(tracker("glossary", text))
    assert messages[0]["text"].startswith(f"**{key}**: ")
    assert events == [SlotSet("topic", "glossary")]


def test_no_term_at_all_gets_the_glossary_overview(kb):
    messages, events = run(tracker("glossary", "/glossary"))
    assert messages[0]["text"].startswith(f"**{kb.topics['glossary'].title}**")
    assert events == [SlotSet("topic", "glossary")]


def test_an_unknown_term_says_so_offers_the_menu_and_does_not_echo_it():
    messages, events = run(tracker("glossary", "what does <b>ZZQ</b> mean", ["<b>ZZQ</b>"]))
    assert messages[0]["text"].startswith("I don't have that term in my glossary")
    assert "MASH" in messages[0]["text"]
    assert any(b["payload"].startswith("/help_group") for b in messages[-1]["buttons"])
    assert "ZZQ" not in " ".join(m["text"] for m in messages)
    assert events == [SlotSet("topic", "glossary")]


def test_an_intent_without_an_entry_falls_back_and_sets_nothing():
    messages, events = run(tracker("greet"))
    assert [m.get("response") for m in messages] == ["not_understood"]
    assert events == []


def test_every_answer_is_one_bubble_plus_its_source_then_the_feedback_question(answered_topics):
    """Rasa's channels split texts at blank lines; an answer must not fall apart."""
    for topic_id in answered_topics:
        if topic_id == "glossary":
            continue
        messages, _ = run(tracker(topic_id, text=topic_id))
        assert len(messages) == 3 and not any("\n\n" in m["text"] for m in messages), topic_id
        assert messages[2]["text"] == "Was this helpful?", topic_id


def test_every_answer_leads_with_the_thing_to_do_now_for_the_role(kb):
    for topic_id, topic in kb.topics.items():
        if topic_id == "emergency":
            continue
        for role in (None, *topic.do_now_by_role):
            messages, _ = run(tracker(topic_id, role=role) if role else tracker(topic_id))
            lead = messages[0]["text"].split("\n")[1]
            assert lead.startswith("**") and lead.endswith("**"), (topic_id, role)
            assert len(lead.strip("*").split()) <= 25, (topic_id, role)


def test_an_unknown_term_without_an_entity_is_said_to_be_unknown():
    """The lookup-table extractor finds only known terms: the question's own words name the unknown one."""
    messages, events = run(tracker("glossary", "what does QZXW stand for?"))
    assert "I don't have that term" in messages[0]["text"] and "QZXW" not in messages[0]["text"]
    assert events == [SlotSet("topic", "glossary")]
