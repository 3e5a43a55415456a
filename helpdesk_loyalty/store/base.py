"""The ``Store`` protocol: the durable inbox, jobs (outbox), decision ledger and throttles.

One protocol, two backends (``SqliteStore``, the embedded default, and ``PostgresStore``), one
contract test suite. The store owns durability and ordering; it knows nothing of HTTP or rules:
the worker decides what a 429 or a 5xx means and the store records that decision atomically,
together with its ledger rows.

Tables (same names on both backends):

- ``inbox``: one row per accepted event, primary key ``(source, event_key)``: the permanent
  dedupe record. Also answers "which tickets did this requester open lately".
- ``jobs``: ``evaluate`` (run the rules for an event), ``write`` (send one update), and
  ``follow_up`` jobs. A job is claimed only when no older unfinished job has the same
  ``ordering_key`` (head-of-line per ticket, across retries and processes), its ``available_at``
  has come, and its account is not throttled. Claims are leases that expire and are reclaimed.
- ``ledger``: append-only, written in the same transaction as the state change it explains.
- ``credits``: bill credits suggested, for per-customer caps.
- ``throttles``: per-account "no calls before" times (a 429's ``Retry-After``).
- ``plugin_health``: one row per plugin, the last health change a running service reported
  (``ok``, ``failing``, ``quarantined``) with the last error, so ``plugins`` in another process
  can show it.

Job status: ``pending`` -> ``running`` (leased) -> ``done`` | ``dead``; ``retry_job`` puts a
running job back to ``pending`` with a later ``available_at``; ``requeue`` puts a dead job back.
All times are epoch seconds from the store's clock, so tests can move time.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..models import CreditRecord, empty_mapping

__all__ = [
    "JOB_KINDS",
    "JOB_STATUSES",
    "PLUGIN_STATES",
    "RECENT_EVENTS_READ",
    "Accepted",
    "Completion",
    "InboundRecord",
    "Job",
    "LedgerEntry",
    "NewJob",
    "PluginHealth",
    "Store",
    "StoreStats",
]

# How many of a requester's newest inbox events ``recent_tickets`` reads. Reading all of them
# made every decision on a requester with thousands of events scan them all: 72 % of the
# worker's time while it worked through a 20,000-event backlog of four requesters.
RECENT_EVENTS_READ = 1000

JOB_KINDS = ("evaluate", "write", "follow_up")
JOB_STATUSES = ("pending", "running", "done", "dead")
PLUGIN_STATES = ("ok", "failing", "quarantined")


class Accepted(enum.Enum):
    """Outcome of :meth:`Store.accept_event`."""

    NEW = "new"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class InboundRecord:
    """A verified, parsed event to make durable.

    ``source`` is the helpdesk (``zendesk``), ``account`` the rate-limit scope
    (``zendesk:acme``), ``event_key`` the dedupe key, ``payload`` the normalised event as JSON
    data (what the ``evaluate`` job will read).
    """

    source: str
    account: str
    event_key: str
    ticket_id: str
    kind: str
    payload: Mapping[str, Any]
    requester_id: str | None = None
    body_sha256: str = ""


@dataclass(frozen=True)
class NewJob:
    """A job to insert. ``dedupe_key`` is unique across all jobs: inserting a job whose key
    exists does nothing. ``available_at`` ``None`` means now."""

    kind: str
    account: str
    ordering_key: str
    dedupe_key: str
    payload: Mapping[str, Any]
    available_at: float | None = None


@dataclass(frozen=True)
class Job:
    """A job as stored. ``attempts`` counts claims (including the current one)."""

    id: int
    kind: str
    account: str
    ordering_key: str
    dedupe_key: str
    payload: Mapping[str, Any]
    status: str
    attempts: int
    available_at: float
    created_at: float
    first_try_at: float | None = None
    lease_owner: str | None = None
    lease_until: float | None = None
    last_error: str | None = None
    updated_at: float | None = None


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the decision ledger.

    ``what`` is one of: ``received``, ``duplicate``, ``decided``, ``skipped``, ``applied``,
    ``write_retry``, ``throttled``, ``dead``, ``requeued``, ``follow_up_requested``,
    ``follow_up_scheduled``, ``follow_up_written``, ``error``. ``detail`` is JSON data (per-rule
    records, the planned update, the HTTP status...). ``id`` and ``at`` are set by the store.
    """

    what: str
    account: str
    ticket_id: str
    event_key: str | None = None
    decision_id: str | None = None
    job_id: int | None = None
    detail: Mapping[str, Any] = field(default_factory=empty_mapping)
    at: float | None = None
    id: int | None = None


@dataclass(frozen=True)
class Completion:
    """Everything that becomes durable, atomically, when a job finishes.

    ``then`` continues the same job as another one (its kind, payload, dedupe key and
    ``available_at``; attempts start again) instead of marking it done. The job keeps its id,
    so its place at the head of its ordering key: a decision's write runs before the next
    event of the same ticket is decided. ``then.account`` and ``then.ordering_key`` must be
    the job's own.
    """

    new_jobs: Sequence[NewJob] = ()
    ledger: Sequence[LedgerEntry] = ()
    credits: Sequence[CreditRecord] = ()
    then: NewJob | None = None


@dataclass(frozen=True)
class StoreStats:
    """Counts for ``inbox stats`` and the ops endpoint."""

    inbox_events: int
    jobs_by_status: Mapping[str, int]
    jobs_by_kind: Mapping[str, int]
    oldest_pending_age: float | None
    dead_jobs: int
    throttled_accounts: Mapping[str, float]
    ledger_rows: int


