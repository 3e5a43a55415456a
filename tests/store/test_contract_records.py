"""Store contract, part 1: the inbox, the ledger, credits, inspection, purge and restart.

Every test runs against each backend (see ``conftest.backend``).
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import anyio
import anyio.lowlevel
import pytest
from storekit import ACCOUNT, OTHER_ACCOUNT, Backend, claim, claim_one, entry, new_job, record

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import StoreError
from helpdesk_loyalty.models import CreditRecord, freeze
from helpdesk_loyalty.store import Accepted, Completion, LedgerEntry, Store
from helpdesk_loyalty.store.base import RECENT_EVENTS_READ

pytestmark = pytest.mark.anyio


async def test_a_new_event_is_stored_with_its_evaluate_job_and_a_received_row(
    store: Store, clock: FakeClock
) -> None:
    payload = {"event_id": "e1", "nested": {"tags": ["vip", "é"], "n": 1.5}, "none": None}
    assert await store.accept_event(record("e1", "42", payload=payload)) is Accepted.NEW

    [job] = await store.list_jobs()
    assert (job.kind, job.status, job.attempts) == ("evaluate", "pending", 0)
    assert job.account == ACCOUNT
    assert job.ordering_key == f"{ACCOUNT}:42"
    assert job.dedupe_key == "zendesk/e1"
    assert dict(job.payload) == payload
    assert job.available_at == job.created_at == clock.time()
    [row] = await store.ledger_for_ticket("42")
    assert (row.what, row.event_key, row.job_id, row.at) == ("received", "e1", job.id, clock.time())
    assert (await store.stats()).inbox_events == 1


async def test_a_nul_character_in_stored_json_comes_back_as_a_replacement_character(
    store: Store,
) -> None:
    # Customer text can carry U+0000, which PostgreSQL's jsonb refuses; both backends keep
    # U+FFFD instead, and an escaped backslash followed by "u0000" stays as it was.
    payload = {"comment": "charged\x00twice", "literal": "C:\\u0000"}
    assert await store.accept_event(record("e1", "7", payload=payload)) is Accepted.NEW
    await store.append_ledger(
        [LedgerEntry(what="note", account=ACCOUNT, ticket_id="7", detail={"quote": "\x00x"})]
    )
    [job] = await store.list_jobs()
    assert dict(job.payload) == {"comment": "charged\ufffdtwice", "literal": "C:\\u0000"}
    rows = await store.ledger_for_ticket("7")
    assert [dict(r.detail) for r in rows if r.what == "note"] == [{"quote": "\ufffdx"}]


async def test_a_duplicate_event_is_acknowledged_and_writes_nothing(store: Store) -> None:
    assert await store.accept_event(record("e1")) is Accepted.NEW
    assert await store.accept_event(record("e1", payload={"other": True})) is Accepted.DUPLICATE

    jobs = await store.list_jobs()
    assert len(jobs) == 1
    assert jobs[0].payload["event_id"] == "e1"
    assert len(await store.ledger_for_ticket("1")) == 1
    assert (await store.stats()).inbox_events == 1


async def test_the_same_event_key_from_another_source_is_a_new_event(store: Store) -> None:
    first = record("e1")
    other = dataclasses.replace(first, source="freshdesk")
    assert await store.accept_event(first) is Accepted.NEW
    assert await store.accept_event(other) is Accepted.NEW
    assert len(await store.list_jobs()) == 2


async def test_payloads_that_are_not_json_data_are_refused_before_anything_is_written(
    store: Store,
) -> None:
    with pytest.raises(StoreError, match="not JSON data"):
        await store.accept_event(record("e1", payload={"when": object()}))
    with pytest.raises(StoreError, match="not JSON data"):
        await store.accept_event(record("e2", payload={"ratio": float("nan")}))
    assert await store.list_jobs() == []
    assert await store.accept_event(record("e1", payload=freeze({"ok": (1, 2)}))) is Accepted.NEW
    [job] = await store.list_jobs()
    assert job.payload["ok"] == [1, 2]


async def test_the_ledger_of_a_ticket_reads_oldest_first_and_filters(
    store: Store, clock: FakeClock
) -> None:
    await store.accept_event(record("e1", "7"))
    clock.advance(5)
    await store.append_ledger([entry("decided", "7", rule="vip"), entry("skipped", "8")])
    other = LedgerEntry(what="decided", account=OTHER_ACCOUNT, ticket_id="7", at=1.0)
    await store.append_ledger([other, entry("applied", "7", status=200)])

    rows = await store.ledger_for_ticket("7")
    assert [r.what for r in rows] == ["received", "decided", "decided", "applied"]
    assert [r.id for r in rows] == sorted(r.id for r in rows if r.id is not None)
    assert rows[1].detail == {"rule": "vip"} and rows[1].at == clock.time()
    assert rows[2].at == 1.0  # a given time is kept
    mine = await store.ledger_for_ticket("7", account=ACCOUNT)
    assert [r.what for r in mine] == ["received", "decided", "applied"]
    assert [r.what for r in await store.ledger_for_ticket("7", limit=2)] == ["received", "decided"]
    assert await store.ledger_for_ticket("nope") == []


async def test_recent_tickets_come_from_the_inbox_with_their_first_time_seen(
    store: Store, clock: FakeClock
) -> None:
    t0 = clock.time()
    await store.accept_event(record("a1", "100", requester="u1"))
    clock.advance(3600)
    await store.accept_event(record("b1", "200", requester="u1"))
    await store.accept_event(record("a2", "100", requester="u1"))
    await store.accept_event(record("c1", "300", requester="u2"))
    await store.accept_event(record("d1", "400", requester="u1", account=OTHER_ACCOUNT))
    await store.accept_event(record("e1", "500"))
    clock.advance(10 * 86400)
    await store.accept_event(record("f1", "600", requester="u1"))

    window = await store.recent_tickets(ACCOUNT, "u1", since=t0 + 1800)
    assert window == [("100", t0), ("200", t0 + 3600), ("600", clock.time())]
    assert await store.recent_tickets(ACCOUNT, "u1", since=clock.time()) == [("600", clock.time())]
    assert await store.recent_tickets(ACCOUNT, "nobody", since=t0) == []


async def test_recent_tickets_read_only_the_requesters_newest_events(
    store: Store, clock: FakeClock
) -> None:
    await store.accept_event(record("first", "1", requester="busy"))
    await store.accept_event(record("quiet", "2", requester="quiet"))
    clock.advance(60)
    async with anyio.create_task_group() as group:
        for n in range(RECENT_EVENTS_READ):
            group.start_soon(
                store.accept_event, record(f"n{n}", str(100 + n % 40), requester="busy")
            )
    tickets = await store.recent_tickets(ACCOUNT, "busy", since=0)
    # Ticket 1's only event is older than the newest RECENT_EVENTS_READ: it is not read.
    assert [t for t, _ in tickets] == [str(100 + n) for n in range(40)]
    assert {first for _, first in tickets} == {clock.time()}
    assert await store.recent_tickets(ACCOUNT, "quiet", since=0) == [("2", clock.time() - 60)]


async def test_credits_are_written_with_the_completion_and_read_newest_first(
    store: Store, clock: FakeClock
) -> None:
    def credit(amount: float, days_ago: float, customer: str = "cust-1") -> CreditRecord:
        at = clock.now() - timedelta(days=days_ago)
        return CreditRecord(customer, amount, "EUR", at, "1", f"d-{amount}")

    await store.accept_event(record("e1"))
    job = await claim_one(store)
    credits = [credit(10.0, 40), credit(5.5, 2), credit(7.25, 1), credit(99.0, 1, "cust-2")]
    await store.complete_job(job, Completion(credits=credits))

    since = clock.time() - 30 * 86400
    found = await store.credits_since("cust-1", since)
    assert [(c.amount, c.decision_id) for c in found] == [(7.25, "d-7.25"), (5.5, "d-5.5")]
    assert found[0].at == credits[2].at and found[0].currency == "EUR"
    assert [c.amount for c in await store.credits_since("cust-2", since)] == [99.0]
    assert await store.credits_since("cust-3", since) == []


async def test_list_and_get_jobs(store: Store) -> None:
    await store.accept_event(record("e1", "1"))
    await store.accept_event(record("e2", "2", account=OTHER_ACCOUNT))
    job = await claim_one(store)
    await store.complete_job(job, Completion(new_jobs=[new_job("w1", "1")]))

    assert [j.dedupe_key for j in await store.list_jobs()] == ["w1", "zendesk/e2", "zendesk/e1"]
    assert [j.dedupe_key for j in await store.list_jobs(status="done")] == ["zendesk/e1"]
    assert [j.dedupe_key for j in await store.list_jobs(kind="write")] == ["w1"]
    assert [j.dedupe_key for j in await store.list_jobs(account=OTHER_ACCOUNT)] == ["zendesk/e2"]
    by_key = await store.list_jobs(ordering_key=f"{ACCOUNT}:1", limit=1)
    assert [j.dedupe_key for j in by_key] == ["w1"]
    fetched = await store.get_job(job.id)
    assert fetched is not None and fetched.status == "done" and fetched.lease_owner is None
    assert await store.get_job(10_000) is None
    with pytest.raises(StoreError, match="unknown job status"):
        await store.list_jobs(status="finished")


async def test_stats_count_what_operations_watch(store: Store, clock: FakeClock) -> None:
    empty = await store.stats()
    assert empty.inbox_events == 0 and empty.oldest_pending_age is None
    assert dict(empty.jobs_by_status) == {"pending": 0, "running": 0, "done": 0, "dead": 0}

    for i in range(4):
        await store.accept_event(record(f"e{i}", str(i)))
        clock.advance(10)
    first, second = await claim(store, limit=2)
    await store.complete_job(first, Completion(new_jobs=[new_job("w1", "0")]))
    await store.dead_letter(second, error="gone")
    await store.throttle_account(OTHER_ACCOUNT, until=clock.time() + 60, reason="429")
    clock.advance(5)

    stats = await store.stats()
    assert stats.inbox_events == 4
    assert dict(stats.jobs_by_status) == {"pending": 3, "running": 0, "done": 1, "dead": 1}
    assert dict(stats.jobs_by_kind) == {"evaluate": 4, "write": 1}
    assert stats.dead_jobs == 1
    assert stats.oldest_pending_age == 25.0  # e2, accepted 20 s after t0; now is t0 + 45
    assert dict(stats.throttled_accounts) == {OTHER_ACCOUNT: clock.time() + 55}
    assert stats.ledger_rows == 4


async def test_purge_deletes_only_what_is_older_than_the_limits(
    store: Store, clock: FakeClock
) -> None:
    await store.accept_event(record("old", "1"))
    await store.complete_job(await claim_one(store))
    await store.accept_event(record("dead", "2"))
    await store.dead_letter(await claim_one(store), error="gone")
    await store.throttle_account(OTHER_ACCOUNT, until=clock.time() + 10, reason="429")
    clock.advance(100)
    cutoff = clock.time()
    await store.accept_event(record("new", "3"))
    await store.complete_job(await claim_one(store))
    await store.accept_event(record("pending", "4"))

    counts = await store.purge(done_before=cutoff, inbox_before=cutoff)
    assert counts == {"jobs": 1, "inbox": 2, "ledger": 0, "throttles": 1}
    left = {j.dedupe_key: j.status for j in await store.list_jobs()}
    assert left == {"zendesk/dead": "dead", "zendesk/new": "done", "zendesk/pending": "pending"}
    assert (await store.stats()).inbox_events == 2
    # A purged inbox row no longer dedupes, but the job it made still does.
    assert await store.accept_event(record("dead", "2")) is Accepted.NEW
    assert len(await store.list_jobs()) == 3

    counts = await store.purge(done_before=0, inbox_before=0, ledger_before=cutoff)
    assert counts["ledger"] == 2 and counts["jobs"] == counts["inbox"] == 0
    assert [r.what for r in await store.ledger_for_ticket("2")] == ["received"]


async def test_everything_survives_close_and_reopen(
    store: Store, backend: Backend, clock: FakeClock
) -> None:
    await store.accept_event(record("e1", "1", requester="u1"))
    await store.accept_event(record("e2", "1"))
    job = await claim_one(store, lease=60)
    await store.complete_job(
        job,
        Completion(
            new_jobs=[new_job("w1", "1")],
            ledger=[entry("decided", "1")],
            credits=[CreditRecord("c1", 5.0, "USD", clock.now(), "1", "d1")],
        ),
    )
    await store.throttle_account(ACCOUNT, until=clock.time() + 30, reason="429")
    running = await claim(store, "w2", lease=600)
    assert running == []  # throttled
    clock.advance(31)
    [running_job] = await claim(store, "w2", lease=600)
    await store.close()
    await store.close()  # idempotent

    reopened = backend.make(clock)
    await reopened.open()
    try:
        assert await reopened.accept_event(record("e1", "1")) is Accepted.DUPLICATE
        jobs = {j.dedupe_key: j for j in await reopened.list_jobs()}
        assert {k: j.status for k, j in jobs.items()} == {
            "zendesk/e1": "done",
            "zendesk/e2": "running",
            "w1": "pending",
        }
        assert jobs["zendesk/e2"].lease_owner == "w2" and jobs["zendesk/e2"].id == running_job.id
        ledger = await reopened.ledger_for_ticket("1")
        assert [r.what for r in ledger] == ["received", "received", "decided"]
        assert [c.amount for c in await reopened.credits_since("c1", 0)] == [5.0]
        assert await reopened.recent_tickets(ACCOUNT, "u1", 0) == [("1", clock.time() - 31)]
        # The running job keeps its lease, and still blocks its ticket, across the restart.
        assert await claim(reopened, "w3") == []
        await reopened.complete_job(running_job)
        assert [j.dedupe_key for j in await claim(reopened, "w3")] == ["w1"]
    finally:
        await reopened.close()


async def test_ping_and_closed_store(store: Store) -> None:
    await store.ping()
    await store.close()
    with pytest.raises(StoreError):
        await store.accept_event(record("e1"))
    with pytest.raises(StoreError):
        await store.list_jobs()


async def test_wait_for_work_returns_when_a_commit_makes_work(store: Store) -> None:
    await store.wait_for_work(0.01)  # consume the wake-up set at open
    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            tg.start_soon(store.wait_for_work, 600)
            await anyio.lowlevel.checkpoint()
            await store.accept_event(record("e1"))
