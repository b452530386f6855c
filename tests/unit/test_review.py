"""`make review`'s counting and grouping, on a hand-made list of events as Rasa stores them."""

import datetime

import pytest

from scripts.review import analysis, report

DAY1 = datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.timezone.utc).timestamp()
DAY2 = DAY1 + 86400
TOPICS = {"section_47", "mash_referral", "eds_escalation"}


def user(text, intent, confidence=0.9, ranking=(), entities=None, at=DAY1):
    ranking = list(ranking) or [(intent, confidence)]
    return {
        "event": "user",
        "timestamp": at,
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
            "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
        },
    }


def topic_set(topic, at=DAY1):
    return {"event": "slot", "timestamp": at, "name": "topic", "value": topic}


def fallback(text, guess, at=DAY1):
    return user(
        text, "nlu_fallback", 0.35, [("nlu_fallback", 0.35), (guess, 0.2), ("section_17", 0.1)], at=at
    )


def helpful(said, text):
    return said if said in ("yes", "no") else ("no" if "not" in text or "n't" in text else "yes")


CONVERSATIONS = {
    "a": [
        user("what is section 47?", "section_47", 0.92),
        topic_set("section_47"),
        user(
            '/feedback{"helpful":"no","topic":"section_47"}',
            "feedback",
            1.0,
            entities={"helpful": "no", "topic": "section_47"},
        ),
        user(
            '/feedback_reason{"reason":"not_clear","topic":"section_47"}',
            "feedback_reason",
            1.0,
            entities={"reason": "not_clear", "topic": "section_47"},
        ),
        # three phrasings of one missing topic, with different top guesses
        fallback("what is private fostering?", "section_17"),
        fallback("Private fostering - who do I tell", "mash_referral", at=DAY2),
        user("what's the weather", "out_of_scope", 0.8, [("out_of_scope", 0.8), ("greet", 0.1)]),
    ],
    "b": [
        fallback("what is private fostering?", "section_17", at=DAY2),
        fallback("privately fostered child rules", "section_17", at=DAY2),
        user(
            "who do I ring at night",
            "eds_escalation",
            0.42,
            [("eds_escalation", 0.42), ("mash_referral", 0.38)],
            at=DAY2,
        ),
        topic_set("eds_escalation", at=DAY2),
        user(
            '/feedback{"helpful":"yes","topic":"eds_escalation"}',
            "feedback",
            1.0,
            entities={"helpful": "yes", "topic": "eds_escalation"},
            at=DAY2,
        ),
        user("/mash_referral", "mash_referral", 1.0, at=DAY2),
        topic_set("mash_referral", at=DAY2),
        user("that wasn't helpful", "feedback", 0.8, at=DAY2),  # typed: about the last topic answered
        user(
            "what's the weather like today",
            "out_of_scope",
            0.8,
            [("out_of_scope", 0.8), ("greet", 0.1)],
            at=DAY2,
        ),
    ],
}


@pytest.fixture(scope="module")
def result():
    return analysis.review(CONVERSATIONS, TOPICS, helpful)


def test_counts_questions_per_day_and_rates(result):
    # typed questions only: button payloads and feedback are not questions
    assert result.questions == 8
    assert result.per_day == {"2026-11-30": 3, "2026-12-01": 5}
    assert result.conversations == 2
    assert result.kinds == {"fallback": 4, "out_of_scope": 2, "low_confidence": 1}
    assert result.rate("fallback") == 0.5
    assert result.kinds_per_day["2026-12-01"] == {"fallback": 3, "out_of_scope": 1}
    assert dict(result.topics_asked) == {"section_47": 1, "eds_escalation": 1, "mash_referral": 1}


def test_phrasings_of_one_missing_topic_are_one_group(result):
    by_text = {group.text: group for group in result.groups}
    fostering = by_text["what is private fostering?"]
    assert fostering.count == 4 and fostering.conversations == 2
    assert dict(fostering.variants)["what is private fostering?"] == 2
    assert {text for text, _ in fostering.variants} == {
        "what is private fostering?",
        "Private fostering - who do I tell",
        "privately fostered child rules",
    }
    assert fostering.guesses[0] == ("section_17", 3)  # the guesses vary; the group does not
    assert fostering.kinds == {"fallback": 4}
    assert (fostering.first_seen, fostering.last_seen) == ("2026-11-30", "2026-12-01")
    weather = next(g for g in result.groups if "weather" in g.text)
    assert weather.count == 2 and weather.kinds == {"out_of_scope": 2}
    assert result.groups[0] is fostering  # most frequent first
    assert len(result.groups) == 3  # fostering, weather, the low-confidence EDS question


def test_low_confidence_answers_are_near_misses():
    turn = analysis.turns(
        {"x": [user("night", "eds_escalation", 0.6, [("eds_escalation", 0.6), ("mash_referral", 0.55)])]}
    )[0]
    assert analysis.miss_kind(turn) == "low_confidence"  # confident enough, but the runner-up was close
    turn.ranking = [("eds_escalation", 0.6), ("mash_referral", 0.2)]
    assert analysis.miss_kind(turn) == ""


def test_feedback_by_topic_and_each_not_helpful_with_its_reason(result):
    assert result.feedback == {
        "section_47": {"yes": 0, "no": 1},
        "eds_escalation": {"yes": 1, "no": 0},
        "mash_referral": {"yes": 0, "no": 1},
    }
    rows = [(r.topic, r.reason, r.question, r.said) for r in result.not_helpful]
    assert rows == [
        ("section_47", "not_clear", "what is section 47?", ""),
        ("mash_referral", None, "", "that wasn't helpful"),  # a button, so no question typed
    ]
    assert result.reasons == {"not_clear": 1, "(none given)": 1}


def test_the_period_filters_by_day():
    since = DAY2 - 3600 * 10
    later = analysis.review(CONVERSATIONS, TOPICS, helpful, since=since)
    assert later.questions == 5 and later.period == ("2026-12-01", "2026-12-01")
    assert "section_47" not in later.feedback


def test_the_page_escapes_what_users_typed(result):
    conversations = {"x": [fallback("<script>alert(1)</script> private fostering", "section_17")]}
    page = report.render(analysis.review(conversations, TOPICS, helpful), {}, {}, "now")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert page.count('src="data:image/png;base64,') == 2  # no topic asked, no feedback: "No data"


def test_the_page_has_its_charts_and_tables(result):
    page = report.render(result, {"section_47": "Section 47"}, {"not_clear": "Not clear"}, "now")
    assert page.count('src="data:image/png;base64,') == 4
    for table in ("missed-table", "not-helpful-table", "feedback-table"):
        assert f'id="{table}"' in page
    assert "Not clear" in page and "Section 47" in page


def test_normalising_drops_stop_words_and_masking_placeholders():
    assert analysis.normalise("What is Private Fostering in [postcode]?") == "private fostering"
    assert analysis.normalise("what is it?") == "what is it"  # nothing left: the words themselves
