"""The REST channel (/webhooks/rest/webhook) with its input checked and its reply time bounded.

Rasa's own RestInput answers malformed JSON or a JSON list with a 500, lets a
request without `sender` join the shared conversation "default", trusts the
client's `input_channel`, accepts any size of message, and can keep a client
waiting for as long as the action server takes (300 s). This subclass keeps the
channel name and URL and turns each of those into a 4xx or a bounded reply. An
optional client `message_id` makes a retry safe: the same id again in the same
conversation gets the stored reply, not a second turn (exactly_once.py).
Custom-action calls within a turn are bounded separately, by the action guard
(ACTION_TIMEOUT_SECONDS), which this channel installs when Rasa loads it if
rasa_plugins/server/start.py has not (a plain `rasa run`).
"""

import asyncio
import json
import logging
import re
from functools import partial
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_plugins.server import action_guard, exactly_once, start, tracker_store

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SENDER = re.compile(r"^[A-Za-z0-9._:@-]{1,128}$")


class BadRequest(Exception):
    """The request is not one the channel will pass to Rasa; carries the HTTP status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


class GuardedRestInput(RestInput):
    """RestInput with a validated body and a per-turn time limit."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "GuardedRestInput":
        settings = credentials or {}
        start.ensure_installed()
        if "action_timeout_seconds" in settings:
            logger.warning(
                "credentials.yml: action_timeout_seconds is no longer read; set ACTION_TIMEOUT_SECONDS."
            )
        return cls(
            max_message_chars=int(settings.get("max_message_chars", 5000)),
            turn_timeout_seconds=float(settings.get("turn_timeout_seconds", 9)),
        )

    def __init__(self, max_message_chars: int = 5000, turn_timeout_seconds: float = 9) -> None:
        self.max_message_chars = max_message_chars
        self.turn_timeout_seconds = turn_timeout_seconds

    def parse(self, request: Request) -> Dict[Text, Any]:
        """The checked fields of a webhook request; raises BadRequest."""
        if len(request.body or b"") > MAX_BODY_BYTES:
            raise BadRequest(413, f"body over {MAX_BODY_BYTES} bytes")
        try:
            body = json.loads((request.body or b"").decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadRequest(400, "body must be JSON in UTF-8") from None
        if not isinstance(body, dict):
            raise BadRequest(400, "body must be a JSON object")
        sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
        if not isinstance(sender, str) or not SENDER.match(sender):
            raise BadRequest(400, "sender must be 1-128 letters, digits or ._:@-")
        if not isinstance(message, str):
            raise BadRequest(400, "message must be a string")
        if len(message) > self.max_message_chars:
            raise BadRequest(413, f"message over {self.max_message_chars} characters")
        try:
            message.encode("utf-8")  # JSON may carry lone surrogates ("\ud800"): not text
        except UnicodeEncodeError:
            raise BadRequest(400, "message must be valid Unicode text") from None
        if metadata is not None and not isinstance(metadata, dict):
            raise BadRequest(400, "metadata must be a JSON object")
        try:
            message_id = exactly_once.client_message_id(body.get("message_id"))
        except ValueError as error:
            raise BadRequest(400, str(error)) from None
        # Control characters mean nothing to the NLU and PostgreSQL rejects NUL.
        return {
            "sender": sender,
            "message": CONTROL_CHARS.sub(" ", message),
            "metadata": metadata,
            "message_id": message_id,
        }

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                fields = self.parse(request)
            except BadRequest as error:
                return response.json({"error": str(error)}, status=error.status)
            handler = on_new_message
            if fields["message_id"]:  # a retry must find its turn: checked inside the lock
                handler = partial(exactly_once.handle_message, request.app.ctx.agent)
            return response.json(await self.answer(handler, fields))

        return webhook

    async def answer(self, on_new_message: Callable, fields: Dict[Text, Any]) -> list:
        """Runs the turn; past the time limit, or on an error, the user gets the apology.

        A turn past the limit is not cancelled: it finishes in the background, so
        the conversation keeps every user message, in order (the next message of
        the same sender waits for it on the conversation lock). So does a turn whose
        client went away: the reply is lost, the turn is stored. A turn that met a
        database error gets the apology too: its answer was not stored, or was given
        without the conversation (tracker_store.py).
        """
        collector = CollectingOutputChannel()
        message = UserMessage(
            fields["message"],
            collector,
            fields["sender"],
            input_channel=self.name(),
            metadata=fields["metadata"],
            message_id=fields.get("message_id"),
        )
        store_failures: list = []  # the turn's task sees this list (a context copy)
        noted = tracker_store.STORE_FAILURES.set(store_failures)
        try:
            turn = asyncio.ensure_future(on_new_message(message))
        finally:
            tracker_store.STORE_FAILURES.reset(noted)
        done, _ = await asyncio.wait({turn}, timeout=self.turn_timeout_seconds)
        if not done:
            logger.error(
                "Turn for %s took over %ss: sent the apology.", fields["sender"], self.turn_timeout_seconds
            )
            turn.add_done_callback(_log_failure)
        elif turn.exception() is None and not store_failures:
            return collector.messages
        elif turn.exception() is None:  # answered from an empty conversation, or not stored
            logger.error("The tracker store failed during a turn (%s): sent the apology.", store_failures[0])
        else:
            _log_failure(turn)
        return [{"recipient_id": fields["sender"], "text": action_guard.UNAVAILABLE_TEXT}]


def _log_failure(turn: "asyncio.Future") -> None:
    if not turn.cancelled() and turn.exception() is not None:
        logger.error("A turn failed: sent the apology.", exc_info=turn.exception())
