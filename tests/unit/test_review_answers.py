"""Answers from the review itself (actions/answers/review.py, review_reply.py): the review's
own sentences with where they stand, "the review doesn't say" when it is silent, and every
other question left to its topic answer."""

import re

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from trackers import make_tracker

from actions.answers.actions import ActionAnswerTopic
from actions.answers.passages import REVIEW, TAG, flat
from actions.answers.review import named_learning_point, statements
from actions.answers.review_actions import ActionAnswerReview
from actions.answers.review_reply import reply
from actions.content.loaded import KNOWLEDGE_BASE, REVIEW_INDEX, REVIEW_SETTINGS
from actions.conversation.actions import ActionDidYouMean

REVIEW_TEXT = flat(TAG.sub("", REVIEW.read_text(encoding="utf-8")).replace("*", "").replace("- ", " "))
LOCKDOWN = "Luke had limited contact with his birth father due to his birth father shielding during lockdown."
CT = "A CT scan showed a depressed skull fracture."


def answer(question, intent="ask_review", readings=()):
    return reply(question, intent, REVIEW_INDEX, KNOWLEDGE_BASE, REVIEW_SETTINGS, readings)


def test_the_review_is_cut_into_its_sentences_and_learning_points_word_for_word():
    found = statements()
    by_heading = {h: [s for s in found if s.heading == h] for h in {s.heading for s in found}}
    assert {h: len(s) for h, s in by_heading.items()} == {
        "Case Study Luke": 10,
        "Summary of Learning": 14,
        "Update on Luke": 6,
    }
    assert [s.learning_point for s in by_heading["Summary of Learning"]] == list(range(1, 15))
    assert all(s.text in REVIEW_TEXT for s in found)
    assert any("24th of December" in s.text for s in found)  # "24<sup>th</sup>" read as text


@pytest.mark.parametrize(
    "question, number",
    [
        ("what does learning point 4 say?", 4),
        ("LP 14?", 14),
        ("LP3", 3),
        ("what's the 2nd learning point", 2),
        ("read me learning point fourteen", 14),
        ("the ninth learning point please", 9),
        ("what's the last learning point", 14),
        ("the final recommendation?", 14),
        ("learning point 15", None),
        ("run through the learning points one by one", None),
        ("what is a strategy discussion?", None),
    ],
)
def test_a_learning_point_named_by_number(question, number):
    assert named_learning_point(question) == number


def test_a_stated_fact_is_quoted_with_its_section_and_filed_under_the_case_topic():
    result = answer("what happened during lockdown?")
    assert result.topic == "case_summary"
    assert result.messages[0]["text"] == REVIEW_SETTINGS.intro
    assert f'"{LOCKDOWN}' in result.messages[1]["text"] or LOCKDOWN in result.messages[1]["text"]
    assert result.messages[1]["text"].endswith('- Luke review, "Case Study Luke"')
    assert result.messages[1]["quote"]["source"] == 'Luke review, "Case Study Luke"'
    assert [b["payload"] for b in result.messages[-1]["buttons"]][0] == "/case_summary"


def test_a_learning_point_by_number_is_quoted_whole_under_its_own_topic():
    result = answer("what does learning point 4 say?", "learning_summary")
    text = result.messages[1]["text"]
    assert KNOWLEDGE_BASE.learning_points[4].text.split()[:6] == text.strip('"').split()[:6]
    assert "learning point 4:" in text and result.topic == "information_sharing"
    # Asked as a topic that covers it, the quote is filed under that topic.
    assert answer("what does learning point 14 say", "section_17_vs_47").topic == "section_17_vs_47"
    assert answer("what does learning point 14 say", "eds_escalation").topic == "section_47"


@pytest.mark.parametrize(
    "question",
    ["what was the GP's name?", "which town was it?", "was anyone prosecuted?", "was mum's partner arrested"],
)
def test_what_the_review_never_records_is_answered_plainly(question):
    result = answer(question)
    assert result.messages[0]["text"].startswith("The review doesn't say.")
    assert result.topic is None
    assert not any(s.text in result.messages[0]["text"] for s in REVIEW_INDEX.statements)


def test_a_kind_of_fact_never_recorded_is_truly_absent_from_the_review():
    lower = REVIEW_TEXT.lower()
    present = [
        w for w in REVIEW_SETTINGS.never_mentioned if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", lower)
    ]
    assert not present


def test_a_case_topic_keeps_its_summary_for_an_overview_and_quotes_for_one_fact():
    assert answer("what happened to Luke?", "case_summary") is None
    assert answer("summarise the case for me", "case_summary") is None
    fact = answer("what did the CT scan show?", "case_summary")
    assert CT in fact.messages[1]["text"] and fact.topic == "case_summary"
    assert answer("was anyone prosecuted?", "case_outcome").topic is None


