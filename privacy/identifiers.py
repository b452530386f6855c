"""Find and mask details that could identify a child or family.

Deliberately pattern-based and cautious: masking a harmless number in a stored
message costs nothing, keeping a real NHS number costs a lot. What must never be
masked are the numbers practitioners use to talk about practice ("section 47",
"2.5 years", "18 hours a week", "15 working days"); tests/unit/test_privacy.py
keeps a table of both.
"""

import re
from typing import List, Tuple

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

# (label shown in the masked text, pattern); order matters: emails contain digits.
PATTERNS = [
    ("email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # 10 digits, as written on NHS cards (3-3-4) or run together.
    ("NHS number", re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")),
    # UK numbers: 0 or +44, then 9-10 more digits in groups.
    ("phone number", re.compile(r"(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|0)\d(?:[ -]?\d){8,9}(?!\d)")),
    # Not "s47 2nd": an ordinal is not an inward code.
    (
        "postcode",
        re.compile(
            r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?(?!\d(?:st|nd|rd|th)\b)\d[ABD-HJLNP-UW-Z]{2})\b", re.I
        ),
    ),
    # Any full numeric date (it may be a date of birth)...
    ("date", re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b")),
    # ...and a written date only where it is said to be a birth date.
    (
        "date of birth",
        re.compile(
            r"\b(?:born|dob|d\.o\.b\.?|date of birth|birthday)\b\W{0,3}(?:\w+\W+){0,3}?"
            rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{2,4}}",
            re.I,
        ),
    ),
]


# Public helplines are not personal details (the NSPCC helpline).
PUBLIC_NUMBERS = {"08088005000"}


def _replace(text: str, replacement: str) -> Tuple[str, List[str]]:
    found = []
    for label, pattern in PATTERNS:

        def swap(match: "re.Match", label: str = label) -> str:
            if re.sub(r"\D", "", match.group()) in PUBLIC_NUMBERS:
                return match.group()
            found.append(label)
            return replacement.format(label=label)

        text = pattern.sub(swap, text)
    return text, list(dict.fromkeys(found))


def find_identifiers(text: str) -> List[str]:
    """The kinds of identifying detail in `text` (empty when there are none)."""
    return _replace(text, " ")[1]


def mask(text: str) -> str:
    """`text` with each identifying detail replaced by its kind, e.g. "[NHS number]"."""
    return _replace(text, "[{label}]")[0]
