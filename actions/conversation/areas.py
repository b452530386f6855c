"""Where the practitioner works: the area named in a message -> the slot `area` and a reply.

Free of Rasa. The areas and their spellings come from local_contacts.yml; the words
from knowledge_base/prompts.yml (areas, person). The confirmation carries the area
as data too, so the web page can show "Contacts for: ..." without reading text.
"""

import json
from typing import Dict, List, Optional, Tuple

from actions.content.area_match import AreaMatcher
from actions.content.local_contacts import Directory, LocalContacts
from actions.content.prompts import Prompts

Message = Dict[str, object]


def area_buttons(directory: Directory) -> List[Dict[str, str]]:
    return [
        {"title": name, "payload": "/tell_area" + json.dumps({"area": name})} for name in directory.names()
    ]


def choose_area(
    named: Optional[str], text: str, directory: Directory, matcher: AreaMatcher, prompts: Prompts
) -> Tuple[List[Message], Optional[str]]:
    """(reply, area to store or None). `named` is the area entity of a button, if any."""
    words = prompts.areas
    names = directory.names()
    if not names:
        return [{"text": " ".join(words.none_configured.split())}], None
    if len(names) == 1:
        area = names[0]
        return [{"text": words.fixed.format(area=area), "area": area}], area
    area = (named if named in names else None) or matcher.find(named or "") or matcher.find(text)
    if area:
        return [{"text": " ".join(words.confirmed.split()).format(area=area), "area": area}], area
    asked_by_name = bool(named) or bool(text and not text.startswith("/") and names_a_place(text))
    prompt = words.not_found if asked_by_name else words.pick
    return [{"text": prompt, "buttons": area_buttons(directory)}], None


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
