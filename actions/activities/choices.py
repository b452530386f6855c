"""Which option a user picked, from a button payload or their own words."""

import re
from typing import List, Optional

LETTERS = "abcdef"
ORDINALS = {
    "first": 0,
    "1st": 0,
    "one": 0,
    "second": 1,
    "2nd": 1,
    "two": 1,
    "third": 2,
    "3rd": 2,
    "three": 2,
    "fourth": 3,
    "4th": 3,
    "four": 3,
    "last": -1,
}


def letter(index: int) -> str:
    return LETTERS[index].upper()


def button(index: int, text: str) -> dict:
    return {"title": f"{letter(index)}. {text}", "payload": f'/choose{{"choice": "{LETTERS[index]}"}}'}


def parse_choice(choice: Optional[str], text: str, options: List[str]) -> Optional[int]:
    """The index of the chosen option, or None if the words don't pick exactly one."""
    n = len(options)
    candidates = [c for c in (choice or "", text or "") if c]
    for candidate in candidates:
        words = re.sub(r"[^\w\s]", " ", candidate.lower()).split()
        if not words:
            continue
        if len(words) <= 3:
            for word in words:
                if (
                    len(word) == 1
                    and word in LETTERS[:n]
                    and (
                        len(words) == 1
                        or words[0] in ("option", "answer", "its", "it", "i", "say", "choose", "pick")
                    )
                ):
                    return LETTERS.index(word)
                if word.isdigit() and 1 <= int(word) <= n:
                    return int(word) - 1
        for word in words:
            if word in ORDINALS and len(words) <= 4:
                return ORDINALS[word] % n
        said = " ".join(words)
        matches = [
            i
            for i, option in enumerate(options)
            if " ".join(re.sub(r"[^\w\s]", " ", option.lower()).split()) in said
            or (len(said) >= 8 and said in option.lower())
        ]
        if len(matches) == 1:
            return matches[0]
    return None
