"""Is a message told about a particular child, or asked about a topic? Read by meaning.

The reader's patterns (situation/detect.py) count particulars - "gp practice here", "a 2yr
old", "social care did an assessment" - and some general questions carry them: "gp practice
here - we never hear from the health visitors, what should liaison look like?" is a question
about liaison, not a child to route. A model trained on situations told by practitioners
against the topic questions of the NLU data reads the difference. It only ever takes away a
situation the words found for a worry of another kind: an injury, a child's disclosure,
violence or any cue of danger is always routed, whatever it reads.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from encoder.sentence_encoder import PUNCTUATION
from rasa_plugins.nlu import danger_model, harm_model
from rasa_plugins.nlu.meaning_model import MeaningModel

TOLD, ASKED = "told", "asked"
# Intents that are neither a topic question nor a situation: answers, commands, small talk.
NOT_QUESTIONS = {
    "emergency",
    "describe_situation",
    "inform",
    "affirm",
    "deny",
    "dont_know",
    "greet",
    "goodbye",
    "thank",
    "stop",
    "choose",
    "resume",
    "more_detail",
    "help",
    "bot_challenge",
    "feedback",
    "feedback_reason",
    "tell_area",
    "tell_role",
    "show_sources",
    "summarise",
}


def situation_lines() -> List[str]:
    """Situations told by practitioners: the spent sealed sets' situations, the harm corpus
    (situations by kind on both sides of significant harm) and the danger corpus's emergencies."""
    lines = [t for t, _, kind in danger_model.load_corpus(danger_model.SPENT_FILE) if ":situation_" in kind]
    lines += [t for t, _, _ in harm_model.load_corpus(harm_model.CORPUS_FILE)]
    lines += [t for t, label, _ in danger_model.load_corpus(danger_model.CORPUS_FILE) if label]
    return lines


def training_lines(examples: Sequence[Tuple[str, str]]) -> Tuple[List[str], List[str]]:
    """(texts, labels): situations "told", and the NLU data's topic questions "asked";
    `examples` are the NLU data's (text, intent), whose describe_situation lines are told too."""
    told = situation_lines() + [t for t, intent in examples if intent == "describe_situation"]
    asked = [
        t for t, intent in examples if intent not in NOT_QUESTIONS and not intent.startswith("walkthrough_")
    ]
    return told + asked, [TOLD] * len(told) + [ASKED] * len(asked)


def canonical(text: str) -> str:
    """The words as the sentence encoder reads them - lower case, no punctuation - so that casing
    and punctuation never move a message across the gate (tests/e2e/test_invariance.py)."""
    return " ".join(PUNCTUATION.sub(" ", text.lower()).split())


class SituationGate(MeaningModel):
    """fit(texts, labels) then told(text): the probability that a particular child's situation is told."""

    def features(self, texts: Sequence[str]):
        return super().features([canonical(t) for t in texts])

    def fit(self, texts: Sequence[str], labels: Sequence[str]):
        return super().fit([canonical(t) for t in texts], labels)

    def told(self, text: str) -> float:
        return float(self.probabilities([text])[0][self.classes.index(TOLD)])
