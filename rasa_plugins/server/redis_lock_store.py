"""Rasa's Redis lock store with atomic ticket handling and short leases, for several Rasa servers.

Rasa 3.6's RedisLockStore issues a ticket with GET, change, SET. When two servers
receive a message of the same conversation at the same moment, both can read the
lock before either writes it, both get ticket 0 and both process the conversation
at once - one turn is then lost from the tracker store (tests/scale shows it).
This subclass does each read-change-write in a Redis transaction (WATCH/MULTI/EXEC,
retried when another server changed the lock in between), so tickets are unique
and messages of one conversation are processed one after the other on any server.

Leases. Rasa gives every ticket its whole lifetime (60 s) up front, so a server that
dies holding a conversation's lock blocks that conversation for a minute: each turn
sent meanwhile to another server waits out the 9 s turn limit and gets the apology.
Here a ticket is issued for a short lease (LOCK_LEASE_SECONDS, default 2 s) and
renewed by a heartbeat while its server waits or works, never beyond Rasa's
`lock_lifetime` from issue: a dead server's ticket lapses within a lease, a live one
keeps its place however long the turn takes (a turn past the limit still finishes
in order). Chosen over a lifetime just above the turn limit, which would still cost
a dead server's conversations one or two apologies each. The lease assumes the
servers' clocks agree to well under a second (NTP), as Rasa's expiry times already
do, and an event loop never blocked for a whole lease.

Select it in the endpoints file with
`lock_store: type: rasa_plugins.server.redis_lock_store.AtomicRedisLockStore`.
"""

import asyncio
import json
import logging
import os
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Callable, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 2.0
# How often a waiting turn looks at the lock again (Rasa: every 1 s, a second lost per wait).
POLL_SECONDS = 0.05


def lease_seconds() -> float:
    raw = os.environ.get("LOCK_LEASE_SECONDS", "").strip()
    seconds = float(raw) if raw else DEFAULT_LEASE_SECONDS
    if not seconds > 0:
        raise ValueError(f"LOCK_LEASE_SECONDS must be above 0, not {raw!r}")
    return seconds


class AtomicRedisLockStore(RedisLockStore):
    """Same storage format and settings as RedisLockStore; every change is atomic."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds custom lock stores from the endpoints file as cls(endpoint_config=...).
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            if endpoint_config.url:
                kwargs.setdefault("host", endpoint_config.url)
        self.lease = float(kwargs.pop("lease_seconds", 0) or lease_seconds())
        super().__init__(**kwargs)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: Text,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's lock, with the ticket on a lease renewed until the block ends or lock_lifetime runs out."""
        until = time.time() + lock_lifetime
        ticket = self.issue_ticket(conversation_id, min(self.lease, lock_lifetime))
        heartbeat = asyncio.ensure_future(self._renew(conversation_id, ticket, until))
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            heartbeat.cancel()
            self.cleanup(conversation_id, ticket)

    async def _renew(self, conversation_id: Text, ticket: int, until: float) -> None:
        def extend(lock):
            for held in lock.tickets if lock else ():
                if held.number == ticket:
                    held.expires = min(time.time() + self.lease, until)
            return None, lock

        while time.time() < until:
            await asyncio.sleep(self.lease / 4)
            try:
                self._change(conversation_id, extend)
            except Exception as error:  # Redis away: the ticket lapses, the turn goes on
                logger.warning("Could not renew the lock of %s: %s", conversation_id, error)

    def _change(self, conversation_id: Text, change: Callable[[Optional[TicketLock]], Any]) -> Any:
        """Runs change(stored lock or None) -> (result, lock to store or None to delete), atomically."""
        key = self.key_prefix + conversation_id

        def transaction(pipe) -> Any:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            result, lock = change(lock)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:  # the key outlives its last ticket by a little, never for ever
                last = max(ticket.expires for ticket in lock.tickets) if lock.tickets else time.time()
                pipe.set(key, lock.dumps(), px=max(1, int((last - time.time() + 1) * 1000)))
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock):
            lock = lock or TicketLock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        def remove_expired(lock):
            if lock:
                lock.remove_expired_tickets()
            return None, lock

        self._change(conversation_id, remove_expired)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def finish(lock):
            if lock:
                lock.remove_ticket_for(ticket_number)
            return None, lock

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Hands the lock on, or deletes it when nobody is waiting - in one step, so a
        ticket issued meanwhile by another server is never deleted with it."""

        def finish_and_maybe_delete(lock):
            if lock:
                lock.remove_ticket_for(ticket_number)
                if not lock.is_someone_waiting():
                    lock = None
            return None, lock

        self._change(conversation_id, finish_and_maybe_delete)
