"""The read queries of the PostgreSQL store; each takes a connection already in a transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import CreditRecord
from .base import JOB_STATUSES, RECENT_EVENTS_READ, Job, LedgerEntry, StoreStats
from .rows import (
    CREDIT_COLUMNS,
    JOB_COLUMNS,
    LEDGER_COLUMNS,
    credit_from_row,
    job_from_row,
    ledger_from_row,
)

__all__ = [
    "credits_since",
    "get_job",
    "ledger_for_ticket",
    "list_jobs",
    "recent_tickets",
    "stats",
    "throttled_until",
]

if TYPE_CHECKING:  # psycopg is optional; the store's modules say how to install it
    from psycopg import AsyncConnection

    Conn = AsyncConnection[Any]


async def get_job(conn: Conn, job_id: int) -> Job | None:
    """One job by id."""
    cur = await conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = %s", (job_id,))
    row = await cur.fetchone()
    return None if row is None else job_from_row(row)


async def list_jobs(
    conn: Conn,
    status: str | None,
    kind: str | None,
    account: str | None,
    ordering_key: str | None,
    limit: int,
) -> list[Job]:
    """Jobs matching the filters (``None`` matches all), newest first."""
    cur = await conn.execute(
        f"SELECT {JOB_COLUMNS} FROM jobs"
        " WHERE (%(status)s::text IS NULL OR status = %(status)s)"
        " AND (%(kind)s::text IS NULL OR kind = %(kind)s)"
        " AND (%(account)s::text IS NULL OR account = %(account)s)"
        " AND (%(key)s::text IS NULL OR ordering_key = %(key)s)"
        " ORDER BY id DESC LIMIT %(limit)s",
        {"status": status, "kind": kind, "account": account, "key": ordering_key, "limit": limit},
    )
    return [job_from_row(row) for row in await cur.fetchall()]


async def ledger_for_ticket(
    conn: Conn, ticket_id: str, account: str | None, limit: int
) -> list[LedgerEntry]:
    """Ledger rows of one ticket in the order they were written."""
    cur = await conn.execute(
        f"SELECT {LEDGER_COLUMNS} FROM ledger"
        " WHERE ticket_id = %(ticket)s AND (%(account)s::text IS NULL OR account = %(account)s)"
        " ORDER BY id LIMIT %(limit)s",
        {"ticket": ticket_id, "account": account, "limit": limit},
    )
    return [ledger_from_row(row) for row in await cur.fetchall()]


async def recent_tickets(
    conn: Conn, account: str, requester_id: str, since: float
) -> list[tuple[str, float]]:
    """Tickets of the requester with an event at or after ``since``, with the first time any
    of its events was received; oldest first. Reads the newest :data:`RECENT_EVENTS_READ`."""
    cur = await conn.execute(
        "SELECT ticket_id, min(received_at) AS first_seen FROM ("
        "  SELECT ticket_id, received_at FROM inbox"
        "  WHERE account = %s AND requester_id = %s"
        "  ORDER BY received_at DESC LIMIT %s) AS newest"
        " GROUP BY ticket_id HAVING max(received_at) >= %s"
        " ORDER BY first_seen, ticket_id",
        (account, requester_id, RECENT_EVENTS_READ, since),
    )
    return [(str(ticket), float(first)) for ticket, first in await cur.fetchall()]


async def credits_since(conn: Conn, customer_key: str, since: float) -> list[CreditRecord]:
    """Credits of ``customer_key`` at or after ``since``, newest first."""
    cur = await conn.execute(
        f"SELECT {CREDIT_COLUMNS} FROM credits WHERE customer_key = %s AND at >= %s"
        " ORDER BY at DESC, id DESC",
        (customer_key, since),
    )
    return [credit_from_row(row) for row in await cur.fetchall()]


async def throttled_until(conn: Conn, account: str, now: float) -> float | None:
    """The account's throttle time if it is still ahead of ``now``."""
    cur = await conn.execute(
        "SELECT not_before FROM throttles WHERE account = %s AND not_before > %s", (account, now)
    )
    row = await cur.fetchone()
    return None if row is None else float(row[0])


async def _pairs(conn: Conn, sql: str, params: tuple[Any, ...] = ()) -> dict[Any, Any]:
    cur = await conn.execute(sql, params)
    return {key: value for key, value in await cur.fetchall()}


async def _one(conn: Conn, sql: str) -> Any:
    cur = await conn.execute(sql)
    row = await cur.fetchone()
    return None if row is None else row[0]


async def stats(conn: Conn, now: float) -> StoreStats:
    """Counts for operations (the caller runs this in a repeatable-read transaction)."""
    by_status = dict.fromkeys(JOB_STATUSES, 0)
    by_status.update(await _pairs(conn, "SELECT status, count(*) FROM jobs GROUP BY status"))
    by_kind = await _pairs(conn, "SELECT kind, count(*) FROM jobs GROUP BY kind ORDER BY kind")
    oldest = await _one(conn, "SELECT min(created_at) FROM jobs WHERE status = 'pending'")
    throttled = await _pairs(
        conn,
        "SELECT account, not_before FROM throttles WHERE not_before > %s ORDER BY account",
        (now,),
    )
    return StoreStats(
        inbox_events=int(await _one(conn, "SELECT count(*) FROM inbox")),
        jobs_by_status={k: int(v) for k, v in by_status.items()},
        jobs_by_kind={k: int(v) for k, v in by_kind.items()},
        oldest_pending_age=None if oldest is None else max(0.0, now - float(oldest)),
        dead_jobs=int(by_status["dead"]),
        throttled_accounts={k: float(v) for k, v in throttled.items()},
        ledger_rows=int(await _one(conn, "SELECT count(*) FROM ledger")),
    )
