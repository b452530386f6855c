"""Ways of typing the same question that must never change what the bot understands.

Used by the metamorphic test (tests/e2e/test_invariance.py): every held-out line is sent
as typed and in each variant below, and the intent must stay the same.
"""

import re
from typing import Callable, Dict

PUNCTUATION = re.compile(r"[?!.,;:]+")


def without_punctuation(text: str) -> str:
    return " ".join(PUNCTUATION.sub(" ", text).split())


def extra_spaces(text: str) -> str:
    return "  " + "   ".join(text.split()) + "  "


VARIANTS: Dict[str, Callable[[str], str]] = {
    "UPPER CASE": str.upper,
    "Title Case": str.title,
    "lower case": str.lower,
    "no punctuation": without_punctuation,
    "extra spaces": extra_spaces,
}
