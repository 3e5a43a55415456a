"""What Zendesk puts in a webhook: trigger bodies with placeholders, and event envelopes.

Trigger bodies: the template is the admin's text with ``{{placeholders}}``; each placeholder is
replaced by its display value, JSON-escaped so free text (quotes, newlines, non-ASCII) keeps the
body valid JSON. Display values follow Zendesk's placeholder reference as far as our template
uses it: status and priority capitalised (``Open``, ``High``; ``-`` when unset),
``ticket.tags`` space-separated, ``*_with_timestamp`` ISO to the minute, ``ticket.via`` as the
channel's display name. Unknown placeholders render empty.

Event envelopes (``zen:event-type:ticket.*``) follow the webhook event types reference: a UUID
``id``, ``subject`` ``zen:ticket:{id}``, ``detail`` with string ids and upper-case enums, and the
event-specific ``event`` object.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from .timefmt import iso_minutes, iso_nanos, iso_seconds
from .zendesk_audit import ZdAudit, ZdChange
from .zendesk_records import STATUSES, ZdTicket, ZdUser
from .zendesk_state import ZendeskState

__all__ = ["audit_for", "event_envelopes", "event_types", "render_template", "trigger_values"]

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")
_VIA_DISPLAY = {"api": "Web Service", "web": "Web Form", "email": "Mail", "rule": "Trigger"}
_VIA_CHANNEL = {"api": "web_service", "web": "web_form", "email": "email", "rule": "rule"}
_SATISFACTION = {
    "unoffered": "Unoffered",
    "offered": "Offered",
    "good": "Good, I'm satisfied",
    "bad": "Bad, I'm unsatisfied",
}


def _display(value: str | None) -> str:
    if not value:
        return "-"
    return "On-hold" if value == "hold" else value.capitalize()


def trigger_values(
    state: ZendeskState, ticket: ZdTicket, actor: ZdUser | None, *, event: str | None = None
) -> dict[str, str]:
    """The placeholder values of ``ticket`` as ``actor`` changed it."""
    requester = state.users.get(ticket.requester_id)
    org = state.organizations.get(ticket.organization_id or -1)
    group = state.groups.get(ticket.group_id or -1)
    assignee = state.users.get(ticket.assignee_id or -1)
    latest = ticket.comments[-1] if ticket.comments else None
    latest_public = next((c for c in reversed(ticket.comments) if c.public), None)
    values = {
        "ticket.id": str(ticket.id),
        "ticket.title": ticket.subject,
        "ticket.description": ticket.description,
        "ticket.latest_comment": latest.body if latest else "",
        "ticket.latest_comment_html": latest.html_body if latest else "",
        "ticket.latest_public_comment": latest_public.body if latest_public else "",
        "ticket.status": _display(ticket.status),
        "ticket.priority": _display(ticket.priority),
        "ticket.ticket_type": _display(ticket.type),
        "ticket.tags": " ".join(ticket.tags),
        "ticket.group.id": str(group.id) if group else "",
        "ticket.group.name": group.name if group else "",
        "ticket.assignee.id": str(assignee.id) if assignee else "",
        "ticket.assignee.email": (assignee.email or "") if assignee else "",
        "ticket.requester.id": str(ticket.requester_id),
        "ticket.requester.email": (requester.email or "") if requester else "",
        "ticket.requester.name": requester.name if requester else "",
        "ticket.organization.id": str(org.id) if org else "",
        "ticket.organization.name": org.name if org else "",
        "ticket.created_at_with_timestamp": iso_minutes(ticket.created_at),
        "ticket.updated_at_with_timestamp": iso_minutes(ticket.updated_at),
        "ticket.via": _VIA_DISPLAY.get(ticket.via_channel, ticket.via_channel.title()),
        "ticket.link": f"https://{state.subdomain}.zendesk.com/agent/tickets/{ticket.id}",
        "ticket.url": f"{state.subdomain}.zendesk.com/agent/tickets/{ticket.id}",
        "satisfaction.current_rating": _SATISFACTION.get(ticket.satisfaction, ""),
        "current_user.id": str(actor.id) if actor else "",
        "current_user.email": (actor.email or "") if actor else "",
        "current_user.name": actor.name if actor else "",
        "current_user.role": actor.role if actor else "",
    }
    if event is not None:
        values["hl.event"] = event
    return values


def render_template(template: str, values: Mapping[str, str]) -> str:
    """``template`` with every ``{{name}}`` replaced by its JSON-escaped value."""

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        return json.dumps(value, ensure_ascii=False)[1:-1]

    return _PLACEHOLDER.sub(replace, template)


def _sid(value: int | None) -> str | None:
    return None if value is None else str(value)


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _detail(ticket: ZdTicket, actor_id: int) -> dict[str, Any]:
    return {
        "actor_id": str(actor_id),
        "assignee_id": _sid(ticket.assignee_id),
        "brand_id": "1",
        "created_at": iso_seconds(ticket.created_at),
        "custom_status": str(1_000_000 + STATUSES.index(ticket.status)),
        "description": ticket.description,
        "external_id": ticket.external_id,
        "form_id": "1",
        "group_id": _sid(ticket.group_id),
        "id": str(ticket.id),
        "is_public": any(c.public for c in ticket.comments),
        "organization_id": _sid(ticket.organization_id),
        "priority": _upper(ticket.priority),
        "requester_id": str(ticket.requester_id),
        "status": ticket.status.upper(),
        "subject": ticket.subject,
        "submitter_id": str(ticket.submitter_id),
        "tags": list(ticket.tags),
        "type": _upper(ticket.type),
        "updated_at": iso_seconds(ticket.updated_at),
        "via": {"channel": _VIA_CHANNEL.get(ticket.via_channel, ticket.via_channel)},
    }


def event_types(audit: ZdAudit) -> list[str]:
    """The ``ticket.*`` event types one update produces, in a stable order."""
    if audit.is_create:
        return ["created"]
    names = ["comment_added"] if audit.comment is not None else []
    by_field = {
        "status": "status_changed",
        "priority": "priority_changed",
        "tags": "tags_changed",
        "group_id": "group_assignment_changed",
        "assignee_id": "agent_assignment_changed",
        "subject": "subject_changed",
        "type": "type_changed",
    }
    for field, name in by_field.items():
        if field in audit.changes:
            names.append(name)
    if any(key.isdigit() for key in audit.changes):
        names.append("custom_field_changed")
    return names


def _event(state: ZendeskState, audit: ZdAudit, name: str) -> list[dict[str, Any]]:
    upper = {"status_changed", "priority_changed", "type_changed"}
    fields = {
        "status_changed": "status",
        "priority_changed": "priority",
        "subject_changed": "subject",
        "type_changed": "type",
        "group_assignment_changed": "group_id",
        "agent_assignment_changed": "assignee_id",
    }
    if name == "comment_added" and audit.comment is not None:
        author = state.users.get(audit.comment.author_id)
        return [
            {
                "comment": {
                    "id": str(audit.comment.id),
                    "body": audit.comment.body,
                    "is_public": audit.comment.public,
                    "author": {
                        "id": str(audit.comment.author_id),
                        "is_staff": bool(author and author.role != "end-user"),
                        "name": author.name if author else "",
                    },
                }
            }
        ]
    if name == "tags_changed":
        change = audit.changes["tags"]
        before, after = change.previous or [], change.value or []
        return [
            {
                "tags_added": [t for t in after if t not in before],
                "tags_removed": [t for t in before if t not in after],
            }
        ]
    if name == "custom_field_changed":
        out = []
        for key, change in audit.changes.items():
            if key.isdigit():
                spec = state.ticket_fields.get(int(key))
                out.append(
                    {
                        "current": change.value,
                        "previous": change.previous,
                        "custom_field": {
                            "id": key,
                            "title": spec.title if spec else "",
                            "type": spec.type if spec else "",
                        },
                    }
                )
        return out
    if name in fields:
        change = audit.changes[fields[name]]
        convert = (
            _upper
            if name in upper
            else (_sid if name.endswith("assignment_changed") else (lambda v: v))
        )
        return [{"current": convert(change.value), "previous": convert(change.previous)}]
    return [{}]


def event_envelopes(
    state: ZendeskState, ticket: ZdTicket, audit: ZdAudit, *, now: float, only: str | None = None
) -> list[dict[str, Any]]:
    """The event envelopes of one update (or only those of type ``only``), in sequence."""
    events: list[tuple[str, dict[str, Any]]] = []
    for name in event_types(audit) if only is None else [only]:
        for body in _event(state, audit, name):
            events.append((name, body))
    sequence = str(uuid.uuid4())
    envelopes = []
    for position, (name, body) in enumerate(events, start=1):
        body = dict(body)
        body["meta"] = {"sequence": {"id": sequence, "position": position, "total": len(events)}}
        envelopes.append(
            {
                "type": f"zen:event-type:ticket.{name}",
                "account_id": state.account_id,
                "id": str(uuid.uuid4()),
                "time": iso_nanos(now),
                "zendesk_event_version": "2022-11-06",
                "subject": f"zen:ticket:{ticket.id}",
                "detail": _detail(ticket, audit.author_id),
                "event": body,
            }
        )
    return envelopes


_CHANGED_FIELD = {
    "status_changed": "status",
    "priority_changed": "priority",
    "tags_changed": "tags",
    "group_assignment_changed": "group_id",
    "agent_assignment_changed": "assignee_id",
    "subject_changed": "subject",
    "type_changed": "type",
}


def audit_for(ticket: ZdTicket, event_type: str, previous: Any, at: float) -> ZdAudit:
    """An audit that would have produced ``event_type`` on ``ticket`` as it is now: the latest
    comment for ``comment_added``, ``previous`` -> current value for ``*_changed``."""
    comment = ticket.comments[-1] if ticket.comments else None
    actor = comment.author_id if comment else ticket.requester_id
    audit = ZdAudit(
        0,
        ticket.id,
        actor,
        at,
        event_type == "created",
        ticket.via_channel,
        comment if event_type == "comment_added" else None,
    )
    field = _CHANGED_FIELD.get(event_type)
    if field is not None:
        audit.changes[field] = ZdChange(field, previous, getattr(ticket, field))
    return audit
