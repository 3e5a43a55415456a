"""Store contract, part 2: claiming, per-ticket order, leases, retries, throttles, dead letters.

Every test runs against each backend (see ``conftest.backend``).
"""

from __future__ import annotations

import asyncio

import pytest
from storekit import (
    ACCOUNT,
    OTHER_ACCOUNT,
    accept_all,
    claim,
    claim_one,
    entry,
    new_job,
    record,
)

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import StoreError
from helpdesk_loyalty.models import CreditRecord
from helpdesk_loyalty.store import Completion, Job, Store

pytestmark = pytest.mark.anyio


def keys(jobs: list[Job]) -> list[str]:
    return [job.dedupe_key for job in jobs]


async def test_claims_are_oldest_first_one_per_ticket_and_leased(
    store: Store, clock: FakeClock
) -> None:
    await accept_all(
        store,
        record("a1", "1"),
        record("a2", "1"),
        record("b1", "2"),
        record("c1", "3"),
        record("b2", "2"),
    )

    jobs = await claim(store, "w1", limit=10, lease=30)
    assert keys(jobs) == ["zendesk/a1", "zendesk/b1", "zendesk/c1"]
    for job in jobs:
        assert (job.status, job.attempts, job.lease_owner) == ("running", 1, "w1")
        assert job.lease_until == clock.time() + 30
        assert job.first_try_at == clock.time()
    assert await claim(store, "w2") == []  # every ticket has a running job


async def test_limit_takes_the_oldest_runnable_jobs(store: Store) -> None:
    await accept_all(store, *(record(f"e{i}", str(i)) for i in range(5)))
    assert keys(await claim(store, limit=2)) == ["zendesk/e0", "zendesk/e1"]
    assert keys(await claim(store, limit=2)) == ["zendesk/e2", "zendesk/e3"]
    assert await claim(store, limit=0) == []


async def test_kinds_filter_claims_only_those_kinds(store: Store) -> None:
    await accept_all(store, record("a1", "1"), record("b1", "2"))
    job = await claim_one(store, kinds=["evaluate"])
    await store.complete_job(job, Completion(new_jobs=[new_job("w-a", "1")]))
    assert keys(await claim(store, kinds=["write", "follow_up"])) == ["w-a"]
    assert keys(await claim(store, kinds=["evaluate"])) == ["zendesk/b1"]


async def test_a_job_waiting_for_its_retry_blocks_its_ticket_but_not_others(
    store: Store, clock: FakeClock
) -> None:
    await accept_all(store, record("a1", "1"), record("a2", "1"), record("b1", "2"))
    first, other = await claim(store)
    assert keys([first, other]) == ["zendesk/a1", "zendesk/b1"]

    await store.retry_job(
        first,
        not_before=clock.time() + 60,
        error="HTTP 503",
        ledger=[entry("write_retry", "1", status=503)],
    )
    await store.complete_job(other)
    await store.accept_event(record("b2", "2"))
    assert keys(await claim(store)) == ["zendesk/b2"]  # ticket 1 waits behind a1

    clock.advance(59)
    assert await claim(store) == []
    clock.advance(1)
    [again] = await claim(store)
    assert again.id == first.id and again.attempts == 2 and again.last_error == "HTTP 503"
    assert again.first_try_at == first.first_try_at
    await store.complete_job(again)
    assert keys(await claim(store)) == ["zendesk/a2"]
    ledger = await store.ledger_for_ticket("1")
    assert [(r.what, r.job_id) for r in ledger][-1] == ("write_retry", first.id)


async def test_a_job_scheduled_for_later_is_not_claimed_before_its_time(
    store: Store, clock: FakeClock
) -> None:
    await store.accept_event(record("a1", "1"))
    later = clock.time() + 3600
    job = await claim_one(store)
    await store.complete_job(
        job, Completion(new_jobs=[new_job("follow-up", "1", kind="follow_up", available_at=later)])
    )
    await store.accept_event(record("b1", "2"))

    assert keys(await claim(store)) == ["zendesk/b1"]
    clock.advance(3599)
    assert await claim(store) == []
    clock.advance(1)
    assert keys(await claim(store)) == ["follow-up"]


