"""The store unreachable: the receiver answers 503 with ``Retry-After``, never 500, and recovers
by itself once the store is back.

How the store is taken away, for real, on each backend:

- SQLite: another process holds the database's write lock (an open ``BEGIN IMMEDIATE``, as a
  backup job or an ``sqlite3`` shell left in a transaction would). The server's writes wait
  for the busy timeout (5 s) and then fail with ``SQLITE_BUSY``.
- PostgreSQL: the database stops accepting connections (``ALTER DATABASE ... ALLOW_CONNECTIONS
  false``) and the server's sessions are terminated, so its pool has nothing to hand out until
  connections are allowed again.

While the store is away, every delivery is refused with 503 and a ``Retry-After`` header,
``/readyz`` says 503 and ``/healthz`` stays 200. Afterwards the same deliveries, sent again as the
helpdesk would, are acknowledged and processed once; no process was restarted.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import psycopg
import pytest
from psycopg import sql

from .conftest import postgres_admin_url
from .procs import wait_until
from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, World

pytestmark = pytest.mark.anyio

REFUSED = 8


@contextmanager
def store_taken_away(world: World) -> Iterator[None]:
    """Make the world's store unreachable for the server for the duration of the block."""
    if world.backend == "sqlite":
        path = world.database_url.removeprefix("sqlite:///")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    name = str(psycopg.conninfo.conninfo_to_dict(world.database_url)["dbname"])
    with psycopg.connect(postgres_admin_url(), autocommit=True) as admin:
        admin.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name))
        )
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        try:
            yield
        finally:
            admin.execute(
                sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(name))
            )


async def test_store_unreachable_then_back(world: World) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(8)
    server = await world.serve("serve").start()
    assert server.url is not None
    events = make_events(world.tickets, 40, prefix="store")
    sender = Sender([server.url], SECRET, lanes=REFUSED)
    await sender.deliver(events[:20])
    refused = events[20 : 20 + REFUSED]
    answers: Counter[int] = Counter()
    retry_after: set[str | None] = set()

    async with httpx.AsyncClient(trust_env=False, timeout=30.0) as client:

        async def once(event_index: int) -> None:
            event = refused[event_index]
            answer = await client.post(
                f"{server.url}/webhooks/zendesk", content=event.body, headers=sender.headers(event)
            )
            answers[answer.status_code] += 1
            retry_after.add(answer.headers.get("retry-after"))

        async def status(path: str) -> int:
            return (await client.get(f"{server.url}{path}")).status_code

        with store_taken_away(world):
            posts = asyncio.gather(*(once(i) for i in range(REFUSED)))
            readiness = asyncio.ensure_future(status("/readyz"))
            # The server keeps serving while the deliveries wait for the store.
            alive = await status("/healthz")
            await posts
            ready = await readiness
        assert server.proc.alive
        await sender.deliver(events[20:], deadline=60)
        ready_after = (await client.get(f"{server.url}/readyz")).status_code

    reader = StoreReader(world.database_url)
    await settle(reader, sender.acked, timeout=60)
    outcome = await judge(world, reader, events, set(sender.acked))
    extra = {"refused_503": answers[503], "retry_after": "/".join(sorted(map(str, retry_after)))}
    print(
        record(
            outcome.line("store unreachable", world.backend, time.monotonic() - started, **extra)
        )
    )
    assert answers == {503: REFUSED}, answers
    assert None not in retry_after
    assert (ready, alive, ready_after) == (503, 200, 200)
    assert server.proc.starts == 1
    assert outcome.processed == outcome.acknowledged == len(events)
    assert outcome.written == outcome.planned
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []


async def test_a_server_started_while_the_store_is_away_waits_for_it(world: World) -> None:
    """A container started before its database (or during a database restart) waits for the
    store, saying so, instead of exiting; once the store is back it serves and loses nothing."""
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(4)
    server = world.serve("serve", HL_STORE_START_TIMEOUT="60")
    assert server.url is not None
    with store_taken_away(world):
        server.proc.start()

        async def waiting() -> bool:
            assert server.proc.alive, server.proc.tail()
            return "the store is not reachable yet" in server.proc.log_text()

        await wait_until(waiting, timeout=30, what="the server saying it waits for the store")
        assert server.proc.alive
    await server.proc.wait_http(f"{server.url}/readyz", timeout=30)
    events = make_events(world.tickets, 12, prefix="late")
    sender = Sender([server.url], SECRET, lanes=2)
    await sender.deliver(events)
    reader = StoreReader(world.database_url)
    await settle(reader, sender.acked, timeout=60)
    outcome = await judge(world, reader, events, set(sender.acked))
    print(
        record(
            outcome.line("started with the store away", world.backend, time.monotonic() - started)
        )
    )
    assert server.proc.starts == 1
    assert outcome.processed == outcome.acknowledged == len(events)
    assert outcome.written == outcome.planned
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []
