"""How a concern read by meaning (rasa_plugins/nlu/concern_model.py) combines with the words.

The reader's words come first; the meaning fills in when they name no concern, and replaces
what they named only towards a more worrying kind - the same rule as everywhere in the
helper: where two readings are possible, the more worrying one wins.
"""

from typing import Dict, Optional

# The kinds the rules refer at once: where either is likely enough, it is the reading, so that
# an injury or a child's disclosure is never read away as "other".
URGENT = ("injury", "disclosure")
# Kinds no rule refers by their kind alone: whether the harm is likely to be significant decides
# between a referral now and a talk with the lead (Working Together 2023; harm_model.py reads it).
HARM_CONCERNS = ("neglect", "adult", "other")
# Kinds only the words name (the model has no such kind) and the rules refer at once: never replaced.
REFERRED = ("violence",)


def outranks(reading: Optional[Dict], words_kind: Optional[str]) -> bool:
    """Does the model's reading replace the kind the reader's words named? Only a child's
    disclosure or an injury the model is sure of (`over_words`), over words that named an
    adult's behaviour, neglect or another worry ("told me she's been made to sleep with older
    men ... her boyfriend" names a boyfriend; it is a disclosure)."""
    return bool(
        reading
        and reading.get("over_words")
        and reading.get("kind") in URGENT
        and words_kind not in URGENT + REFERRED
    )
