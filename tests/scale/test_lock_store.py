"""The lock store on a real Redis: two stores stand for two Rasa servers."""

import asyncio
import os
import subprocess
import sys
import threading
import time
import uuid

import pytest
from launcher import ROOT
from rasa.core.lock_store import RedisLockStore

from rasa_plugins.server.redis_lock_store import AtomicRedisLockStore

# Rasa's own lifetime is 60 s: anything near the lease shows the lease at work.
LEASE = 0.5


def settings(services):
    return dict(
        host=services["REDIS_HOST"],
        port=services["REDIS_PORT"],
        password=services["REDIS_PASSWORD"],
        db=services["REDIS_DB"],
        key_prefix="test",
    )


def stores(cls, services, count=2, **extra):
    return [cls(**settings(services), **extra) for _ in range(count)]


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


# A Rasa server that takes a conversation's lock and dies holding it (kill -9).
HOLDER = """
import asyncio, sys, time
from rasa_plugins.server.redis_lock_store import AtomicRedisLockStore
async def hold():
    async with AtomicRedisLockStore(**eval(sys.argv[1])).lock(sys.argv[2]):
        print("held", flush=True)
        await asyncio.sleep(600)
asyncio.run(hold())
"""


def test_a_dead_servers_lock_frees_within_about_a_lease(services):
    conversation = uuid.uuid4().hex
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, repr(settings(services)), conversation],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LOCK_LEASE_SECONDS": "2"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        time.sleep(3)  # past one lease: a live holder keeps it
        (store,) = stores(AtomicRedisLockStore, services, 1)
        assert store.get_lock(conversation).is_someone_waiting()
        holder.kill()
        holder.wait()
        killed = time.monotonic()

        async def take():
            async with store.lock(conversation):
                return time.monotonic() - killed

        # Rasa's store would keep it for its 60 s lifetime; the bound is for a hung test only.
        waited = asyncio.run(asyncio.wait_for(take(), timeout=15))
        print(f"\n    a dead server's lock was free again after {waited:.1f}s (lease 2 s)")
    finally:
        holder.kill()
        holder.wait()


def overlapping(first_store, second_store, hold: float, **lock_args) -> bool:
    """Whether the second store got into the lock while the first still held it for `hold` seconds."""
    conversation, inside = uuid.uuid4().hex, []

    async def first():
        async with first_store.lock(conversation, **lock_args):
            inside.append("first")
            await asyncio.sleep(hold)
            inside.remove("first")

    async def second():
        await asyncio.sleep(0.1)
        async with second_store.lock(conversation):
            return "first" in inside

    async def both():
        return (await asyncio.gather(first(), second()))[1]

    return asyncio.run(both())


def test_a_live_holder_keeps_the_lock_for_many_leases(services):
    servers = stores(AtomicRedisLockStore, services, lease_seconds=LEASE)
    assert not overlapping(*servers, hold=6 * LEASE)


def test_rasas_lock_lifetime_still_bounds_the_lease(services):
    """Rasa's contract: a ticket lives at most lock_lifetime, renewed or not."""
    servers = stores(AtomicRedisLockStore, services, lease_seconds=LEASE)
    assert overlapping(*servers, hold=8 * LEASE, lock_lifetime=2 * LEASE)
