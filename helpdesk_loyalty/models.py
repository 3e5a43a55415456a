"""The helpdesk-neutral domain model: events, tickets, people, what rules see and what they return.

Adapters translate vendor JSON into these types at the edge; nothing vendor-specific travels
further. Every type is a frozen dataclass, so a rule cannot change what another rule sees.
Times are timezone-aware ``datetime`` objects in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "EVENT_KINDS",
    "MODES",
    "PRIORITIES",
    "STATUSES",
    "Comment",
    "CreditRecord",
    "EventKind",
    "Evidence",
    "Mode",
    "Organization",
    "Person",
    "Priority",
    "Status",
    "Ticket",
    "TicketEvent",
    "TicketSummary",
    "empty_mapping",
    "freeze",
    "parse_time",
    "priority_rank",
    "utc_from_timestamp",
]

EventKind = Literal["ticket.created", "ticket.updated", "comment.added"]
EVENT_KINDS: tuple[EventKind, ...] = ("ticket.created", "ticket.updated", "comment.added")

Status = Literal["new", "open", "pending", "hold", "solved", "closed"]
STATUSES: tuple[Status, ...] = ("new", "open", "pending", "hold", "solved", "closed")

Priority = Literal["low", "normal", "high", "urgent"]
PRIORITIES: tuple[Priority, ...] = ("low", "normal", "high", "urgent")

Mode = Literal["off", "shadow", "suggest", "act"]
MODES: tuple[Mode, ...] = ("off", "shadow", "suggest", "act")


def empty_mapping() -> Mapping[str, Any]:
    """A fresh read-only empty mapping (default for mapping fields)."""
    return MappingProxyType({})


def freeze(values: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only copy of ``values``."""
    return MappingProxyType(dict(values or {}))


def priority_rank(priority: str | None) -> int:
    """Order of a priority: ``None`` < low < normal < high < urgent."""
    if priority is None or priority not in PRIORITIES:
        return -1
    return PRIORITIES.index(priority)


def utc_from_timestamp(ts: float) -> datetime:
    """An aware UTC datetime from epoch seconds."""
    return datetime.fromtimestamp(ts, tz=UTC)


def parse_time(value: object) -> datetime | None:
    """Parse an ISO-8601 timestamp as helpdesks send them (``Z`` or offset); ``None`` if absent."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Comment:
    """One comment (Zendesk) or conversation/note (Freshdesk) on a ticket.

    ``body`` is plain text: adapters strip HTML. ``author_role`` is ``"end_user"``, ``"agent"``
    or ``None`` when the helpdesk did not say.
    """

    body: str
    public: bool = True
    author_id: str | None = None
    author_role: str | None = None
    created_at: datetime | None = None
    id: str | None = None


@dataclass(frozen=True)
class Person:
    """A requester (end user / contact).

    ``fields`` holds the helpdesk's custom fields by key (Zendesk ``user_fields``, Freshdesk
    ``custom_fields``); the rules configuration maps business signals onto those keys.
    """

    id: str
    name: str = ""
    email: str | None = None
    tags: tuple[str, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=empty_mapping)
    organization_id: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class Organization:
    """The requester's organization (Zendesk) or company (Freshdesk)."""

    id: str
    name: str = ""
    tags: tuple[str, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=empty_mapping)


@dataclass(frozen=True)
class TicketSummary:
    """A short record of one of the requester's tickets, for repeat-contact signals."""

    id: str
    created_at: datetime
    status: str | None = None
    subject: str = ""


@dataclass(frozen=True)
class Ticket:
    """The state of a ticket as far as we know it.

    ``updated_stamp`` is the helpdesk's own ``updated_at`` string, passed back untouched for
    optimistic concurrency (Zendesk ``safe_update``). ``comments`` holds the comments we know of,
    oldest first; it may be only the newest one. ``satisfaction`` is ``"good"``, ``"bad"`` or
    ``None``. ``reopens`` and ``sla_breached`` are ``None`` when the helpdesk did not say.
    """

    id: str
    subject: str = ""
    description: str = ""
    status: str = "open"
    priority: str | None = None
    tags: tuple[str, ...] = ()
    group_id: str | None = None
    assignee_id: str | None = None
    requester_id: str | None = None
    organization_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_stamp: str | None = None
    custom_fields: Mapping[str, Any] = field(default_factory=empty_mapping)
    satisfaction: str | None = None
    reopens: int | None = None
    sla_breached: bool | None = None
    via: str | None = None
    comments: tuple[Comment, ...] = ()
    url: str | None = None

    def customer_text(self) -> str:
        """Subject, description and the public comments not written by agents, joined."""
        parts = [self.subject, self.description]
        for comment in self.comments:
            if comment.public and comment.author_role != "agent" and comment.body not in parts:
                parts.append(comment.body)
        return "\n\n".join(p for p in parts if p)


@dataclass(frozen=True)
class TicketEvent:
    """One inbound event, helpdesk-neutral.

    ``event_id`` is the dedupe key (Zendesk event id / invocation id; a composite for Freshdesk).
    ``ticket`` is the snapshot the event carried: complete for event-subscription envelopes and
    our trigger templates, partial (``complete=False``) when only ids arrived, in which case the
    worker reads the ticket. ``changes`` maps a field to ``(before, after)``.
    ``actor_id`` / ``actor_role`` say who caused the event, used to skip our own writes.
    """

    helpdesk: str
    account: str
    event_id: str
    kind: EventKind
    ticket_id: str
    occurred_at: datetime
    ticket: Ticket
    complete: bool = True
    comment: Comment | None = None
    changes: Mapping[str, tuple[Any, Any]] = field(default_factory=empty_mapping)
    actor_id: str | None = None
    actor_role: str | None = None
    raw_type: str = ""

    @property
    def ordering_key(self) -> str:
        """Events with the same key are processed one at a time, in order."""
        return f"{self.account}:{self.ticket_id}"


@dataclass(frozen=True)
class Evidence:
    """One signal behind a decision, in words an agent can use.

    ``text`` is what the note shows (``"3rd contact in 7 days"``); ``value`` and ``threshold``
    are what the ledger keeps so an admin can see how close a rule came.
    """

    signal: str
    text: str
    value: Any = None
    threshold: Any = None


@dataclass(frozen=True)
class CreditRecord:
    """A credit that was suggested before, for per-customer caps."""

    customer_key: str
    amount: float
    currency: str
    at: datetime
    ticket_id: str
    decision_id: str


def now_utc() -> datetime:
    """The current time, aware, UTC."""
    return datetime.now(tz=UTC)
