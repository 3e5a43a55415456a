"""Writing decisions back onto tickets: one update per decision, never twice.

A ``write`` job carries the planned update and the ticket as it was seen. The update is merged
with the ticket's state at write time (tags, priority), sent with Zendesk's ``safe_update`` and
re-planned from a fresh read on a 409. When a job runs again after an attempt whose outcome is
unknown (a timeout after sending, a crash), the ticket is first checked for the decision's
marker, so a note is never posted twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .adapters.base import HelpdeskClient
from .clock import Clock
from .codec import ticket_from_json
from .errors import ConflictError, PermanentHelpdeskError, TransientHelpdeskError
from .models import Ticket
from .store.base import Completion, Job, LedgerEntry
from .update import Note, NoteSection, TicketUpdate

__all__ = ["FOLLOW_UP_TAG", "WriteBack"]

FOLLOW_UP_TAG = "hl-follow-up"
MAX_CONFLICTS = 3


class WriteBack:
    """Sends planned updates and follow-up notes through the helpdesk clients."""

    def __init__(self, clients: Mapping[str, HelpdeskClient], clock: Clock) -> None:
        self.clients = clients
        self.clock = clock

    def _client(self, job: Job) -> HelpdeskClient:
        helpdesk = str(job.payload.get("helpdesk", ""))
        try:
            return self.clients[helpdesk]
        except KeyError:
            raise PermanentHelpdeskError(
                f"helpdesk {helpdesk!r} is not configured; "
                f"set its HL_{helpdesk.upper()}_* variables"
            ) from None

    def _entry(self, job: Job, what: str, **detail: Any) -> LedgerEntry:
        return LedgerEntry(
            what=what,
            account=job.account,
            ticket_id=str(job.payload["ticket_id"]),
            event_key=job.payload.get("event_id"),
            decision_id=job.payload.get("decision_id"),
            job_id=job.id,
            detail={"kind": job.kind, "attempt": job.attempts, **detail},
        )

    async def _send(
        self, client: HelpdeskClient, ticket: Ticket, update: TicketUpdate
    ) -> tuple[int, int]:
        """Write with re-read and re-plan on conflicts; returns (write calls, conflicts)."""
        conflicts = 0
        if ticket.updated_stamp is None:
            # The event did not carry an exact stamp (trigger placeholders are minute-precise):
            # read it so safe_update protects the tag merge.
            ticket = (await client.fetch_ticket(ticket.id)).ticket
        while True:
            try:
                result = await client.apply_update(ticket, update)
                return result.calls, conflicts
            except ConflictError:
                conflicts += 1
                if conflicts >= MAX_CONFLICTS:
                    raise TransientHelpdeskError(
                        f"ticket {ticket.id} changed {conflicts} times while writing; will retry"
                    ) from None
                ticket = (await client.fetch_ticket(ticket.id)).ticket

    async def write(self, job: Job) -> Completion:
        """Send a decision's update; the completion holds the ``applied`` ledger row."""
        client = self._client(job)
        payload = job.payload
        update = TicketUpdate.from_json(payload["update"])
        ticket = ticket_from_json(payload["ticket"])
        if job.attempts > 1 and await client.has_marker(ticket.id, update.decision_id):
            return Completion(
                ledger=(
                    self._entry(
                        job,
                        "applied",
                        detected=True,
                        note="already on the ticket from an earlier attempt",
                    ),
                )
            )
        calls, conflicts = await self._send(client, ticket, update)
        return Completion(
            ledger=(
                self._entry(
                    job,
                    "applied",
                    calls=calls,
                    conflicts=conflicts,
                    tags=list(update.add_tags),
                    priority=update.priority,
                    group_id=update.group_id,
                    fields=dict(update.fields),
                ),
            )
        )

    async def follow_up(self, job: Job) -> Completion:
        """Leave the follow-up note asking the agent to check that the fix held."""
        client = self._client(job)
        payload = job.payload
        decision_id = f"{payload['decision_id']}F{int(payload.get('days') or 0)}"
        ticket_id = str(payload["ticket_id"])
        if job.attempts > 1 and await client.has_marker(ticket_id, decision_id):
            return Completion(ledger=(self._entry(job, "follow_up_written", detected=True),))
        bundle = await client.fetch_ticket(ticket_id)
        checks = [c for c in payload.get("checks", ()) if isinstance(c, dict)]
        sections = tuple(
            NoteSection(
                rule=str(c.get("rule", "")),
                headline=f"Follow-up ({payload.get('days')} days after solved): check the fix held",
                actions=(
                    str(c.get("check") or "Contact the customer and confirm the problem is gone"),
                ),
                reply=("Checking in: is everything working as it should since we fixed it?",),
            )
            for c in checks
        )
        update = TicketUpdate(
            decision_id=decision_id,
            note=Note(decision_id=decision_id, sections=sections, title="Loyalty follow-up"),
            add_tags=(FOLLOW_UP_TAG,),
        )
        calls, conflicts = await self._send(client, bundle.ticket, update)
        return Completion(
            ledger=(
                self._entry(
                    job,
                    "follow_up_written",
                    calls=calls,
                    conflicts=conflicts,
                    status=bundle.ticket.status,
                ),
            )
        )
