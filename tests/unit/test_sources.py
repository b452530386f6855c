"""One "Source:" builder (actions/answers/citations.py), and the sources sent to the web page
as data: a custom payload on the socket.io channel, the plain line everywhere else."""

import io
import tokenize

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from trackers import make_tracker

from actions.answers.actions import ActionAnswerTopic
from actions.answers.citations import PAGE_CHANNEL, cited, for_channel, source_message
from actions.content.loaded import RENDERER, WALKTHROUGH
from actions.escalation.actions import ActionEscalationResult
from paths import ROOT


def tracker(intent="", channel=None, slots=None) -> Tracker:
    return make_tracker(
        intent, intent, slots=slots, events=[{"event": "user", "text": intent, "input_channel": channel}]
    )


def run(action, t: Tracker) -> list:
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, t, {})
    return dispatcher.messages


def test_the_page_channel_is_the_socketio_channel_of_credentials_yml():
    from rasa_plugins.server.socketio_channel import PersistentSocketIOInput

    assert PersistentSocketIOInput.name() == PAGE_CHANNEL
    assert "socketio_channel.PersistentSocketIOInput" in (ROOT / "credentials.yml").read_text()


def test_only_the_builder_writes_a_source_line():
    """No second "Source: ..." builder anywhere in actions/ (there were two, with two joins)."""
    writers = []
    for path in (ROOT / "actions").rglob("*.py"):
        for token in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
            if token.type == tokenize.STRING and token.string.lstrip("rbfRBF").startswith(
                ('"Source:', "'Source:")
            ):
                writers.append(path.relative_to(ROOT).as_posix())
    assert writers == ["actions/answers/citations.py"]


def test_topic_answers_use_the_builder(kb):
    topic = kb.topics["nai_injuries"]
    _, source = RENDERER.topic("nai_injuries")
    expected = source_message(
        kb, topic.sources.learning_points, topic.sources.guidance, topic.reviewed_on, source["buttons"]
    )
    assert source == expected
    assert (
        source["text"]
        == "Source: "
        + "; ".join(
            f"{c['title']} ({c['url']})" + (f" - {c['note']}" if "note" in c else "")
            if "url" in c
            else c["title"]
            for c in source["sources"]["cited"]
        )
        + f". Reviewed {topic.reviewed_on:%d %B %Y}."
    )


def test_what_is_cited(kb):
    items = cited(kb, [7, 6, 6], ["nice_cg89", "non_mobile_bruising_local", "eds_islington"])
    assert items[0] == {"title": "Luke review, learning points 6 and 7"}
    assert items[1] == {"title": kb.sources["nice_cg89"].title, "url": kb.sources["nice_cg89"].url}
    # Beside national guidance, another area's procedures are not linked: the user's own apply.
    assert items[2:] == [{"title": "local procedures vary - check yours"}]
    # With nothing national cited, one local source is linked, marked as an example.
    assert cited(kb, [], ["non_mobile_bruising_local", "eds_islington"]) == [
        {
            "title": kb.sources["non_mobile_bruising_local"].title,
            "url": kb.sources["non_mobile_bruising_local"].url,
            "note": "a local example: procedures vary, check yours",
        }
    ]
    assert cited(kb, [1], [])[0]["title"] == "Luke review, learning point 1"


@pytest.mark.parametrize("channel", [None, "rest", "cmdline"])
def test_rest_and_the_shell_get_the_plain_source_line(kb, channel):
    messages = run(ActionAnswerTopic(), tracker("section_47", channel))
    assert messages[1]["text"].startswith("Source: ") and "http" in messages[1]["text"]
    assert messages[1]["custom"] == {} and messages[1]["buttons"]
    assert "sources" not in messages[1]


def test_the_web_page_gets_the_sources_as_a_custom_payload(kb):
    rest = run(ActionAnswerTopic(), tracker("section_47", "rest"))
    page = run(ActionAnswerTopic(), tracker("section_47", PAGE_CHANNEL))
    assert page[0] == rest[0]  # the answer itself is the same text
    source = page[1]
    assert (
        source["text"] is None and source["buttons"] == []
    )  # not also as text: that would be a second message
    data = source["custom"]["data"]
    assert data["text"] == rest[1]["text"] and data["buttons"] == rest[1]["buttons"]
    topic = kb.topics["section_47"]
    urls = [c["url"] for c in data["sources"]["cited"] if "url" in c]
    assert urls[0] == kb.sources[topic.sources.guidance[0]].url
    assert data["sources"]["reviewed"] == f"Reviewed {topic.reviewed_on:%d %B %Y}."


def test_walkthrough_and_escalation_sources_reach_the_page_as_data(kb):
    summary = WALKTHROUGH.summary(WALKTHROUGH.start()[1])
    assert summary[1]["sources"]["cited"] and summary[1]["text"].startswith("Source: ")
    slots = {
        "esc_danger": "no",
        "esc_concern": "injury",
        "esc_mobility": "non_mobile",
        "esc_injury_kind": "bruise",
        "esc_injury": "no",
        "esc_known": "no",
        "esc_office_hours": "yes",
        "esc_can_wait": "no",
    }
    messages = run(ActionEscalationResult(), tracker("", PAGE_CHANNEL, slots))
    assert messages[0]["text"].startswith("**Escalation helper")
    assert messages[1]["custom"]["data"]["sources"]["cited"]


def test_messages_without_sources_are_untouched():
    plain = {"text": "Hello", "buttons": [{"title": "Help", "payload": "/help"}]}
    assert for_channel(plain, PAGE_CHANNEL) == plain
    assert for_channel({"response": "not_understood"}, PAGE_CHANNEL) == {"response": "not_understood"}
