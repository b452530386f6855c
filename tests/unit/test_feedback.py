"""'Was this helpful?': once under a topic answer, not under follow-ups; reasons after a 'no';
to the web page as data, to REST as text and buttons."""

from rasa_sdk.executor import CollectingDispatcher
from trackers import make_tracker

from actions.answers.actions import ActionAnswerTopic
from actions.answers.citations import for_channel
from actions.answers.feedback import ask, helpful
from actions.answers.feedback_actions import ActionFeedback
from actions.answers.follow_up_actions import ActionFollowUp


def tracker(intent, text="", entities=None, topic=None):
    return make_tracker(intent, text, (entities or {}).items(), slots={"topic": topic}, confidence=1.0)


def run(action, t):
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, t, domain={})
    return dispatcher.messages


def payloads(message):
    return [b["payload"] for b in message["buttons"]]


def test_a_topic_answer_asks_once_with_the_topic_in_the_payloads():
    messages = run(ActionAnswerTopic(), tracker("section_47", "what is section 47?"))
    assert messages[-1]["text"] == "Was this helpful?"
    assert payloads(messages[-1]) == [
        '/feedback{"helpful":"yes","topic":"section_47"}',
        '/feedback{"helpful":"no","topic":"section_47"}',
    ]
    again = run(ActionAnswerTopic(), tracker("section_47", "section 47?", topic="section_47"))
    assert all(m["text"] != "Was this helpful?" for m in again)


def test_follow_ups_do_not_ask_again():
    messages = run(ActionFollowUp(), tracker("more_detail", topic="section_47"))
    assert all(m["text"] != "Was this helpful?" for m in messages)


def test_no_gets_the_reasons_each_carrying_the_topic():
    no = run(ActionFeedback(), tracker("feedback", "/feedback", {"helpful": "no", "topic": "section_47"}))
    reasons = payloads(no[0])
    assert reasons[1] == '/feedback_reason{"reason":"not_clear","topic":"section_47"}'
    assert len(reasons) == 5 and all('"topic":"section_47"' in p for p in reasons)
    yes = run(ActionFeedback(), tracker("feedback", "/feedback", {"helpful": "yes", "topic": "section_47"}))
    assert yes[0]["text"].startswith("Thanks") and not yes[0]["buttons"]
    reason = run(
        ActionFeedback(), tracker("feedback_reason", "/x", {"reason": "not_clear", "topic": "section_47"})
    )
    assert "Thank you" in reason[0]["text"] and not reason[0]["buttons"]


def test_typed_feedback_is_about_the_last_topic_answered():
    messages = run(ActionFeedback(), tracker("feedback", "that wasn't helpful", topic="mash_referral"))
    assert all('"topic":"mash_referral"' in p for p in payloads(messages[0]))
    nothing = run(ActionFeedback(), tracker("feedback", "that wasn't helpful"))
    assert "Which answer" in nothing[0]["text"]
    assert helpful(None, "this helped") == "yes" and helpful(None, "not helpful") == "no"


def test_the_page_gets_the_question_as_data_rest_gets_text_and_buttons():
    message = ask("section_47")
    page = for_channel(message, "socketio")["json_message"]["data"]
    assert page["feedback"] == {"topic": "section_47", "kind": "helpful"} and len(page["buttons"]) == 2
    rest = for_channel(message, "rest")
    assert "feedback" not in rest and rest["text"] == "Was this helpful?" and len(rest["buttons"]) == 2
