"""A worker killed while it holds a lease: the job is reclaimed, finished, and written once.

The sandbox applies the next ticket update and then holds its answer back, so the worker is
killed with SIGKILL at the worst moment: the note is on the ticket, the worker's job is still
leased (``running``) and its outcome was never recorded. Another worker (PostgreSQL: a second
``worker`` process; SQLite: ``serve`` restarted, the only process) reclaims the job when the
lease (``HL_LEASE_SECONDS=3``) has run out, finds the decision's marker on the ticket and
records the write as applied instead of sending it again. The ticket's next event is decided
after that, in order.
"""

from __future__ import annotations

import time

import pytest

from helpdesk_loyalty.update import find_marker

from .procs import wait_until
from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, Service, World

pytestmark = pytest.mark.anyio


async def test_worker_killed_holding_a_lease(world: World) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    (ticket,) = await world.create_tickets(1)
    if world.backend == "sqlite":
        receiver = await world.serve("serve").start()
        first: Service = receiver
        second: Service = receiver
    else:
        receiver = await world.serve("receiver", worker=False).start()
        first = await world.worker("worker-a").start()
        second = world.worker("worker-b")
    assert receiver.url is not None
    reader = StoreReader(world.database_url)
    await world.faults(
        {"fail_next": {"count": 1, "method": "PUT", "hang": 30, "after_apply": True}}
    )
    events = make_events(world.tickets, 3, prefix="lease")
    sender = Sender([receiver.url], SECRET, lanes=1)
    await sender.deliver(events[:1])

    async def note_applied_answer_pending() -> bool:
        comments = await world.comments(ticket["id"])
        return any(find_marker(c["html_body"]) for c in comments) and await reader.running() == 1

    await wait_until(note_applied_answer_pending, timeout=30, what="the write to hang")
    (owner_before,) = await reader.rows("SELECT lease_owner FROM jobs WHERE status = 'running'")
    first.proc.kill()
    await world.faults(None)
    await second.start()
    await sender.deliver(events[1:])
    await settle(reader, sender.acked, timeout=30)
    outcome = await judge(world, reader, events, set(sender.acked))
    found = await reader.detected()
    owners = await reader.rows("SELECT DISTINCT lease_owner FROM jobs")

    extra = {"found_on_ticket": found}
    print(
        record(
            outcome.line(
                "worker killed holding a lease", world.backend, time.monotonic() - started, **extra
            )
        )
    )
    assert owner_before[0] is not None and owners == [(None,)]
    assert found == 1, "the re-run found the note instead of writing it again"
    assert outcome.processed == outcome.acknowledged == 3
    assert outcome.written == outcome.planned >= 1
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []
