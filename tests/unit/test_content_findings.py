"""The content review of 2026-12: each finding as a check that failed on the old content."""

import re

from actions.content.interactive import load_quiz, load_walkthrough


def test_mash_referral_does_not_make_seeking_the_familys_agreement_the_default(kb):
    text = " ".join(kb.topics["mash_referral"].texts())
    assert "get their agreement" not in text
    assert re.search(r"(don't|do not) need (the family's |their )?consent", text)


def test_an_injured_child_is_not_left_to_the_carer_to_take_to_hospital(kb):
    for topic_id in ("emergency", "paediatrician_strategy"):
        text = " ".join(kb.topics[topic_id].texts())
        assert "Send an injured child who needs treatment to the emergency department" not in text
    assert "rely on the carer" in " ".join(kb.topics["paediatrician_strategy"].texts())


def test_the_walkthrough_never_makes_eds_the_best_answer_on_the_day_of_the_collapse(kb):
    scenario = load_walkthrough(kb)
    for stage in scenario.stages:
        if "24 December" in stage.title or "24 December" in stage.happened:
            best = [o for o in stage.options if o.best]
            assert not best or "999" in best[0].text or "ambulance" in best[0].text.lower()


def test_nai_next_steps_say_straight_away_and_section_17_keeps_the_statutory_wording(kb):
    assert not any("today" in step for step in kb.topics["nai_injuries"].next_steps)
    assert "further impaired" in " ".join(kb.topics["section_17"].texts())


def test_anyone_can_refer_and_cg176_is_not_cited_as_current(kb):
    assert "anyone can refer" in kb.glossary["DSL"].meaning.lower()
    assert "nice_cg176" not in kb.sources
    assert "NG232" in kb.sources["nice_ng232"].title


def test_the_quiz_says_multiple_injuries_or_an_inconsistent_explanation(kb):
    # Since the 2026-12-03 review (L16) the question quotes the review's "and when" and the
    # correct answer says either is enough.
    questions = load_quiz(kb).by_id()
    nai_when = questions["nai_when"]
    assert "either" in nai_when.options[nai_when.answer]
    correct = questions["refer_when_open"].options[questions["refer_when_open"].answer]
    assert "social worker" in correct.lower()


def test_the_paediatrician_topic_names_when_to_involve_one(kb):
    text = " ".join(kb.topics["paediatrician_strategy"].texts()).lower()
    for criterion in ("not independently mobile", "under 3", "same day"):
        assert criterion in text, criterion


def test_invisible_men_keeps_the_reviews_qualifier_and_the_glossary_does_not_open_with_a_miss(kb):
    assert "reported by his mother" in " ".join(kb.topics["invisible_men"].texts())
    assert "didn't recognise" not in kb.topics["glossary"].answer


def test_the_walkthrough_does_not_claim_an_order_the_review_does_not_give(kb):
    scenario = load_walkthrough(kb)
    assert "follow the review's order" not in scenario.intro.lower()
    best = [
        o.text for s in scenario.stages for o in s.options if o.best and "safeguarding lead" in o.text.lower()
    ]
    assert best, "a best option passes the concern to the safeguarding lead or the allocated social worker"
