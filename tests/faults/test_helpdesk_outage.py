"""The helpdesk down for a stretch: every action is written after it recovers, none twice.

While events keep arriving the sandbox goes through three bad phases, each held until the
service has run into it (a condition on the sandbox's call log, not a timer):

1. every API call answers 503 (no ``Retry-After``): jobs are retried later with backoff;
2. every API call hangs past the client's timeout (``HL_ZENDESK_TIMEOUT=1``): reads are
   retried, and a write whose answer never came is *outcome unknown*;
3. the next three updates are applied but their answers time out: the re-run finds the
   decision's marker on the ticket and does not send the note again.

Then the helpdesk recovers. Every acknowledged event has one decision and every planned note is
on its ticket exactly once, in order.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from .procs import wait_until
from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, World

pytestmark = pytest.mark.anyio

TICKETS = 20
EVENTS = 200


async def test_helpdesk_outage_then_recovery(world: World) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(TICKETS)
    server = await world.serve("serve", HL_ZENDESK_TIMEOUT="1").start()
    assert server.url is not None
    await world.faults({"outage": {"status": 503, "retry_after": None}})
    events = make_events(world.tickets, EVENTS, prefix="outage")
    sender = Sender([server.url], SECRET, lanes=4)
    delivery = asyncio.create_task(sender.deliver(events, deadline=60))

    async def faulted(status: int, at_least: int) -> None:
        async def seen() -> bool:
            if delivery.done():
                delivery.result()
            calls = await world.calls(status=str(status))
            return sum(1 for c in calls if c["fault"]) >= at_least

        await wait_until(seen, timeout=60, what=f"{at_least} calls answered {status}")

    await faulted(503, 20)
    await world.faults({"outage": {"status": 504, "retry_after": None, "hang": 1.5}})
    await faulted(504, 5)
    await world.faults(
        {
            "outage": None,
            "fail_next": {
                "count": 3,
                "status": 504,
                "method": "PUT",
                "hang": 1.5,
                "after_apply": True,
            },
        }
    )

    async def applied_then_lost() -> bool:
        assert world.control is not None
        state: dict[str, Any] = (await world.control.get("/faults")).json()
        return state["fail_next"] is None

    await wait_until(applied_then_lost, timeout=60, what="three updates whose answers were lost")
    await delivery
    reader = StoreReader(world.database_url)
    await settle(reader, sender.acked, timeout=90)
    outcome = await judge(world, reader, events, set(sender.acked))
    calls = await world.calls()
    found = await reader.detected()

    extra = {
        "failed_calls": sum(1 for c in calls if c["fault"]),
        "found_on_ticket": found,
    }
    print(
        record(outcome.line("helpdesk outage", world.backend, time.monotonic() - started, **extra))
    )
    assert sender.server_errors == 0, sender.answers
    assert sender.missing_retry_after == 0, "every 503 says when to come back"
    assert outcome.processed == outcome.acknowledged == EVENTS
    assert outcome.written == outcome.planned > 0
    assert found >= 3, "each update applied without an answer was found, not sent again"
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []
