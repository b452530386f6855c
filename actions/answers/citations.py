"""The one "Source:" builder, for topic answers, the 999 answer, the walk-through, the quiz
and the escalation helper.

What is cited is data - items with a title and, for guidance, a link - which the web page
renders as links (actions/base.py sends it there); the same items make the plain
"Source: ..." line that REST clients and `rasa shell` show.
"""

import datetime
from typing import Any, Dict, Iterable, List, Optional

from actions.content.knowledge_base import KnowledgeBase, and_join

LOCAL = "a local example: procedures vary, check yours"
LOCAL_VARY = "local procedures vary - check yours"


def learning_points_text(kb: KnowledgeBase, numbers: Iterable[int]) -> str:
    """'6 (Consider non-accidental injury ...); 7 (Always check history ...)'."""
    return "; ".join(f"{n} ({kb.learning_points[n].short})" for n in sorted(set(numbers)))


def cited(kb: KnowledgeBase, points: Iterable[int], keys: Iterable[str]) -> List[Dict[str, str]]:
    """The learning points as one item, each law or national source with its link, then the
    local procedures. Another area's procedures are linked only when nothing national is
    cited (a quiz item on one area's route table): a practitioner in a hurry, the 999
    answer above all, should not be sent to another area's website."""
    points = sorted(set(points))
    items = []
    if points:
        label = "learning point" if len(points) == 1 else "learning points"
        items.append({"title": f"Luke review, {label} {and_join([str(n) for n in points])}"})
    sources = [kb.sources[key] for key in keys]
    national = [{"title": s.title, "url": s.url} for s in sources if s.kind != "local"]
    local = [s for s in sources if s.kind == "local"]
    items += national
    if local and national:
        items.append({"title": LOCAL_VARY})
    elif local:
        items.append({"title": local[0].title, "url": local[0].url, "note": LOCAL})
    return items


def item_text(item: Dict[str, str]) -> str:
    """'Title (url) - note', as much of it as the item has."""
    text = f"{item['title']} ({item['url']})" if "url" in item else item["title"]
    return f"{text} - {item['note']}" if "note" in item else text


def source_message(
    kb: KnowledgeBase,
    points: Iterable[int],
    keys: Iterable[str],
    reviewed: Optional[datetime.date] = None,
    buttons: Iterable[dict] = (),
) -> dict:
    """A message of its own: the "Source: ..." line as text, and the same facts under
    `sources` ({cited, reviewed}) for the web page."""
    items = cited(kb, points, keys)
    when = f"Reviewed {reviewed:%d %B %Y}." if reviewed else None
    text = f"Source: {'; '.join(map(item_text, items))}." + (f" {when}" if when else "")
    return {"text": text, "buttons": list(buttons), "sources": {"cited": items, "reviewed": when}}


def source_line(kb: KnowledgeBase, points: Iterable[int], keys: Iterable[str]) -> str:
    """The line alone, for a source given inside another message (quiz feedback)."""
    return source_message(kb, points, keys)["text"]


# The web page's channel (rasa_plugins/server/socketio_channel.py; a unit test checks the name).
PAGE_CHANNEL = "socketio"
# What only the web page is sent, as data: what a source message cites, that a message asks
# for feedback (actions/answers/feedback.py; shown small), a passage quoted when the bot is
# unsure ({text, source}: actions/answers/passages.py), the area chosen ("Contacts for: ..."),
# and whether a message is the printable summary.
PAGE_DATA = ("sources", "feedback", "quote", "area", "summary")


def for_channel(message: Dict[str, Any], channel: Optional[str]) -> Dict[str, Any]:
    """utter_message arguments for one message (actions/base.py sends them). A message with
    page data (PAGE_DATA: a source message's `sources`, a feedback question, a quoted passage,
    an `area`, a `summary`) reaches the web page as a custom payload alone - text, buttons and
    that data, so the page renders links, quotes, "Contacts for: ..." and the printable summary
    without parsing text; any other channel (REST, `rasa shell`) gets the plain text ("Source:
    ...", or the quote and its source) and buttons.

    Not both at once: Rasa 3.6 sends a message's text and its custom payload as two
    messages. Wrapped in "data": the socket.io channel passes the payload's keys to
    `emit()`, and emits `data` as the bot message."""
    plain = {key: value for key, value in message.items() if key not in PAGE_DATA}
    page_data = [key for key in PAGE_DATA if key in message]
    if not page_data or channel != PAGE_CHANNEL:
        return plain
    data = {"text": message["text"], "buttons": message.get("buttons", [])}
    data.update({key: message[key] for key in page_data})
    return {"json_message": {"data": data}}
