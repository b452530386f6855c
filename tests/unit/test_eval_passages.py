"""The quoted-passage measure of the evaluation (evaluation/nlu_eval/passages.py) and its
section of docs/EVALUATION.md."""

from actions.answers.passages import Passage
from nlu_eval import passages, report

CONTRACT = {"eds_escalation": {"learning_points": [1]}, "case_summary": {"learning_points": []}}
EDS = Passage("EDS text.", "This guide, EDS", topic="eds_escalation")
LP1 = Passage(
    "Learning point one.", "Luke review, learning point 1", learning_point=1, heading="Summary of Learning"
)
LP2 = Passage(
    "Learning point two.", "Luke review, learning point 2", learning_point=2, heading="Summary of Learning"
)
CASE = Passage("Luke was two.", 'Luke review, "Case Study Luke"', heading="Case Study Luke")


def test_a_passage_hits_by_topic_learning_point_or_narrative_section():
    assert passages.hit(EDS, "eds_escalation", CONTRACT)
    assert passages.hit(LP1, "eds_escalation", CONTRACT)
    assert not passages.hit(LP2, "eds_escalation", CONTRACT)
    assert passages.hit(CASE, "case_summary", CONTRACT) and not passages.hit(CASE, "eds_escalation", CONTRACT)


def turn(expected, replies, fell_back=True):
    return {"text": "q", "expected": expected, "fell_back": fell_back, "reply_texts": replies}


def test_the_first_quote_of_a_fallback_is_scored_and_out_of_scope_counted_apart():
    lookup = {f"<{p.text}>": p for p in (EDS, LP1, LP2, CASE)}
    turns = [
        turn("eds_escalation", ["Did you mean?", "Intro", "<Learning point one.>", "<Learning point two.>"]),
        turn("eds_escalation", ["Did you mean?", "Intro", "<Learning point two.>"]),
        turn("eds_escalation", ["Did you mean?"]),
        turn("eds_escalation", ["An answer"], fell_back=False),
        turn("out_of_scope", ["Did you mean?", "Intro", "<EDS text.>"]),
    ]
    result = passages.score(turns, lookup, CONTRACT)
    assert (result["fell_back"], result["fell_back_topic_lines"], result["with_passage"]) == (4, 3, 2)
    assert result["hits"] == 1 and result["hit_rate"] == 0.333 and result["hit_rate_when_shown"] == 0.5
    assert result["out_of_scope_with_passage"] == 1


def test_the_section_is_replaced_in_place_and_the_hand_written_part_kept(tmp_path):
    path = tmp_path / "EVALUATION.md"
    path.write_text(f"# NLU\n\n## Held-out misses\n\nx\n{report.LOG_MARKER}\nhand\n")
    stats = {"topic_lines": 1, "with_passage": 1, "hits": 1, "hit_rate": 1.0, "hit_rate_when_shown": 1.0}
    result = {
        **passages.score([turn("eds_escalation", ["<EDS text.>"])], {"<EDS text.>": EDS}, CONTRACT),
        "retrieval_only": stats,
        "retrieval_on_misses": stats,
        "min_score": 0.25,
    }
    report.write_section(path, report.passages_section(result))
    report.write_section(path, report.passages_section(result))
    text = path.read_text()
    assert text.count(report.PASSAGES_HEADING) == 1
    assert (
        text.index(report.PASSAGES_HEADING) < text.index("## Held-out misses") < text.index(report.LOG_MARKER)
    )
    assert text.endswith(f"{report.LOG_MARKER}\nhand\n")
