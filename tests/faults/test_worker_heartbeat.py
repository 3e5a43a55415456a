"""A lease heartbeat whose cancellation is lost must not hold the worker (and its leases) forever.

Seen in the PostgreSQL restart scenario: ``serve`` stopped processing for good, its worker waiting
on a heartbeat task stuck in state "cancelling" while the heartbeat kept extending the batch's
leases, so no other worker could reclaim them either. A cancel that lands while a store call is
finishing can be lost on the way (``asyncio.wait_for`` in Python 3.11 returns the inner result
instead of raising; the pool waits with it), so the heartbeat must end when its batch does, not
only when it is cancelled.

The store here wraps a real SQLite store and loses the cancellation of ``extend_leases`` every
time; the helpdesk answers slowly, so the batch outlives one heartbeat interval.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import httpx
import pytest

from helpdesk_loyalty.app import create_app
from helpdesk_loyalty.config import Settings
from helpdesk_loyalty.runtime import open_runtime
from helpdesk_loyalty.sandbox import Sandbox, create_sandbox_app, seed_demo
from helpdesk_loyalty.store import SqliteStore, Store

pytestmark = pytest.mark.anyio

SECRET = "heartbeat-test-signing-secret"


class LosesCancellation:
    """A real store whose ``extend_leases`` hangs until cancelled and swallows the first
    cancellation (later ones end it, so a failing test still finishes)."""

    def __init__(self, store: SqliteStore) -> None:
        self._store = store
        self.extends = 0
        self.lost = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def extend_leases(self, job_ids: Sequence[int], owner: str, lease: float) -> None:
        self.extends += 1
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            if self.lost:
                raise
            self.lost += 1  # lost on the way, as described above


async def test_a_batch_ends_although_its_heartbeat_lost_the_cancel(tmp_path: Path) -> None:
    sandbox = Sandbox()
    seed = seed_demo(sandbox)
    sandbox.faults.latency = 0.8  # the helpdesk read outlasts one heartbeat interval (0.5 s)
    env = {
        "HL_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
        "HL_RULES_DIR": "",
        "HL_RULES_FILE": str(tmp_path / "rules.toml"),
        "HL_LEASE_SECONDS": "1.5",
        "HL_ZENDESK_BASE_URL": "http://127.0.0.1/zendesk",
        "HL_ZENDESK_EMAIL": sandbox.config.zendesk_email,
        "HL_ZENDESK_API_TOKEN": sandbox.config.zendesk_token.reveal(),
        "HL_ZENDESK_WEBHOOK_SECRET": SECRET,
        "HL_ZENDESK_API_USER_ID": "1",
    }
    (tmp_path / "rules.toml").write_text("", encoding="utf-8")
    store = LosesCancellation(SqliteStore(str(tmp_path / "store.db")))
    runtime = await open_runtime(
        Settings.from_env(env),
        store=cast(Store, store),
        transports={"zendesk": httpx.ASGITransport(app=create_sandbox_app(sandbox))},
    )
    batch: asyncio.Task[int] | None = None
    try:
        ticket = seed.zendesk["tickets"]["top_double_charge"]
        request = sandbox.render_zendesk_trigger(ticket, "ticket.updated", secret=SECRET)
        app = httpx.ASGITransport(app=create_app(runtime, run_worker=False))
        async with httpx.AsyncClient(transport=app, base_url="http://hl.test") as client:
            answer = await client.post(
                "/webhooks/zendesk", content=request.body, headers=request.headers
            )
        assert answer.status_code == 202
        batch = asyncio.create_task(runtime.worker.run_once())
        await asyncio.wait({batch}, timeout=5)
        assert batch.done(), "the batch never ended: its heartbeat outlived it"
    finally:
        if batch is not None:
            batch.cancel()
        await runtime.close()
    assert batch.result() == 1
    assert store.lost == 1, "the heartbeat was extending the lease when the batch ended"
