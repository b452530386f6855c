"""The NLU safety net: the danger model decides danger now; the red flags are a floor under it."""

from pathlib import Path

import numpy as np
import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from paths import SPENT_SETS, measured_files
from rasa_plugins.nlu.danger_model import CORPUS_FILE, SPENT_FILE, load_corpus
from rasa_plugins.nlu.emergency_guard import EmergencyGuard


class FixedModel:
    """Stands in for the trained danger model: the same probability for every message."""

    def __init__(self, probability: float) -> None:
        self.p = probability

    def probability(self, texts):
        return np.full(len(texts), self.p)


def guard(probability: float) -> EmergencyGuard:
    return EmergencyGuard({"intent": "emergency", "threshold": 0.3}, model=FixedModel(probability))


def classified(text: str, top: str, top_confidence: float, emergency: float) -> Message:
    second = (
        {"name": "nai_injuries", "confidence": 0.3}
        if top == "emergency"
        else {"name": "emergency", "confidence": emergency}
    )
    ranking = [{"name": top, "confidence": top_confidence}, second]
    if top == "nlu_fallback":
        ranking.insert(1, {"name": "deny", "confidence": 0.45})
    return Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})


@pytest.mark.parametrize(
    "probability, top, expected",
    [
        (0.8, "nai_injuries", "emergency"),  # the model hears danger now: 999 whatever the topic
        (0.31, "nlu_fallback", "emergency"),
        (0.1, "nai_injuries", "nai_injuries"),
        (
            0.1,
            "emergency",
            "nai_injuries",
        ),  # the classifier's "emergency" topic, not danger now: the next reading
    ],
)
def test_the_model_decides(probability, top, expected):
    message = guard(probability).process([classified("a worry about a child", top, 0.6, 0.35)])[0]
    assert message.get("intent")["name"] == expected
    assert message.get("intent_ranking")[0]["name"] == expected
    assert message.get("danger")["probability"] == pytest.approx(probability)


def test_a_red_flag_is_a_floor_the_model_cannot_lower():
    message = guard(0.0).process([classified("the baby is not breathing", "nai_injuries", 0.9, 0.0)])[0]
    assert message.get("intent")["name"] == "emergency"
    assert message.get("red_flag") == "breathing"


def test_a_calmed_red_flag_leaves_a_cue_for_the_999_line():
    text = "in training yesterday we practised what to do when a baby is not breathing"
    message = guard(0.05).process([classified(text, "nlu_fallback", 0.3, 0.0)])[0]
    assert message.get("intent")["name"] != "emergency"
    assert message.get("danger")["cue"] is True


def test_guard_leaves_button_payloads_alone():
    message = Message(data={"text": "/section_17", "intent": {"name": "section_17", "confidence": 1.0}})
    assert guard(1.0).process([message])[0].get("intent")["name"] == "section_17"


def test_the_corpus_is_broad_and_organised_by_kind():
    data = yaml.safe_load(CORPUS_FILE.read_text())
    assert len(data["emergency"]) >= 12 and len(data["not_emergency"]) >= 12
    # Kinds of at least 15 lines; a kind's minimal pairs (now_/over_: the same subject on the
    # other side of the line) at least 8; situations told at length (at_length_) at least 10.
    assert all(
        len(texts)
        >= (8 if kind.startswith(("now_", "over_")) else 10 if kind.startswith("at_length_") else 15)
        for kinds in data.values()
        for kind, texts in kinds.items()
    )
    paired = {k.split("_", 1)[1] for kinds in data.values() for k in kinds if k.startswith(("now_", "over_"))}
    assert paired <= set(data["emergency"]) | set(data["not_emergency"]), "a pair names a kind that exists"
    lines = load_corpus(CORPUS_FILE)
    assert len(lines) >= 500 and len({t for t, _, _ in lines}) == len(lines)


def test_only_spent_sealed_sets_are_training_lines():
    """The spent sealed sets train the danger model; the sets still measured never do (a set
    scored once and then trained on would measure nothing the next time)."""
    spent = load_corpus(SPENT_FILE)
    assert len(spent) >= 1500 and {kind.split(":")[0] for _, _, kind in spent} == SPENT_SETS
    trained = {" ".join(t.lower().split()) for t, _, _ in load_corpus()}
    for path in [*measured_files(), CORPUS_FILE.with_name("danger_dev.yml")]:
        lines = {line for line in _strings(yaml.safe_load(path.read_text())) & trained if len(line) > 30}
        assert not lines, f"{path} is measured but trains the danger model: {sorted(lines)[:2]}"


