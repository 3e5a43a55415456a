"""Store contract, part 3: many claimers on two store instances at once keep per-ticket order.

A claimer holds a job from the moment ``claim_jobs`` returns it until just before it calls
``complete_job``/``retry_job``; that window lies inside the time the database has the job
running, so two held jobs of one ticket at the same moment prove a real exclusivity violation.
Some first attempts are retried at once, to check the head-of-line rule across retries, and
events keep arriving while the claimers run.
"""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict

import pytest
from storekit import Backend, record

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.store import InboundRecord, Job, Store

pytestmark = pytest.mark.anyio

TICKETS = 4
EVENTS_PER_TICKET = 15
CLAIMERS_PER_STORE = 4


class Run:
    """What the claimers saw."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.held: dict[str, int] = {}
        self.violations: list[tuple[str, int, int]] = []
        self.finished: dict[str, list[int]] = defaultdict(list)
        self.retried: set[int] = set()
        self.done = asyncio.Event()

    def take(self, job: Job) -> None:
        other = self.held.get(job.ordering_key)
        if other is not None:
            self.violations.append((job.ordering_key, other, job.id))
        self.held[job.ordering_key] = job.id

    def release(self, job: Job, finished: bool) -> None:
        if self.held.get(job.ordering_key) == job.id:
            del self.held[job.ordering_key]
        if finished:
            self.finished[job.ordering_key].append(job.id)
            if sum(map(len, self.finished.values())) == self.total:
                self.done.set()


async def claimer(store: Store, name: str, run: Run, clock: FakeClock, seed: int) -> None:
    rng = random.Random(seed)
    while not run.done.is_set():
        jobs = await store.claim_jobs(name, limit=rng.randint(1, 3), lease_seconds=600)
        if not jobs:
            await store.wait_for_work(0.005)
            continue
        for job in jobs:
            run.take(job)
        for job in jobs:
            for _ in range(rng.randint(0, 3)):
                await asyncio.sleep(0)
            retry = job.id % 4 == 0 and job.id not in run.retried
            run.release(job, finished=not retry)
            if retry:
                run.retried.add(job.id)
                await store.retry_job(job, not_before=clock.time(), error="transient")
            else:
                await store.complete_job(job)


async def produce(stores: list[Store], events: list[InboundRecord]) -> None:
    """Accept events in small concurrent bursts while the claimers already run, so jobs of a
    ticket are inserted by racing transactions."""
    for start in range(0, len(events), 6):
        burst = events[start : start + 6]
        await asyncio.gather(*(stores[i % 2].accept_event(ev) for i, ev in enumerate(burst)))


async def test_concurrent_claimers_never_run_two_jobs_of_a_ticket_and_keep_id_order(
    backend: Backend, clock: FakeClock
) -> None:
    stores = [backend.make(clock), backend.make(clock)]
    for store in stores:
        await store.open()
    try:
        events = [
            record(f"e{n}-{t}", str(t)) for n in range(EVENTS_PER_TICKET) for t in range(TICKETS)
        ]
        run = Run(total=len(events))
        claimers = [
            claimer(store, f"w{s}-{c}", run, clock, seed=s * 100 + c)
            for s, store in enumerate(stores)
            for c in range(CLAIMERS_PER_STORE)
        ]
        await asyncio.wait_for(asyncio.gather(produce(stores, events), *claimers), timeout=60)
    finally:
        for store in stores:
            await store.close()

    assert run.violations == []
    assert run.retried, "the schedule should have retried some first attempts"
    assert len(run.finished) == TICKETS
    for key, ids in run.finished.items():
        assert ids == sorted(ids), f"{key} finished out of id order: {ids}"
        assert len(ids) == EVENTS_PER_TICKET
