"""The records of the Freshdesk sandbox account and their JSON, shaped like API v2's.

Freshdesk codes: priority 1 Low, 2 Medium, 3 High, 4 Urgent; status 2 Open, 3 Pending,
4 Resolved, 5 Closed, custom statuses from 6; source 1 Email, 2 Portal, 3 Phone, 7 Chat,
9 Feedback widget, 10 Outbound email. Ticket custom fields are keyed ``cf_<name>``; contact and
company custom fields by their plain names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .timefmt import iso_seconds

__all__ = [
    "PRIORITY_NAMES",
    "SOURCE_NAMES",
    "FdAgent",
    "FdCompany",
    "FdContact",
    "FdConversation",
    "FdGroup",
    "FdTicket",
    "FdTicketField",
]

PRIORITY_NAMES = {1: "Low", 2: "Medium", 3: "High", 4: "Urgent"}
SOURCE_NAMES = {
    1: "Email",
    2: "Portal",
    3: "Phone",
    7: "Chat",
    9: "Feedback Widget",
    10: "Outbound Email",
}


@dataclass
class FdContact:
    """A contact (requester), with plain-named ``custom_fields``."""

    id: int
    name: str
    email: str | None
    created_at: float
    updated_at: float
    company_id: int | None = None
    phone: str | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    job_title: str | None = None

    def embedded_json(self) -> dict[str, Any]:
        """The ``requester`` object of ``include=requester``."""
        return {
            "email": self.email,
            "id": self.id,
            "mobile": None,
            "name": self.name,
            "phone": self.phone,
        }

    def to_json(self) -> dict[str, Any]:
        """The record of ``GET /api/v2/contacts/{id}``."""
        return {
            "active": True,
            "address": None,
            "company_id": self.company_id,
            "description": None,
            "email": self.email,
            "id": self.id,
            "job_title": self.job_title,
            "language": "en",
            "mobile": None,
            "name": self.name,
            "phone": self.phone,
            "time_zone": "UTC",
            "twitter_id": None,
            "unique_external_id": None,
            "other_emails": [],
            "other_companies": [],
            "view_all_tickets": False,
            "deleted": False,
            "tags": list(self.tags),
            "custom_fields": dict(self.custom_fields),
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
        }


@dataclass
class FdCompany:
    """A company, with plain-named ``custom_fields``."""

    id: int
    name: str
    created_at: float
    updated_at: float
    domains: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    account_tier: str | None = None
    health_score: str | None = None
    renewal_date: str | None = None
    industry: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The record of ``GET /api/v2/companies/{id}``."""
        return {
            "id": self.id,
            "name": self.name,
            "description": None,
            "domains": list(self.domains),
            "note": None,
            "health_score": self.health_score,
            "account_tier": self.account_tier,
            "renewal_date": self.renewal_date,
            "industry": self.industry,
            "custom_fields": dict(self.custom_fields),
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
        }


@dataclass
class FdGroup:
    """An agent group."""

    id: int
    name: str
    created_at: float
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        """The record of ``GET /api/v2/groups``."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "escalate_to": None,
            "unassigned_for": None,
            "business_hours_id": None,
            "group_type": "support_agent_group",
            "auto_ticket_assign": False,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.created_at),
        }


@dataclass
class FdAgent:
    """An agent; its id is also its contact (user) id."""

    id: int
    name: str
    email: str
    created_at: float
    group_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The record of ``GET /api/v2/agents/me``."""
        stamp = iso_seconds(self.created_at)
        return {
            "available": True,
            "occasional": False,
            "id": self.id,
            "ticket_scope": 1,
            "signature": None,
            "group_ids": list(self.group_ids),
            "role_ids": [],
            "skill_ids": [],
            "available_since": None,
            "type": "support_agent",
            "created_at": stamp,
            "updated_at": stamp,
            "last_active_at": None,
            "contact": {
                "active": True,
                "email": self.email,
                "job_title": None,
                "language": "en",
                "last_login_at": None,
                "mobile": None,
                "name": self.name,
                "phone": None,
                "time_zone": "UTC",
                "created_at": stamp,
                "updated_at": stamp,
            },
        }


