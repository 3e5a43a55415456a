"""Scale-out on PostgreSQL: 2 receivers and 3 workers over 10,000 events on 500 tickets.

Eight senders deliver 20 events to each of 500 tickets (opened by 100 customers), split over
two ``serve --no-worker`` receivers; each ticket's events go out in order, one after another.
Three ``worker`` processes share the work through the store (``FOR UPDATE SKIP LOCKED``
claims, head-of-line per ticket). In the end every event has exactly one decision, each
ticket's decisions (and notes) are in the order its events were acknowledged, and every
planned note is on its ticket exactly once.
"""

from __future__ import annotations

import time

import pytest

from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, World

pytestmark = [pytest.mark.anyio, pytest.mark.slow, pytest.mark.postgres]

TICKETS = 500
REQUESTERS = 100  # five tickets each, as customers have a few, not hundreds
EVENTS = 10_000


@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_two_receivers_three_workers_ten_thousand_events(world: World) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(TICKETS, requesters=REQUESTERS)
    receivers = [await world.serve(f"receiver-{n}", worker=False).start() for n in range(2)]
    workers = [
        await world.worker(
            f"worker-{n}", HL_WORKER_CONCURRENCY="16", HL_ZENDESK_TIMEOUT="10"
        ).start()
        for n in range(3)
    ]
    events = make_events(world.tickets, EVENTS, prefix="scale")
    sender = Sender([str(r.url) for r in receivers], SECRET, lanes=8)
    sending = time.monotonic()
    await sender.deliver(events, deadline=300)
    delivered = time.monotonic() - sending
    reader = StoreReader(world.database_url)
    await settle(reader, sender.acked, timeout=400)
    processed = time.monotonic() - sending
    outcome = await judge(world, reader, events, set(sender.acked))

    extra = {
        "receivers": len(receivers),
        "workers": len(workers),
        "delivered_in_s": round(delivered, 1),
        "processed_in_s": round(processed, 1),
    }
    print(
        record(
            outcome.line(
                "2 receivers + 3 workers", world.backend, time.monotonic() - started, **extra
            )
        )
    )
    assert sender.server_errors == 0, sender.answers
    assert sender.missing_retry_after == 0
    assert outcome.processed == outcome.acknowledged == EVENTS
    assert outcome.written == outcome.planned > 0
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []
