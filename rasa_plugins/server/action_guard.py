"""Bounded custom-action calls: a slow or dead action server costs one apology, not a silent turn.

Rasa 3.6 calls the action server with a hard-coded 300 s timeout (no endpoints.yml
setting: RasaHQ/rasa#9789) and, when the call fails, logs the error and sends the
user nothing. Rasa builds every custom action as
``rasa.core.actions.action.RemoteAction`` at the time it runs it (forms too, through
``rasa.core.actions.forms.RemoteAction``), so swapping in the subclass below changes
both. rasa_plugins/server/start.py installs it before Rasa starts and checks that it
took (`installed`); started as a plain `rasa run`, our channels and tracker store do. Domain responses
such as the 999 answer never reach this code: they need no action server at all.
"""

import asyncio
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import aiohttp
import rasa.core.actions.action as rasa_action
import rasa.core.actions.forms as rasa_forms
import yaml
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import (
    ActionExecutionRejection,
    ActionSessionStart,
    RemoteAction,
    create_bot_utterance,
)
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig

from rasa_plugins.server import action_payload

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 5.0
OPENING_RESPONSE = "opening_notice"  # said by our action_session_start (domain.yml)
# Actions that only add to an answer a domain response has already given in full (the
# route to a person: utter_talk_to_person, then the area's own numbers). When one fails,
# the answer stands as it is: an apology after it would only make it worse.
OPTIONAL_ACTIONS = {"action_person_contacts"}

# Not a domain response: `rasa data validate --fail-on-warnings` rejects a
# response that no story or rule uses, and no story can predict a failure. Its words
# are content, kept with the other fixed words in knowledge_base/prompts.yml.
PROMPTS_FILE = Path(__file__).resolve().parents[2] / "knowledge_base" / "prompts.yml"
UNAVAILABLE_TEXT = yaml.safe_load(PROMPTS_FILE.read_text(encoding="utf-8"))["unavailable"]


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    """The action-response schema's validator, built (and the schema checked) once.

    Rasa's own check calls ``jsonschema.validate``, which re-validates the schema
    against its metaschema on every call: about half of the server's CPU per turn.
    """
    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)
    return cls(spec)


class EncodingEndpoint(EndpointConfig):
    """The action endpoint, its JSON bodies written by action_payload.encode (the same text as
    json.dumps, from kept pieces). Everything else is Rasa's EndpointConfig."""

    @classmethod
    def of(cls, endpoint: Any) -> Any:
        if type(endpoint) is not EndpointConfig:  # none, a stand-in, or someone else's subclass
            return endpoint
        wrapped = cls.__new__(cls)
        wrapped.__dict__.update(endpoint.__dict__)
        return wrapped

    def session(self) -> aiohttp.ClientSession:
        """Rasa 3.6's EndpointConfig.session(), with the session's JSON writer set and the
        server's kept-alive connections shared between calls (`_connector`)."""
        auth = (
            aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
            if self.basic_auth
            else None
        )
        return aiohttp.ClientSession(
            headers=self.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            json_serialize=action_payload.encode,
            connector=_connector(),
            connector_owner=False,
        )


# Rasa opens a new connection to the action server for every call (a new session each
# time). One connector per event loop keeps them open between calls, but never reuses one
# idle for longer than this: under the action server's own idle limit (Sanic's default is
# 5 s), so the server never closes a connection just as it is reused.
KEEPALIVE_SECONDS = 2.0
_connectors: Dict[Any, aiohttp.TCPConnector] = {}


def _connector() -> aiohttp.TCPConnector:
    loop = asyncio.get_running_loop()
    connector = _connectors.get(loop)
    if connector is None or connector.closed:
        for gone in [known for known in _connectors if known.is_closed()]:
            del _connectors[gone]
        connector = _connectors[loop] = aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS)
    return connector


class GuardedRemoteAction(RemoteAction):
    """A RemoteAction that gives up after `timeout` seconds and then apologises."""

    timeout: float = DEFAULT_TIMEOUT_SECONDS
    history_turns: int = action_payload.DEFAULT_TURNS

    def __init__(self, name: str, action_endpoint: Any) -> None:
        super().__init__(name, EncodingEndpoint.of(action_endpoint))

    def _action_call_format(self, tracker: Any, domain: Any) -> Dict[str, Any]:
        """Rasa's request body with only the recent turns' events (action_payload.py)."""
        return action_payload.action_call_format(self, tracker, domain, self.history_turns)

    def _validate_action_result(self, result: Dict[str, Any]) -> bool:
        """The same check as Rasa's, against a validator built once."""
        try:
            _response_validator().validate(result)
        except ValidationError as error:
            error.message += ". Failed to validate Action server response from API."
            raise
        return True

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        try:
            return await asyncio.wait_for(
                super().run(output_channel, nlg, tracker, domain), timeout=self.timeout
            )
        except ActionExecutionRejection:
            raise  # a form rejecting its input is normal dialogue, not a failure
        except asyncio.TimeoutError:
            logger.error("Custom action '%s' took over %ss: sent the apology.", self.name(), self.timeout)
        except Exception as error:  # connection refused, 5xx, malformed reply
            logger.error("Custom action '%s' failed (%s): sent the apology.", self.name(), error)
        if self.name() == ActionSessionStart().name():
            return await self._plain_session_start(output_channel, nlg, tracker, domain)
        if self.name() in OPTIONAL_ACTIONS:
            return []
        return [create_bot_utterance({"text": UNAVAILABLE_TEXT})]

    @staticmethod
    async def _plain_session_start(output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        """Our session start only adds the opening notice: without the action server,
        start the session Rasa's own way and say the notice from the domain, so the
        turn goes on (a 999 answer must not wait for an apology)."""
        opening = await nlg.generate(OPENING_RESPONSE, tracker, output_channel.name())
        said = [create_bot_utterance(opening)] if opening else []
        return said + await ActionSessionStart().run(output_channel, nlg, tracker, domain)


def install(
    timeout: float = DEFAULT_TIMEOUT_SECONDS, history_turns: int = action_payload.DEFAULT_TURNS
) -> None:
    """Makes Rasa build every custom action (answers, slot mappings, form validation) guarded."""
    GuardedRemoteAction.timeout = float(timeout)
    GuardedRemoteAction.history_turns = int(history_turns)
    rasa_action.RemoteAction = GuardedRemoteAction
    rasa_forms.RemoteAction = GuardedRemoteAction


def installed() -> bool:
    """Whether Rasa now builds a custom action as GuardedRemoteAction: asked of Rasa's own
    factory, so a Rasa that builds actions some other way fails this check."""
    probe = "action_guard_probe"
    built = rasa_action.action_for_name_or_text(probe, Domain.from_dict({"actions": [probe]}), None)
    return (
        isinstance(built, GuardedRemoteAction)
        and getattr(rasa_forms, "RemoteAction", None) is GuardedRemoteAction
    )
