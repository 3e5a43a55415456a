"""The plumbing under :class:`~.postgres.PostgresStore`: the connection pool, opening (migrate,
then listen for wake-ups), closing, statements and transactions with errors translated, the
wake-up hint, and the shared writes of finishing a job.

Connections come from a ``psycopg_pool`` pool that checks each connection when it is borrowed,
so the store recovers by itself once the server is back; meanwhile every call raises
:class:`~helpdesk_loyalty.errors.StoreUnavailableError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import Any

from ..clock import Clock, SystemClock
from ..errors import ConfigError, StoreError, StoreUnavailableError

try:
    import psycopg
    from psycopg_pool import AsyncConnectionPool
except ImportError as exc:  # the optional dependency: helpdesk-loyalty[postgres]
    raise ConfigError(
        "HL_DATABASE_URL",
        "PostgreSQL support is not installed (psycopg is missing)",
        "pip install 'helpdesk-loyalty[postgres]', or use a sqlite:/// URL",
    ) from exc

from . import postgres_sql as sql
from .base import Job, LedgerEntry
from .postgres_errors import describe, translate
from .postgres_migrate import migrate
from .postgres_wake import CHANNEL, Listener, Notifier
from .rows import JobParams, LedgerParams, ledger_params, stale_lease

__all__ = ["Conn", "PostgresConnections"]

Conn = psycopg.AsyncConnection[Any]


class PostgresConnections:
    """A pool of connections to one PostgreSQL database and the wake-up channel. ``timeout``
    bounds connecting and waiting for a pooled connection (keep it well under the helpdesks'
    ~10 s delivery timeout)."""

    def __init__(
        self,
        url: str,
        clock: Clock | None = None,
        *,
        min_size: int = 2,
        max_size: int = 10,
        timeout: float = 5.0,
    ) -> None:
        self.url = url
        self.where = describe(url)
        self.timeout = timeout
        self.schema_version = 0
        self._sizes = (min_size, max_size)
        self._clock: Clock = clock or SystemClock()
        self._token = uuid.uuid4().hex
        self._pool: AsyncConnectionPool[Conn] | None = None
        self._listener: Listener | None = None
        self._notifier = Notifier(self._notify)
        self._wake = asyncio.Event()
        self._connect_timeout = max(1, math.ceil(timeout))

    # -- lifecycle -------------------------------------------------------------------------
    async def open(self) -> None:
        """Fill the pool, migrate under an advisory lock, start listening for wake-ups."""
        if self._pool is not None:
            return
        pool: AsyncConnectionPool[Conn] = AsyncConnectionPool(
            self.url,
            min_size=self._sizes[0],
            max_size=self._sizes[1],
            open=False,
            timeout=self.timeout,
            check=AsyncConnectionPool.check_connection,
            kwargs={"autocommit": True, "connect_timeout": self._connect_timeout},
            name="helpdesk-loyalty",
        )
        try:
            # Migrating first, on a direct connection, fails fast with the server's own reason
            # when it is unreachable, where the pool would retry until its timeout.
            self.schema_version = await migrate(self.url, self._clock.time(), self._connect_timeout)
            await pool.open(wait=True, timeout=self.timeout)
        except psycopg.Error as exc:
            await pool.close()
            raise translate(exc, "open", self.where, self.url) from exc
        except BaseException:
            await pool.close()
            raise
        self._pool = pool
        self._listener = Listener(self.url, self._token, self._wake.set, self._connect_timeout)
        await self._listener.start(wait=self.timeout)
        self._wake.set()  # work may be left from before a restart

    async def close(self) -> None:
        """Stop listening, close the pool. Idempotent."""
        pool, listener, self._pool, self._listener = self._pool, self._listener, None, None
        if listener is not None:
            await listener.stop()
        await self._notifier.stop()
        if pool is not None:
            await pool.close()

    async def ping(self) -> None:
        """Borrow a connection and check the server takes writes (not a standby)."""
        async with self._statement("ping") as conn:
            cur = await conn.execute("SELECT pg_is_in_recovery()")
            row = await cur.fetchone()
        if row is not None and row[0]:
            raise StoreUnavailableError(f"PostgreSQL at {self.where} is a read-only standby")

    # -- plumbing --------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def _statement(self, doing: str) -> AsyncIterator[Conn]:
        """A pooled connection in autocommit mode: a single statement is its own transaction,
        which saves the ``BEGIN`` and ``COMMIT`` round trips on the hot paths."""
        pool = self._pool
        if pool is None:
            raise StoreError("the PostgreSQL store is not open; call open() first")
        try:
            async with pool.connection() as conn:
                yield conn
        except psycopg.Error as exc:
            raise translate(exc, doing, self.where, self.url) from exc

    @contextlib.asynccontextmanager
    async def _transaction(self, doing: str) -> AsyncIterator[Conn]:
        """A pooled connection inside one transaction, committed when the block ends."""
        async with self._statement(doing) as conn, conn.transaction():
            yield conn

    def _woke(self) -> None:
        self._wake.set()
        self._notifier.hint()

    async def _notify(self) -> None:
        async with self._statement("notify") as conn:
            await conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, self._token))

    @staticmethod
    async def _insert_jobs(conn: Conn, rows: Sequence[JobParams]) -> None:
        if not rows:
            return
        for key in sorted({row[2] for row in rows}):
            await conn.execute(sql.LOCK_KEY, (sql.KEY_LOCK_CLASS, key))
        async with conn.cursor() as cur:
            await cur.executemany(sql.INSERT_JOB, rows)

    @staticmethod
    async def _insert_ledger(conn: Conn, rows: Sequence[LedgerParams]) -> None:
        if rows:
            async with conn.cursor() as cur:
                await cur.executemany(sql.INSERT_LEDGER, rows)

    async def _finish(
        self,
        doing: str,
        statement: str,
        job: Job,
        params: dict[str, Any],
        ledger: Sequence[LedgerEntry],
    ) -> None:
        now = self._clock.time()
        fence = {"id": job.id, "owner": job.lease_owner, "attempts": job.attempts, "now": now}
        async with self._transaction(doing) as conn:
            cur = await conn.execute(statement, {**fence, **params})
            if cur.rowcount != 1:
                raise stale_lease(job)
            await self._insert_ledger(conn, [ledger_params(e, now, job.id) for e in ledger])
        self._woke()

    async def wait_for_work(self, timeout: float) -> None:
        """Return at once if work may have become runnable since the last call (a commit here
        or a notification from another process), else when it does or after ``timeout``
        seconds of real time: the polling fallback."""
        if not self._wake.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
        self._wake.clear()
