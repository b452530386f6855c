"""Rules for the interactive parts: a resume offer after every topic, safety rules in place."""

from paths import ROOT, load_domain, load_yaml

RULES = ROOT / "data" / "rules"


def test_no_rule_per_topic_is_needed_to_offer_resume():
    """The answer action offers "Continue" itself (actions/activities/actions.py: resume_offer)."""
    for path in RULES.glob("*.yml"):
        for rule in load_yaml(path)["rules"]:
            assert "action_offer_resume" not in [s.get("action") for s in rule["steps"]], rule["rule"]


def test_emergency_and_stop_win_inside_the_form_and_activities():
    rules = {r["rule"]: r for r in load_yaml(RULES / "interactive.yml")["rules"]}
    in_form = rules["an emergency mid-form gets 999 and ends the escalation helper"]["steps"]
    assert [s.get("action") for s in in_form[1:3]] == ["utter_emergency", "utter_emergency_source"]
    assert {"active_loop": None} in in_form
    for activity in ("quiz", "walk-through"):
        in_activity = rules[f"an emergency mid-{activity} gets 999 and ends it"]["steps"]
        assert [s.get("action") for s in in_activity[1:4]] == [
            "utter_emergency",
            "utter_emergency_source",
            "action_end_activity",
        ]
    assert {"active_loop": None} in rules["stop ends the escalation helper"]["steps"]


def test_activity_slot_is_featurised_and_form_lists_every_question_in_order():
    from actions.escalation.decision import QUESTIONS

    domain = load_domain()
    assert domain["slots"]["activity"]["influence_conversation"] is True
    assert domain["slots"]["activity"]["values"] == [
        "quiz",
        "training_scenario",
    ]  # the policy tells them apart
    assert tuple(domain["forms"]["escalation_form"]["required_slots"]) == QUESTIONS


def test_interactive_intents_have_30_examples():
    from nlu_examples import TRAINING

    for intent in ("escalation_helper", "training_scenario", "quiz"):
        assert len(TRAINING[intent]) >= 30, intent
