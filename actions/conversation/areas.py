"""Where the practitioner works: the area named in a message -> the slot `area` and a reply.

Free of Rasa. The areas and their spellings come from local_contacts.yml; the words
from knowledge_base/prompts.yml (areas, person). The confirmation carries the area
as data too, so the web page can show "Contacts for: ..." without reading text.
"""

import json
import re
from typing import Dict, List, Optional, Tuple

from actions.content.area_match import AreaMatcher
from actions.content.area_match import words as match_words
from actions.content.local_contacts import Directory, LocalContacts
from actions.content.prompts import Prompts

Message = Dict[str, object]


def area_buttons(directory: Directory) -> List[Dict[str, str]]:
    return [
        {"title": name, "payload": "/tell_area" + json.dumps({"area": name})} for name in directory.names()
    ]


def choose_area(
    named: Optional[str],
    text: str,
    directory: Directory,
    matcher: AreaMatcher,
    prompts: Prompts,
    role_end: Optional[int] = None,
) -> Tuple[List[Message], Optional[str]]:
    """(reply, area to store or None). `named` is the area entity of a button, if any;
    typed words name an area by the rule of area_in_message. `role_end`: see self_described_area."""
    words = prompts.areas
    names = directory.names()
    if not names:
        return [{"text": " ".join(words.none_configured.split())}], None
    if len(names) == 1:
        area = names[0]
        return [{"text": words.fixed.format(area=area), "area": area}], area
    typed = area_in_message(text, matcher, role_end) if text and not text.startswith("/") else None
    area = (named if named in names else None) or matcher.find(named or "") or typed
    if area:
        return [{"text": " ".join(words.confirmed.split()).format(area=area), "area": area}], area
    # A place named that is not one of the areas: "I don't have contacts for that area".
    # A configured one merely mentioned ("I'm worried about a child in Sampleton"): the list.
    asked_by_name = bool(named) or bool(
        text and not text.startswith("/") and names_a_place(text) and matcher.find(text) is None
    )
    prompt = words.not_found if asked_by_name else words.pick
    return [{"text": prompt, "buttons": area_buttons(directory)}], None


# Where a message says where its writer works - the only place an area is taken from a
# message that is not about areas (a role, an answer to the escalation helper): "I work in
# Sampleton", "I'm based in ...", "working in ...", or the user's own role followed by
# "in / at / for" ("I'm a GP in Sampleton", "a health visitor working in Exampleshire").
# A place merely mentioned ("is the Sampleton MASH open at night?", "a child who moved to
# Sampleton") is not a self-description and changes nothing.
SELF_LOCATED = re.compile(
    r"\b(?:(?:(?:i|we)\s+(?:work|practise|practice)|based|working)\s+(?:in|at|for)"
    r"|(?:i'?m|im|i am|we'?re|we are)\s+in|(?:i'?ve|i have|we'?ve|we have)\s+moved\s+to"
    r"|\b(?:our|my)\s+(?:surgery|practice|nursery|school|team|service|office|setting)\s+is\s+(?:in|at))\s+",
    re.I,
)
AFTER_ROLE = re.compile(
    r"^\s*,?\s*(?:(?:who\s+works?|working|based|practising|practicing)\s+)?(?:in|at|for)\s+", re.I
)
# A place's name is in the same clause and close by: "in the Borough of Sampleton", "at a
# nursery in Sampleton" - not "in a meeting and the Sampleton MASH said ...".
CLAUSE_END = re.compile(
    r"[,.;:!?()]|\s[-\u2013\u2014]\s|\s(?:and|but|so|because|or|is|are|was|were|where|who|which|that|about|with)\s",
    re.I,
)
PLACE_WORDS = 6


def _place_after(text: str, start: int, matcher: AreaMatcher) -> Optional[str]:
    rest = text[start:]
    end = CLAUSE_END.search(rest)
    clause = rest[: end.start()] if end else rest
    if not clause.strip() or len(clause.split()) > PLACE_WORDS:
        return None
    return matcher.find(clause)


def self_described_area(text: str, matcher: AreaMatcher, role_end: Optional[int] = None) -> Optional[str]:
    """The configured area the user says they work in, or None. `role_end`: where the role
    the user gave themselves ends in the text (the role detector's entity), if any."""
    if role_end is not None:
        after = AFTER_ROLE.match(text[role_end:])
        if after:
            area = _place_after(text, role_end + after.end(), matcher)
            if area:
                return area
    for found in SELF_LOCATED.finditer(text):
        area = _place_after(text, found.end(), matcher)
        if area:
            return area
    return None


QUESTION = re.compile(
    r"\?|^\W*(?:what|how|who|when|why|where|which|is|are|can|could|should|do|does|will|would)\b", re.I
)
CHANGE = re.compile(r"\b(?:change|switch|set|use)\b", re.I)


# The words of a message about areas ("my council is ...", "use the contacts for ...",
# "change my area to ..."); a name on its own ("Sampleton", "Durham County Council") too.
AREA_TALK = re.compile(
    r"\b(?:area|council|borough|local authority|county|contacts|numbers|cover|covering"
    r"|change|switch|set|use)\b",
    re.I,
)
BARE_NAME_WORDS = 2


def area_in_message(text: str, matcher: AreaMatcher, role_end: Optional[int] = None) -> Optional[str]:
    """The configured area a typed message about areas (tell_area) names, or None.
    Where the user says they work (self_described_area) always counts; otherwise the message
    must be about areas or be a name alone, and a question must ask to change the area:
    "is the Sampleton MASH open at night?" or "I'm worried about a child in Sampleton", even
    taken for tell_area by the classifier, change nothing."""
    area = self_described_area(text, matcher, role_end)
    if area:
        return area
    if QUESTION.search(text) and not CHANGE.search(text):
        return None
    if AREA_TALK.search(text) or len(match_words(text)) <= BARE_NAME_WORDS:
        return matcher.find(text)
    return None


def about_areas(text: str, role_end: Optional[int] = None) -> bool:
    """Whether a message the classifier took for tell_area really is about where the user
    works: a self-description ("I work in ...", "I'm a GP in ..."), words about areas, or a
    name alone. "I'm worried about a bruised baby in Camden" is not: it is a question that
    names a place, and must not get an area list instead of help."""
    if SELF_LOCATED.search(text) or (role_end is not None and AFTER_ROLE.match(text[role_end:])):
        return True
    if QUESTION.search(text) and not CHANGE.search(text):
        return False
    return bool(AREA_TALK.search(text)) or len(match_words(text)) <= BARE_NAME_WORDS


def names_a_place(text: str) -> bool:
    """Whether the text names some place ("I work in Camden") rather than only asking to change."""
    lowered = " ".join(text.lower().split())
    return any(f" {word} " in f" {lowered} " for word in ("in", "is", "at", "for")) and not lowered.endswith(
        (" in", " is", " at", " for")
    )


def local_numbers(
    contacts: LocalContacts, prompts: Prompts, example_area: Optional[str] = None
) -> List[Message]:
    """The area's consultation line, MASH and EDS numbers after the "talk to a person" answer;
    nothing when none is configured (the domain response already says where to find them).
    `example_area`: an area to name in "tell me where you work", when several are configured
    and none is chosen yet."""
    words = prompts.person
    keys = [key for key in ("consultation", "mash", "eds") if getattr(contacts, key).phone]
    if not keys:
        if example_area and contacts.area is None:
            return [{"text": words.choose_area.format(example=example_area)}]
        return []
    lines = [words.local_heading.format(area=contacts.area or "")]
    lines += [f"- {getattr(words, key).format(service=contacts.service(key))}" for key in keys]
    stale = contacts.stale_note()
    if stale:
        lines.append(stale)
    return [{"text": "\n".join(lines)}]