def test_plain_topic_questions_and_emergencies_are_never_answered_from_the_review():
    assert answer("what is a strategy discussion?", "strategy_discussion") is None
    assert answer("who do I call out of hours?", "eds_escalation") is None
    assert answer("what does learning point 1 say", "emergency") is None
    assert answer("what does LP stand for", "glossary") is None
    assert answer("/case_summary", "case_summary") is None
    assert answer("lockdown", "nlu_fallback") is None  # no sign it asks about the review


def test_a_question_naming_the_review_read_as_a_topic_gets_that_topics_learning_point():
    result = answer("what does the review say about the Myth of Invisible Men report", "invisible_men")
    assert "learning point 12" in result.messages[1]["text"] and result.topic == "invisible_men"


@pytest.mark.parametrize(
    "question, intent, number",
    [
        # Weak word overlap ("HVs", "GP practices", "talking"): the topic's own point all the same.
        ("what did the CSPR say about HVs and GP practices talking", "hv_gp_liaison", 5),
        ("the review's point about NAI and bruising?", "nai_injuries", 6),
        ("according to the review what decides when a s47 is started", "section_47", 14),
        ("whats the learning about GPs and the emergency duty service", "eds_escalation", 1),
        ("lessons from luke about multiple bruises", "nai_injuries", 6),
    ],
)
def test_a_question_naming_the_review_gets_the_learning_point_word_for_word_then_the_topic(
    question, intent, number
):
    result = answer(question, intent)
    assert result.then_topic and result.topic == intent
    assert result.messages[0]["text"] == REVIEW_SETTINGS.intro
    text = KNOWLEDGE_BASE.learning_points[number].text
    assert f'"{text}"' in result.messages[1]["text"], result.messages[1]["text"]
    assert f"learning point {number}:" in result.messages[1]["text"]


def test_the_topic_action_puts_the_learning_point_before_its_answer_and_sets_the_topic():
    question = "what did the CSPR say about HVs and GP practices talking"
    messages, events = run(ActionAnswerTopic(), make_tracker("hv_gp_liaison", question))
    assert messages[0]["text"] == REVIEW_SETTINGS.intro
    assert "Health visiting teams should liaise regularly with GP surgeries" in messages[1]["text"]
    title = KNOWLEDGE_BASE.topics["hv_gp_liaison"].title
    assert any(m.get("text", "").startswith(f"**{title}**") for m in messages[2:])
    assert SlotSet("topic", "hv_gp_liaison") in events


def test_the_topic_answer_after_a_review_quote_does_not_quote_it_again():
    question = "what did the CSPR say about HVs and GP practices talking"
    messages, _ = run(ActionAnswerTopic(), make_tracker("hv_gp_liaison", question))
    said = " ".join(m.get("text") or "" for m in messages)
    assert said.count("Health visiting teams should liaise regularly") == 1


@pytest.mark.parametrize("number, topic", sorted(REVIEW_SETTINGS.learning_point_topics.items()))
def test_a_topic_covering_a_learning_point_quotes_it_word_for_word_in_its_answer(number, topic):
    """Asked plainly ("should HVs raise worries with the GP surgery?"), the topic answer
    carries its learning point in the review's own words, named by number."""
    messages, _ = run(ActionAnswerTopic(), make_tracker(topic, f"/{topic}"))
    answer_text = messages[0]["text"]
    text = KNOWLEDGE_BASE.learning_points[number].text
    assert f'"{text}"' in answer_text and text in REVIEW_TEXT
    assert re.search(rf"\bLearning point {number}\b(?!\d)", answer_text)
    assert answer_text.index(text) < answer_text.index("Next steps:")


def test_the_update_on_luke_is_quoted_whole_in_the_case_outcome_answer():
    messages, _ = run(ActionAnswerTopic(), make_tracker("case_outcome", "/case_outcome"))
    update = [s.text for s in statements() if s.heading == "Update on Luke"]
    assert len(update) == 6 and " ".join(update) in messages[0]["text"]
    assert '"Update on Luke"' in messages[0]["text"]


def test_a_case_fact_naming_luke_read_as_another_topic_gets_the_case_sentence_then_the_topic():
    result = answer("did Luke's mum's partner live with them?", "key_adults")
    assert "living at home with her and her partner" in result.messages[1]["text"]
    assert result.then_topic and result.topic == "key_adults"


def test_an_overview_of_the_learning_points_keeps_its_list():
    result = answer("what was the learning on keeping other agencies updated", "learning_summary")
    assert "learning point 4:" in result.messages[1]["text"]
    assert result.then_topic and result.topic == "learning_summary"
    assert answer("what are the learning points of the review?", "learning_summary") is None


def test_learning_in_general_is_no_sign_of_the_review():
    assert answer("a toddler with a learning disability has bruises", "nai_injuries") is None


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain={})
    return dispatcher.messages, events