@dataclass
class FdTicketField:
    """A custom ticket field; ``name`` is its ``cf_`` key."""

    id: int
    name: str
    label: str
    type: str
    created_at: float
    position: int
    choices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The record of ``GET /api/v2/ticket_fields``."""
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "description": self.label,
            "position": self.position,
            "required_for_closure": False,
            "required_for_agents": False,
            "type": self.type,
            "default": False,
            "customers_can_edit": False,
            "label_for_customers": self.label,
            "required_for_customers": False,
            "displayed_to_customers": False,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.created_at),
        }
        if self.choices:
            data["choices"] = list(self.choices)
        return data


@dataclass
class FdConversation:
    """A reply or note; ``source`` 0 is a reply, 2 a note."""

    id: int
    ticket_id: int
    user_id: int
    body: str
    body_text: str
    private: bool
    incoming: bool
    source: int
    created_at: float

    def to_json(self) -> dict[str, Any]:
        """The record of ``GET /api/v2/tickets/{id}/conversations`` (and of a new note)."""
        return {
            "body": self.body,
            "body_text": self.body_text,
            "id": self.id,
            "incoming": self.incoming,
            "private": self.private,
            "user_id": self.user_id,
            "support_email": None,
            "source": self.source,
            "category": 2 if self.private else 3,
            "ticket_id": self.ticket_id,
            "to_emails": [],
            "from_email": None,
            "cc_emails": [],
            "bcc_emails": [],
            "attachments": [],
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.created_at),
        }


@dataclass
class FdTicket:
    """A ticket; ``description`` is HTML and ``updated_at`` whole seconds."""

    id: int
    subject: str
    description: str
    description_text: str
    requester_id: int
    created_at: float
    updated_at: float
    status: int = 2
    priority: int = 1
    source: int = 2
    type: str | None = None
    group_id: int | None = None
    responder_id: int | None = None
    company_id: int | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    conversations: list[FdConversation] = field(default_factory=list)
    fr_escalated: bool = False
    is_escalated: bool = False

    @property
    def due_by(self) -> float:
        """Resolution due: 3 days after creation, 1 day when urgent."""
        return self.created_at + (86_400 if self.priority == 4 else 3 * 86_400)

    @property
    def fr_due_by(self) -> float:
        """First response due: 1 day after creation, 4 hours when urgent."""
        return self.created_at + (14_400 if self.priority == 4 else 86_400)

    def to_json(self, field_names: list[str], *, description: bool = True) -> dict[str, Any]:
        """The record of ``GET /api/v2/tickets/{id}``; list entries leave ``description`` out
        unless asked. ``field_names`` are the account's ``cf_`` keys, all present."""
        data: dict[str, Any] = {
            "cc_emails": [],
            "fwd_emails": [],
            "reply_cc_emails": [],
            "ticket_cc_emails": [],
            "fr_escalated": self.fr_escalated,
            "spam": False,
            "email_config_id": None,
            "group_id": self.group_id,
            "priority": self.priority,
            "requester_id": self.requester_id,
            "responder_id": self.responder_id,
            "source": self.source,
            "company_id": self.company_id,
            "status": self.status,
            "subject": self.subject,
            "association_type": None,
            "support_email": None,
            "to_emails": None,
            "product_id": None,
            "id": self.id,
            "type": self.type,
            "due_by": iso_seconds(self.due_by),
            "fr_due_by": iso_seconds(self.fr_due_by),
            "is_escalated": self.is_escalated,
            "custom_fields": {name: self.custom_fields.get(name) for name in field_names},
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
            "tags": list(self.tags),
            "attachments": [],
            "nr_due_by": None,
            "nr_escalated": False,
        }
        if description:
            data["description"] = self.description
            data["description_text"] = self.description_text
        return data
