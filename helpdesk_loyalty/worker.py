"""The worker: claims jobs ticket by ticket, decides, writes back, and records every outcome.

Three kinds of jobs share a ticket's ordering key, so a ticket's events are decided and written
one at a time, in order, while different tickets run in parallel:

- ``evaluate``: gather the context, run the rules, plan ONE update, and in one store
  transaction write the ledger, the credits suggested and the ``write`` job;
- ``write``: send the update through the helpdesk client (re-read and re-plan on 409);
- ``follow_up``: the note asking an agent to check that a fix held, days after a solve.

This is one of the three places that catch broadly: whatever a job raises becomes a retry
(later, in the store), a throttle (429) or a dead letter, with a ledger row saying why.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import uuid
from collections.abc import Sequence

from .adapters.base import HelpdeskClient
from .clock import Clock
from .decide import Decider
from .errors import (
    PermanentHelpdeskError,
    RateLimitedError,
    StoreError,
    TransientHelpdeskError,
)
from .inbound import EventReader
from .intake import IntakeMeter
from .store.base import Job, LedgerEntry, Store
from .writeback import WriteBack

__all__ = ["Worker", "backoff_delay"]

log = logging.getLogger("helpdesk_loyalty.worker")


def backoff_delay(attempts: int, *, base: float = 2.0, cap: float = 900.0) -> float:
    """Exponential backoff with full jitter, at least one second."""
    return max(1.0, random.uniform(0, min(cap, base * 2 ** max(0, attempts - 1))))


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    """Wait ``seconds``, or less if ``stop`` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


def _ticket_of(job: Job) -> str:
    return str(job.payload.get("ticket_id") or job.ordering_key.rsplit(":", 1)[-1])


