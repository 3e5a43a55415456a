"""429 storms: no request goes out before ``Retry-After`` has passed; nothing is dropped.

The sandbox's call log is the judge: each entry has the time the sandbox answered it, so a
request answered inside ``(t, t + Retry-After)`` of a 429 answered at ``t`` came too early.

- One process (``serve`` with ``HL_WORKER_CONCURRENCY=1``, both backends): its requests go out
  one after another, so every request after a 429 was sent after that 429 arrived. The rule
  holds exactly: not one request inside any window.
- Three ``worker`` processes on PostgreSQL (``HL_WORKER_CONCURRENCY=1``) and a backlog: one of
  them gets a single 429. The pause reaches the others through the store's throttle row, which
  every claim and every request reads: once it is committed, not one request goes out until
  ``Retry-After`` has passed; only a request already on the wire when the 429 came can arrive
  in the window. Without the shared pause the other two keep the helpdesk busy for the whole
  window (121 requests in 4 s in the last run).

  This holds whatever the ``Retry-After``: longer than a call may wait in place (the client's
  retry budget, 20 s), the job is given back and the pause recorded in the store; shorter, the
  client waits it out inside the call and the pause is recorded in the store as the 429 arrives
  (``ClientOptions.on_rate_limited``), so the other workers wait too.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from .procs import wait_until
from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, World

pytestmark = pytest.mark.anyio

RETRY_AFTER = 2


def early_calls(calls: list[dict[str, Any]], retry_after: float, grace: float = 0.0) -> list[int]:
    """For each 429, how many calls were answered inside its ``Retry-After`` window, not
    counting the first ``grace`` seconds of it."""
    times = sorted(c["time"] for c in calls)
    return [
        sum(1 for t in times if c["time"] + grace < t < c["time"] + retry_after)
        for c in calls
        if c["status"] == 429
    ]


async def test_429_storm_one_process(world: World) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(10)
    server = await world.serve("serve", HL_WORKER_CONCURRENCY="1").start()
    assert server.url is not None
    storm = {"status": 429, "retry_after": RETRY_AFTER}
    await world.faults({"outage": storm})
    events = make_events(world.tickets, 40, prefix="storm")
    sender = Sender([server.url], SECRET, lanes=4)
    await sender.deliver(events)

    async def stormed() -> bool:
        return len(await world.calls(status="429")) >= 3

    await wait_until(stormed, timeout=60, what="three 429s")
    await world.faults(None)
    reader = StoreReader(world.database_url)
    await settle(reader, sender.acked, timeout=60)
    outcome = await judge(world, reader, events, set(sender.acked))
    calls = await world.calls()
    early = early_calls(calls, RETRY_AFTER)

    extra = {"answered_429": len(early), "early_requests": sum(early)}
    print(
        record(
            outcome.line(
                "429 storm, one process", world.backend, time.monotonic() - started, **extra
            )
        )
    )
    assert len(early) >= 3
    assert sum(early) == 0, "a request went out inside a Retry-After window"
    assert outcome.processed == outcome.acknowledged == 40
    assert outcome.written == outcome.planned > 0
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []


async def run_workers_into_one_429(world: World, retry_after: int) -> tuple[int, int, str]:
    """A backlog, one 429 with ``retry_after``, three workers: the calls answered inside its
    window while the pause was being shared (:data:`SHARING`), those answered after that, and
    the summary line."""
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(30)
    receiver = await world.serve("receiver", worker=False).start()
    assert receiver.url is not None
    events = make_events(world.tickets, 150, prefix="pause")
    sender = Sender([receiver.url], SECRET, lanes=4)
    await sender.deliver(events)
    await world.faults({"fail_next": {"count": 1, "status": 429, "retry_after": retry_after}})
    workers = [world.worker(f"worker-{n}", HL_WORKER_CONCURRENCY="1") for n in range(3)]
    for worker in workers:
        await worker.start()
    reader = StoreReader(world.database_url)
    await settle(reader, sender.acked, timeout=90)
    outcome = await judge(world, reader, events, set(sender.acked))
    calls = await world.calls()
    (early,) = early_calls(calls, retry_after)
    (late,) = early_calls(calls, retry_after, grace=SHARING)
    assert outcome.processed == outcome.acknowledged == 150
    assert outcome.written == outcome.planned > 0
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []
    extra = {
        "retry_after": retry_after,
        "requests_in_window": early,
        f"after_{SHARING}s": late,
    }
    line = outcome.line(
        "429 pauses every worker", world.backend, time.monotonic() - started, **extra
    )
    return early - late, late, line


# Every request checks the store for a pause first (ClientOptions.paused_until), so once the
# 429's pause is committed no worker sends another. Before that, only what the two other
# workers already had on the wire can arrive: one request each. SHARING is the time the pause
# may take to be committed and seen: a commit and a read on loopback take milliseconds, and a
# client reuses one read for PAUSE_FRESH (0.1 s).
OTHERS_ON_THE_WIRE = 2
SHARING = 0.25


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_429_pauses_every_worker(world: World) -> None:
    # 21 s is more than a call may wait in place (ClientOptions.retry_budget, 20 s): the job
    # is given back and the pause recorded in the store, where every worker's claim sees it.
    sharing, late, line = await run_workers_into_one_429(world, 21)
    print(record(line))
    assert late == 0, "a worker called inside the window after the pause was shared"
    assert sharing <= OTHERS_ON_THE_WIRE


@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_short_429_pauses_every_worker(world: World) -> None:
    sharing, late, line = await run_workers_into_one_429(world, RETRY_AFTER * 2)
    print(record(line.replace("429 pauses", "short 429 pauses")))
    assert late == 0, "a worker called inside the window after the pause was shared"
    assert sharing <= OTHERS_ON_THE_WIRE