def _strings(data) -> set:
    """Every string in a YAML document, normalised as the training lines are."""
    if isinstance(data, str):
        return {" ".join(data.lower().split())}
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return set().union(*(_strings(v) for v in values)) if values else set()


@pytest.mark.parametrize(
    "text",
    [
        "not right now, she's asleep upstairs with mum",
        "no, she's with me",
        "not tonight",
        "not right this minute, she's here with the baby",
    ],
)
def test_an_answer_that_denies_danger_is_judged_on_what_follows(text):
    message = EmergencyGuard({"intent": "emergency"}).process([classified(text, "deny", 0.9, 0.0)])[0]
    assert message.get("intent")["name"] == "deny"


@pytest.mark.parametrize(
    "text",
    [
        "not immediate but she's in pain, cries when her left arm is touched",
        "she's not in danger, she's with the nurse",
        "no, not right now, he's at work",  # two denials in a row (sealed v13 c13_10 paged 999)
    ],
)
def test_not_immediate_danger_is_a_denial_even_where_the_model_reads_danger(text):
    message = guard(0.9).process([classified(text, "deny", 0.9, 0.0)])[0]
    assert message.get("intent")["name"] == "deny"


def test_a_denial_does_not_hide_a_medical_sign():
    message = guard(0.0).process([classified("no, he's not breathing properly", "deny", 0.9, 0.0)])[0]
    assert message.get("intent")["name"] == "emergency"


def test_no_one_is_not_a_denial():
    message = guard(0.9).process(
        [classified("no one has come for the toddler, he's alone in the flat", "deny", 0.9, 0.0)]
    )[0]
    assert message.get("intent")["name"] == "emergency"


def test_an_answer_the_classifier_is_sure_of_needs_more_from_the_model():
    answer = classified("just the one, he fell off the climbing frame", "inform", 0.9, 0.0)
    assert guard(0.5).process([answer])[0].get("intent")["name"] == "inform"
    sign = classified("his lips are going a funny colour", "inform", 0.9, 0.0)
    assert guard(0.7).process([sign])[0].get("intent")["name"] == "emergency"


def helper_tracker(danger: str, requested: str = "esc_concern"):
    """The conversation as Rasa hands it to the guard: the helper running, danger answered."""
    from rasa.shared.core.events import ActiveLoop, SlotSet
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    return DialogueStateTracker.from_events(
        "someone",
        [ActiveLoop("escalation_form"), SlotSet("esc_danger", danger), SlotSet("requested_slot", requested)],
        slots=[TextSlot(name, mappings=[]) for name in ("esc_danger", "requested_slot")],
    )


@pytest.mark.parametrize(
    "text",
    [
        "dad's come to collect her drunk, slurring and stumbling",  # the model alone
        "her ex has texted saying he'll come round tonight and kill her",  # a threat to come
        "neglect, the 8 year old's been left home alone with the baby",  # a red flag, no "now"
    ],
)
def test_after_no_danger_now_a_described_concern_is_an_answer_with_a_reminder(text):
    message = classified(text, "inform", 0.6, 0.3)
    guard(0.9).process([message], tracker=helper_tracker("no"))
    assert message.get("intent")["name"] == "inform"
    assert message.get("danger")["reminder"] is True


@pytest.mark.parametrize(
    "text",
    [
        "he's gone floppy and won't wake up",  # a medical sign is danger, whatever was said before
        "dad is back and hitting her right now",  # words that say now
    ],
)
def test_after_no_danger_now_a_medical_sign_or_danger_said_now_still_pages_999(text):
    message = classified(text, "inform", 0.6, 0.3)
    guard(0.9).process([message], tracker=helper_tracker("unknown"))
    assert message.get("intent")["name"] == "emergency"


def test_the_answer_to_the_danger_question_itself_is_read_as_before():
    message = classified("dad's come to collect her drunk", "inform", 0.6, 0.3)
    guard(0.9).process([message], tracker=helper_tracker("no", requested="esc_danger"))
    assert message.get("intent")["name"] == "emergency"
    message = classified("dad's come to collect her drunk", "inform", 0.6, 0.3)
    guard(0.9).process([message], tracker=helper_tracker("yes"))
    assert message.get("intent")["name"] == "emergency"


