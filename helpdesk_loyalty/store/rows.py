"""Rows of the store tables as both backends read and write them.

Both backends bind the same parameter tuples and read the same column lists, so a job, a ledger
entry or a credit looks the same whichever database holds it. JSON is encoded here, before a
value reaches a driver, so a payload that is not JSON data fails in the caller's task with a
clear message instead of inside a transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from ..errors import StoreError
from ..models import CreditRecord, freeze, utc_from_timestamp
from .base import JOB_STATUSES, InboundRecord, Job, LedgerEntry, NewJob

__all__ = [
    "CREDIT_COLUMNS",
    "JOB_COLUMNS",
    "LEDGER_COLUMNS",
    "check_status",
    "credit_from_row",
    "credit_params",
    "dumps",
    "evaluate_job",
    "job_from_row",
    "job_params",
    "ledger_from_row",
    "ledger_params",
    "received_entry",
    "requeued_entry",
    "stale_lease",
    "ticket_of",
]

JOB_COLUMNS = (
    "id, kind, account, ordering_key, dedupe_key, payload, status, attempts, available_at,"
    " created_at, first_try_at, lease_owner, lease_until, last_error, updated_at"
)
LEDGER_COLUMNS = "id, at, account, ticket_id, event_key, decision_id, job_id, what, detail"
CREDIT_COLUMNS = "customer_key, amount, currency, at, ticket_id, decision_id"

JobParams = tuple[str, str, str, str, str, float, float, float]
LedgerParams = tuple[float, str, str, str | None, str | None, int | None, str, str]
CreditParams = tuple[str, str | None, float, str, float, str, str]


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# One encoder for every row: json.dumps with these options builds a new one per call. Its
# output is ASCII, so a NUL character inside a string is always the escape \u0000.
_ENCODER = json.JSONEncoder(default=_plain, separators=(",", ":"), allow_nan=False)
# \u0000 as an escape of its own, not the tail of an escaped backslash ("\\u0000").
_NUL_ESCAPE_RE = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def dumps(value: Mapping[str, Any], what: str) -> str:
    """``value`` as compact JSON text; ``what`` names it in the error (never its contents).

    A NUL character in a string (customer text can carry one) is stored as U+FFFD: PostgreSQL's
    ``jsonb`` refuses it, and both backends keep the same rows.
    """
    try:
        text = _ENCODER.encode(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"{what} is not JSON data ({exc.__class__.__name__}: {exc}); "
            "pass dicts, lists, strings, finite numbers, booleans and None"
        ) from exc
    if "\\u0000" in text:
        text = _NUL_ESCAPE_RE.sub(r"\1\\ufffd", text)
    return text


def _loads(value: object) -> Mapping[str, Any]:
    loaded = json.loads(value) if isinstance(value, str | bytes) else value
    if not isinstance(loaded, Mapping):
        raise StoreError("a stored JSON column does not hold an object; the row is corrupt")
    return freeze(loaded)


def ticket_of(account: str, ordering_key: str) -> str:
    """The ticket id inside an ordering key ``"<account>:<ticket_id>"``."""
    prefix = f"{account}:"
    return ordering_key[len(prefix) :] if ordering_key.startswith(prefix) else ordering_key


def stale_lease(job: Job) -> StoreError:
    """The error for finishing a job whose lease was taken over by another claim."""
    return StoreError(
        f"job {job.id} is no longer leased by {job.lease_owner!r} (attempt {job.attempts}): "
        "its lease expired and it was reclaimed; drop this result, the job runs again"
    )


def check_status(status: str | None) -> None:
    """Refuse a job status filter that can match nothing."""
    if status is not None and status not in JOB_STATUSES:
        raise StoreError(f"unknown job status {status!r}; use one of {', '.join(JOB_STATUSES)}")


def job_params(job: NewJob, now: float) -> JobParams:
    """Bind order: kind, account, ordering_key, dedupe_key, payload, available_at, created_at,
    updated_at."""
    payload = dumps(job.payload, f"payload of job {job.dedupe_key!r}")
    available = now if job.available_at is None else job.available_at
    return (job.kind, job.account, job.ordering_key, job.dedupe_key, payload, available, now, now)


def evaluate_job(record: InboundRecord) -> NewJob:
    """The ``evaluate`` job an accepted event creates."""
    return NewJob(
        kind="evaluate",
        account=record.account,
        ordering_key=f"{record.account}:{record.ticket_id}",
        dedupe_key=f"{record.source}/{record.event_key}",
        payload=record.payload,
    )


def received_entry(record: InboundRecord) -> LedgerEntry:
    """The ``received`` ledger row of an accepted event (its job id is bound by the backend)."""
    return LedgerEntry(
        what="received",
        account=record.account,
        ticket_id=record.ticket_id,
        event_key=record.event_key,
        detail={"source": record.source, "kind": record.kind},
    )


def requeued_entry(job_id: int, kind: str, account: str, ordering_key: str) -> LedgerEntry:
    """The ``requeued`` ledger row of a dead job put back in line."""
    return LedgerEntry(
        what="requeued",
        account=account,
        ticket_id=ticket_of(account, ordering_key),
        job_id=job_id,
        detail={"kind": kind},
    )


def ledger_params(entry: LedgerEntry, now: float, job_id: int | None = None) -> LedgerParams:
    """Bind order: at, account, ticket_id, event_key, decision_id, job_id, what, detail.
    ``job_id`` fills in entries that name no job (rows written while finishing a job)."""
    return (
        now if entry.at is None else entry.at,
        entry.account,
        entry.ticket_id,
        entry.event_key,
        entry.decision_id,
        entry.job_id if entry.job_id is not None else job_id,
        entry.what,
        dumps(entry.detail, f"detail of ledger row {entry.what!r}"),
    )


def credit_params(credit: CreditRecord, account: str | None) -> CreditParams:
    """Bind order: customer_key, account, amount, currency, at, ticket_id, decision_id."""
    return (
        credit.customer_key,
        account,
        float(credit.amount),
        credit.currency,
        credit.at.timestamp(),
        credit.ticket_id,
        credit.decision_id,
    )


def _optional_float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def job_from_row(row: Sequence[Any]) -> Job:
    """A :class:`Job` from a row selected as :data:`JOB_COLUMNS`."""
    return Job(
        id=int(row[0]),
        kind=row[1],
        account=row[2],
        ordering_key=row[3],
        dedupe_key=row[4],
        payload=_loads(row[5]),
        status=row[6],
        attempts=int(row[7]),
        available_at=float(row[8]),
        created_at=float(row[9]),
        first_try_at=_optional_float(row[10]),
        lease_owner=row[11],
        lease_until=_optional_float(row[12]),
        last_error=row[13],
        updated_at=_optional_float(row[14]),
    )


def ledger_from_row(row: Sequence[Any]) -> LedgerEntry:
    """A :class:`LedgerEntry` from a row selected as :data:`LEDGER_COLUMNS`."""
    return LedgerEntry(
        id=int(row[0]),
        at=float(row[1]),
        account=row[2],
        ticket_id=row[3],
        event_key=row[4],
        decision_id=row[5],
        job_id=row[6],
        what=row[7],
        detail=_loads(row[8]),
    )


def credit_from_row(row: Sequence[Any]) -> CreditRecord:
    """A :class:`CreditRecord` from a row selected as :data:`CREDIT_COLUMNS`."""
    return CreditRecord(
        customer_key=row[0],
        amount=float(row[1]),
        currency=row[2],
        at=utc_from_timestamp(float(row[3])),
        ticket_id=row[4],
        decision_id=row[5],
    )
