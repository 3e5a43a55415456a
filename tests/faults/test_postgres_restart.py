"""PostgreSQL restarted mid-run: work resumes without loss, and nothing runs twice.

``serve`` (receiver and worker) and a second ``worker`` process work through a stream of
events when the PostgreSQL server is restarted (``pg_ctlcluster ... restart``, a fast shutdown
that cuts every session). A delivery that arrives while the server is away waits for a
connection (up to the pool's timeout) or is answered 503 and sent again; the pools and the
notification listener reconnect by themselves; no service process is restarted.
The server is brought back in a ``finally`` block whatever happens. The scenario needs
``pg_ctlcluster`` and the right to use it (root, as in CI); without it, it is skipped locally
and fails under CI.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .procs import wait_until
from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, World

pytestmark = [pytest.mark.anyio, pytest.mark.postgres]

EVENTS = 400
RESTART_AFTER = 150


def cluster() -> list[str]:
    """The ``pg_ctlcluster`` command prefix for the local cluster, or skip (fail under CI)."""
    versions = (
        sorted(p.name for p in Path("/etc/postgresql").glob("*"))
        if Path("/etc/postgresql").is_dir()
        else []
    )
    usable = shutil.which("pg_ctlcluster") is not None and versions and os.geteuid() == 0
    if not usable:
        message = "restarting PostgreSQL needs pg_ctlcluster, a local cluster and root"
        if "CI" in os.environ:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]


def ctl(command: list[str], action: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, action], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def restartable() -> Iterator[list[str]]:
    command = cluster()
    try:
        yield command
    finally:
        if ctl(command, "status").returncode != 0:
            ctl(command, "start")


@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_postgres_restarted_mid_run(world: World, restartable: list[str]) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(30)
    server = await world.serve("serve").start()
    await world.worker("worker").start()
    assert server.url is not None
    events = make_events(world.tickets, EVENTS, prefix="restart")
    sender = Sender([server.url], SECRET, lanes=8, retry_pause=0.2)
    delivery = asyncio.create_task(sender.deliver(events, deadline=120))

    reader = StoreReader(world.database_url)
    owners: set[str] = set()

    async def both_working() -> bool:
        # Both processes have claimed work (a worker that cannot reach the store at start-up
        # exits, as under any supervisor; the restart must hit running processes).
        if delivery.done():
            delivery.result()
        rows = await reader.rows("SELECT lease_owner FROM jobs WHERE status = 'running'")
        owners.update(str(owner) for (owner,) in rows)
        return len(sender.acked) >= RESTART_AFTER and len(owners) >= 2

    await wait_until(both_working, timeout=60, what="both processes at work")
    acked_before = len(sender.acked)
    unfinished_before = await reader.unfinished()
    restarted = await asyncio.to_thread(ctl, restartable, "restart")
    assert restarted.returncode == 0, restarted.stderr
    await delivery
    await settle(reader, sender.acked, timeout=90)
    outcome = await judge(world, reader, events, set(sender.acked))

    extra = {
        "acked_before_restart": acked_before,
        "jobs_waiting_at_restart": unfinished_before,
        "refused_503": sender.answers[503],
        "connection_errors": sender.transport_errors,
    }
    print(
        record(
            outcome.line("PostgreSQL restarted", world.backend, time.monotonic() - started, **extra)
        )
    )
    assert unfinished_before > 0, "the restart came after the work"
    assert all(service.proc.starts == 1 and service.proc.alive for service in world.services)
    assert sender.server_errors == 0, sender.answers
    assert sender.missing_retry_after == 0, "every 503 says when to come back"
    assert outcome.processed == outcome.acknowledged == EVENTS
    assert outcome.written == outcome.planned > 0
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert world.unexpected() == []
