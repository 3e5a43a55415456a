"""The records of the Zendesk sandbox account and their JSON, shaped like the Support API's.

Mutable on purpose: they are the helpdesk's state, not domain values. ``base`` in every
``to_json`` is the account's API root (``http://127.0.0.1:8900/zendesk``) for the ``url`` keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .timefmt import iso_seconds

__all__ = [
    "PRIORITIES",
    "STATUSES",
    "TYPES",
    "ZdComment",
    "ZdGroup",
    "ZdOrganization",
    "ZdTicket",
    "ZdTicketField",
    "ZdUser",
]

STATUSES = ("new", "open", "pending", "hold", "solved", "closed")
PRIORITIES = ("low", "normal", "high", "urgent")
TYPES = ("problem", "incident", "question", "task")


@dataclass
class ZdUser:
    """A user; ``role`` is ``end-user``, ``agent`` or ``admin`` as the API spells it."""

    id: int
    name: str
    email: str | None
    role: str
    created_at: float
    updated_at: float
    organization_id: int | None = None
    tags: list[str] = field(default_factory=list)
    user_fields: dict[str, Any] = field(default_factory=dict)
    time_zone: str = "Etc/UTC"
    locale: str = "en-US"
    phone: str | None = None
    external_id: str | None = None
    details: str = ""
    notes: str = ""
    default_group_id: int | None = None

    @property
    def trigger_role(self) -> str:
        """The role as trigger conditions name it (``end_user``, ``agent``, ``admin``)."""
        return self.role.replace("-", "_")

    def partial_json(self, base: str) -> dict[str, Any]:
        """The record side-loaded with ``include=users``."""
        return {
            "id": self.id,
            "url": f"{base}/api/v2/users/{self.id}.json",
            "name": self.name,
            "email": self.email,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
            "time_zone": self.time_zone,
            "locale": self.locale,
            "organization_id": self.organization_id,
            "role": self.role,
            "external_id": self.external_id,
            "tags": list(self.tags),
            "active": True,
            "details": self.details,
            "notes": self.notes,
            "user_fields": dict(self.user_fields),
        }

    def to_json(self, base: str) -> dict[str, Any]:
        """The full record of ``GET /api/v2/users/{id}``."""
        data = self.partial_json(base)
        data.update(
            {
                "iana_time_zone": self.time_zone,
                "phone": self.phone,
                "shared_phone_number": None,
                "photo": None,
                "verified": True,
                "alias": "",
                "shared": False,
                "shared_agent": False,
                "last_login_at": None,
                "two_factor_auth_enabled": False,
                "signature": None,
                "role_type": None,
                "custom_role_id": None,
                "moderator": self.role != "end-user",
                "ticket_restriction": "requested" if self.role == "end-user" else None,
                "only_private_comments": False,
                "restricted_agent": False,
                "suspended": False,
                "default_group_id": self.default_group_id,
                "report_csv": False,
            }
        )
        return data


@dataclass
class ZdOrganization:
    """An organization with its custom ``organization_fields``."""

    id: int
    name: str
    created_at: float
    updated_at: float
    tags: list[str] = field(default_factory=list)
    organization_fields: dict[str, Any] = field(default_factory=dict)
    domain_names: list[str] = field(default_factory=list)
    details: str = ""
    notes: str = ""
    group_id: int | None = None
    external_id: str | None = None

    def to_json(self, base: str) -> dict[str, Any]:
        """The record of ``GET /api/v2/organizations/{id}`` (also side-loaded)."""
        return {
            "url": f"{base}/api/v2/organizations/{self.id}.json",
            "id": self.id,
            "name": self.name,
            "shared_tickets": False,
            "shared_comments": False,
            "external_id": self.external_id,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
            "domain_names": list(self.domain_names),
            "details": self.details,
            "notes": self.notes,
            "group_id": self.group_id,
            "tags": list(self.tags),
            "organization_fields": dict(self.organization_fields),
        }


@dataclass
class ZdGroup:
    """An agent group."""

    id: int
    name: str
    created_at: float
    description: str = ""
    default: bool = False

    def to_json(self, base: str) -> dict[str, Any]:
        """The record of ``GET /api/v2/groups``."""
        return {
            "url": f"{base}/api/v2/groups/{self.id}.json",
            "id": self.id,
            "is_public": True,
            "name": self.name,
            "description": self.description,
            "default": self.default,
            "deleted": False,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.created_at),
        }


@dataclass
class ZdTicketField:
    """A ticket field; ``removable`` ones are the custom fields tickets carry by id."""

    id: int
    type: str
    title: str
    created_at: float
    position: int = 0
    description: str = ""
    removable: bool = True
    options: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, base: str) -> dict[str, Any]:
        """The record of ``GET /api/v2/ticket_fields``."""
        data: dict[str, Any] = {
            "url": f"{base}/api/v2/ticket_fields/{self.id}.json",
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "raw_title": self.title,
            "description": self.description,
            "raw_description": self.description,
            "position": self.position,
            "active": True,
            "required": False,
            "collapsed_for_agents": False,
            "regexp_for_validation": None,
            "title_in_portal": self.title,
            "raw_title_in_portal": self.title,
            "visible_in_portal": not self.removable,
            "editable_in_portal": False,
            "required_in_portal": False,
            "tag": None,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.created_at),
            "removable": self.removable,
            "key": None,
            "agent_description": None,
        }
        if self.options:
            data["custom_field_options"] = [dict(o) for o in self.options]
        return data


@dataclass
class ZdComment:
    """A comment; ``body`` is plain text and ``html_body`` its HTML."""

    id: int
    author_id: int
    body: str
    html_body: str
    public: bool
    created_at: float
    audit_id: int
    via_channel: str = "api"

    def to_json(self) -> dict[str, Any]:
        """The record of ``GET /api/v2/tickets/{id}/comments``."""
        return {
            "id": self.id,
            "type": "Comment",
            "author_id": self.author_id,
            "body": self.body,
            "html_body": self.html_body,
            "plain_body": self.body,
            "public": self.public,
            "attachments": [],
            "audit_id": self.audit_id,
            "via": {"channel": self.via_channel, "source": {"from": {}, "to": {}, "rel": None}},
            "created_at": iso_seconds(self.created_at),
            "metadata": {"system": {}, "custom": {}},
        }


@dataclass
class ZdTicket:
    """A ticket. ``updated_at`` is whole seconds and moves forward on every change."""

    id: int
    subject: str
    status: str
    requester_id: int
    submitter_id: int
    created_at: float
    updated_at: float
    priority: str | None = None
    type: str | None = None
    assignee_id: int | None = None
    organization_id: int | None = None
    group_id: int | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[int, Any] = field(default_factory=dict)
    comments: list[ZdComment] = field(default_factory=list)
    via_channel: str = "web"
    satisfaction: str = "unoffered"
    external_id: str | None = None

    @property
    def description(self) -> str:
        """The first comment's text, as Zendesk's ``description``."""
        return self.comments[0].body if self.comments else ""

    def to_json(self, base: str, fields: list[ZdTicketField]) -> dict[str, Any]:
        """The record of ``GET /api/v2/tickets/{id}``; ``fields`` are the account's custom
        ticket fields, every one of which appears in ``custom_fields`` (``null`` when unset)."""
        custom = [{"id": f.id, "value": self.custom_fields.get(f.id)} for f in fields]
        return {
            "url": f"{base}/api/v2/tickets/{self.id}.json",
            "id": self.id,
            "external_id": self.external_id,
            "via": {"channel": self.via_channel, "source": {"from": {}, "to": {}, "rel": None}},
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
            "generated_timestamp": int(self.updated_at),
            "type": self.type,
            "subject": self.subject,
            "raw_subject": self.subject,
            "description": self.description,
            "priority": self.priority,
            "status": self.status,
            "recipient": None,
            "requester_id": self.requester_id,
            "submitter_id": self.submitter_id,
            "assignee_id": self.assignee_id,
            "organization_id": self.organization_id,
            "group_id": self.group_id,
            "collaborator_ids": [],
            "follower_ids": [],
            "email_cc_ids": [],
            "forum_topic_id": None,
            "problem_id": None,
            "has_incidents": False,
            "is_public": any(c.public for c in self.comments),
            "due_at": None,
            "tags": list(self.tags),
            "custom_fields": custom,
            "fields": [dict(c) for c in custom],
            "satisfaction_rating": {"score": self.satisfaction},
            "sharing_agreement_ids": [],
            "custom_status_id": 1_000_000 + STATUSES.index(self.status),
            "followup_ids": [],
            "ticket_form_id": 1,
            "brand_id": 1,
            "allow_channelback": False,
            "allow_attachments": True,
            "from_messaging_channel": False,
        }
