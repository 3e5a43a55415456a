"""kill -9 of the server under load, then a restart: nothing acknowledged is lost or repeated.

``serve`` (receiver and worker in one process) takes a stream of signed webhooks from 8
parallel senders while it decides and writes notes back to the sandbox. Once a third of the
events are acknowledged it is killed with SIGKILL (no shutdown code runs) and started again;
the senders redeliver whatever got no answer, as Zendesk does. In the end every acknowledged
event has exactly one decision in the ledger, every decision that planned a write has exactly
one note on its ticket, and each ticket's decisions and notes are in event order. Jobs leased
by the killed process are reclaimed when their lease (``HL_LEASE_SECONDS=3``) runs out.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from .procs import wait_until
from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, World

pytestmark = pytest.mark.anyio

TICKETS = 40
EVENTS = 600
KILL_AFTER = 200


async def test_kill_9_of_serve_under_load(world: World) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(TICKETS)
    # Each write waits a little in the helpdesk, so the kill lands with writes in flight.
    await world.faults({"latency": 0.02})
    server = await world.serve("serve").start()
    assert server.url is not None
    events = make_events(world.tickets, EVENTS, prefix="kill")
    sender = Sender([server.url], SECRET, lanes=8)
    delivery = asyncio.create_task(sender.deliver(events, deadline=90))

    async def enough() -> bool:
        if delivery.done():
            delivery.result()
        return len(sender.acked) >= KILL_AFTER

    await wait_until(enough, timeout=60, what=f"{KILL_AFTER} acknowledged events")
    server.proc.kill()
    acked_at_kill = len(sender.acked)
    reader = StoreReader(world.database_url)
    leased_at_kill = await reader.running()
    await server.start()
    await delivery
    await settle(reader, sender.acked, timeout=60)
    outcome = await judge(world, reader, events, set(sender.acked))

    seconds = time.monotonic() - started
    extra = {
        "acked_at_kill": acked_at_kill,
        "leased_at_kill": leased_at_kill,
        "found_on_ticket": await reader.detected(),
        "redelivered": sum(sender.answers.values()) - EVENTS + sender.transport_errors,
    }
    print(record(outcome.line("kill -9 serve", world.backend, seconds, **extra)))
    assert acked_at_kill < EVENTS, "the kill came after the load"
    assert server.proc.starts == 2
    assert sender.server_errors == 0, sender.answers
    assert sender.missing_retry_after == 0, "every 503 says when to come back"
    assert outcome.acknowledged == EVENTS
    assert outcome.processed == EVENTS
    assert outcome.planned > 0
    assert outcome.written == outcome.planned
    assert (outcome.lost, outcome.duplicated, outcome.order_violations) == (0, 0, 0)
    assert outcome.dead == 0
    assert world.unexpected() == []
