"""Whether a concern that is not an injury or a child's disclosure shows likely significant
harm, read by meaning.

Working Together 2023: refer immediately when there is concern that a child is suffering,
or likely to suffer, significant harm; otherwise talk it through with the safeguarding lead.
The words rarely say which ("her boyfriend is 24 and she stays at his flat" and "her
boyfriend is 16" share them), so a model trained on situations written by kind on both
sides (harm_corpus.yml) reads it. It only ever adds: a concern it is sure of is referred
now; one it is not sure of is asked about (the helper's question esc_harm), never assumed
to be below the threshold. Settings chosen by leave-one-kind-out on the corpus
(evaluation/harm_eval.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import yaml

from rasa_plugins.nlu.meaning_model import MeaningModel

CORPUS_FILE = Path(__file__).with_name("harm_corpus.yml")
# The spent sealed sets' situations (scripts/spent_sets.py): on the development sets, which it
# never trains on, the lead's situations read as leaning went 26% -> 16% and the referrals' 87% -> 98%.
SPENT_FILE = Path(__file__).with_name("harm_spent.yml")
SIGNIFICANT, LOWER = "significant", "lower"


def load_corpus(*paths: Path) -> List[Tuple[str, str, str]]:
    """(text, side, kind) for every line of the corpus and the spent sealed sets: side is
    "significant" or "lower"."""
    lines = []
    for path in paths or (CORPUS_FILE, SPENT_FILE):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines += [
            (text, side, kind)
            for side in (SIGNIFICANT, LOWER)
            for kind, texts in (data.get(side) or {}).items()
            for text in texts or []
        ]
    return lines


class HarmModel(MeaningModel):
    """fit(texts, sides) then likelihood(text): the probability of likely significant harm."""

    def likelihood(self, text: str) -> float:
        return float(self.probabilities([text])[0][self.classes.index(SIGNIFICANT)])
