"""Rasa's socket.io channel with conversations kept across reconnects (session_persistence).

Rasa 3.6 calls `sio.enter_room(...)` without `await` (RasaHQ/rasa#13027); since
python-socketio 5.10 that is a coroutine, so the socket never joins its session's
room and, with `session_persistence: true`, the bot's replies reach nobody. This
subclass re-registers the one handler concerned and awaits the call when needed.
Its blueprint relies on SocketIOInput.blueprint leaving the server in `self.sio`
(docs/UPGRADING.md).
"""

import inspect
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from rasa_plugins.server import start

logger = logging.getLogger(__name__)
# Session ids the page makes up or got from us before; anything else gets a new one.
SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class PersistentSocketIOInput(SocketIOInput):
    """The built-in socket.io channel, with `session_request` joining the session's room."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        start.ensure_installed()
        return super().from_credentials(credentials)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):  # python-socketio >= 5.10
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug(f"User {sid} joined session {session_id}.")

        return blueprint
