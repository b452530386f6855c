"""Event classes looked up once by name, instead of once per stored event read.

Rasa 3.6 turns each stored event back into an object with `Event.resolve_by_type`,
which walks every subclass of `Event` (calling `inspect.isabstract` on each) for
every event of the conversation, on every turn: about a fifth of the Rasa server's
busy time in `make profile`, and more as a conversation grows. The lookup below
gives the same answers (a test compares them) from a dictionary filled on first
use. Installed by rasa_plugins/server/start.py (or our channels and tracker store). Written for Rasa 3.6; on another
version it is not installed and says so.
"""

import logging
from typing import Dict, Optional, Type

import rasa
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from rasa_plugins.server import RASA_LINE

logger = logging.getLogger(__name__)
WRITTEN_FOR = RASA_LINE
ORIGINAL = Event.__dict__["resolve_by_type"]  # Rasa's own, for tests that take ours out again


def install() -> bool:
    """Replaces `Event.resolve_by_type` with a cached lookup; False if this Rasa is not 3.6."""
    if not rasa.__version__.startswith(WRITTEN_FOR):
        logger.warning(
            "event_types: written for Rasa %sx, found %s - not installed", WRITTEN_FOR, rasa.__version__
        )
        return False
    if installed():
        return True
    original = Event.resolve_by_type
    found: Dict[str, Type[Event]] = {}

    def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        cls = found.get(type_name)
        if cls is None:
            cls = next((c for c in all_subclasses(Event) if c.type_name == type_name), None)
            if cls is None:  # unknown names keep Rasa's own answer (None, the default, or an error)
                return original(type_name, default)
            found[type_name] = cls
        return cls

    resolve_by_type.cached = True  # type: ignore[attr-defined]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[assignment]
    return True


def installed() -> bool:
    return getattr(Event.resolve_by_type, "cached", False)
