"""How long a conversation's session lasts, set where the server runs, without retraining.

Rasa reads `session_config` from domain.yml into the trained model: a session ends after
`session_expiration_time` minutes without a message (60 here), and the next message
starts a new one (our `action_session_start`: the opening notice again), carrying the
slots over (`carry_over_slots_to_new_session`: role, area, topic...). Each turn reads only
the current session from the tracker store (event_cache.py), so the session bounds what a
turn handles - but only an idle gap ends it: a conversation that goes on without a pause
stays one session however long it gets (docs/BENCHMARKS.md).

Settings, from the environment, applied when Rasa hands the model's domain to the tracker
store (MaskingSQLTrackerStore), before any turn:
- SESSION_EXPIRATION_MINUTES: minutes without a message before a new session (a number
  above 0; unset: domain.yml's value). Rasa's own 0, "sessions never end", is refused: the
  whole conversation would then be read and replayed on every turn.
- SESSION_CARRY_OVER_SLOTS: true or false (unset: domain.yml's value).
"""

import os
from typing import Any, Optional

from rasa.shared.core.domain import SessionConfig

TRUE, FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


class SessionSettingError(ValueError):
    """A session setting that cannot be used; one line for the operator."""


def _minutes() -> Optional[float]:
    raw = os.environ.get("SESSION_EXPIRATION_MINUTES", "").strip()
    if not raw:
        return None
    try:
        minutes = float(raw)
    except ValueError:
        minutes = 0
    if not 0 < minutes < float("inf"):
        raise SessionSettingError(
            f"SESSION_EXPIRATION_MINUTES must be a number of minutes above 0, not {raw!r}"
        )
    return minutes


def _carry_over() -> Optional[bool]:
    raw = os.environ.get("SESSION_CARRY_OVER_SLOTS", "").strip().lower()
    if not raw:
        return None
    if raw not in TRUE | FALSE:
        raise SessionSettingError(f"SESSION_CARRY_OVER_SLOTS must be true or false, not {raw!r}")
    return raw in TRUE


def check() -> None:
    """Raises SessionSettingError when a setting is unusable."""
    _minutes(), _carry_over()


def configured(config: SessionConfig) -> SessionConfig:
    """`config` (the model's, from domain.yml) with the environment's settings applied."""
    minutes, carry_over = _minutes(), _carry_over()
    return SessionConfig(
        config.session_expiration_time if minutes is None else minutes,
        config.carry_over_slots if carry_over is None else carry_over,
    )


def apply(domain: Any) -> Any:
    """Sets the domain's session_config from the environment, in place: the processor and
    the session-start action read this same domain object."""
    if domain is not None and getattr(domain, "session_config", None) is not None:
        domain.session_config = configured(domain.session_config)
    return domain
