"""Choosing an area, the route to a person (its local numbers only when set), and the
summary to keep (the bot's own events only: never what the user typed)."""

import asyncio
import json

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.answers.render import Renderer
from actions.answers.summary import covered, summary_text
from actions.content.area_match import AreaMatcher
from actions.content.interactive import load_all, load_escalation_rules
from actions.content.local_contacts import load_directory
from actions.content.prompts import load_prompts
from actions.conversation.areas import choose_area, local_numbers
from paths import DOMAIN, ROOT, load_domain
from rasa_plugins.server.action_guard import OPTIONAL_ACTIONS, GuardedRemoteAction

PROMPTS = load_prompts()


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "local_contacts.example.yml")


@pytest.fixture(scope="module")
def matcher(directory):
    return AreaMatcher({name: a.aliases for name, a in directory.areas.items()})


def test_a_named_area_is_stored_and_sent_to_the_page(directory, matcher):
    messages, area = choose_area(None, "I work in sampleton council", directory, matcher, PROMPTS)
    assert area == "Sampleton"
    assert messages[0]["text"].startswith("Contacts for: Sampleton.") and messages[0]["area"] == "Sampleton"


def test_a_button_names_the_area(directory, matcher):
    _, area = choose_area("Exampleshire", '/tell_area{"area": "Exampleshire"}', directory, matcher, PROMPTS)
    assert area == "Exampleshire"


def test_an_unknown_area_offers_the_configured_ones(directory, matcher):
    messages, area = choose_area(None, "I work in Camden", directory, matcher, PROMPTS)
    assert area is None
    assert messages[0]["text"] == PROMPTS.areas.not_found
    assert [json.loads(b["payload"][len("/tell_area") :])["area"] for b in messages[0]["buttons"]] == [
        "Exampleshire",
        "Sampleton",
    ]
    messages, _ = choose_area(None, "change my area", directory, matcher, PROMPTS)
    assert messages[0]["text"] == PROMPTS.areas.pick


def test_no_areas_configured_says_where_to_find_numbers(matcher):
    empty = load_directory(ROOT / "local_contacts.yml")
    messages, area = choose_area(None, "I work in Sampleton", empty, matcher, PROMPTS)
    assert area is None and "partnership's website" in messages[0]["text"]


def test_a_person_route_adds_the_areas_numbers(directory):
    text = local_numbers(directory.get("Sampleton"), PROMPTS)[0]["text"]
    assert text.startswith("Your local numbers (Sampleton):")
    assert "MASH consultation line: the Sampleton consultation line on 0113 496 0004" in text
    assert (
        "Out of hours, the Emergency Duty Service: the Sampleton Emergency Duty Team on 0113 496 0002" in text
    )
    assert "(example - not a real number" in text
    assert "last checked 15 January 2024" in text


def test_a_person_route_adds_nothing_without_numbers(directory):
    assert local_numbers(load_directory(ROOT / "local_contacts.yml").get(None), PROMPTS) == []
    hint = local_numbers(directory.get(None), PROMPTS, example_area="Exampleshire")
    assert hint == [{"text": PROMPTS.person.choose_area.format(example="Exampleshire")}]


def test_the_person_response_is_a_domain_response_with_only_national_numbers():
    text = load_domain()["responses"]["utter_talk_to_person"][0]["text"]
    for needed in ("not a reporting channel", "no one reads", "safeguarding lead", "consultation line"):
        assert needed in text
    assert "Emergency Duty Service" in text and "0808 800 5000" in text and "999" in text
    assert DOMAIN.exists()


def test_a_failing_optional_action_adds_no_apology():
    class Down:
        async def request(self, **_):
            raise ConnectionError("refused")

    assert "action_person_contacts" in OPTIONAL_ACTIONS
    from rasa.shared.core.domain import Domain

    domain = Domain.from_yaml("version: '3.1'\n")
    tracker = DialogueStateTracker("someone", domain.slots)
    action = GuardedRemoteAction("action_person_contacts", Down())
    events = asyncio.run(
        action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, domain)
    )
    assert not [e for e in events if isinstance(e, BotUttered)]


# --- the summary ----------------------------------------------------------------------

SECRET = "Jayden Smith-Okafor, 14 Acacia Road LS1 4AB, NHS 943 476 5919, mum Kayleigh"


def conversation() -> list:
    """What a tracker holds: user turns full of identifying details, the bot's events."""
    user = lambda text: {"event": "user", "text": text, "parse_data": {"text": text}}  # noqa: E731
    slot = lambda name, value: {"event": "slot", "name": name, "value": value}  # noqa: E731
    bot = lambda text: {"event": "bot", "text": text}  # noqa: E731
    return [
        user(f"what is section 47? it's about {SECRET}"),
        {"event": "action", "name": "action_answer_topic"},
        bot(f"echo {SECRET}"),
        slot("topic", "section_47"),
        user(f"worried about {SECRET}"),
        slot("topic", "escalation_helper"),
        slot("esc_danger", "no"),
        slot("esc_concern", "injury"),
        slot("esc_mobility", "not_mobile"),
        slot("esc_known", "no"),
        slot("esc_office_hours", "in_hours"),
        {"event": "action", "name": "action_escalation_result"},
        slot("esc_concern", None),
        slot("topic", "section_47"),
        slot("topic", "mash_referral"),
        user(f"summarise this {SECRET}"),
    ]


@pytest.fixture(scope="module")
def content(kb):
    escalation, _, _ = load_all(kb)
    return escalation, load_escalation_rules(kb).table()


def test_the_summary_lists_topics_once_in_order(kb, directory, content):
    topics, records = covered(conversation())
    assert topics == ["section_47", "escalation_helper", "mash_referral"]
    assert records and dict(records[0])["esc_concern"] == "injury"


def test_the_summary_holds_no_user_text(kb, directory, content):
    escalation, rules = content
    text = summary_text(
        conversation(), Renderer(kb, directory.get("Sampleton")), escalation, rules, PROMPTS.summary
    )
    for detail in ("Jayden", "Okafor", "Acacia", "LS1", "943", "Kayleigh", "echo"):
        assert detail not in text
    assert kb.topics["section_47"].title in text and kb.topics["mash_referral"].title in text
    assert "Escalation helper" in text and "What to record:" in text
    assert "Where each injury is" in text  # the injury record line of the helper
    assert "Local contacts: Sampleton." in text and "0113 496 0001" in text
    assert text.count("Sources:") == 3


def test_nothing_to_summarise(kb, content):
    escalation, rules = content
    assert (
        summary_text(
            [],
            Renderer(kb, load_directory(ROOT / "local_contacts.yml").get(None)),
            escalation,
            rules,
            PROMPTS.summary,
        )
        is None
    )