class Worker:
    """Processes jobs from the store until told to stop."""

    def __init__(
        self,
        store: Store,
        decider: Decider,
        writeback: WriteBack,
        clock: Clock,
        *,
        concurrency: int = 8,
        lease_seconds: float = 60.0,
        retry_horizon: float = 72 * 3600.0,
        purge_after_days: float = 30.0,
        owner: str | None = None,
        read_event: EventReader,
        intake: IntakeMeter | None = None,
        yield_rate: float = 0.0,
        yield_gap: float = 0.5,
    ) -> None:
        self.store = store
        self.read_event = read_event
        self.decider = decider
        self.writeback = writeback
        self.clock = clock
        self.concurrency = concurrency
        self.lease_seconds = lease_seconds
        self.retry_horizon = retry_horizon
        self.purge_after_days = purge_after_days
        self.owner = owner or f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"
        # Giving way to the receiver in the same process (intake.py): while webhooks arrive
        # at ``yield_rate`` a second or faster, one job at a time, ``yield_gap`` s apart.
        self.intake = intake
        self.yield_rate = yield_rate
        self.yield_gap = yield_gap
        self.processed = 0

    @property
    def clients(self) -> dict[str, HelpdeskClient]:
        return dict(self.writeback.clients)

    # -- loop ------------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """Claim and process jobs until ``stop`` is set."""
        await self.store.reclaim_expired_leases()
        maintenance = asyncio.create_task(self._maintain(stop))
        try:
            while not stop.is_set():
                try:
                    handled, gave_way = await self.step()
                except StoreError as exc:
                    log.warning("store unavailable, worker waits: %s", exc)
                    await _pause(stop, 1.0)
                    continue
                if handled and gave_way:
                    await _pause(stop, self.yield_gap)
                elif handled == 0:
                    waiter = asyncio.create_task(self.store.wait_for_work(timeout=1.0))
                    stopper = asyncio.create_task(stop.wait())
                    await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
                    for task in (waiter, stopper):
                        task.cancel()
        finally:
            maintenance.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await maintenance

    async def _maintain(self, stop: asyncio.Event) -> None:
        last_purge = 0.0
        while not stop.is_set():
            await asyncio.sleep(max(1.0, self.lease_seconds / 3))
            try:
                await self.store.reclaim_expired_leases()
                now = self.clock.time()
                if now - last_purge > 3600:
                    keep = self.purge_after_days * 86400
                    await self.store.purge(done_before=now - keep, inbox_before=now - keep)
                    last_purge = now
            except StoreError as exc:
                log.warning("maintenance skipped: %s", exc)

    async def step(self) -> tuple[int, bool]:
        """One round of :meth:`run`: a batch, or a single job while webhooks arrive at
        ``yield_rate`` a second or faster (the receiver beside it comes first, intake.py).
        How many jobs were handled, and whether it gave way."""
        giving_way = self.intake is not None and self.intake.busy(self.yield_rate)
        return await self.run_once(limit=1 if giving_way else None), giving_way

    async def run_once(self, limit: int | None = None) -> int:
        """Claim one batch (``limit`` jobs, default the concurrency) and process it; return
        how many jobs were handled."""
        jobs = await self.store.claim_jobs(
            self.owner, limit=limit or self.concurrency, lease_seconds=self.lease_seconds
        )
        if not jobs:
            return 0
        done = asyncio.Event()
        heartbeat = asyncio.create_task(self._heartbeat([j.id for j in jobs], done))
        try:
            await asyncio.gather(*(self.handle(job) for job in jobs))
        finally:
            done.set()
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
        self.processed += len(jobs)
        return len(jobs)

    async def drain(self, max_rounds: int = 10_000) -> int:
        """Process until nothing is runnable now (tests, ``demo`` and ``receive`` use this)."""
        total = 0
        for _ in range(max_rounds):
            handled = await self.run_once()
            if handled == 0:
                return total
            total += handled
        return total

    async def _heartbeat(self, job_ids: Sequence[int], done: asyncio.Event) -> None:
        # Ends when the batch is done, not only when cancelled: a cancel that lands as a store
        # call finishes can be lost (asyncio.wait_for in Python 3.11, which the connection pool
        # waits with, returns the result instead), and a heartbeat that outlived its batch held
        # the worker, and kept the batch's leases from expiring, for good.
        while not done.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), max(0.5, self.lease_seconds / 3))
            if not done.is_set():
                with contextlib.suppress(StoreError):
                    await self.store.extend_leases(job_ids, self.owner, self.lease_seconds)

    # -- one job ---------------------------------------------------------------------------
    async def handle(self, job: Job) -> None:
        """Process one job; every failure becomes a retry, a throttle or a dead letter."""
        try:
            if job.kind == "evaluate":
                event = self.read_event(job.payload)
                completion = await self.decider.decide(event, job)
            elif job.kind == "write":
                completion = await self.writeback.write(job)
            elif job.kind == "follow_up":
                completion = await self.writeback.follow_up(job)
            else:
                raise PermanentHelpdeskError(f"unknown job kind {job.kind!r}")
            await self.store.complete_job(job, completion)
        except RateLimitedError as exc:
            await self._throttled(job, exc)
        except PermanentHelpdeskError as exc:
            await self._dead(job, f"{type(exc).__name__}: {exc}")
        except StoreError as exc:
            log.warning(
                "job %s not completed (%s); it will be retried after its lease", job.id, exc
            )
        except Exception as exc:  # any other failure: retry later, dead-letter past the horizon
            kind = "transient" if isinstance(exc, TransientHelpdeskError) else "unexpected"
            if kind == "unexpected":
                log.exception("job %s (%s) failed", job.id, job.kind)
            await self._retry(job, f"{type(exc).__name__}: {exc}")

    def _entry(self, job: Job, what: str, **detail: object) -> LedgerEntry:
        return LedgerEntry(
            what=what,
            account=job.account,
            ticket_id=_ticket_of(job),
            event_key=job.payload.get("event_id"),
            decision_id=job.payload.get("decision_id"),
            job_id=job.id,
            detail={"kind": job.kind, "attempt": job.attempts, **detail},
        )

    async def _throttled(self, job: Job, exc: RateLimitedError) -> None:
        until = self.clock.time() + exc.retry_after
        try:
            await self.store.throttle_account(job.account, until=until, reason=str(exc))
            await self.store.retry_job(
                job,
                not_before=until,
                error=str(exc),
                count_attempt=False,
                ledger=[self._entry(job, "throttled", retry_after=exc.retry_after)],
            )
        except StoreError as store_exc:
            log.warning("job %s throttle not recorded: %s", job.id, store_exc)

    async def _retry(self, job: Job, error: str) -> None:
        now = self.clock.time()
        first = job.first_try_at if job.first_try_at is not None else now
        try:
            if now - first >= self.retry_horizon:
                await self._dead(job, f"gave up after {job.attempts} attempts: {error}")
                return
            delay = backoff_delay(job.attempts)
            await self.store.retry_job(
                job,
                not_before=now + delay,
                error=error,
                ledger=[self._entry(job, "retry", error=error, delay=round(delay, 1))],
            )
        except StoreError as store_exc:
            log.warning("job %s retry not recorded: %s", job.id, store_exc)

    async def _dead(self, job: Job, error: str) -> None:
        try:
            await self.store.dead_letter(
                job, error=error, ledger=[self._entry(job, "dead", error=error)]
            )
        except StoreError as store_exc:
            log.warning("job %s dead letter not recorded: %s", job.id, store_exc)