def test_the_review_action_quotes_and_sets_the_topic_or_leaves_it_when_silent():
    messages, events = run(ActionAnswerReview(), make_tracker("ask_review", "what did the CT scan show?"))
    assert CT in messages[1]["text"] and events == [SlotSet("topic", "case_summary")]
    messages, events = run(ActionAnswerReview(), make_tracker("ask_review", "which town was it?"))
    assert messages[0]["text"].startswith("The review doesn't say") and events == []


def test_the_topic_action_quotes_one_fact_of_a_case_topic():
    messages, events = run(
        ActionAnswerTopic(), make_tracker("case_outcome", "does he still see his grandparents?")
    )
    assert "sees his grandparents" in messages[1]["text"] and events == [SlotSet("topic", "case_outcome")]
    messages, events = run(ActionAnswerTopic(), make_tracker("case_outcome", "how is Luke now?"))
    assert messages[0]["text"].startswith(f"**{KNOWLEDGE_BASE.topics['case_outcome'].title}**")


def test_an_abbreviation_meets_its_name_whole_not_any_word_of_it():
    """'EDS' meets learning point 1's "Emergency Duty Service", not the "Health Visiting service"."""
    semantic, lexical = REVIEW_INDEX.features("what was said about the EDS")
    by_point = {s.learning_point: lexical[s.position] for s in REVIEW_INDEX.statements}
    nursery = next(s for s in REVIEW_INDEX.statements if "Health Visiting service" in s.text)
    assert by_point[1] == 1.0 and lexical[nursery.position] == 0.0


def test_other_names_meet_in_the_singular_or_plural():
    """'health visitors' and 'GPs' meet learning point 5's 'Health visiting teams' and 'GP surgeries'."""
    found = REVIEW_INDEX.find("what did the review say about health visitors and GPs working together")
    assert found and [s.learning_point for s in found.statements][0] == 5


def test_not_understood_but_likeliest_about_the_review_is_answered_from_it():
    nursery = answer("was it 18 hrs a week at nursery", "nlu_fallback", ["ask_review", "out_of_scope"])
    assert "18 hours a week" in nursery.messages[1]["text"] and nursery.topic == "case_summary"
    plan = answer("was Luke put on a child protection plan", "nlu_fallback", ["case_outcome", "ask_review"])
    assert plan.messages[0]["text"].startswith("The review doesn't say.") and plan.topic is None


def test_not_understood_and_likeliest_a_practice_topic_is_left_to_did_you_mean():
    readings = ["early_years_training", "out_of_scope", "ask_review"]
    assert answer("was it 18 hrs a week at nursery", "nlu_fallback", readings) is None
    # A case topic as a reading says too little ("social care updates and worries").
    assert answer("social care updates and worries", "nlu_fallback", ["case_outcome", "early_help"]) is None
    # Nothing it never records is "not stated" unless the question is about the review.
    assert answer("what caused the bruise", "nlu_fallback", ["nai_injuries"]) is None


def test_the_did_you_mean_action_reads_the_likeliest_reading_from_the_ranking():
    tracker = make_tracker(
        "nlu_fallback",
        "was it 18 hrs a week at nursery",
        ranking=[("nlu_fallback", 0.35), ("ask_review", 0.27), ("out_of_scope", 0.26)],
        confidence=0.35,
    )
    messages, events = run(ActionDidYouMean(), tracker)
    assert "18 hours a week" in messages[1]["text"] and events == [SlotSet("topic", "case_summary")]


def test_a_learning_point_by_number_read_as_a_term_is_still_quoted():
    messages, events = run(ActionAnswerTopic(), make_tracker("glossary", "what's in lp 2"))
    assert "Development of a pathway to show when to involve a paediatrician" in messages[1]["text"]
    assert events == [SlotSet("topic", "paediatrician_strategy")]


@pytest.mark.parametrize(
    "question, intent, words",
    [
        ("did early help use a graded care profile", "early_help", "Graded Care Profile 2"),
        ("were there neglect concerns in the past", "history_checks", "for reasons of neglect"),
    ],
)
def test_a_question_about_what_happened_read_as_a_topic_gets_the_case_sentence_then_the_topic(
    question, intent, words
):
    result = answer(question, intent)
    assert words in result.messages[1]["text"] and '"Case Study Luke"' in result.messages[1]["text"]
    assert result.then_topic and result.topic == intent


@pytest.mark.parametrize(
    "question, intent",
    [
        ("did I do the right thing referring to early help", "early_help"),
        ("was it right that we checked the history first", "history_checks"),
        ("when should I use a graded care profile", "early_help"),
    ],
)
def test_the_askers_own_case_or_a_practice_question_keeps_the_topic_answer(question, intent):
    assert answer(question, intent) is None
