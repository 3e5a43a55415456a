"""Gathering what the rules need for one event, with as few helpdesk API reads as possible.

The event usually carries the ticket (event-subscription envelopes and our trigger template do),
so the only read is the requester's context: requester, organization and recent tickets in one
call, cached per requester for ``cache_ttl`` seconds. A requester seen within that time costs no
read. An event that carried no ticket text costs one ticket read (which side-loads the requester
and organization). History combines the helpdesk's list with the events the store has seen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from .adapters.base import HelpdeskClient, RequesterBundle
from .clock import Clock
from .models import (
    CreditRecord,
    Organization,
    Person,
    Ticket,
    TicketEvent,
    TicketSummary,
    utc_from_timestamp,
)
from .store.base import Store

__all__ = ["ContextBuilder", "Gathered", "RequesterCache", "customer_key_for"]


def customer_key_for(account: str, ticket: Ticket, organization: Organization | None) -> str:
    """Who pays: the organization when there is one, else the requester (for credit caps)."""
    if organization is not None:
        return f"{account}:org:{organization.id}"
    if ticket.organization_id:
        return f"{account}:org:{ticket.organization_id}"
    return f"{account}:user:{ticket.requester_id or 'unknown'}"


class RequesterCache:
    """Requester bundles by ``(account, requester id)``, each kept ``ttl`` seconds."""

    def __init__(self, clock: Clock, ttl: float, max_entries: int = 10_000) -> None:
        self.clock = clock
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[tuple[str, str], tuple[float, RequesterBundle]] = {}

    def get(self, account: str, requester_id: str) -> RequesterBundle | None:
        entry = self._entries.get((account, requester_id))
        if entry is None or entry[0] <= self.clock.time():
            return None
        return entry[1]

    def put(self, account: str, requester_id: str, bundle: RequesterBundle) -> None:
        if self.ttl <= 0:
            return
        if len(self._entries) >= self.max_entries:
            now = self.clock.time()
            self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
            if len(self._entries) >= self.max_entries:
                self._entries.pop(next(iter(self._entries)))
        self._entries[(account, requester_id)] = (self.clock.time() + self.ttl, bundle)


@dataclass(frozen=True)
class Gathered:
    """The inputs of one decision, and how many API reads they cost."""

    ticket: Ticket
    requester: Person | None
    organization: Organization | None
    history: tuple[TicketSummary, ...]
    credits: tuple[CreditRecord, ...]
    customer_key: str
    reads: int


def _with_event_comment(ticket: Ticket, event: TicketEvent) -> Ticket:
    comment = event.comment
    if comment is None or any(c.body == comment.body for c in ticket.comments):
        return ticket
    return dataclasses.replace(ticket, comments=(*ticket.comments, comment))


class ContextBuilder:
    """Builds :class:`Gathered` for events of any configured helpdesk."""

    def __init__(
        self,
        store: Store,
        clients: Mapping[str, HelpdeskClient],
        clock: Clock,
        *,
        cache_ttl: float = 600.0,
        history_days: int = 30,
        credit_period_days: int = 365,
    ) -> None:
        self.store = store
        self.clients = clients
        self.clock = clock
        self.cache = RequesterCache(clock, cache_ttl)
        self.history_days = history_days
        self.credit_period_days = credit_period_days

    async def gather(self, event: TicketEvent) -> Gathered:
        """Everything the rules need for ``event``."""
        client = self.clients[event.helpdesk]
        reads = 0
        ticket = event.ticket
        requester: Person | None = None
        organization: Organization | None = None
        if not event.complete or not ticket.requester_id:
            # No text, or no requester id (Freshdesk's templates have only the email): one
            # ticket read gives both, with the requester and organization side-loaded.
            bundle = await client.fetch_ticket(event.ticket_id)
            reads += 1
            ticket, requester, organization = bundle.ticket, bundle.requester, bundle.organization
        ticket = _with_event_comment(ticket, event)

        summaries: list[TicketSummary] = []
        rid = ticket.requester_id
        if rid:
            cached = self.cache.get(event.account, rid)
            if cached is None:
                cached = await client.fetch_requester(rid)
                reads += 1
                self.cache.put(event.account, rid, cached)
                ticket = _fresher(ticket, cached)
            # The requester read carries the custom fields; a ticket read's side-loaded people
            # may not (Freshdesk's include=requester has name and email only).
            requester = cached.requester or requester
            organization = cached.organization or organization
            summaries.extend(cached.summaries())
            since = self.clock.time() - self.history_days * 86400
            known = {s.id for s in summaries}
            for ticket_id, first_seen in await self.store.recent_tickets(event.account, rid, since):
                if ticket_id not in known:
                    summaries.append(
                        TicketSummary(id=ticket_id, created_at=utc_from_timestamp(first_seen))
                    )
        summaries.sort(key=lambda s: s.created_at, reverse=True)

        key = customer_key_for(event.account, ticket, organization)
        credit_since = self.clock.now() - timedelta(days=self.credit_period_days)
        credits = await self.store.credits_since(key, credit_since.timestamp())
        return Gathered(
            ticket, requester, organization, tuple(summaries), tuple(credits), key, reads
        )


def _fresher(ticket: Ticket, bundle: RequesterBundle) -> Ticket:
    """Take the exact ``updated_stamp`` and tags from a just-read list when it has the ticket."""
    for listed in bundle.tickets:
        if listed.id == ticket.id and listed.updated_stamp:
            newer = ticket.updated_at is None or (
                listed.updated_at is not None and listed.updated_at >= ticket.updated_at
            )
            if ticket.updated_stamp is None or newer:
                return dataclasses.replace(
                    ticket,
                    updated_stamp=listed.updated_stamp,
                    updated_at=listed.updated_at,
                    tags=listed.tags,
                )
    return ticket
