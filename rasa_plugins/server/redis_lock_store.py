"""Rasa's Redis lock store with atomic ticket handling, for several Rasa servers.

Rasa 3.6's RedisLockStore issues a ticket with GET, change, SET. When two servers
receive a message of the same conversation at the same moment, both can read the
lock before either writes it, both get ticket 0 and both process the conversation
at once - one turn is then lost from the tracker store (tests/scale shows it).
This subclass does each read-change-write in a Redis transaction (WATCH/MULTI/EXEC,
retried when another server changed the lock in between), so tickets are unique
and messages of one conversation are processed one after the other on any server.

Select it in the endpoints file with
`lock_store: type: rasa_plugins.server.redis_lock_store.AtomicRedisLockStore`.
"""

import json
from typing import Any, Callable, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class AtomicRedisLockStore(RedisLockStore):
    """Same storage format and settings as RedisLockStore; every change is atomic."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds custom lock stores from the endpoints file as cls(endpoint_config=...).
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            if endpoint_config.url:
                kwargs.setdefault("host", endpoint_config.url)
        super().__init__(**kwargs)

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
            else:
                pipe.set(key, lock.dumps())
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
