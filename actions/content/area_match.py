"""Which configured area a practitioner means: "I work in Camden", "camdem council".

The names and aliases come from the contacts file, never from a list in code.
Matching forgives case, punctuation, words such as "council" or "borough of", and
a slip of a letter or two (rapidfuzz), but a short name must match closely: with
only Kent configured, "Brent" must not become Kent.
"""

import re
from typing import Dict, Iterable, List, Optional, Tuple

from rapidfuzz import fuzz

# Words that say "a local authority" without naming one.
FILLER = {
    "the",
    "council",
    "borough",
    "of",
    "county",
    "metropolitan",
    "district",
    "royal",
    "authority",
    "local",
    "city",
}
LONG_ENOUGH = 6  # names this long accept one slip in six letters; shorter ones need 90%


def words(text: str) -> List[str]:
    tokens = re.findall(r"[a-z0-9]+", text.casefold().replace("&", " and "))
    return [t for t in tokens if t not in FILLER]


class AreaMatcher:
    """Finds an area's name (or alias, or a near miss of either) in a message."""

    def __init__(self, spellings: Dict[str, Iterable[str]]) -> None:
        """spellings: area name -> its aliases."""
        self.keys: List[Tuple[Tuple[str, ...], str]] = []
        for name, aliases in spellings.items():
            for spelling in {name, *aliases}:
                key = tuple(words(spelling)) or tuple(re.findall(r"[a-z0-9]+", spelling.casefold()))
                self.keys.append((key, name))
                if len(key) > 1 and key[0] == "london":  # "London Borough of Camden": "Camden"
                    self.keys.append((key[1:], name))

    def find(self, text: str) -> Optional[str]:
        """The area the text names, or None; an exact name beats a near miss."""
        tokens = words(text)
        best: Tuple[float, int, Optional[str]] = (0.0, 0, None)
        for key, name in self.keys:
            wanted = " ".join(key)
            threshold = 80 if len(wanted) >= LONG_ENOUGH else 90
            for size in {len(key), len(key) + 1, max(1, len(key) - 1)}:
                for start in range(0, max(1, len(tokens) - size + 1)):
                    window = " ".join(tokens[start : start + size])
                    score = fuzz.ratio(window, wanted)
                    if score >= threshold and (score, len(wanted)) > best[:2]:
                        best = (score, len(wanted), name)
        return best[2]
