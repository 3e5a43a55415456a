"""JSON encoding of domain objects for the store (job payloads, ledger details).

Kept in one place so the receiver, the worker and the CLI read and write the same shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .models import Comment, Organization, Person, Ticket, TicketEvent, freeze, parse_time

__all__ = [
    "event_from_json",
    "event_to_json",
    "organization_from_json",
    "organization_to_json",
    "person_from_json",
    "person_to_json",
    "ticket_from_json",
    "ticket_to_json",
]


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _comment_to_json(c: Comment) -> dict[str, Any]:
    return {
        "body": c.body,
        "public": c.public,
        "author_id": c.author_id,
        "author_role": c.author_role,
        "created_at": _time(c.created_at),
        "id": c.id,
    }


def _comment_from_json(d: Mapping[str, Any]) -> Comment:
    return Comment(
        body=d.get("body", ""),
        public=bool(d.get("public", True)),
        author_id=d.get("author_id"),
        author_role=d.get("author_role"),
        created_at=parse_time(d.get("created_at")),
        id=d.get("id"),
    )


def ticket_to_json(t: Ticket) -> dict[str, Any]:
    """A JSON-compatible dict of ``t``."""
    return {
        "id": t.id,
        "subject": t.subject,
        "description": t.description,
        "status": t.status,
        "priority": t.priority,
        "tags": list(t.tags),
        "group_id": t.group_id,
        "assignee_id": t.assignee_id,
        "requester_id": t.requester_id,
        "organization_id": t.organization_id,
        "created_at": _time(t.created_at),
        "updated_at": _time(t.updated_at),
        "updated_stamp": t.updated_stamp,
        "custom_fields": dict(t.custom_fields),
        "satisfaction": t.satisfaction,
        "reopens": t.reopens,
        "sla_breached": t.sla_breached,
        "via": t.via,
        "comments": [_comment_to_json(c) for c in t.comments],
        "url": t.url,
    }


def ticket_from_json(d: Mapping[str, Any]) -> Ticket:
    """The inverse of :func:`ticket_to_json`."""
    return Ticket(
        id=str(d["id"]),
        subject=d.get("subject", ""),
        description=d.get("description", ""),
        status=d.get("status", "open"),
        priority=d.get("priority"),
        tags=tuple(d.get("tags", ())),
        group_id=d.get("group_id"),
        assignee_id=d.get("assignee_id"),
        requester_id=d.get("requester_id"),
        organization_id=d.get("organization_id"),
        created_at=parse_time(d.get("created_at")),
        updated_at=parse_time(d.get("updated_at")),
        updated_stamp=d.get("updated_stamp"),
        custom_fields=freeze(d.get("custom_fields")),
        satisfaction=d.get("satisfaction"),
        reopens=d.get("reopens"),
        sla_breached=d.get("sla_breached"),
        via=d.get("via"),
        comments=tuple(_comment_from_json(c) for c in d.get("comments", ())),
        url=d.get("url"),
    )


def person_to_json(p: Person) -> dict[str, Any]:
    """A JSON-compatible dict of ``p``."""
    return {
        "id": p.id,
        "name": p.name,
        "email": p.email,
        "tags": list(p.tags),
        "fields": dict(p.fields),
        "organization_id": p.organization_id,
        "created_at": _time(p.created_at),
    }


def person_from_json(d: Mapping[str, Any]) -> Person:
    """The inverse of :func:`person_to_json`."""
    return Person(
        id=str(d["id"]),
        name=d.get("name", ""),
        email=d.get("email"),
        tags=tuple(d.get("tags", ())),
        fields=freeze(d.get("fields")),
        organization_id=d.get("organization_id"),
        created_at=parse_time(d.get("created_at")),
    )


def organization_to_json(o: Organization) -> dict[str, Any]:
    """A JSON-compatible dict of ``o``."""
    return {"id": o.id, "name": o.name, "tags": list(o.tags), "fields": dict(o.fields)}


def organization_from_json(d: Mapping[str, Any]) -> Organization:
    """The inverse of :func:`organization_to_json`."""
    return Organization(
        id=str(d["id"]),
        name=d.get("name", ""),
        tags=tuple(d.get("tags", ())),
        fields=freeze(d.get("fields")),
    )


def event_to_json(e: TicketEvent) -> dict[str, Any]:
    """A JSON-compatible dict of ``e`` (the ``evaluate`` job payload)."""
    return {
        "helpdesk": e.helpdesk,
        "account": e.account,
        "event_id": e.event_id,
        "kind": e.kind,
        "ticket_id": e.ticket_id,
        "occurred_at": _time(e.occurred_at),
        "ticket": ticket_to_json(e.ticket),
        "complete": e.complete,
        "comment": _comment_to_json(e.comment) if e.comment else None,
        "changes": {k: [v[0], v[1]] for k, v in e.changes.items()},
        "actor_id": e.actor_id,
        "actor_role": e.actor_role,
        "raw_type": e.raw_type,
    }


def event_from_json(d: Mapping[str, Any]) -> TicketEvent:
    """The inverse of :func:`event_to_json`."""
    occurred = parse_time(d.get("occurred_at"))
    if occurred is None:
        raise ValueError("event without occurred_at")
    return TicketEvent(
        helpdesk=d["helpdesk"],
        account=d["account"],
        event_id=d["event_id"],
        kind=d["kind"],
        ticket_id=str(d["ticket_id"]),
        occurred_at=occurred,
        ticket=ticket_from_json(d["ticket"]),
        complete=bool(d.get("complete", True)),
        comment=_comment_from_json(d["comment"]) if d.get("comment") else None,
        changes=freeze({k: (v[0], v[1]) for k, v in (d.get("changes") or {}).items()}),
        actor_id=d.get("actor_id"),
        actor_role=d.get("actor_role"),
        raw_type=d.get("raw_type", ""),
    )
