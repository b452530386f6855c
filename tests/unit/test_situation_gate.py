"""The situation gate: a question read by meaning is a topic question only for a worry of another
kind - never for an injury, a child's disclosure, violence, a sure urgent concern or a cue of danger."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from rasa_plugins.nlu.situation_detector import SituationDetector
from rasa_plugins.nlu.situation_gate import ASKED, TOLD, training_lines
from situation.clock import OfficeHours
from situation.reader import read


class Gate:
    """A gate that reads every message as told with probability `told`."""

    def __init__(self, told: float) -> None:
        self.value = told

    def told(self, text: str) -> float:
        return self.value


def asked(text: str, told: float, danger_cue: bool = False, urgent: bool = False) -> bool:
    detector = SituationDetector({}, gate=Gate(told))
    message = Message(data={"text": text, "danger": {"cue": danger_cue}})
    return detector.asked(detector.told(text, message), read(text, OfficeHours()), message, urgent)


def test_a_question_read_as_asked_is_a_topic_question_despite_its_particulars():
    text = "gp practice here, we never get minutes from social care meetings - what should we expect?"
    assert asked(text, 0.02)
    assert not asked(text, 0.6)  # read as told: the patterns decide


@pytest.mark.parametrize(
    "text",
    [
        "head injury in a 2yr old last week with a vague account, should i be thinking nai",  # an injury
        "a boy told me his dad hits him with a belt, who do i tell",  # a child's disclosure
        "her partner strangled her last night in front of the baby, what now",  # violence
    ],
)
def test_an_injury_a_disclosure_or_violence_in_the_words_is_never_taken_away(text):
    assert not asked(text, 0.0)


def test_a_cue_of_danger_or_a_sure_urgent_concern_is_never_taken_away():
    text = "gp practice here, the family we discussed at the meeting worries me"
    assert asked(text, 0.0)
    assert not asked(text, 0.0, danger_cue=True)
    assert not asked(text, 0.0, urgent=True)


def test_without_a_trained_gate_nothing_is_taken_away():
    detector = SituationDetector({})
    text = "gp practice here, we never get minutes"
    message = Message(data={"text": text})
    assert not detector.asked(detector.told(text, message), read(text, OfficeHours()), message, False)


def test_the_gate_learns_situations_against_topic_questions_only():
    examples = [
        ("what is section 47?", "section_47"),
        ("yes", "affirm"),
        ("next", "walkthrough_next"),
        ("3yo with a bruise on his cheek, mum says he fell", "describe_situation"),
    ]
    texts, labels = training_lines(examples)
    pairs = dict(zip(texts, labels, strict=True))
    assert (
        pairs["what is section 47?"] == ASKED
        and pairs["3yo with a bruise on his cheek, mum says he fell"] == TOLD
    )
    assert "yes" not in pairs and "next" not in pairs  # answers and commands are neither
    assert labels.count(TOLD) > 1500  # the spent sealed situations and the corpora


def test_a_situation_the_gate_is_sure_of_counts_as_something_particular():
    """ "repeated head lice, bit unkempt sometimes, parents sort it when we mention it" names neglect
    and nothing the patterns count as particular: read by meaning as told, it is a situation."""
    from situation.detect import describes_situation

    text = "repeated head lice, bit unkempt sometimes, parents sort it when we mention it"
    facts = read(text, OfficeHours())
    assert not describes_situation(text, facts)
    assert describes_situation(text, facts, told=True)


def test_casing_and_punctuation_never_move_a_message_across_the_gate():
    from rasa_plugins.nlu.situation_gate import SituationGate

    told = ["3yo with a bruise on his cheek, mum says he fell", "GP here. 4/12 baby, torn frenulum, ?NAI"] * 3
    asked_ = ["What is Section 47?", "who do I call out of hours - the EDS?"] * 3
    gate = SituationGate(4.0).fit(told + asked_, [TOLD] * 6 + [ASKED] * 6)
    text = "practice manager - a parent says one of our doctors behaved inappropriately. Who do we report that to?"
    readings = {
        round(gate.told(t), 9)
        for t in (text, text.lower(), text.upper(), text.replace(".", " ").replace("?", ""))
    }
    assert len(readings) == 1
