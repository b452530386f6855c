"""The turn checker itself must catch what an unlocked second server would do."""

from turns import broken_turns


def turn(text, topic):
    return [
        {"event": "user", "text": text},
        {"event": "action", "name": "action_answer_topic"},
        {"event": "bot", "text": "..."},
        {"event": "slot", "name": "topic", "value": topic},
        {"event": "action", "name": "action_listen"},
    ]


TOPICS = {"/a": "a", "/b": "b"}


def test_whole_turns_pass():
    assert broken_turns({"events": turn("/a", "a") + turn("/b", "b")}, TOPICS) == []


def test_interleaved_turns_are_caught():
    first, second = turn("/a", "a"), turn("/b", "b")
    interleaved = first[:1] + second[:1] + first[1:] + second[1:]
    assert broken_turns({"events": interleaved}, TOPICS)


def test_a_turn_answered_with_another_turns_topic_is_caught():
    assert broken_turns({"events": turn("/a", "b")}, TOPICS)


def test_an_unanswered_turn_is_caught():
    assert broken_turns({"events": turn("/a", "a")[:1] + turn("/b", "b")}, TOPICS)
