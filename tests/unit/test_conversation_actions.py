"""Roles, follow-ups, the help menu, "did you mean" and the opening notice, driven with
rasa_sdk Trackers and a CollectingDispatcher."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from trackers import make_tracker

from actions.answers.actions import ActionAnswerTopic
from actions.answers.follow_up_actions import ActionFollowUp, ActionRoleView
from actions.content.knowledge_base import load_roles
from actions.conversation.actions import ActionDidYouMean, ActionHelpMenu, ActionSessionStart, ActionSetRole

FOLLOW_UP_INTENTS = ["more_detail", "next_steps", "show_sources", "out_of_hours_followup", "why_luke"]


def tracker(intent="", text="", entities=(), topic=None, role=None, events=(), ranking=()) -> Tracker:
    return make_tracker(
        intent, text, entities, slots={"role": role, "topic": topic}, events=events, ranking=ranking
    )


def run(action, t: Tracker, domain=None):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, t, domain=domain or {})
    return dispatcher.messages, events


def text_of(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def payloads(messages) -> list:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


# --- roles -----------------------------------------------------------------


@pytest.mark.parametrize("role", list(load_roles().roles))
def test_every_answer_puts_the_role_note_first(kb, role):
    for topic_id, topic in kb.topics.items():
        if topic_id == "glossary":
            continue
        messages, _ = run(ActionAnswerTopic(), tracker(topic_id, role=role))
        lines = messages[0]["text"].split("\n")
        # lines[1] is the bold "do now" line; the role note comes straight after it
        if role in topic.roles:
            assert lines[2].startswith(f"For {kb.roles.label(role)}: {topic.roles[role][:20]}"), topic_id
        else:
            assert not lines[2].startswith("For "), topic_id


def test_setting_a_role_confirms_it_and_offers_the_last_topic_again(kb):
    t = tracker("tell_role", "I'm a practice nurse", [("role", "gp")], topic="section_47", role="gp")
    messages, events = run(ActionSetRole(), t)
    assert "for GPs first" in messages[0]["text"]
    assert payloads(messages) == ["/section_47"]
    assert events == []


def test_a_role_without_a_recognised_role_gets_the_picker(kb):
    messages, _ = run(ActionSetRole(), tracker("tell_role", "who am I"))
    assert messages[0]["text"] == kb.roles.prompts.pick
    assert payloads(messages) == [f'/tell_role{{"role":"{role}"}}' for role in kb.roles.roles]
    assert [b["title"] for b in messages[0]["buttons"]] == [r.button for r in kb.roles.roles.values()]


def test_another_roles_view_without_a_role_gets_the_picker_for_views(kb):
    messages, _ = run(ActionRoleView(), tracker("role_view", "what about others?", topic="section_47"))
    assert messages[0]["text"] == kb.roles.prompts.pick_view
    assert payloads(messages) == [f'/role_view{{"role":"{role}"}}' for role in kb.roles.roles]


def test_role_view_shows_that_roles_note_without_setting_the_role(kb):
    t = tracker(
        "role_view", "what about for nursery staff?", [("role", "early_years")], topic="section_47", role="gp"
    )
    messages, events = run(ActionRoleView(), t)
    assert messages[0]["text"].startswith("**Section 47 - child protection enquiries: for nursery")
    assert kb.topics["section_47"].roles["early_years"].split()[0] in messages[0]["text"]
    assert events == [SlotSet("topic", "section_47")]  # and no SlotSet("role", ...)


def test_role_view_for_a_role_with_no_note_says_the_main_answer_applies():
    t = tracker("role_view", "and for trainers?", [("role", "trainer")], topic="section_47")
    messages, _ = run(ActionRoleView(), t)
    assert "the main answer applies" in messages[0]["text"]


# --- follow-ups ------------------------------------------------------------


@pytest.mark.parametrize("intent", FOLLOW_UP_INTENTS)
def test_each_follow_up_works_after_every_topic(kb, intent):
    for topic_id in kb.topics:
        messages, events = run(ActionFollowUp(), tracker(intent, topic=topic_id))
        assert messages and not any("\n\n" in (m.get("text") or "") for m in messages), topic_id
        expected = topic_id
        if intent == "out_of_hours_followup" and not kb.topics[topic_id].out_of_hours:
            expected = "eds_escalation"
        assert events == [SlotSet("topic", expected)], (intent, topic_id)


def test_follow_ups_show_the_right_part(kb):
    topic = kb.topics["nai_injuries"]
    more, _ = run(ActionFollowUp(), tracker("more_detail", topic="nai_injuries"))
    assert topic.more.split()[0] in more[0]["text"] and "more detail" in more[0]["text"]
    why, _ = run(ActionFollowUp(), tracker("why_luke", topic="nai_injuries"))
    assert topic.in_lukes_case.split(".")[0] in why[0]["text"].replace("\n", " ")
    steps, _ = run(ActionFollowUp(), tracker("next_steps", topic="nai_injuries"))
    assert all(line.startswith("- ") for line in steps[0]["text"].split("\n")[1:])
    sources, _ = run(ActionFollowUp(), tracker("show_sources", topic="nai_injuries"))
    assert "learning point 6" in sources[0]["text"] and "https://" in sources[0]["text"]
    night, _ = run(ActionFollowUp(), tracker("out_of_hours_followup", topic="nai_injuries"))
    assert "out of hours" in night[0]["text"]


def test_out_of_hours_without_its_own_advice_gives_the_eds_answer(kb):
    topic_id = next(t for t, topic in kb.topics.items() if not topic.out_of_hours)
    messages, events = run(ActionFollowUp(), tracker("out_of_hours_followup", topic=topic_id))
    assert messages[0]["text"].startswith(f"**{kb.topics['eds_escalation'].title}**")
    assert events == [SlotSet("topic", "eds_escalation")]


@pytest.mark.parametrize("intent", FOLLOW_UP_INTENTS)
def test_a_follow_up_before_any_topic_asks_which_and_shows_the_menu(intent):
    messages, events = run(ActionFollowUp(), tracker(intent))
    assert messages[0]["text"].startswith("Which topic do you mean?")
    assert any(p.startswith("/help_group") for p in payloads(messages))
    assert events == []


# --- help menu, did you mean ----------------------------------------------


def test_help_shows_every_group_and_a_group_shows_its_topics(kb):
    messages, _ = run(ActionHelpMenu(), tracker("help", "menu"))
    assert len(payloads(messages)) == len(kb.menu.groups) == 5
    group, _ = run(ActionHelpMenu(), tracker("help_group", entities=[("group", "training")]))
    assert payloads(group) == [f"/{t}" for t in kb.menu.groups["training"].topics]
    assert [b["title"] for b in group[0]["buttons"]][0] == kb.menu.labels["training_scenario"]


def test_did_you_mean_offers_the_likeliest_topics_then_something_else(kb):
    ranking = [
        ("nlu_fallback", 0.5),
        ("section_17", 0.4),
        ("greet", 0.3),
        ("section_47", 0.2),
        ("early_help", 0.1),
        ("mash_referral", 0.05),
    ]
    messages, _ = run(ActionDidYouMean(), tracker("nlu_fallback", "s17 or 47", ranking=ranking))
    assert payloads(messages) == ["/section_17", "/section_47", "/early_help", "/help"]
    assert messages[0]["buttons"][0]["title"] == kb.topics["section_17"].title
    assert "999" in messages[0]["text"]


def test_a_self_description_the_classifier_was_unsure_of_still_sets_the_role():
    t = tracker(
        "nlu_fallback", "actually I'm a health visitor", [("role", "health_visitor")], role="health_visitor"
    )
    messages, _ = run(ActionDidYouMean(), t)
    assert "for health visitors first" in messages[0]["text"]


def test_a_second_miss_points_to_the_menu_and_the_safeguarding_lead(kb):
    events = [
        {"event": "user", "text": "blah"},
        {"event": "action", "name": "action_did_you_mean"},
        {"event": "bot", "text": "Did you mean"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "blah again"},
    ]
    messages, _ = run(ActionDidYouMean(), tracker("nlu_fallback", events=events))
    assert "safeguarding lead" in messages[0]["text"]
    assert len([p for p in payloads(messages) if p.startswith("/help_group")]) == len(kb.menu.groups)


# --- opening notice, privacy reminder --------------------------------------


def test_the_session_starts_with_the_notice_and_keeps_the_role():
    domain = {"session_config": {"carry_over_slots_to_new_session": True}}
    messages, events = run(ActionSessionStart(), tracker(role="gp"), domain)
    assert [m.get("response") for m in messages] == ["opening_notice"]
    assert events[0] == SessionStarted() and SlotSet("role", "gp") in events
    assert events[-1] == ActionExecuted("action_listen")


def test_identifying_details_get_a_reminder_and_still_an_answer(kb):
    t = tracker("section_47", "NHS number 943 476 5919 - is this a section 47?")
    messages, events = run(ActionAnswerTopic(), t)
    assert "please don't type details" in messages[0]["text"] and "NHS number" in messages[0]["text"]
    assert "943" not in messages[0]["text"]
    assert messages[1]["text"].startswith(f"**{kb.topics['section_47'].title}**")
    assert events == [SlotSet("topic", "section_47")]


def test_no_reminder_without_identifying_details():
    messages, _ = run(ActionAnswerTopic(), tracker("section_47", "is this a section 47 after 15 days?"))
    assert "please don't type" not in text_of(messages)


def test_two_close_plausible_topics_answer_the_better_and_offer_the_other(kb):
    ranking = [("nlu_fallback", 0.35), ("nai_injuries", 0.51), ("eds_escalation", 0.48), ("inform", 0.01)]
    messages, events = run(
        ActionDidYouMean(), tracker("nlu_fallback", "bruise at 7pm who do I call", ranking=ranking)
    )
    assert messages[0]["text"].startswith(f"**{kb.topics['nai_injuries'].title}**")
    assert payloads(messages)[-1:] == ["/eds_escalation"]
    assert events == [SlotSet("topic", "nai_injuries")]


def test_a_weak_pair_still_gets_did_you_mean(kb):
    ranking = [("nlu_fallback", 0.35), ("nai_injuries", 0.30), ("eds_escalation", 0.28)]
    messages, events = run(ActionDidYouMean(), tracker("nlu_fallback", "bruise?", ranking=ranking))
    assert "won't guess" in messages[0]["text"] and not events


def test_a_role_said_with_a_worry_still_gets_the_likeliest_topics():
    """ "I'm a GP, worried about a bruised baby", unsure: the role is set and the topics offered."""
    ranking = [("nlu_fallback", 0.5), ("nai_injuries", 0.3), ("escalation_helper", 0.2), ("tell_role", 0.1)]
    t = tracker(
        "nlu_fallback", "I'm a GP, worried about a bruised baby", [("role", "gp")], role="gp", ranking=ranking
    )
    messages, _ = run(ActionDidYouMean(), t)
    assert "GP" in messages[0]["text"]
    assert {"/nai_injuries", "/escalation_helper"} <= set(payloads(messages))
    assert "999" in text_of(messages)


@pytest.mark.parametrize(
    "text",
    [
        "I'm worried about a bruised baby in Camden",
        "is the Camden MASH open at night?",
        "a toddler in Leeds has a burn nobody can explain",
    ],
)
def test_a_question_that_names_a_place_is_never_answered_with_an_area_list(text):
    """Taken for tell_area by the classifier, it gets the likeliest topics and the 999 line."""
    from actions.conversation.area_actions import ActionSetArea

    ranking = [("tell_area", 0.53), ("nai_injuries", 0.28), ("escalation_helper", 0.14)]
    messages, events = run(ActionSetArea(), tracker("tell_area", text, ranking=ranking))
    assert {"/nai_injuries", "/escalation_helper"} <= set(payloads(messages))
    assert "999" in text_of(messages)
    assert not [e for e in events if e.get("name") == "area"]


def test_saying_where_you_work_is_still_an_area_statement():
    from actions.conversation.area_actions import ActionSetArea

    messages, _ = run(ActionSetArea(), tracker("tell_area", "I work in Camden", ranking=[("tell_area", 0.9)]))
    assert "/nai_injuries" not in payloads(messages)
    assert "local contacts" in text_of(messages).lower() or "area" in text_of(messages).lower()