async def test_a_throttle_pauses_only_its_account_until_it_passes(
    store: Store, clock: FakeClock
) -> None:
    await accept_all(
        store, record("a1", "1"), record("a2", "2"), record("g1", "1", account=OTHER_ACCOUNT)
    )
    until = clock.time() + 120
    await store.throttle_account(ACCOUNT, until=until, reason="429 Retry-After 120")
    await store.throttle_account(ACCOUNT, until=until - 60, reason="an earlier, shorter one")

    assert await store.throttled_until(ACCOUNT) == until
    assert await store.throttled_until(OTHER_ACCOUNT) is None
    assert keys(await claim(store)) == ["zendesk/g1"]
    clock.advance(119)
    assert await claim(store) == []
    assert (await store.stats()).throttled_accounts == {ACCOUNT: until}
    clock.advance(1)
    assert await store.throttled_until(ACCOUNT) is None
    assert keys(await claim(store)) == ["zendesk/a1", "zendesk/a2"]


async def test_a_429_retry_gives_the_attempt_back(store: Store, clock: FakeClock) -> None:
    await store.accept_event(record("a1"))
    job = await claim_one(store)
    await store.retry_job(job, not_before=clock.time(), error="429", count_attempt=False)
    refunded = await store.get_job(job.id)
    assert refunded is not None and (refunded.status, refunded.attempts) == ("pending", 0)
    assert refunded.lease_owner is None and refunded.lease_until is None

    job = await claim_one(store)
    assert job.attempts == 1
    await store.retry_job(job, not_before=clock.time(), error="503")
    counted = await claim_one(store)
    assert counted.attempts == 2


async def test_expired_leases_are_reclaimed_and_the_job_stays_first_in_line(
    store: Store, clock: FakeClock
) -> None:
    await accept_all(store, record("a1", "1"), record("a2", "1"))
    job = await claim_one(store, "w1", lease=30)
    clock.advance(29)
    assert await store.reclaim_expired_leases() == 0
    await store.extend_leases([job.id], "w1", 30)
    await store.extend_leases([job.id], "someone-else", 1)  # not theirs: no effect
    clock.advance(29)
    assert await store.reclaim_expired_leases() == 0
    clock.advance(2)
    assert await store.reclaim_expired_leases() == 1

    again = await claim_one(store, "w2")
    assert (again.id, again.attempts, again.lease_owner) == (job.id, 2, "w2")
    assert await claim(store, "w3") == []


async def test_finishing_a_job_whose_lease_was_taken_over_raises_and_writes_nothing(
    store: Store, clock: FakeClock
) -> None:
    await accept_all(store, record("a1", "1"), record("a2", "1"))
    stale = await claim_one(store, "w1", lease=30)
    clock.advance(31)
    await store.reclaim_expired_leases()
    current = await claim_one(store, "w2", lease=30)
    before = await store.ledger_for_ticket("1")
    completion = Completion(
        new_jobs=[new_job("w-stale", "1")],
        ledger=[entry("decided", "1")],
        credits=[CreditRecord("cust", 5.0, "EUR", clock.now(), "1", "d1")],
    )

    with pytest.raises(StoreError, match="no longer leased"):
        await store.complete_job(stale, completion)
    with pytest.raises(StoreError, match="no longer leased"):
        await store.retry_job(stale, not_before=clock.time(), error="x", ledger=[entry("x")])
    with pytest.raises(StoreError, match="no longer leased"):
        await store.dead_letter(stale, error="x", ledger=[entry("x")])

    assert await store.ledger_for_ticket("1") == before
    assert await store.credits_since("cust", 0) == []
    assert keys(await store.list_jobs()) == ["zendesk/a2", "zendesk/a1"]
    still = await store.get_job(current.id)
    assert still is not None and (still.status, still.lease_owner) == ("running", "w2")
    await store.complete_job(current, completion)
    assert "w-stale" in keys(await store.list_jobs())


async def test_one_failing_operation_does_not_fail_the_others_committed_with_it(
    store: Store, clock: FakeClock
) -> None:
    await store.accept_event(record("a1", "1"))
    stale = await claim_one(store, "w1", lease=1)
    clock.advance(2)
    await store.reclaim_expired_leases()
    results = await asyncio.gather(
        *(store.accept_event(record(f"b{i}", str(i))) for i in range(20)),
        store.complete_job(stale),
        *(store.accept_event(record(f"c{i}", str(i))) for i in range(20)),
        return_exceptions=True,
    )
    assert isinstance(results[20], StoreError)
    assert all(not isinstance(r, BaseException) for i, r in enumerate(results) if i != 20)
    assert (await store.stats()).inbox_events == 41


