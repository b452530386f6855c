"""The lock store on a real Redis: two stores stand for two Rasa servers."""

import asyncio
import threading
import uuid

import pytest
from rasa.core.lock_store import RedisLockStore

from rasa_plugins.server.redis_lock_store import AtomicRedisLockStore


def stores(cls, services, count=2):
    return [
        cls(
            host=services["REDIS_HOST"],
            port=services["REDIS_PORT"],
            password=services["REDIS_PASSWORD"],
            db=services["REDIS_DB"],
            key_prefix="test",
        )
        for _ in range(count)
    ]


def tickets_issued_at_once(servers, threads=24) -> list:
    conversation = uuid.uuid4().hex
    barrier, tickets = threading.Barrier(threads), []

    def issue(store):
        barrier.wait()
        tickets.append(store.issue_ticket(conversation))

    workers = [threading.Thread(target=issue, args=(servers[n % len(servers)],)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tickets


def test_tickets_issued_at_the_same_moment_on_two_servers_are_unique(services):
    for _ in range(5):
        tickets = tickets_issued_at_once(stores(AtomicRedisLockStore, services))
        assert sorted(tickets) == list(range(len(tickets)))


def test_rasas_own_redis_lock_store_can_hand_out_one_ticket_twice(services):
    """Why AtomicRedisLockStore exists; if a Rasa upgrade fixes this, this test says so."""
    for _ in range(20):
        tickets = tickets_issued_at_once(stores(RedisLockStore, services))
        if len(set(tickets)) < len(tickets):
            return
    pytest.fail("RedisLockStore issued unique tickets 20 times running: the race may be fixed upstream")


def test_one_conversation_is_processed_by_one_server_at_a_time(services):
    servers = stores(AtomicRedisLockStore, services)
    conversation, inside, overlaps = uuid.uuid4().hex, [], []

    async def handle(store, n):
        async with store.lock(conversation, wait_time_in_seconds=0.01):
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(list(inside))
            await asyncio.sleep(0.005)
            inside.remove(n)

    async def main():
        await asyncio.gather(*(handle(servers[n % 2], n) for n in range(30)))

    asyncio.run(main())
    assert overlaps == []
    assert servers[0].get_lock(conversation) is None  # the last one out deleted the lock
