"""Operations: the retry horizon, then the dead letter (kept, never dropped), the CLI and the
read-only ops endpoint to look after it, a retry that finishes the work, and the purge.

The helpdesk stays down longer than ``HL_RETRY_HORIZON`` (2 s here): each event's job is retried
with backoff and then dead-lettered with its last error. ``helpdesk-loyalty jobs list|show``,
``inbox stats`` and ``GET /ops/...`` (bearer token, read-only) show them. Once the helpdesk is back,
``jobs retry`` requeues them and every event is decided and written once. ``serve`` restarted
with ``HL_PURGE_AFTER_DAYS`` of one second purges the done jobs and inbox rows at its
first maintenance pass (then hourly), and keeps the ledger.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import httpx
import pytest

from .procs import ROOT, wait_until
from .summary import record
from .traffic import Sender, make_events
from .verdict import StoreReader, judge, settle
from .world import SECRET, World

pytestmark = pytest.mark.anyio

TOKEN = "ops-token-for-the-fault-suite"
EVENTS = 3
PURGE_AGE = 1.0  # seconds


async def cli(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    """``helpdesk-loyalty ARGS`` with the world's settings."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "helpdesk_loyalty", *args],
        env={**world.env(), "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_dead_letters_are_kept_shown_retried_and_old_rows_purged(world: World) -> None:
    started = time.monotonic()
    await world.open_sandbox()
    await world.create_tickets(EVENTS)
    server = await world.serve("serve", HL_RETRY_HORIZON="2", HL_OPS_TOKEN=TOKEN).start()
    assert server.url is not None
    reader = StoreReader(world.database_url)
    await world.faults({"outage": {"status": 503, "retry_after": None}})
    events = make_events(world.tickets, EVENTS, prefix="ops")
    sender = Sender([server.url], SECRET, lanes=1)
    await sender.deliver(events)

    async def all_dead() -> bool:
        return await reader.count("SELECT count(*) FROM jobs WHERE status = 'dead'") == EVENTS

    await wait_until(all_dead, timeout=60, what="the jobs to pass the retry horizon")

    listed = await cli(world, "jobs", "list", "--status", "dead", "--json")
    assert listed.returncode == 0, listed.stderr
    dead = json.loads(listed.stdout)
    assert len(dead) == EVENTS
    shown = await cli(world, "jobs", "show", str(dead[0]["id"]))
    assert shown.returncode == 0 and "gave up after" in json.loads(shown.stdout)["last_error"]
    stats = await cli(world, "inbox", "stats", "--json")
    assert json.loads(stats.stdout)["dead_jobs"] == EVENTS

    async with httpx.AsyncClient(base_url=server.url, trust_env=False) as ops:
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert (await ops.get("/ops/stats")).status_code == 401
        assert (
            await ops.get("/ops/stats", headers={"Authorization": "Bearer no"})
        ).status_code == 401
        assert (await ops.get("/ops/stats", headers=bearer)).json()["dead_jobs"] == EVENTS
        listed_http = (await ops.get("/ops/jobs", params={"status": "dead"}, headers=bearer)).json()
        assert sorted(j["id"] for j in listed_http["jobs"]) == sorted(j["id"] for j in dead)
        assert (await ops.post("/ops/jobs", headers=bearer)).status_code == 405

    await world.faults(None)
    retried = await cli(world, "jobs", "retry", *(str(j["id"]) for j in dead))
    assert retried.returncode == 0, retried.stdout + retried.stderr
    await settle(reader, sender.acked, timeout=60)
    outcome = await judge(world, reader, events, set(sender.acked))

    server.proc.stop()
    done_before = await reader.count("SELECT count(*) FROM jobs WHERE status = 'done'")
    inbox_before = await reader.count("SELECT count(*) FROM inbox")
    ledger_before = await reader.count("SELECT count(*) FROM ledger")

    async def older_than_the_purge_age() -> bool:
        newest = await reader.rows("SELECT max(updated_at) FROM jobs")
        return bool(newest[0][0] < time.time() - PURGE_AGE)

    await wait_until(older_than_the_purge_age, timeout=10, what="the rows to age")
    purging = world.serve("purging", HL_PURGE_AFTER_DAYS=f"{PURGE_AGE / 86400:.8f}")
    await purging.start()

    async def purged() -> bool:
        return await reader.count("SELECT count(*) FROM jobs") == 0

    await wait_until(purged, timeout=30, what="the done jobs to be purged")
    inbox_after = await reader.count("SELECT count(*) FROM inbox")
    ledger_after = await reader.count("SELECT count(*) FROM ledger")

    extra = {"dead_lettered": len(dead), "requeued": len(dead), "purged_jobs": done_before}
    print(
        record(
            outcome.line(
                "retry horizon, dead letter, retry, purge",
                world.backend,
                time.monotonic() - started,
                **extra,
            )
        )
    )
    assert outcome.processed == outcome.acknowledged == EVENTS
    assert outcome.written == outcome.planned > 0
    assert (outcome.lost, outcome.duplicated, outcome.order_violations, outcome.dead) == (0,) * 4
    assert done_before == EVENTS and inbox_before == EVENTS
    assert inbox_after == 0
    assert ledger_after == ledger_before, "the ledger is kept"
    assert world.unexpected() == []
