"""The read queries of the SQLite store, run on read-only connections beside the writer.

WAL lets these run while the writer commits; each sees the last committed state.
"""

from __future__ import annotations

import sqlite3

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


def get_job(conn: sqlite3.Connection, job_id: int) -> Job | None:
    """One job by id."""
    row = conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return None if row is None else job_from_row(row)


def list_jobs(
    conn: sqlite3.Connection,
    status: str | None,
    kind: str | None,
    account: str | None,
    ordering_key: str | None,
    limit: int,
) -> list[Job]:
    """Jobs matching the filters (``None`` matches all), newest first."""
    rows = conn.execute(
        f"SELECT {JOB_COLUMNS} FROM jobs"
        " WHERE (:status IS NULL OR status = :status) AND (:kind IS NULL OR kind = :kind)"
        " AND (:account IS NULL OR account = :account)"
        " AND (:key IS NULL OR ordering_key = :key)"
        " ORDER BY id DESC LIMIT :limit",
        {"status": status, "kind": kind, "account": account, "key": ordering_key, "limit": limit},
    ).fetchall()
    return [job_from_row(row) for row in rows]


def ledger_for_ticket(
    conn: sqlite3.Connection, ticket_id: str, account: str | None, limit: int
) -> list[LedgerEntry]:
    """Ledger rows of one ticket in the order they were written."""
    rows = conn.execute(
        f"SELECT {LEDGER_COLUMNS} FROM ledger"
        " WHERE ticket_id = :ticket AND (:account IS NULL OR account = :account)"
        " ORDER BY id LIMIT :limit",
        {"ticket": ticket_id, "account": account, "limit": limit},
    ).fetchall()
    return [ledger_from_row(row) for row in rows]


def recent_tickets(
    conn: sqlite3.Connection, account: str, requester_id: str, since: float
) -> list[tuple[str, float]]:
    """Tickets of the requester with an event at or after ``since``, with the first time any
    of its events was received; oldest first. Reads the newest :data:`RECENT_EVENTS_READ`."""
    rows = conn.execute(
        "SELECT ticket_id, min(received_at) AS first_seen FROM ("
        "  SELECT ticket_id, received_at FROM inbox"
        "  WHERE account = ? AND requester_id = ?"
        "  ORDER BY received_at DESC LIMIT ?)"
        " GROUP BY ticket_id HAVING max(received_at) >= ?"
        " ORDER BY first_seen, ticket_id",
        (account, requester_id, RECENT_EVENTS_READ, since),
    ).fetchall()
    return [(str(ticket), float(first)) for ticket, first in rows]


def credits_since(conn: sqlite3.Connection, customer_key: str, since: float) -> list[CreditRecord]:
    """Credits of ``customer_key`` at or after ``since``, newest first."""
    rows = conn.execute(
        f"SELECT {CREDIT_COLUMNS} FROM credits WHERE customer_key = ? AND at >= ?"
        " ORDER BY at DESC, id DESC",
        (customer_key, since),
    ).fetchall()
    return [credit_from_row(row) for row in rows]


def throttled_until(conn: sqlite3.Connection, account: str, now: float) -> float | None:
    """The account's throttle time if it is still ahead of ``now``."""
    row = conn.execute(
        "SELECT not_before FROM throttles WHERE account = ? AND not_before > ?", (account, now)
    ).fetchone()
    return None if row is None else float(row[0])


def stats(conn: sqlite3.Connection, now: float) -> StoreStats:
    """Counts for operations, read in one snapshot."""
    conn.execute("BEGIN")
    try:
        by_status = dict.fromkeys(JOB_STATUSES, 0)
        by_status.update(conn.execute("SELECT status, count(*) FROM jobs GROUP BY status"))
        by_kind = dict(conn.execute("SELECT kind, count(*) FROM jobs GROUP BY kind ORDER BY kind"))
        oldest = conn.execute(
            "SELECT min(created_at) FROM jobs WHERE status = 'pending'"
        ).fetchone()[0]
        throttled = dict(
            conn.execute(
                "SELECT account, not_before FROM throttles WHERE not_before > ? ORDER BY account",
                (now,),
            )
        )
        inbox = conn.execute("SELECT count(*) FROM inbox").fetchone()[0]
        ledger = conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    finally:
        conn.execute("COMMIT")
    return StoreStats(
        inbox_events=int(inbox),
        jobs_by_status=by_status,
        jobs_by_kind=by_kind,
        oldest_pending_age=None if oldest is None else max(0.0, now - float(oldest)),
        dead_jobs=by_status["dead"],
        throttled_accounts=throttled,
        ledger_rows=int(ledger),
    )
