"""Rasa's socket.io channel with conversations kept across reconnects (session_persistence).

Rasa 3.6 calls `sio.enter_room(...)` without `await` (RasaHQ/rasa#13027); since
python-socketio 5.10 that is a coroutine, so the socket never joins its session's
room and, with `session_persistence: true`, the bot's replies reach nobody. This
subclass re-registers the one handler concerned and awaits the call when needed.
Its blueprint relies on SocketIOInput.blueprint leaving the server in `self.sio`
(docs/UPGRADING.md).

A `message_id` in a `user_uttered` event (the page sends one, and the same one when
it resends) is passed on to Rasa, and the same id twice in one conversation gets the
stored replies again instead of a second turn (exactly_once.py). Rasa's own handler
still reads the event: the id reaches our message handler through a context variable.
"""

import inspect
import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from rasa_plugins.server import exactly_once, start

logger = logging.getLogger(__name__)
# Session ids the page makes up or got from us before; anything else gets a new one.
SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# The client's message_id of the user_uttered event being handled.
_client_message_id: ContextVar[Optional[Text]] = ContextVar("client_message_id", default=None)


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
        app = {}

        async def once(message: UserMessage) -> None:
            message_id = _client_message_id.get()
            if message_id is None or "server" not in app:
                return await on_new_message(message)
            message.message_id = message_id
            await exactly_once.handle_message(app["server"].ctx.agent, message)

        blueprint = super().blueprint(once)
        sio = self.sio

        @blueprint.listener("before_server_start")
        async def remember_app(server: Any, _loop: Any) -> None:
            app["server"] = server  # its ctx.agent is set (and replaced) by Rasa later

        rasa_handler = sio.handlers[self.namespace or "/"][self.user_message_evt]

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def user_uttered(sid: Text, data: Optional[Dict]) -> None:
            try:
                message_id = exactly_once.client_message_id((data or {}).get("message_id"))
            except (ValueError, AttributeError):
                message_id = None  # a malformed id: the message still counts, once at least
            token = _client_message_id.set(message_id)
            try:
                await rasa_handler(sid, data)
            finally:
                _client_message_id.reset(token)

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