@dataclass(frozen=True)
class PluginHealth:
    """The last health change of one plugin, as a running service reported it.

    ``state``: ``ok`` (its last call succeeded), ``failing`` (its last calls raised or ran out of
    time, fewer than the quarantine limit in a row) or ``quarantined`` (skipped until the
    process restarts). ``error`` is the last error, kept after the plugin recovers. ``at`` is
    when the change was recorded, on the store's clock.
    """

    name: str
    state: str
    error: str | None = None
    at: float = 0.0


class Store(Protocol):
    """Durable inbox, jobs, ledger, credits and throttles. Every method is a coroutine and every
    state change is one transaction. Backend errors surface as
    :class:`~helpdesk_loyalty.errors.StoreUnavailableError` (cannot reach or write the database)
    or :class:`~helpdesk_loyalty.errors.StoreError`."""

    url_scheme: str

    async def open(self) -> None:
        """Connect, apply migrations (recorded in ``schema_version``), start background parts."""

    async def close(self) -> None:
        """Finish pending commits and release connections. Idempotent."""

    async def ping(self) -> None:
        """Raise :class:`StoreUnavailableError` when the store cannot take writes."""

    # -- ingress ---------------------------------------------------------------------------
    async def accept_event(self, record: InboundRecord) -> Accepted:
        """Make ``record`` durable with its ``evaluate`` job and a ``received`` ledger row, in one
        transaction; return only after the commit. A record whose ``(source, event_key)`` exists
        is a duplicate: nothing is written (the ack path stays cheap) and ``DUPLICATE`` is
        returned; the caller answers 2xx either way."""

    # -- workers ---------------------------------------------------------------------------
    async def claim_jobs(
        self, owner: str, *, limit: int, lease_seconds: float, kinds: Sequence[str] | None = None
    ) -> list[Job]:
        """Lease up to ``limit`` runnable jobs, oldest first, at most one per ordering key, none
        of a throttled account, none with an older unfinished job of the same ordering key."""

    async def extend_leases(self, job_ids: Sequence[int], owner: str, lease_seconds: float) -> None:
        """Push the lease of ``owner``'s running jobs forward (heartbeat)."""

    async def complete_job(self, job: Job, completion: Completion = Completion()) -> None:
        """Mark ``job`` done and make ``completion`` durable in the same transaction. Raises
        :class:`StoreError` when the job is no longer leased by its owner (the lease expired and
        another worker took it); the caller then drops its result."""

    async def retry_job(
        self,
        job: Job,
        *,
        not_before: float,
        error: str,
        count_attempt: bool = True,
        ledger: Sequence[LedgerEntry] = (),
    ) -> None:
        """Put ``job`` back to pending until ``not_before``. It keeps its place at the head of
        its ordering key. ``count_attempt=False`` (a 429) gives the claim's attempt back."""

    async def dead_letter(
        self, job: Job, *, error: str, ledger: Sequence[LedgerEntry] = ()
    ) -> None:
        """Give up on ``job``: status ``dead``, kept for inspection and ``requeue``. Dead jobs do
        not block their ordering key."""

    async def throttle_account(self, account: str, *, until: float, reason: str) -> None:
        """No job of ``account`` is claimed before ``until`` (keeps the later of two times)."""

    async def throttled_until(self, account: str) -> float | None:
        """The time before which ``account`` is throttled, or ``None``."""

    async def wait_for_work(self, timeout: float) -> None:
        """Return when new work may be runnable or after ``timeout`` seconds."""

    async def reclaim_expired_leases(self) -> int:
        """Put running jobs whose lease expired back to pending; return how many."""

    # -- what rules need -------------------------------------------------------------------
    async def recent_tickets(
        self, account: str, requester_id: str, since: float
    ) -> list[tuple[str, float]]:
        """``(ticket_id, first_seen)`` of the requester's tickets with events since ``since``,
        read from the requester's newest :data:`RECENT_EVENTS_READ` events: an integration
        user or a shared mailbox with thousands of events costs no more than that, and a
        ticket whose earliest events lie beyond them gets the earliest time among them."""

    async def credits_since(self, customer_key: str, since: float) -> list[CreditRecord]:
        """Credits suggested to ``customer_key`` at or after ``since``, newest first."""

    # -- ledger and operations -------------------------------------------------------------
    async def append_ledger(self, entries: Sequence[LedgerEntry]) -> None:
        """Append ledger rows on their own (for events that create no job change)."""

    async def ledger_for_ticket(
        self, ticket_id: str, *, account: str | None = None, limit: int = 500
    ) -> list[LedgerEntry]:
        """The ledger rows of one ticket, oldest first."""

    async def get_job(self, job_id: int) -> Job | None:
        """One job, any status."""

    async def list_jobs(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        account: str | None = None,
        ordering_key: str | None = None,
        limit: int = 100,
    ) -> list[Job]:
        """Jobs matching the filters, newest first."""

    async def requeue(self, job_ids: Sequence[int]) -> int:
        """Dead jobs back to pending now, attempts reset, with a ``requeued`` ledger row."""

    async def stats(self) -> StoreStats:
        """Counts for operations."""

    # -- plugin health ---------------------------------------------------------------------
    async def record_plugin_health(self, name: str, state: str, error: str | None) -> None:
        """Replace the health of plugin ``name`` (one of :data:`PLUGIN_STATES`, else
        :class:`StoreError`) and its last error, stamped with the store's clock. The engine calls
        this only when a plugin's state or error changed, so it stays off the hot path."""

    async def plugin_health(self) -> dict[str, PluginHealth]:
        """The last recorded health of every plugin, by name."""

    async def purge(
        self, *, done_before: float, inbox_before: float, ledger_before: float | None = None
    ) -> dict[str, int]:
        """Delete done jobs, inbox rows and (optionally) ledger rows older than the limits."""
