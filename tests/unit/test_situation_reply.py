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
