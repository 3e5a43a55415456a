"""``PostgresStore``: the scale-out backend of :class:`~.base.Store`.

Any number of processes share one database: claims use ``FOR UPDATE SKIP LOCKED`` with the
head-of-line predicate (:mod:`.postgres_sql`), throttles are rows every replica reads, and
``LISTEN``/``NOTIFY`` wakes idle workers (:mod:`.postgres_wake`). The pool, opening and the
statement plumbing are in :mod:`.postgres_pool`; accepted events are committed in groups
(:mod:`.postgres_accept`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from ..models import CreditRecord
from . import postgres_reads as reads
from . import postgres_sql as sql
from .base import Accepted, Completion, InboundRecord, Job, LedgerEntry, PluginHealth, StoreStats
from .health import check_plugin_state, postgres_plugin_health, postgres_record_plugin_health
from .postgres_accept import AcceptGroups
from .postgres_pool import PostgresConnections
from .rows import (
    check_status,
    credit_params,
    evaluate_job,
    job_from_row,
    job_params,
    ledger_params,
    received_entry,
    requeued_entry,
    stale_lease,
)

__all__ = ["PostgresStore"]

_NOTHING = Completion()
_JOB_NAMES = "kind account ordering_key dedupe_key payload available_at created_at updated_at"


class PostgresStore(PostgresConnections):
    """The store in one PostgreSQL database (see :class:`.postgres_pool.PostgresConnections`
    for ``timeout`` and the pool sizes)."""

    url_scheme = "postgresql"

    @cached_property
    def _accepts(self) -> AcceptGroups:
        return AcceptGroups(self._accept_one, self._accept_group)

    # -- ingress ---------------------------------------------------------------------------
    async def accept_event(self, record: InboundRecord) -> Accepted:
        """See :meth:`.base.Store.accept_event`; committed before returning, in one
        transaction with the events that arrived while the previous group was committing."""
        new = await self._accepts.submit(self._accept_params(record))
        if new:
            self._woke()
        return Accepted.NEW if new else Accepted.DUPLICATE

    def _accept_params(self, record: InboundRecord) -> dict[str, Any]:
        now = self._clock.time()
        job = dict(zip(_JOB_NAMES.split(), job_params(evaluate_job(record), now), strict=True))
        received = ledger_params(received_entry(record), now)
        return {
            **job,
            "source": record.source,
            "event_key": record.event_key,
            "ticket_id": record.ticket_id,
            "requester_id": record.requester_id,
            "event_kind": record.kind,
            "now": now,
            "body_sha256": record.body_sha256,
            "detail": received[7],
        }

    async def _accept_one(self, params: dict[str, Any]) -> bool:
        """One event in its own statement (autocommit); whether it was new."""
        async with self._statement("accept_event") as conn:
            cur = await conn.execute(sql.ACCEPT, params)
            return await cur.fetchone() is not None

    async def _accept_group(self, group: Sequence[dict[str, Any]]) -> list[bool]:
        """Several events in one transaction, one pipeline of statements; whether each was
        new. Their ticket locks are taken in key order, as every transaction here takes them,
        so two groups cannot deadlock; events of one ticket keep their order."""
        order = sorted(range(len(group)), key=lambda i: group[i]["ordering_key"])
        new = [False] * len(group)
        async with self._transaction("accept_event") as conn, conn.cursor() as cur:
            await cur.executemany(sql.ACCEPT, [group[i] for i in order], returning=True)
            for i in order:
                new[i] = await cur.fetchone() is not None
                cur.nextset()
        return new

    # -- workers ---------------------------------------------------------------------------
    async def claim_jobs(
        self, owner: str, *, limit: int, lease_seconds: float, kinds: Sequence[str] | None = None
    ) -> list[Job]:
        """See :meth:`.base.Store.claim_jobs`."""
        if limit <= 0:
            return []
        now = self._clock.time()
        params = {
            "owner": owner,
            "now": now,
            "lease_until": now + lease_seconds,
            "limit": limit,
            "kinds": None if kinds is None else list(kinds),
        }
        async with self._statement("claim_jobs") as conn:
            cur = await conn.execute(sql.CLAIM, params)
            rows = await cur.fetchall()
        return sorted((job_from_row(row) for row in rows), key=lambda j: j.id)

    async def extend_leases(self, job_ids: Sequence[int], owner: str, lease_seconds: float) -> None:
        """See :meth:`.base.Store.extend_leases`."""
        if job_ids:
            until = self._clock.time() + lease_seconds
            async with self._statement("extend_leases") as conn:
                await conn.execute(
                    sql.EXTEND, {"ids": list(job_ids), "owner": owner, "until": until}
                )

    async def complete_job(self, job: Job, completion: Completion = _NOTHING) -> None:
        """See :meth:`.base.Store.complete_job`."""
        now = self._clock.time()
        fence = {"id": job.id, "owner": job.lease_owner, "attempts": job.attempts, "now": now}
        async with self._transaction("complete_job") as conn:
            then = completion.then
            if then is None:
                cur = await conn.execute(sql.COMPLETE, fence)
            else:
                kind, _account, _key, dedupe_key, payload, available_at, _c, _u = job_params(
                    then, now
                )
                cur = await conn.execute(
                    sql.CONTINUE,
                    {
                        **fence,
                        "kind": kind,
                        "dedupe_key": dedupe_key,
                        "payload": payload,
                        "available_at": available_at,
                    },
                )
            if cur.rowcount != 1:
                raise stale_lease(job)
            await self._insert_jobs(conn, [job_params(new, now) for new in completion.new_jobs])
            await self._insert_ledger(
                conn, [ledger_params(entry, now, job.id) for entry in completion.ledger]
            )
            if completion.credits:
                async with conn.cursor() as credits:
                    await credits.executemany(
                        sql.INSERT_CREDIT,
                        [credit_params(credit, job.account) for credit in completion.credits],
                    )
        self._woke()

    async def retry_job(
        self,
        job: Job,
        *,
        not_before: float,
        error: str,
        count_attempt: bool = True,
        ledger: Sequence[LedgerEntry] = (),
    ) -> None:
        """See :meth:`.base.Store.retry_job`; a stale lease raises :class:`StoreError`."""
        params = {"not_before": not_before, "error": error, "refund": 0 if count_attempt else 1}
        await self._finish("retry_job", sql.RETRY, job, params, ledger)

    async def dead_letter(
        self, job: Job, *, error: str, ledger: Sequence[LedgerEntry] = ()
    ) -> None:
        """See :meth:`.base.Store.dead_letter`; a stale lease raises :class:`StoreError`."""
        await self._finish("dead_letter", sql.DEAD_LETTER, job, {"error": error}, ledger)

    async def throttle_account(self, account: str, *, until: float, reason: str) -> None:
        """See :meth:`.base.Store.throttle_account`."""
        async with self._statement("throttle_account") as conn:
            await conn.execute(sql.THROTTLE, (account, until, reason))

    async def throttled_until(self, account: str) -> float | None:
        """See :meth:`.base.Store.throttled_until`."""
        async with self._statement("throttled_until") as conn:
            return await reads.throttled_until(conn, account, self._clock.time())

    async def reclaim_expired_leases(self) -> int:
        """See :meth:`.base.Store.reclaim_expired_leases`."""
        async with self._statement("reclaim_expired_leases") as conn:
            cur = await conn.execute(sql.RECLAIM, {"now": self._clock.time()})
            count = cur.rowcount
        if count:
            self._woke()
        return count

    # -- what rules need -------------------------------------------------------------------
    async def recent_tickets(
        self, account: str, requester_id: str, since: float
    ) -> list[tuple[str, float]]:
        """See :meth:`.base.Store.recent_tickets`; answered from the inbox."""
        async with self._statement("recent_tickets") as conn:
            return await reads.recent_tickets(conn, account, requester_id, since)

    async def credits_since(self, customer_key: str, since: float) -> list[CreditRecord]:
        """See :meth:`.base.Store.credits_since`."""
        async with self._statement("credits_since") as conn:
            return await reads.credits_since(conn, customer_key, since)

    # -- ledger and operations -------------------------------------------------------------
    async def append_ledger(self, entries: Sequence[LedgerEntry]) -> None:
        """See :meth:`.base.Store.append_ledger`."""
        if entries:
            now = self._clock.time()
            async with self._transaction("append_ledger") as conn:
                await self._insert_ledger(conn, [ledger_params(e, now) for e in entries])

    async def ledger_for_ticket(
        self, ticket_id: str, *, account: str | None = None, limit: int = 500
    ) -> list[LedgerEntry]:
        """See :meth:`.base.Store.ledger_for_ticket`."""
        async with self._statement("ledger_for_ticket") as conn:
            return await reads.ledger_for_ticket(conn, ticket_id, account, limit)

    async def get_job(self, job_id: int) -> Job | None:
        """See :meth:`.base.Store.get_job`."""
        async with self._statement("get_job") as conn:
            return await reads.get_job(conn, job_id)

    async def list_jobs(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        account: str | None = None,
        ordering_key: str | None = None,
        limit: int = 100,
    ) -> list[Job]:
        """See :meth:`.base.Store.list_jobs`."""
        check_status(status)
        async with self._statement("list_jobs") as conn:
            return await reads.list_jobs(conn, status, kind, account, ordering_key, limit)

    async def requeue(self, job_ids: Sequence[int]) -> int:
        """See :meth:`.base.Store.requeue`. A requeued job keeps its id, so it runs before the
        newer pending jobs of its ticket."""
        if not job_ids:
            return 0
        now = self._clock.time()
        async with self._transaction("requeue") as conn:
            cur = await conn.execute(sql.REQUEUE, {"now": now, "ids": list(job_ids)})
            rows = await cur.fetchall()
            entries = [requeued_entry(*row) for row in rows]
            await self._insert_ledger(conn, [ledger_params(e, now) for e in entries])
        if rows:
            self._woke()
        return len(rows)

    async def stats(self) -> StoreStats:
        """See :meth:`.base.Store.stats`."""
        async with self._transaction("stats") as conn:
            await conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return await reads.stats(conn, self._clock.time())

    async def record_plugin_health(self, name: str, state: str, error: str | None) -> None:
        """See :meth:`.base.Store.record_plugin_health`."""
        check_plugin_state(state)
        async with self._statement("record_plugin_health") as conn:
            await postgres_record_plugin_health(conn, name, state, error, self._clock.time())

    async def plugin_health(self) -> dict[str, PluginHealth]:
        """See :meth:`.base.Store.plugin_health`."""
        async with self._statement("plugin_health") as conn:
            return await postgres_plugin_health(conn)

    async def purge(
        self, *, done_before: float, inbox_before: float, ledger_before: float | None = None
    ) -> dict[str, int]:
        """See :meth:`.base.Store.purge`; also drops throttles that have lapsed."""
        statements = {
            "jobs": ("DELETE FROM jobs WHERE status = 'done' AND updated_at < %s", done_before),
            "inbox": ("DELETE FROM inbox WHERE received_at < %s", inbox_before),
            "ledger": ("DELETE FROM ledger WHERE at < %s", ledger_before),
            "throttles": ("DELETE FROM throttles WHERE not_before < %s", self._clock.time()),
        }
        counts = dict.fromkeys(statements, 0)
        async with self._transaction("purge") as conn:
            for table, (statement, limit) in statements.items():
                if limit is not None:
                    counts[table] = (await conn.execute(statement, (limit,))).rowcount
        return counts
