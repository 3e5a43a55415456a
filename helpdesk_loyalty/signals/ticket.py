"""Ticket signals: reopened, repeat contacts, SLA breach, bad satisfaction, how long it has waited.

Each is a small function of the ticket, the event and the requester's recent tickets (the one
cached search the worker makes per event); :func:`ticket_signals` bundles them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from ..models import Ticket, TicketEvent, TicketSummary
from . import TicketSignals

__all__ = [
    "contacts_in_window",
    "is_bad_satisfaction",
    "is_reopened",
    "is_sla_breached",
    "ticket_signals",
    "waited_hours",
]

_CLOSED = frozenset({"solved", "closed"})


def is_reopened(event: TicketEvent, ticket: Ticket) -> tuple[bool, int]:
    """Whether the ticket was reopened, and how many times (at least 1 when it just was).

    The helpdesk's reopen count wins when it has one; otherwise a status change from solved or
    closed back to an open state in this event counts as one reopen.
    """
    just_now = False
    change = event.changes.get("status")
    if change is not None:
        before, after = (str(v).lower() if v is not None else "" for v in change)
        just_now = before in _CLOSED and after not in _CLOSED and after != ""
    count = ticket.reopens or 0
    if just_now:
        count = max(count, 1)
    return count > 0, count


def contacts_in_window(
    ticket: Ticket, history: Iterable[TicketSummary], *, now: datetime, days: int
) -> int:
    """Tickets from this requester created in the last ``days`` days, this one included."""
    since = now - timedelta(days=days)
    others = {h.id for h in history if h.id != ticket.id and h.created_at >= since}
    return 1 + len(others)


def is_sla_breached(ticket: Ticket, breach_tags: Sequence[str]) -> bool:
    """Whether the helpdesk says the SLA was breached, or the ticket carries a breach tag."""
    if ticket.sla_breached:
        return True
    tags = {t.lower() for t in ticket.tags}
    return any(tag.lower() in tags for tag in breach_tags)


def is_bad_satisfaction(event: TicketEvent, ticket: Ticket) -> bool:
    """Whether the customer rated the ticket bad (now or in this event's changes)."""
    if (ticket.satisfaction or "").lower() == "bad":
        return True
    change = event.changes.get("satisfaction")
    return change is not None and str(change[1]).lower() == "bad"


def waited_hours(ticket: Ticket, *, now: datetime) -> float | None:
    """Hours the customer has waited since their oldest message that no agent has answered.

    Counts from the ticket's creation when no agent has replied publicly; ``None`` when the
    helpdesk gave no times, 0 when an agent has the last word.
    """
    waiting_since: datetime | None = None
    agent_replied = False
    for comment in ticket.comments:
        if comment.author_role == "agent" and comment.public:
            agent_replied = True
            waiting_since = None
        elif comment.author_role != "agent" and waiting_since is None and comment.created_at:
            waiting_since = comment.created_at
    if ticket.comments and ticket.comments[-1].author_role == "agent":
        return 0.0
    if waiting_since is None and not agent_replied:
        waiting_since = ticket.created_at
    if waiting_since is None:
        return None
    return round(max(0.0, (now - waiting_since).total_seconds() / 3600), 2)


def ticket_signals(
    event: TicketEvent,
    ticket: Ticket,
    history: Sequence[TicketSummary],
    *,
    now: datetime,
    window_days: int = 7,
    breach_tags: Sequence[str] = ("sla_breached",),
) -> TicketSignals:
    """Every ticket signal for one event."""
    reopened, reopens = is_reopened(event, ticket)
    return TicketSignals(
        reopened=reopened,
        reopens=reopens,
        contacts_in_window=contacts_in_window(ticket, history, now=now, days=window_days),
        window_days=window_days,
        sla_breached=is_sla_breached(ticket, breach_tags),
        bad_satisfaction=is_bad_satisfaction(event, ticket),
        waited_hours=waited_hours(ticket, now=now),
    )