async def test_complete_inserts_its_jobs_ledger_and_credits_atomically(
    store: Store, clock: FakeClock
) -> None:
    await store.accept_event(record("a1", "1"))
    job = await claim_one(store)
    await store.complete_job(
        job,
        Completion(
            new_jobs=[new_job("a1#1", "1"), new_job("a1#2", "1", kind="follow_up")],
            ledger=[entry("decided", "1", rules=["vip"]), entry("skipped", "1")],
            credits=[CreditRecord("cust", 12.5, "EUR", clock.now(), "1", "d1")],
        ),
    )

    done = await store.get_job(job.id)
    assert done is not None and done.status == "done" and done.lease_owner is None
    ledger = await store.ledger_for_ticket("1")
    assert [(r.what, r.job_id) for r in ledger] == [
        ("received", job.id),
        ("decided", job.id),
        ("skipped", job.id),
    ]
    assert ledger[1].detail == {"rules": ["vip"]}
    assert [c.amount for c in await store.credits_since("cust", 0)] == [12.5]
    assert keys(await claim(store)) == ["a1#1"]  # new jobs queue behind each other, in order


async def test_a_job_continued_in_place_keeps_its_place_ahead_of_the_tickets_next_event(
    store: Store, clock: FakeClock
) -> None:
    await accept_all(store, record("a1", "1"), record("a2", "1"))
    job = await claim_one(store)
    await store.complete_job(
        job,
        Completion(
            ledger=[entry("decided", "1")],
            then=new_job("write:a1", "1", payload={"update": "for a1"}),
        ),
    )

    continued = await store.get_job(job.id)
    assert continued is not None
    assert (continued.kind, continued.status, continued.attempts) == ("write", "pending", 0)
    assert (continued.dedupe_key, continued.payload) == ("write:a1", {"update": "for a1"})
    assert continued.first_try_at is None and continued.lease_owner is None
    write = await claim_one(store)
    assert write.id == job.id and write.kind == "write"  # before a2's evaluation
    assert await claim(store) == []
    await store.complete_job(write)
    assert keys(await claim(store)) == ["zendesk/a2"]


async def test_a_new_job_whose_dedupe_key_exists_is_ignored(store: Store) -> None:
    await accept_all(store, record("a1", "1"), record("a2", "1"))
    job = await claim_one(store)
    await store.complete_job(job, Completion(new_jobs=[new_job("w1", "1", payload={"v": 1})]))
    job = await claim_one(store)
    await store.complete_job(
        job,
        Completion(
            new_jobs=[
                new_job("w1", "1", payload={"v": 2}),
                new_job("zendesk/a1", "1"),
                new_job("w2", "1"),
            ]
        ),
    )

    jobs = await store.list_jobs()
    assert keys(jobs) == ["w2", "w1", "zendesk/a2", "zendesk/a1"]
    assert jobs[1].payload == {"v": 1}


async def test_a_dead_job_stops_blocking_its_ticket_and_can_be_requeued(
    store: Store, clock: FakeClock
) -> None:
    await accept_all(store, record("a1", "1"), record("a2", "1"), record("a3", "1"))
    job = await claim_one(store)
    await store.retry_job(job, not_before=clock.time(), error="503")
    job = await claim_one(store)
    await store.dead_letter(job, error="404 ticket deleted", ledger=[entry("dead", "1")])

    dead = await store.get_job(job.id)
    assert dead is not None and (dead.status, dead.last_error, dead.attempts) == (
        "dead",
        "404 ticket deleted",
        2,
    )
    second = await claim_one(store)
    assert second.dedupe_key == "zendesk/a2"

    clock.advance(10)
    assert await store.requeue([job.id, second.id, 9999]) == 1  # only dead jobs move
    back = await store.get_job(job.id)
    assert back is not None and (back.status, back.attempts, back.first_try_at) == (
        "pending",
        0,
        None,
    )
    assert back.available_at == clock.time()
    assert await claim(store) == []  # a2 is still running: the ticket waits for it
    await store.complete_job(second)
    again = await claim_one(store)
    assert (again.id, again.attempts) == (job.id, 1)  # it kept its place before a3
    ledger = await store.ledger_for_ticket("1")
    assert [(r.what, r.job_id) for r in ledger[-2:]] == [("dead", job.id), ("requeued", job.id)]
    assert ledger[-1].account == ACCOUNT and ledger[-1].at == clock.time()
    assert await store.requeue([]) == 0
