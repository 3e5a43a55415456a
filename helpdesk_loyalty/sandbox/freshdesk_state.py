"""The Freshdesk sandbox account: its records and the rules of changing a ticket.

Update semantics follow API v2: the body is flat (no ``{"ticket": ...}`` wrapper), unknown
fields are refused (``invalid_field``), every validation error is reported at once as
``{"description": "Validation failed", "errors": [{field, message, code}]}``, ``tags`` is the
full list, ``custom_fields`` maps ``cf_`` names to values; notes are private unless told
otherwise; a customer reply reopens a pending or resolved ticket.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .freshdesk_records import (
    FdAgent,
    FdCompany,
    FdContact,
    FdConversation,
    FdGroup,
    FdTicket,
    FdTicketField,
)
from .freshdesk_validation import TICKET_TYPES, FdInvalid, check_note, check_ticket
from .htmltext import html_to_text, text_to_html

__all__ = ["TICKET_TYPES", "FdInvalid", "FdUpdate", "FreshdeskState"]

_UPDATABLE = {
    "subject",
    "type",
    "status",
    "priority",
    "description",
    "responder_id",
    "custom_fields",
    "group_id",
    "source",
    "tags",
    "company_id",
    "requester_id",
    "due_by",
    "fr_due_by",
    "email_config_id",
    "product_id",
    "name",
    "email",
    "phone",
    "internal_agent_id",
    "internal_group_id",
    "parent_id",
}


@dataclass
class FdUpdate:
    """What one change did, for automation rules: the fields changed (in order, ``before``
    and ``after``), the note or reply added, who did it (``agent`` or ``customer``)."""

    ticket_id: int
    performer: str
    is_create: bool = False
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    conversation: FdConversation | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not self.is_create and not self.changes and self.conversation is None


class FreshdeskState:
    """Everything one Freshdesk sandbox account holds."""

    def __init__(self, *, domain: str, now: float) -> None:
        self.domain = domain
        self.contacts: dict[int, FdContact] = {}
        self.companies: dict[int, FdCompany] = {}
        self.groups: dict[int, FdGroup] = {}
        self.agents: dict[int, FdAgent] = {}
        self.ticket_fields: dict[str, FdTicketField] = {}
        self.tickets: dict[int, FdTicket] = {}
        self.statuses: dict[int, str] = {
            2: "Open",
            3: "Pending",
            4: "Resolved",
            5: "Closed",
            6: "Waiting on Customer",
        }
        self._ids: dict[str, Iterator[int]] = {
            "contact": itertools.count(43_000_000_001),
            "company": itertools.count(43_100_000_001),
            "group": itertools.count(43_200_000_001),
            "field": itertools.count(43_300_000_001),
            "ticket": itertools.count(1),
            "conversation": itertools.count(43_400_000_001),
        }
        self.api_agent = FdAgent(
            self.next_id("contact"), "helpdesk-loyalty API", "api@sandbox.example", now
        )
        self.agents[self.api_agent.id] = self.api_agent

    def next_id(self, kind: str) -> int:
        """The next id of ``kind``."""
        return next(self._ids[kind])

    def add_contact(self, name: str, email: str | None, *, now: float, **extra: Any) -> FdContact:
        """Create a contact."""
        contact = FdContact(self.next_id("contact"), name, email, now, now, **extra)
        self.contacts[contact.id] = contact
        return contact

    def add_company(self, name: str, *, now: float, **extra: Any) -> FdCompany:
        """Create a company."""
        company = FdCompany(self.next_id("company"), name, now, now, **extra)
        self.companies[company.id] = company
        return company

    def add_group(self, name: str, *, now: float, description: str = "") -> FdGroup:
        """Create a group."""
        group = FdGroup(self.next_id("group"), name, now, description)
        self.groups[group.id] = group
        return group

    def add_ticket_field(
        self,
        name: str,
        label: str,
        type_: str = "custom_text",
        *,
        now: float,
        choices: list[str] | None = None,
    ) -> FdTicketField:
        """Create a custom ticket field; ``name`` gets the ``cf_`` prefix if it lacks it."""
        key = name if name.startswith("cf_") else f"cf_{name}"
        spec = FdTicketField(
            self.next_id("field"),
            key,
            label,
            type_,
            now,
            len(self.ticket_fields) + 10,
            list(choices or ()),
        )
        self.ticket_fields[key] = spec
        return spec

    def field_names(self) -> list[str]:
        """The ``cf_`` keys every ticket carries."""
        return list(self.ticket_fields)

    def contact_by_email(self, email: str) -> FdContact | None:
        """The contact with ``email`` (case-insensitive)."""
        wanted = email.strip().lower()
        return next((c for c in self.contacts.values() if (c.email or "").lower() == wanted), None)

    def _errors(self, data: Mapping[str, Any], allowed: set[str]) -> list[dict[str, str]]:
        pools: dict[str, Mapping[int, object]] = {
            "status": self.statuses,
            "group_id": self.groups,
            "responder_id": self.agents,
            "company_id": self.companies,
            "requester_id": self.contacts,
        }
        return check_ticket(data, allowed, pools=pools, fields=self.ticket_fields)

    # -- changes -----------------------------------------------------------------------------

    def _stamp(self, ticket: FdTicket, now: float) -> None:
        ticket.updated_at = max(float(int(now)), ticket.updated_at + 1.0)

    def _assign(self, ticket: FdTicket, data: Mapping[str, Any], update: FdUpdate) -> None:
        for name in (
            "status",
            "priority",
            "group_id",
            "responder_id",
            "type",
            "subject",
            "source",
            "company_id",
            "requester_id",
            "tags",
            "custom_fields",
        ):
            if name not in data:
                continue
            value = data[name]
            if name == "tags":
                value = list(dict.fromkeys(value))
            if name == "custom_fields":
                value = {**ticket.custom_fields, **value}
            before = getattr(ticket, name)
            if before != value:
                update.changes[name] = (before, value)
                setattr(ticket, name, value)
        if isinstance(data.get("description"), str):
            ticket.description = data["description"]
            ticket.description_text = html_to_text(data["description"])

    def update_ticket(self, ticket: FdTicket, data: Mapping[str, Any], now: float) -> FdUpdate:
        """Apply a flat ``PUT /tickets/{id}`` body as the API agent; raises :class:`FdInvalid`."""
        errors = self._errors(data, _UPDATABLE)
        if errors:
            raise FdInvalid(errors)
        update = FdUpdate(ticket.id, "agent")
        self._assign(ticket, data, update)
        if not update.empty or "description" in data:
            self._stamp(ticket, now)
        return update

    def add_note(self, ticket: FdTicket, data: Mapping[str, Any], now: float) -> FdUpdate:
        """Add a note from a ``POST /tickets/{id}/notes`` body; raises :class:`FdInvalid`."""
        errors = check_note(data, set(self.agents) | set(self.contacts))
        user_id = data.get("user_id", self.api_agent.id)
        body = data.get("body")
        if errors:
            raise FdInvalid(errors)
        note = FdConversation(
            self.next_id("conversation"),
            ticket.id,
            int(user_id),
            str(body),
            html_to_text(str(body)),
            data.get("private", True) is not False,
            bool(data.get("incoming", False)),
            2,
            now,
        )
        ticket.conversations.append(note)
        self._stamp(ticket, now)
        return FdUpdate(ticket.id, "agent", conversation=note)

    def customer_reply(
        self, ticket: FdTicket, body: str, now: float, contact_id: int | None = None
    ) -> FdUpdate:
        """The requester replies (by email or the portal): plain text or HTML ``body``."""
        html = body if body.lstrip().startswith("<") else text_to_html(body)
        reply = FdConversation(
            self.next_id("conversation"),
            ticket.id,
            contact_id or ticket.requester_id,
            html,
            html_to_text(html),
            False,
            True,
            0,
            now,
        )
        ticket.conversations.append(reply)
        update = FdUpdate(ticket.id, "customer", conversation=reply)
        if ticket.status in (3, 4, 5) or ticket.status >= 6:
            update.changes["status"] = (ticket.status, 2)
            ticket.status = 2
        self._stamp(ticket, now)
        return update

    def create_ticket(
        self, data: Mapping[str, Any], now: float, *, performer: str = "agent"
    ) -> tuple[FdTicket, FdUpdate]:
        """Create a ticket from a ``POST /tickets`` body; raises :class:`FdInvalid`."""
        errors = self._errors(data, _UPDATABLE)
        for name in ("subject", "description"):
            if not data.get(name):
                errors.append(
                    {"field": name, "message": "It should be a/an String", "code": "missing_field"}
                )
        contact = self.contacts.get(data.get("requester_id") or -1)
        if contact is None and isinstance(data.get("email"), str):
            contact = self.contact_by_email(data["email"]) or self.add_contact(
                str(data.get("name") or data["email"]), data["email"], now=now
            )
        if contact is None and "requester_id" not in data:
            errors.append(
                {
                    "field": "requester_id",
                    "code": "missing_field",
                    "message": "Please fill at least 1 of email, requester_id, phone,"
                    " twitter_id, facebook_id, unique_external_id fields",
                }
            )
        if errors or contact is None:
            raise FdInvalid(errors)
        description = str(data["description"])
        ticket = FdTicket(
            self.next_id("ticket"),
            str(data["subject"]),
            description,
            html_to_text(description),
            contact.id,
            now,
            float(int(now)),
            company_id=contact.company_id,
        )
        update = FdUpdate(ticket.id, performer, is_create=True)
        fields = {k: v for k, v in data.items() if k not in ("description", "requester_id")}
        self._assign(ticket, fields, update)
        update.changes.clear()
        self.tickets[ticket.id] = ticket
        return ticket, update
