"""``SqliteStore``: the embedded default backend of :class:`~.base.Store`.

One process owns the database file. Every state change goes through one writer thread that
group-commits (:mod:`.sqlite_writer`); reads run on read-only connections beside it (WAL). Workers
in the same process are woken by an :class:`asyncio.Event` set after commits that may have made
work runnable; a second process on the same file is safe (``BEGIN IMMEDIATE`` serialises the
writers) but is only woken by its own ``wait_for_work`` timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from ..clock import Clock, SystemClock
from ..errors import ConfigError, StoreError
from ..models import CreditRecord
from . import sqlite_ops as ops
from . import sqlite_reads as reads
from .base import Accepted, Completion, InboundRecord, Job, LedgerEntry, PluginHealth, StoreStats
from .health import check_plugin_state, sqlite_plugin_health, sqlite_record_plugin_health
from .rows import (
    check_status,
    credit_params,
    evaluate_job,
    job_params,
    ledger_params,
    received_entry,
)
from .sqlite_connect import SYNCHRONOUS_MODES, ReaderPool, connect_writer, migrate
from .sqlite_errors import translate
from .sqlite_writer import SqliteWriter

__all__ = ["SqliteStore"]

T = TypeVar("T")

_NOTHING = Completion()


class SqliteStore:
    """The store in one SQLite file. ``synchronous`` is ``"FULL"`` (default: an acknowledged
    event survives power loss) or ``"NORMAL"`` (survives a process crash only);
    ``busy_timeout`` is how long a write waits for another process's lock, in seconds."""

    url_scheme = "sqlite"

    def __init__(
        self,
        path: str,
        clock: Clock | None = None,
        synchronous: str = "FULL",
        *,
        busy_timeout: float = 5.0,
    ) -> None:
        mode = synchronous.upper()
        if mode not in SYNCHRONOUS_MODES:
            raise ConfigError(
                "HL_DATABASE_URL",
                f"synchronous={synchronous} is not a SQLite synchronous mode",
                "use ?synchronous=FULL (the default, durable across power loss) or NORMAL",
            )
        if not path or path == ":memory:" or path.startswith("file:"):
            raise ConfigError(
                "HL_DATABASE_URL",
                f"SQLite path {path!r} is not a file on disk",
                "give a file path such as sqlite:///var/lib/helpdesk-loyalty/state.db; an "
                "in-memory database would lose acknowledged events on restart",
            )
        self.path = path
        self.synchronous = mode
        self.busy_timeout = busy_timeout
        self._clock: Clock = clock or SystemClock()
        self._writer: SqliteWriter | None = None
        self._readers: ReaderPool | None = None
        self._wake = asyncio.Event()
        self.schema_version = 0

    # -- lifecycle -------------------------------------------------------------------------
    async def open(self) -> None:
        """Open the file (creating it), switch to WAL, migrate, start the writer thread."""
        if self._writer is not None:
            return
        now = self._clock.time()

        def setup() -> tuple[sqlite3.Connection, int]:
            conn = connect_writer(self.path, self.synchronous, self.busy_timeout)
            try:
                return conn, migrate(conn, now)
            except BaseException:
                conn.close()
                raise

        try:
            conn, self.schema_version = await asyncio.to_thread(setup)
        except sqlite3.Error as exc:
            raise translate(exc, f"open of {self.path}") from exc
        self._writer = SqliteWriter(conn)
        self._writer.start()
        self._readers = ReaderPool(self.path, self.busy_timeout)
        self._wake.set()  # work may be left from before a restart

    async def close(self) -> None:
        """Commit what is queued, stop the writer, close every connection. Idempotent."""
        writer, readers = self._writer, self._readers
        self._writer = self._readers = None
        if writer is not None:
            await writer.stop()
            await asyncio.to_thread(writer.close_connection)
        if readers is not None:
            await asyncio.to_thread(readers.close)

    async def ping(self) -> None:
        """Take and release the write lock once."""
        await self._write(lambda conn: None)

    # -- plumbing --------------------------------------------------------------------------
    async def _write(self, op: Callable[[sqlite3.Connection], T], *, wakes: bool = False) -> T:
        """Run ``op`` in the next group commit. ``wakes``: the commit may have made a job
        runnable (a new, retried or requeued job, or a ticket freed by a finished one)."""
        if self._writer is None:
            raise StoreError("the SQLite store is not open; call open() first")
        result = await self._writer.submit(op)
        if wakes:
            self._wake.set()
        return result

    async def _read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        readers = self._readers
        if readers is None:
            raise StoreError("the SQLite store is not open; call open() first")
        try:
            return await asyncio.to_thread(readers.run, query)
        except sqlite3.Error as exc:
            raise translate(exc, "read") from exc

    # -- ingress ---------------------------------------------------------------------------
    async def accept_event(self, record: InboundRecord) -> Accepted:
        """See :meth:`.base.Store.accept_event`; one savepoint in the next group commit."""
        now = self._clock.time()
        inbox = (
            record.source,
            record.event_key,
            record.account,
            record.ticket_id,
            record.requester_id,
            record.kind,
            now,
            record.body_sha256,
        )
        op = partial(
            ops.accept,
            inbox=inbox,
            job=job_params(evaluate_job(record), now),
            received=ledger_params(received_entry(record), now),
        )
        new = await self._write(op)
        if new:
            self._wake.set()
        return Accepted.NEW if new else Accepted.DUPLICATE

    # -- workers ---------------------------------------------------------------------------
    async def claim_jobs(
        self, owner: str, *, limit: int, lease_seconds: float, kinds: Sequence[str] | None = None
    ) -> list[Job]:
        """See :meth:`.base.Store.claim_jobs`."""
        if limit <= 0:
            return []
        op = partial(
            ops.claim,
            owner=owner,
            now=self._clock.time(),
            limit=limit,
            lease=lease_seconds,
            kinds=kinds,
        )
        return await self._write(op)

    async def extend_leases(self, job_ids: Sequence[int], owner: str, lease_seconds: float) -> None:
        """See :meth:`.base.Store.extend_leases`."""
        if job_ids:
            until = self._clock.time() + lease_seconds
            await self._write(partial(ops.extend, ids=job_ids, owner=owner, until=until))

    async def complete_job(self, job: Job, completion: Completion = _NOTHING) -> None:
        """See :meth:`.base.Store.complete_job`."""
        now = self._clock.time()
        op = partial(
            ops.complete,
            job=job,
            now=now,
            new_jobs=[job_params(new, now) for new in completion.new_jobs],
            ledger=[ledger_params(entry, now, job.id) for entry in completion.ledger],
            credits=[credit_params(credit, job.account) for credit in completion.credits],
            then=job_params(completion.then, now) if completion.then is not None else None,
        )
        await self._write(op, wakes=True)

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
        now = self._clock.time()
        op = partial(
            ops.retry,
            job=job,
            now=now,
            not_before=not_before,
            error=error,
            count_attempt=count_attempt,
            ledger=[ledger_params(entry, now, job.id) for entry in ledger],
        )
        await self._write(op, wakes=True)

    async def dead_letter(
        self, job: Job, *, error: str, ledger: Sequence[LedgerEntry] = ()
    ) -> None:
        """See :meth:`.base.Store.dead_letter`; a stale lease raises :class:`StoreError`."""
        now = self._clock.time()
        op = partial(
            ops.dead_letter,
            job=job,
            now=now,
            error=error,
            ledger=[ledger_params(entry, now, job.id) for entry in ledger],
        )
        await self._write(op, wakes=True)

    async def throttle_account(self, account: str, *, until: float, reason: str) -> None:
        """See :meth:`.base.Store.throttle_account`."""
        await self._write(partial(ops.throttle, account=account, until=until, reason=reason))

    async def throttled_until(self, account: str) -> float | None:
        """See :meth:`.base.Store.throttled_until`."""
        return await self._read(
            partial(reads.throttled_until, account=account, now=self._clock.time())
        )

    async def wait_for_work(self, timeout: float) -> None:
        """Return at once if a commit made work runnable since the last call, else when one
        does or after ``timeout`` seconds of real time."""
        if not self._wake.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
        self._wake.clear()

    async def reclaim_expired_leases(self) -> int:
        """See :meth:`.base.Store.reclaim_expired_leases`."""
        count = await self._write(partial(ops.reclaim, now=self._clock.time()))
        if count:
            self._wake.set()
        return count

    # -- what rules need -------------------------------------------------------------------
    async def recent_tickets(
        self, account: str, requester_id: str, since: float
    ) -> list[tuple[str, float]]:
        """See :meth:`.base.Store.recent_tickets`; answered from the inbox."""
        return await self._read(
            partial(reads.recent_tickets, account=account, requester_id=requester_id, since=since)
        )

    async def credits_since(self, customer_key: str, since: float) -> list[CreditRecord]:
        """See :meth:`.base.Store.credits_since`."""
        return await self._read(
            partial(reads.credits_since, customer_key=customer_key, since=since)
        )

    # -- ledger and operations -------------------------------------------------------------
    async def append_ledger(self, entries: Sequence[LedgerEntry]) -> None:
        """See :meth:`.base.Store.append_ledger`."""
        if entries:
            now = self._clock.time()
            rows = [ledger_params(entry, now) for entry in entries]
            await self._write(partial(ops.append_ledger, rows=rows))

    async def ledger_for_ticket(
        self, ticket_id: str, *, account: str | None = None, limit: int = 500
    ) -> list[LedgerEntry]:
        """See :meth:`.base.Store.ledger_for_ticket`."""
        return await self._read(
            partial(reads.ledger_for_ticket, ticket_id=ticket_id, account=account, limit=limit)
        )

    async def get_job(self, job_id: int) -> Job | None:
        """See :meth:`.base.Store.get_job`."""
        return await self._read(partial(reads.get_job, job_id=job_id))

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
        return await self._read(
            partial(
                reads.list_jobs,
                status=status,
                kind=kind,
                account=account,
                ordering_key=ordering_key,
                limit=limit,
            )
        )

    async def requeue(self, job_ids: Sequence[int]) -> int:
        """See :meth:`.base.Store.requeue`. A requeued job keeps its id, so it runs before the
        newer pending jobs of its ticket."""
        if not job_ids:
            return 0
        op = partial(ops.requeue, ids=job_ids, now=self._clock.time())
        count = await self._write(op)
        if count:
            self._wake.set()
        return count

    async def stats(self) -> StoreStats:
        """See :meth:`.base.Store.stats`."""
        return await self._read(partial(reads.stats, now=self._clock.time()))

    async def record_plugin_health(self, name: str, state: str, error: str | None) -> None:
        """See :meth:`.base.Store.record_plugin_health`."""
        check_plugin_state(state)
        at = self._clock.time()
        await self._write(
            partial(sqlite_record_plugin_health, name=name, state=state, error=error, at=at)
        )

    async def plugin_health(self) -> dict[str, PluginHealth]:
        """See :meth:`.base.Store.plugin_health`."""
        return await self._read(sqlite_plugin_health)

    async def purge(
        self, *, done_before: float, inbox_before: float, ledger_before: float | None = None
    ) -> dict[str, int]:
        """See :meth:`.base.Store.purge`; also drops throttles that have lapsed."""
        op = partial(
            ops.purge,
            now=self._clock.time(),
            done_before=done_before,
            inbox_before=inbox_before,
            ledger_before=ledger_before,
        )
        return await self._write(op)
