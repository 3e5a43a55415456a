"""The write operations of the SQLite store, run by the writer thread inside a transaction.

Each function takes the writer's connection and pre-encoded parameters (see :mod:`.rows`) and
must not commit: the writer wraps it in a savepoint and commits the batch. Raising rolls back
this operation only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from .base import Job
from .rows import (
    JOB_COLUMNS,
    CreditParams,
    JobParams,
    LedgerParams,
    job_from_row,
    ledger_params,
    requeued_entry,
    stale_lease,
)

__all__ = [
    "accept",
    "append_ledger",
    "claim",
    "complete",
    "dead_letter",
    "extend",
    "purge",
    "reclaim",
    "requeue",
    "retry",
    "throttle",
]

_INSERT_INBOX = """
INSERT INTO inbox (source, event_key, account, ticket_id, requester_id, kind, received_at,
                   body_sha256)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (source, event_key) DO NOTHING"""

_INSERT_JOB = """
INSERT INTO jobs (kind, account, ordering_key, dedupe_key, payload, available_at, created_at,
                  updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id"""

_INSERT_LEDGER = """
INSERT INTO ledger (at, account, ticket_id, event_key, decision_id, job_id, what, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)"""

_INSERT_CREDIT = """
INSERT INTO credits (customer_key, account, amount, currency, at, ticket_id, decision_id)
VALUES (?, ?, ?, ?, ?, ?, ?)"""

# Head-of-line: a pending job is runnable only if no job of its ordering key is running and no
# older one is pending (a job waiting for its retry keeps blocking its successors). Dead and done
# jobs do not block. The single writer makes this check and the update one atomic step.
_CLAIM = f"""
UPDATE jobs
SET status = 'running', attempts = attempts + 1, lease_owner = :owner,
    lease_until = :lease_until, first_try_at = COALESCE(first_try_at, :now), updated_at = :now
WHERE id IN (
    SELECT j.id FROM jobs j
    WHERE j.status = 'pending' AND j.available_at <= :now
      AND (:kinds IS NULL OR j.kind IN (SELECT value FROM json_each(:kinds)))
      AND NOT EXISTS (
          SELECT 1 FROM jobs o
          WHERE o.ordering_key = j.ordering_key AND o.status IN ('pending', 'running')
            AND (o.status = 'running' OR o.id < j.id))
      AND NOT EXISTS (
          SELECT 1 FROM throttles t WHERE t.account = j.account AND t.not_before > :now)
    ORDER BY j.id
    LIMIT :limit)
RETURNING {JOB_COLUMNS}"""

# A job may be finished only by the claim that leased it: same owner and same attempt number.
_FENCE = "id = :id AND status = 'running' AND lease_owner = :owner AND attempts = :attempts"


def _fence(job: Job) -> dict[str, object]:
    return {"id": job.id, "owner": job.lease_owner, "attempts": job.attempts}


def _insert_ledger(conn: sqlite3.Connection, rows: Sequence[LedgerParams]) -> None:
    if rows:
        conn.executemany(_INSERT_LEDGER, rows)


def accept(
    conn: sqlite3.Connection, inbox: tuple[object, ...], job: JobParams, received: LedgerParams
) -> bool:
    """Insert the inbox row, its job and its ledger row; ``False`` if the event was known."""
    if conn.execute(_INSERT_INBOX, inbox).rowcount == 0:
        return False
    row = conn.execute(_INSERT_JOB, job).fetchone()
    job_id = row[0] if row is not None else None
    _insert_ledger(conn, [(*received[:5], job_id, *received[6:])])
    return True


def claim(
    conn: sqlite3.Connection,
    owner: str,
    now: float,
    limit: int,
    lease: float,
    kinds: Sequence[str] | None,
) -> list[Job]:
    """Lease up to ``limit`` runnable jobs, oldest first."""
    params = {
        "owner": owner,
        "now": now,
        "lease_until": now + lease,
        "limit": limit,
        "kinds": None if kinds is None else json.dumps(list(kinds)),
    }
    jobs = [job_from_row(row) for row in conn.execute(_CLAIM, params).fetchall()]
    return sorted(jobs, key=lambda j: j.id)


def extend(conn: sqlite3.Connection, ids: Sequence[int], owner: str, until: float) -> None:
    """Move the lease of ``owner``'s running jobs to ``until``."""
    conn.execute(
        "UPDATE jobs SET lease_until = ? WHERE id IN (SELECT value FROM json_each(?))"
        " AND status = 'running' AND lease_owner = ?",
        (until, json.dumps(list(ids)), owner),
    )


_CONTINUE = (
    "UPDATE jobs SET kind = :kind, dedupe_key = :dedupe_key, payload = :payload,"
    " status = 'pending', attempts = 0, available_at = :available_at, first_try_at = NULL,"
    " last_error = NULL, lease_owner = NULL, lease_until = NULL, updated_at = :now"
    f" WHERE {_FENCE}"
)


def complete(
    conn: sqlite3.Connection,
    job: Job,
    now: float,
    new_jobs: Sequence[JobParams],
    ledger: Sequence[LedgerParams],
    credits: Sequence[CreditParams],
    then: JobParams | None = None,
) -> None:
    """Mark ``job`` done (or continue it as ``then``) and insert what its completion carries."""
    if then is None:
        done = conn.execute(
            "UPDATE jobs SET status = 'done', lease_owner = NULL, lease_until = NULL,"
            f" updated_at = :now WHERE {_FENCE}",
            {**_fence(job), "now": now},
        )
    else:
        kind, _account, _key, dedupe_key, payload, available_at, _created, _updated = then
        done = conn.execute(
            _CONTINUE,
            {
                **_fence(job),
                "now": now,
                "kind": kind,
                "dedupe_key": dedupe_key,
                "payload": payload,
                "available_at": available_at,
            },
        )
    if done.rowcount != 1:
        raise stale_lease(job)
    for params in new_jobs:
        conn.execute(_INSERT_JOB, params).fetchall()
    _insert_ledger(conn, ledger)
    if credits:
        conn.executemany(_INSERT_CREDIT, credits)


def retry(
    conn: sqlite3.Connection,
    job: Job,
    now: float,
    not_before: float,
    error: str,
    count_attempt: bool,
    ledger: Sequence[LedgerParams],
) -> None:
    """Back to pending until ``not_before``; the job keeps its id, so its place in line."""
    changed = conn.execute(
        "UPDATE jobs SET status = 'pending', available_at = :not_before, last_error = :error,"
        " attempts = attempts - :refund, lease_owner = NULL, lease_until = NULL,"
        f" updated_at = :now WHERE {_FENCE}",
        {
            **_fence(job),
            "now": now,
            "not_before": not_before,
            "error": error,
            "refund": 0 if count_attempt else 1,
        },
    )
    if changed.rowcount != 1:
        raise stale_lease(job)
    _insert_ledger(conn, ledger)


def dead_letter(
    conn: sqlite3.Connection, job: Job, now: float, error: str, ledger: Sequence[LedgerParams]
) -> None:
    """Give up on ``job``; its successors in line become runnable."""
    changed = conn.execute(
        "UPDATE jobs SET status = 'dead', last_error = :error, lease_owner = NULL,"
        f" lease_until = NULL, updated_at = :now WHERE {_FENCE}",
        {**_fence(job), "now": now, "error": error},
    )
    if changed.rowcount != 1:
        raise stale_lease(job)
    _insert_ledger(conn, ledger)


def throttle(conn: sqlite3.Connection, account: str, until: float, reason: str) -> None:
    """Record a throttle, keeping the later of the stored and the new time."""
    conn.execute(
        "INSERT INTO throttles (account, not_before, reason) VALUES (?, ?, ?)"
        " ON CONFLICT (account) DO UPDATE SET"
        " reason = CASE WHEN excluded.not_before > throttles.not_before"
        " THEN excluded.reason ELSE throttles.reason END,"
        " not_before = max(throttles.not_before, excluded.not_before)",
        (account, until, reason),
    )


def reclaim(conn: sqlite3.Connection, now: float) -> int:
    """Expired leases back to pending; the count."""
    return conn.execute(
        "UPDATE jobs SET status = 'pending', lease_owner = NULL, lease_until = NULL,"
        " updated_at = ? WHERE status = 'running' AND lease_until < ?",
        (now, now),
    ).rowcount


def append_ledger(conn: sqlite3.Connection, rows: Sequence[LedgerParams]) -> None:
    """Ledger rows on their own."""
    _insert_ledger(conn, rows)


def requeue(conn: sqlite3.Connection, ids: Sequence[int], now: float) -> int:
    """Dead jobs back to pending with their attempts reset, each with a ``requeued`` row."""
    rows = conn.execute(
        "UPDATE jobs SET status = 'pending', attempts = 0, first_try_at = NULL,"
        " available_at = :now, lease_owner = NULL, lease_until = NULL, updated_at = :now"
        " WHERE id IN (SELECT value FROM json_each(:ids)) AND status = 'dead'"
        " RETURNING id, kind, account, ordering_key",
        {"now": now, "ids": json.dumps(list(ids))},
    ).fetchall()
    _insert_ledger(conn, [ledger_params(requeued_entry(*row), now) for row in rows])
    return len(rows)


def purge(
    conn: sqlite3.Connection,
    now: float,
    done_before: float,
    inbox_before: float,
    ledger_before: float | None,
) -> dict[str, int]:
    """Delete old done jobs, inbox rows, ledger rows and lapsed throttles; counts per table."""
    counts = {
        "jobs": conn.execute(
            "DELETE FROM jobs WHERE status = 'done' AND updated_at < ?", (done_before,)
        ).rowcount,
        "inbox": conn.execute("DELETE FROM inbox WHERE received_at < ?", (inbox_before,)).rowcount,
        "ledger": 0,
        "throttles": conn.execute("DELETE FROM throttles WHERE not_before < ?", (now,)).rowcount,
    }
    if ledger_before is not None:
        counts["ledger"] = conn.execute(
            "DELETE FROM ledger WHERE at < ?", (ledger_before,)
        ).rowcount
    return counts
