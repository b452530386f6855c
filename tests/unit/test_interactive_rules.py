"""Rules for the interactive parts: a resume offer after every topic, safety rules in place."""

from paths import ROOT, load_domain, load_yaml

RULES = ROOT / "data" / "rules"


def test_every_topic_question_mid_activity_is_answered_then_offers_resume(answered_topics):
    rules = load_yaml(RULES / "interruptions.yml")["rules"]
    by_intent = {}
    for rule in rules:
        assert rule["condition"] == [{"slot_was_set": [{"activity": "quiz"}]}]  # a text slot: "set" matches any value
        steps = rule["steps"]
        by_intent[steps[0]["intent"]] = [s["action"] for s in steps[1:]]
    expected = {t: ["action_answer_topic", "action_offer_resume"] for t in answered_topics if t != "emergency"}
    assert by_intent == expected


def test_emergency_and_stop_win_inside_the_form_and_activities():
    rules = {r["rule"]: r for r in load_yaml(RULES / "interactive.yml")["rules"]}
    in_form = rules["an emergency mid-form gets 999 and ends the escalation helper"]["steps"]
    assert [s.get("action") for s in in_form[1:3]] == ["utter_emergency", "utter_emergency_source"]
    assert {"active_loop": None} in in_form
    in_activity = rules["an emergency mid-quiz or mid-walk-through gets 999 and ends it"]["steps"]
    assert [s.get("action") for s in in_activity[1:4]] == ["utter_emergency", "utter_emergency_source", "action_end_activity"]
    assert {"active_loop": None} in rules["stop ends the escalation helper"]["steps"]


def test_activity_slot_is_featurised_and_form_lists_every_question_in_order():
    from actions.escalation import QUESTIONS

    domain = load_domain()
    assert domain["slots"]["activity"]["influence_conversation"] is True
    assert tuple(domain["forms"]["escalation_form"]["required_slots"]) == QUESTIONS


def test_interactive_intents_have_30_examples():
    from nlu_examples import TRAINING

    for intent in ("escalation_helper", "training_scenario", "quiz"):
        assert len(TRAINING[intent]) >= 30, intent