def test_the_danger_model_does_not_learn_from_the_ignored_intents(monkeypatch):
    """Questions about the review's past events (ask_review, config.yml) are left out of its lines."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from rasa_plugins.nlu import emergency_guard

    class Fitted(Exception):
        pass

    seen = {}

    def fit(self, texts, labels):
        seen.update(zip(texts, labels, strict=True))
        raise Fitted

    monkeypatch.setattr(emergency_guard.DangerModel, "fit", fit)
    lines = [
        ("who called the ambulance on christmas eve", "ask_review"),
        ("the baby is not breathing", "emergency"),
        ("what is section 47", "section_47"),
    ]
    data = TrainingData([Message(data={"text": text, "intent": intent}) for text, intent in lines])
    with pytest.raises(Fitted):
        EmergencyGuard({"ignore_intents": ["ask_review"]}).train(data)
    assert "who called the ambulance on christmas eve" not in seen
    assert seen["the baby is not breathing"] == 1 and seen["what is section 47"] == 0
    config = yaml.safe_load((CORPUS_FILE.parents[2] / "config.yml").read_text())
    guard = next(c for c in config["pipeline"] if c["name"].endswith("EmergencyGuard"))
    assert guard["ignore_intents"] == ["ask_review"]


@pytest.mark.parametrize(
    "probability, expected, unsure",
    [
        (0.9, "emergency", None),  # sure enough even for a message told at length
        (0.5, "describe_situation", True),  # danger now unsure: the route leads with the 999 line
        (0.2, "describe_situation", None),
    ],
)
def test_a_situation_told_at_length_needs_more_from_the_model(probability, expected, unsure):
    text = "gp, tuesday 3pm, 6 month old with a bruise on his back, mum says his brother landed on him"
    ranking = [{"name": "describe_situation", "confidence": 0.95}, {"name": "emergency", "confidence": 0.02}]
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})
    message = guard(probability).process([message])[0]
    assert message.get("intent")["name"] == expected
    assert message.get("danger").get("unsure") is unsure


@pytest.mark.parametrize("situation_words, expected", [(30, "nai_injuries"), (0, "emergency")])
def test_a_message_of_many_words_is_told_at_length_whatever_the_classifier_calls_it(
    situation_words, expected
):
    """ "Whit Monday, youth worker. 15yo girl says her mum grounded her ... just fed up": the classifier
    heard describe_situation at 0.42, so the model's 0.51 paged 999 (sealed v10, after scoring)."""
    text = " ".join(["word"] * 29 + ["bruise"])
    ranking = [{"name": "nai_injuries", "confidence": 0.6}, {"name": "emergency", "confidence": 0.02}]
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})
    config = {"intent": "emergency", "threshold": 0.4, "situation_words": situation_words}
    message = EmergencyGuard(config, model=FixedModel(0.5)).process([message])[0]
    assert message.get("intent")["name"] == expected
    short = Message(data={"text": "word " * 10, "intent": dict(ranking[0]), "intent_ranking": ranking})
    assert (
        EmergencyGuard(config, model=FixedModel(0.5)).process([short])[0].get("intent")["name"] == "emergency"
    )


def test_a_red_flag_in_a_situation_told_at_length_still_pages_999():
    text = "nursery 10am, 2 year old has gone blue and is not breathing properly, mum on her way"
    ranking = [{"name": "describe_situation", "confidence": 0.95}, {"name": "emergency", "confidence": 0.02}]
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})
    assert guard(0.1).process([message])[0].get("intent")["name"] == "emergency"


@pytest.mark.parametrize("probability, expected", [(0.45, "emergency"), (0.2, "describe_situation")])
def test_a_medical_sign_in_a_situation_told_at_length_faces_the_usual_bar(probability, expected):
    """ "Floppy, not responding to touch ... dad says he was fine an hour ago": the red flag's context
    reads as past, so the flag alone does not page; the model's reading then needs the usual bar,
    not the 0.6 a situation told at length needs (dev set 3: 0.58 went unpaged)."""
    text = "ooh gp, 3 month old just brought in floppy, not responding to touch. dad says he was fine an hour ago"
    ranking = [{"name": "describe_situation", "confidence": 0.95}, {"name": "emergency", "confidence": 0.02}]
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})
    message = guard(probability).process([message])[0]
    assert message.get("danger")["flag"] is not None
    assert message.get("intent")["name"] == expected


LONG_PAST = (
    "Youth worker, a lad told the group his older cousin carries a knife around the estate, he does "
    "not and seemed to be showing off, nothing happened tonight, should I pass it on?"
)


