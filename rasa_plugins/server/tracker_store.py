"""A SQL tracker store that masks identifying details before anything is written.

Configured in endpoints.yml (`type: rasa_plugins.server.tracker_store.MaskingSQLTrackerStore`,
same settings as Rasa's `SQL` store: SQLite by default, PostgreSQL when scaled
out). The conversation in memory keeps the raw text for the current turn, so the
question is still understood and answered; only what is stored is masked.
"""

from typing import Any, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event

from privacy.identifiers import mask

# Keys whose values are identifiers of Rasa's own, never user text.
_KEEP = {"event", "name", "message_id", "input_channel", "policy", "timestamp"}


def mask_values(value: Any, key: str = "") -> Any:
    """Every string inside a serialised event, masked (Rasa's own ids left alone)."""
    if isinstance(value, str):
        return value if key in _KEEP else mask(value)
    if isinstance(value, dict):
        return {k: mask_values(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_values(item, key) for item in value]
    return value


def mask_event(event: Event) -> Event:
    data = event.as_dict()
    masked = mask_values(data)
    return event if masked == data else Event.from_parameters(masked)


class MaskingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL store, writing masked copies of new events."""

    def _additional_events(self, session: Any, tracker: Any) -> Iterator[Event]:
        for event in super()._additional_events(session, tracker):
            yield mask_event(event)
