"""Stale guidance is a hazard (docs/SAFETY.md): every entry must have been reviewed within the last year.

This test fails on purpose when a review falls due, so that a safeguarding lead
re-checks the entry against current guidance and updates `reviewed_on`.
"""

import datetime

REVIEW_INTERVAL_DAYS = 365


def test_no_entry_is_overdue_for_review(kb):
    today = datetime.date.today()
    overdue = {
        topic_id: topic.reviewed_on.isoformat()
        for topic_id, topic in kb.topics.items()
        if (today - topic.reviewed_on).days > REVIEW_INTERVAL_DAYS
    }
    assert not overdue, f"review these entries against current guidance, then update reviewed_on: {overdue}"


def test_answers_show_their_review_date(kb):
    from actions.answers.render import Renderer
    from actions.content.local_contacts import load_local_contacts

    renderer = Renderer(kb, load_local_contacts())
    for topic_id, topic in kb.topics.items():
        source_line = renderer.topic(topic_id, None)[-1]["text"]
        assert f"Reviewed {topic.reviewed_on:%d %B %Y}." in source_line, topic_id
