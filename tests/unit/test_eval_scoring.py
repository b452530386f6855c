"""The evaluation's scoring and decision rule: one function judges the bot and the baseline alike."""

import pytest

from nlu_eval.bot_run import nlu_ranking
from nlu_eval.scoring import macro_f1, score
from nlu_eval.thresholds import decide, pipeline_thresholds, sweep

LIMITS = {"threshold": 0.5, "ambiguity_threshold": 0.1, "emergency_threshold": 0.3}


def test_score_counts_topics_rejections_and_emergencies():
    pairs = [
        ("section_47", "section_47"),
        ("section_47", "section_17"),  # wrong topic
        ("mash_referral", None),  # declined a topic: a miss for accuracy
        ("emergency", "emergency"),
        ("emergency", None),  # a missed emergency
        ("out_of_scope", None),  # correctly declined
        ("out_of_scope", "glossary"),  # answered something it should have declined
        ("out_of_scope", "emergency"),  # false alarm
    ]
    result = score(pairs)
    assert result["topic_accuracy"] == pytest.approx(2 / 5, abs=1e-3)
    assert result["topic_messages"] == 5
    assert result["out_of_scope_rejection"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["emergency_recall"] == 0.5
    assert result["emergency_false_alarms"] == 1
    assert result["all_correct"] == pytest.approx(3 / 8, abs=1e-3)
    assert result["per_intent"]["section_47"] == {"correct": 1, "total": 2}
    assert {"expected": "mash_referral", "predicted": "(no topic)", "count": 1} in result["confusions"]


def test_score_without_a_kind_of_message_reports_none():
    result = score([("section_17", "section_17")])
    assert result["topic_accuracy"] == 1.0
    assert result["out_of_scope_rejection"] is None
    assert result["emergency_recall"] is None


def test_macro_f1_averages_over_expected_labels_only():
    report = macro_f1(["a", "a", "b", "b"], ["a", "nlu_fallback", "b", "a"])
    assert set(report["per_intent"]) == {"a", "b"}
    assert report["per_intent"]["a"]["precision"] == 0.5
    assert report["per_intent"]["b"]["recall"] == 0.5
    assert report["macro_f1"] == pytest.approx((0.5 + 0.667) / 2, abs=1e-3)


@pytest.mark.parametrize(
    "ranking, decided",
    [
        ([("section_47", 0.9), ("section_17", 0.05)], "section_47"),
        ([("section_47", 0.45), ("section_17", 0.2)], "nlu_fallback"),  # below the threshold
        ([("section_47", 0.52), ("section_17", 0.45)], "nlu_fallback"),  # ambiguous
        ([("nai_injuries", 0.6), ("emergency", 0.35)], "emergency"),  # the guard wins
        ([("nai_injuries", 0.7), ("emergency", 0.2)], "nai_injuries"),
    ],
)
def test_decide_mirrors_fallback_classifier_and_emergency_guard(ranking, decided):
    assert decide(ranking, LIMITS) == decided


def test_thresholds_are_read_from_config():
    limits = pipeline_thresholds()
    assert 0 < limits["threshold"] < 1 and 0 < limits["ambiguity_threshold"] < 1
    assert limits["emergency_threshold"] <= limits["threshold"]


def test_baseline_learns_and_falls_back_on_nonsense():
    from nlu_eval.baseline import Baseline

    examples = [("section_17", f"what is a section 17 child in need assessment {i}") for i in range(10)]
    examples += [("section_47", f"section 47 enquiry significant harm {i}") for i in range(10)]
    examples += [("out_of_scope", f"what's the weather like today {i}") for i in range(10)]
    model = Baseline(LIMITS).fit(examples)
    assert model.predict(["child in need section 17"]) == ["section_17"]
    assert model.predict(["weather today?"]) == ["out_of_scope"]


def test_sweep_replays_thresholds_on_stored_rankings():
    rankings = [[("section_47", 0.55), ("section_17", 0.1)], [("out_of_scope", 0.45), ("section_17", 0.3)]]
    rows = sweep(
        {"bot_nlu": rankings},
        ["section_47", "out_of_scope"],
        {"section_47", "section_17"},
        LIMITS,
        values=(0.5, 0.6),
    )
    assert rows[0]["bot_nlu"]["topic_accuracy"] == 1.0 and rows[1]["bot_nlu"]["topic_accuracy"] == 0.0
    assert rows[0]["bot_nlu"]["out_of_scope_rejection"] == 1.0


def test_nlu_ranking_drops_the_fallback_and_the_guards_copy():
    parsed = {
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "emergency", "confidence": 0.35},
            {"name": "nai_injuries", "confidence": 0.4},
            {"name": "emergency", "confidence": 0.35},
        ]
    }
    assert nlu_ranking(parsed) == [("nai_injuries", 0.4), ("emergency", 0.35)]


def test_cross_validation_report_is_read_without_the_fallback_label(tmp_path):
    import json

    from nlu_eval.cross_validation import read_report

    (tmp_path / "intent_report.json").write_text(
        json.dumps(
            {
                "section_17": {
                    "precision": 1.0,
                    "recall": 0.8,
                    "f1-score": 0.889,
                    "support": 5,
                    "confused_with": {},
                },
                "section_47": {
                    "precision": 0.8,
                    "recall": 1.0,
                    "f1-score": 0.889,
                    "support": 4,
                    "confused_with": {},
                },
                "nlu_fallback": {
                    "precision": 0.0,
                    "recall": 0.0,
                    "f1-score": 0.0,
                    "support": 0,
                    "confused_with": {},
                },
                "accuracy": 0.9,
                "macro avg": {"precision": 0.6, "recall": 0.6, "f1-score": 0.593, "support": 9},
            }
        )
    )
    (tmp_path / "intent_errors.json").write_text(
        json.dumps(
            [
                {
                    "text": "s17?",
                    "intent": "section_17",
                    "intent_prediction": {"name": "section_47", "confidence": 0.6},
                },
            ]
        )
    )
    report = read_report(tmp_path)
    assert set(report["per_intent"]) == {"section_17", "section_47"}
    assert report["macro_f1"] == 0.889
    assert report["confused_pairs"] == [{"expected": "section_17", "predicted": "section_47", "count": 1}]


def test_entity_annotations_are_stripped_for_the_baseline():
    from nlu_eval.datasets import strip_entities

    assert strip_entities("what does [MASH](term) mean") == "what does MASH mean"
    assert strip_entities("who is [EDT](term:eds) for") == "who is EDT for"
    assert strip_entities('[gp]{"entity": "role", "value": "gp"} here') == "gp here"


def test_a_glossary_question_answered_with_the_terms_topic_counts_as_glossary():
    from nlu_eval.bot_run import answered

    assert answered({"intent": "glossary", "topic": "mash_referral"}) == "glossary"
    assert answered({"intent": "section_47", "topic": "section_47"}) == "section_47"
    assert answered({"intent": "nlu_fallback", "topic": None}) is None


def test_a_situations_route_counts_for_the_topic_only_when_it_offers_that_topic():
    from nlu_eval.bot_run import answered_or_offered

    turn = {"intent": "describe_situation", "topic": "escalation_helper", "expected": "child_disclosure"}
    assert answered_or_offered({**turn, "offered": ["/child_disclosure"]}) == "child_disclosure"
    assert answered_or_offered({**turn, "offered": ["/nai_injuries"]}) == "escalation_helper"
    assert (
        answered_or_offered({**turn, "expected": "escalation_helper", "offered": []}) == "escalation_helper"
    )
