"""The SQL of the PostgreSQL store. Times are bound from the service clock, never ``now()``.

Per-ordering-key order rests on two rules:

- every transaction that inserts jobs first takes a transaction-scoped advisory lock on each of
  their ordering keys (sorted, so two transactions cannot deadlock). Identity values are drawn
  after the lock, so within one key, id order is commit order and no claim can see a newer job
  of a key while an older one is still uncommitted;
- a pending job is claimable only if no job of its key is running and no older one is pending
  (:data:`CLAIM`); ``FOR UPDATE SKIP LOCKED`` lets concurrent claimers pass over each other's
  rows instead of waiting.
"""

from __future__ import annotations

from .rows import JOB_COLUMNS

__all__ = [
    "ACCEPT",
    "CLAIM",
    "COMPLETE",
    "DEAD_LETTER",
    "EXTEND",
    "INSERT_CREDIT",
    "INSERT_JOB",
    "INSERT_LEDGER",
    "KEY_LOCK_CLASS",
    "LOCK_KEY",
    "MIGRATION_LOCK",
    "RECLAIM",
    "REQUEUE",
    "RETRY",
    "THROTTLE",
]

# Advisory lock ids. The one-bigint and two-int key spaces do not overlap (PostgreSQL docs,
# "Advisory Lock Functions"), so the migration lock cannot collide with a key lock.
MIGRATION_LOCK = 0x484C_5354_4F52  # "HLSTOR"
KEY_LOCK_CLASS = 0x484C  # "HL"

LOCK_KEY = "SELECT pg_advisory_xact_lock(%s, hashtext(%s))"

_JOB_VALUES = (
    "%(kind)s, %(account)s, %(ordering_key)s, %(dedupe_key)s, %(payload)s::jsonb,"
    " %(available_at)s, %(created_at)s, %(updated_at)s"
)

# One statement, one round trip: the inbox row, then (only if it is new) the key lock, the job
# and the ``received`` ledger row. A duplicate inserts nothing and returns no row.
ACCEPT = f"""
WITH ins AS (
    INSERT INTO inbox (source, event_key, account, ticket_id, requester_id, kind, received_at,
                       body_sha256)
    VALUES (%(source)s, %(event_key)s, %(account)s, %(ticket_id)s, %(requester_id)s,
            %(event_kind)s, %(now)s, %(body_sha256)s)
    ON CONFLICT (source, event_key) DO NOTHING
    RETURNING 1
), key_lock AS (
    SELECT pg_advisory_xact_lock({KEY_LOCK_CLASS}, hashtext(%(ordering_key)s)) FROM ins
), job AS (
    INSERT INTO jobs (kind, account, ordering_key, dedupe_key, payload, available_at,
                      created_at, updated_at)
    SELECT {_JOB_VALUES} FROM key_lock
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id
)
INSERT INTO ledger (at, account, ticket_id, event_key, decision_id, job_id, what, detail)
SELECT %(now)s, %(account)s, %(ticket_id)s, %(event_key)s, NULL, (SELECT id FROM job),
       'received', %(detail)s::jsonb
FROM ins
RETURNING id"""

INSERT_JOB = """
INSERT INTO jobs (kind, account, ordering_key, dedupe_key, payload, available_at, created_at,
                  updated_at)
VALUES (%s, %s, %s, %s, %s::jsonb, %s, %s, %s)
ON CONFLICT (dedupe_key) DO NOTHING"""

INSERT_LEDGER = """
INSERT INTO ledger (at, account, ticket_id, event_key, decision_id, job_id, what, detail)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s::jsonb)"""

INSERT_CREDIT = """
INSERT INTO credits (customer_key, account, amount, currency, at, ticket_id, decision_id)
VALUES (%s, %s, %s, %s, %s, %s, %s)"""

_RETURNING = ", ".join(f"jobs.{column.strip()}" for column in JOB_COLUMNS.split(","))

CLAIM = f"""
WITH picked AS (
    SELECT j.id FROM jobs j
    WHERE j.status = 'pending' AND j.available_at <= %(now)s
      AND (%(kinds)s::text[] IS NULL OR j.kind = ANY(%(kinds)s::text[]))
      AND NOT EXISTS (
          SELECT 1 FROM jobs o
          WHERE o.ordering_key = j.ordering_key AND o.status IN ('pending', 'running')
            AND (o.status = 'running' OR o.id < j.id))
      AND NOT EXISTS (
          SELECT 1 FROM throttles t WHERE t.account = j.account AND t.not_before > %(now)s)
    ORDER BY j.id
    LIMIT %(limit)s
    FOR UPDATE OF j SKIP LOCKED
)
UPDATE jobs
SET status = 'running', attempts = jobs.attempts + 1, lease_owner = %(owner)s,
    lease_until = %(lease_until)s, first_try_at = COALESCE(jobs.first_try_at, %(now)s),
    updated_at = %(now)s
FROM picked
WHERE jobs.id = picked.id
RETURNING {_RETURNING}"""

# A job may be finished only by the claim that leased it: same owner and same attempt number.
_FENCE = (
    "id = %(id)s AND status = 'running' AND lease_owner = %(owner)s AND attempts = %(attempts)s"
)

COMPLETE = f"""
UPDATE jobs SET status = 'done', lease_owner = NULL, lease_until = NULL, updated_at = %(now)s
WHERE {_FENCE}"""

CONTINUE = f"""
UPDATE jobs SET kind = %(kind)s, dedupe_key = %(dedupe_key)s, payload = %(payload)s::jsonb,
    status = 'pending', attempts = 0, available_at = %(available_at)s, first_try_at = NULL,
    last_error = NULL, lease_owner = NULL, lease_until = NULL, updated_at = %(now)s
WHERE {_FENCE}"""

RETRY = f"""
UPDATE jobs SET status = 'pending', available_at = %(not_before)s, last_error = %(error)s,
    attempts = attempts - %(refund)s, lease_owner = NULL, lease_until = NULL,
    updated_at = %(now)s
WHERE {_FENCE}"""

DEAD_LETTER = f"""
UPDATE jobs SET status = 'dead', last_error = %(error)s, lease_owner = NULL, lease_until = NULL,
    updated_at = %(now)s
WHERE {_FENCE}"""

EXTEND = """
UPDATE jobs SET lease_until = %(until)s
WHERE id = ANY(%(ids)s::bigint[]) AND status = 'running' AND lease_owner = %(owner)s"""

THROTTLE = """
INSERT INTO throttles AS t (account, not_before, reason) VALUES (%s, %s, %s)
ON CONFLICT (account) DO UPDATE SET
    reason = CASE WHEN excluded.not_before > t.not_before THEN excluded.reason ELSE t.reason END,
    not_before = GREATEST(t.not_before, excluded.not_before)"""

RECLAIM = """
UPDATE jobs SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = %(now)s
WHERE status = 'running' AND lease_until < %(now)s"""

REQUEUE = """
UPDATE jobs SET status = 'pending', attempts = 0, first_try_at = NULL, available_at = %(now)s,
    lease_owner = NULL, lease_until = NULL, updated_at = %(now)s
WHERE id = ANY(%(ids)s::bigint[]) AND status = 'dead'
RETURNING id, kind, account, ordering_key"""