def test_a_red_flag_the_model_reads_as_not_now_in_a_long_message_leads_with_999_but_does_not_page():
    message = classified(LONG_PAST, "describe_situation", 0.9, 0.0)
    guard(0.05).process([message])
    assert message.get("intent")["name"] != "emergency"
    assert message.get("danger")["unsure"] and message.get("danger")["cue"]
    # the same words with any support from the model, or short, still page at once
    for probability, text in ((0.2, LONG_PAST), (0.05, "his cousin has a knife at the youth club")):
        message = classified(text, "describe_situation", 0.9, 0.0)
        guard(probability).process([message])
        assert message.get("intent")["name"] == "emergency", (probability, text)


def test_the_projects_guard_needs_more_support_for_a_red_flag_in_a_long_message():
    """config.yml's flag_support (0.3, chosen by leave-one-kind-out: docs/EVALUATION.md, sixth session):
    a historic knife told at length with the model at 0.25 leads with the 999 line; at 0.35 it pages."""
    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "config.yml").read_text())
    settings = next(c for c in config["pipeline"] if c["name"].endswith("EmergencyGuard"))
    assert settings["flag_support"] == 0.3
    for probability, pages in ((0.25, False), (0.35, True)):
        guard_ = EmergencyGuard({**settings, "threshold": 0.4}, model=FixedModel(probability))
        message = classified(LONG_PAST, "describe_situation", 0.3, 0.0)
        guard_.process([message])
        assert (message.get("intent")["name"] == "emergency") is pages, probability


def test_a_red_flag_with_right_now_said_needs_no_support_from_the_model():
    """Sealed v9 (spent): "... walking out of the department with the baby right now against advice"
    read 0.297 and only led with the 999 line; a red flag of its own and "right now" page."""
    text = (
        "A&E nurse, Sunday 03:00. 4 month old under investigation for a skull fracture. Dad has unplugged the"
        " monitoring and is walking out of the department with the baby right now against advice."
    )
    settings = {"threshold": 0.4, "flag_support": 0.3}
    message = classified(text, "describe_situation", 0.9, 0.0)
    EmergencyGuard(settings, model=FixedModel(0.1)).process([message])
    assert message.get("intent")["name"] == "emergency"
    # "right now" alone is no red flag of its own: the model's support is still needed
    calm = (
        "gp here, 6 year old with a small bruise on his shin from football last week, mum says he fell over,"
        " nothing else going on at home, what should I do about it right now"
    )
    alone = classified(calm, "describe_situation", 0.9, 0.0)
    EmergencyGuard(settings, model=FixedModel(0.1)).process([alone])
    assert alone.get("intent")["name"] != "emergency"


def test_a_medical_red_flag_needs_no_support_from_the_model_however_long_the_message():
    text = (
        "GP out of hours, the 3 year old was well at tea time according to dad but now she is floppy "
        "and not responding to my voice, he has no idea what happened"
    )
    message = classified(text, "describe_situation", 0.9, 0.0)
    guard(0.01).process([message])
    assert message.get("intent")["name"] == "emergency"


def test_mid_helper_an_unsure_stop_is_the_answer_heard_next_and_a_sure_stop_still_stops():
    def stop_then_deny(confidence):
        ranking = [{"name": "stop", "confidence": confidence}, {"name": "deny", "confidence": 0.24}]
        return Message(
            data={"text": "no, happy enough", "intent": dict(ranking[0]), "intent_ranking": ranking}
        )

    asked_danger = helper_tracker(None, requested="esc_danger")
    message = stop_then_deny(0.39)
    guard(0.01).process([message], tracker=asked_danger)
    assert message.get("intent")["name"] == "deny"
    message = stop_then_deny(0.95)
    guard(0.01).process([message], tracker=asked_danger)
    assert message.get("intent")["name"] == "stop"
    message = stop_then_deny(0.39)
    guard(0.01).process([message], tracker=None)  # not in the helper: left alone
    assert message.get("intent")["name"] == "stop"


def test_a_child_being_carried_away_now_needs_no_support_from_the_model():
    """Sealed v14 (after scoring): a father "trying to carry her out to the car park" with a baby's
    suspected abusive skull fracture, in a long message the model read at 0.22, got the EDS."""
    text = (
        "Paeds nurse in ED, 1am. 5 month old in our cubicle with a skull fracture, consultant suspects NAI."
        " Dad has just come back in shouting, pulled her cannula out and is trying to carry her out to the car park."
    )
    message = classified(text, "describe_situation", 0.9, 0.0)
    EmergencyGuard({"threshold": 0.4, "flag_support": 0.3}, model=FixedModel(0.1)).process([message])
    assert message.get("intent")["name"] == "emergency"
