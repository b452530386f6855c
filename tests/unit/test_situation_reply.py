"""A situation's reply as the action builds it: the danger model's unsure reading leads with the
999 line; a concern the concern model read fills in for words the reader does not know."""

from trackers import make_tracker

from actions.escalation.actions import situation_start

TEXT = "nursery 11am tuesday, 4yo told her key worker mum's boyfriend hit her with a belt, no marks seen"


def _reply(danger=None, concern=None, text=TEXT):
    tracker = make_tracker("describe_situation", text, ranking=[("describe_situation", 0.95)])
    tracker.latest_message["danger"] = danger or {"probability": 0.1, "now": False, "cue": False}
    if concern:
        tracker.latest_message["situation_concern"] = concern
    messages, answers = situation_start(tracker, text)
    return messages[0]["text"], answers


def test_an_unsure_danger_reading_leads_with_the_999_line():
    text, _ = _reply({"probability": 0.5, "now": False, "cue": True, "unsure": True})
    assert text.splitlines()[0].startswith("**If the child is in danger now")
    assert "haven't described danger now" not in text  # said once, first
    plain, _ = _reply()
    assert not plain.splitlines()[0].startswith("**If the child is in danger now")


def test_the_concern_models_reading_names_a_concern_the_words_do_not():
    words = "gp 10am monday, 2yo keeps holding her arm funny and screams when lifted, mum says clumsy"
    _, answers = _reply(concern="injury", text=words)
    assert answers["esc_concern"] == "injury"
    _, answers = _reply(
        concern="other", text="hv 2pm weds, 3yo very quiet and withdrawn at every visit lately"
    )
    assert answers.get("esc_concern") == "other"


def test_leaning_towards_significant_harm_shows_the_referral_until_the_question_is_answered():
    """The harm model at 0.5-0.75 (leaning, not sure): the question stays open, and the route so
    far is the one "I don't know" gives - a referral now - not the lead's."""
    from actions.content.loaded import ESCALATION

    words = "gp 10am monday, 12yo came in with mum, positive pregnancy test, boyfriend is 15"

    def reply(reading):
        tracker = make_tracker("describe_situation", words, ranking=[("describe_situation", 0.95)])
        tracker.latest_message["danger"] = {"probability": 0.0, "now": False, "cue": False}
        tracker.latest_message["situation_concern"] = "other"
        tracker.latest_message["harm_reading"] = reading
        return situation_start(tracker, words)

    referral = ESCALATION.routes["mash"].title
    lead = ESCALATION.routes["safeguarding_lead"].title
    leaning = {"likelihood": 0.6, "significant": False, "leaning": True, "not_seen": False}
    messages, answers = reply(leaning)
    assert answers.get("esc_harm") is None  # still asked
    assert ESCALATION.situation.route_so_far.format(title=referral) in messages[0]["text"]
    unsure = {"likelihood": 0.3, "significant": False, "leaning": False, "not_seen": False}
    messages, answers = reply(unsure)
    assert answers.get("esc_harm") is None
    assert ESCALATION.situation.route_so_far.format(title=lead) in messages[0]["text"]
