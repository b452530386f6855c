"""Start Rasa with this project's plug-ins installed: `python -m rasa_plugins.server.start run ...`.

Two plug-ins replace parts of Rasa rather than extend it (docs/UPGRADING.md): the
action guard (custom-action calls bounded, action_guard.py) and the cached event
lookup (event_types.py). They are installed here, explicitly, before Rasa's own
CLI takes over with the same arguments, and checked: a Rasa outside the 3.6 line
they were written for, or a guard that did not take, stops the start with one
line rather than giving a server that waits 300 s on a dead action server.

Started the plain way (`rasa run`, as Rasa's docs, Docker image and Helm chart do)
the same happens when Rasa loads our channels and tracker store: they call
`ensure_installed`. Rasa reads the channels before it loads the agent, and builds
each custom action when it runs it, so every custom action is the guarded kind.

Settings, from the environment: ACTION_TIMEOUT_SECONDS, how long one custom-action
call may take before the user gets the apology (default 5); ACTION_HISTORY_TURNS, how
many user messages back the events sent with each custom-action call reach (default 3,
0 = the whole session; action_payload.py).
"""

import logging
import os
import sys
from typing import List, Optional

import rasa

from rasa_plugins.server import RASA_LINE, action_guard, action_payload, event_types, tracker_states

logger = logging.getLogger(__name__)


class PluginError(Exception):
    """The plug-ins cannot be installed on this Rasa or with these settings; one line for the operator."""


def action_timeout() -> float:
    raw = os.environ.get("ACTION_TIMEOUT_SECONDS", "").strip()
    try:
        seconds = float(raw) if raw else action_guard.DEFAULT_TIMEOUT_SECONDS
    except ValueError:
        seconds = 0
    if not seconds > 0:
        raise PluginError(f"ACTION_TIMEOUT_SECONDS must be a number of seconds above 0, not {raw!r}")
    return seconds


def action_history_turns() -> int:
    try:
        return action_payload.history_turns()
    except ValueError as error:
        raise PluginError(str(error)) from None


def problem() -> Optional[str]:
    """None when the plug-ins are active in this process, else what is missing."""
    if not action_guard.installed():
        return "the action guard is not active (Rasa does not build custom actions as GuardedRemoteAction)"
    if not event_types.installed():
        return "the cached event lookup is not active (Event.resolve_by_type is Rasa's own)"
    if not tracker_states.installed():
        return "the carried-forward tracker states are not active (DialogueStateTracker.past_states is Rasa's own)"
    return None


def check_rasa_line() -> None:
    if not rasa.__version__.startswith(RASA_LINE):
        raise PluginError(
            f"Rasa {rasa.__version__} is installed but rasa_plugins/server was written for "
            f"Rasa {RASA_LINE}x: follow docs/UPGRADING.md before starting it"
        )


def install() -> None:
    """Installs both plug-ins and checks they took; raises PluginError otherwise."""
    check_rasa_line()
    action_guard.install(action_timeout(), action_history_turns())
    event_types.install()
    tracker_states.install()
    missing = problem()
    if missing:
        raise PluginError(missing)
    logger.debug(
        "Plug-ins installed: action guard (%ss), cached event lookup",
        action_guard.GuardedRemoteAction.timeout,
    )


def ensure_installed() -> None:
    """Installs the plug-ins unless they are active already; stops the process as main() does
    when they cannot be (SystemExit: Rasa's loaders swallow ordinary exceptions)."""
    try:
        check_rasa_line()
        if problem() is not None:
            install()
    except PluginError as error:
        sys.exit(f"Cannot start Rasa: {error}")


def main(argv: Optional[List[str]] = None) -> None:
    ensure_installed()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
