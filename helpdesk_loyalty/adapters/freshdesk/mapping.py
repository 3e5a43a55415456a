"""Freshdesk values and JSON to the domain model.

Freshdesk speaks in numeric codes over the API (status 2 Open, 3 Pending, 4 Resolved, 5 Closed,
6+ custom; priority 1 Low … 4 Urgent) and in display names through webhook placeholders
("Pending", "High"), per the API docs and Zulip's fixtures. Custom statuses have no equivalent
of ours: they count as ``open`` and the caller keeps the raw value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import PayloadError
from ...models import Organization, Person, Ticket, freeze
from ..htmltext import html_to_text
from ..payload import opt_id, opt_object, opt_str, opt_time, split_tags

__all__ = [
    "PRIORITY_CODES",
    "company_of",
    "describe_freshdesk_error",
    "organization_from_company",
    "person_from_contact",
    "priority_from",
    "requester_of",
    "status_from",
    "ticket_from_api",
]

_STATUS_CODES = {"2": "open", "3": "pending", "4": "solved", "5": "closed"}
_STATUS_NAMES = {"open": "open", "pending": "pending", "resolved": "solved", "closed": "closed"}
_PRIORITY_CODES = {"1": "low", "2": "normal", "3": "high", "4": "urgent"}
_PRIORITY_NAMES = {"low": "low", "medium": "normal", "high": "high", "urgent": "urgent"}
PRIORITY_CODES = {"low": 1, "normal": 2, "high": 3, "urgent": 4}
_SOURCES = {
    1: "email",
    2: "portal",
    3: "phone",
    7: "chat",
    9: "feedback_widget",
    10: "outbound_email",
}
_COMPANY_FIELDS = ("account_tier", "health_score", "renewal_date", "industry")


def status_from(value: object, path: str) -> tuple[str | None, str | None]:
    """``(our status, raw custom status or None)`` from a code or a display name."""
    text = opt_str(value, path)
    if text is None:
        return None, None
    ours = _STATUS_CODES.get(text) or _STATUS_NAMES.get(text.lower())
    if ours is not None:
        return ours, None
    if text.isdigit() and int(text) < 2:
        raise PayloadError(f"{path} must be a Freshdesk status (2-5, or 6+ custom), got {text!r}")
    return "open", text


def priority_from(value: object, path: str) -> str | None:
    """Our priority from a Freshdesk code (1-4) or display name (Low/Medium/High/Urgent)."""
    text = opt_str(value, path)
    if text is None:
        return None
    ours = _PRIORITY_CODES.get(text) or _PRIORITY_NAMES.get(text.lower())
    if ours is None:
        raise PayloadError(
            f"{path} must be Low, Medium, High or Urgent (or 1-4), got {text[:40]!r}"
        )
    return ours


def _fields(value: object, path: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PayloadError(f"{path} must be an object of cf_* fields")
    return dict(value)


def _require_id(data: Mapping[str, Any], path: str) -> str:
    value = opt_id(data.get("id"), f"{path}.id")
    if value is None:
        raise PayloadError(f"{path}.id is missing")
    return value


def ticket_from_api(data: Mapping[str, Any], base_url: str) -> Ticket:
    """A :class:`Ticket` from a Freshdesk ticket object (``GET /api/v2/tickets/{id}``)."""
    ticket_id = _require_id(data, "ticket")
    status, _custom = status_from(data.get("status"), "ticket.status")
    text = data.get("description_text")
    description = opt_str(text, "ticket.description_text") or html_to_text(
        opt_str(data.get("description"), "ticket.description") or ""
    )
    escalated = [data[k] for k in ("is_escalated", "fr_escalated") if isinstance(data.get(k), bool)]
    updated_raw = data.get("updated_at")
    source = data.get("source")
    return Ticket(
        id=ticket_id,
        subject=opt_str(data.get("subject"), "ticket.subject") or "",
        description=description,
        status=status or "open",
        priority=priority_from(data.get("priority"), "ticket.priority"),
        tags=split_tags(data.get("tags"), "ticket.tags", separator=","),
        group_id=opt_id(data.get("group_id"), "ticket.group_id"),
        assignee_id=opt_id(data.get("responder_id"), "ticket.responder_id"),
        requester_id=opt_id(data.get("requester_id"), "ticket.requester_id"),
        organization_id=opt_id(data.get("company_id"), "ticket.company_id"),
        created_at=opt_time(data.get("created_at"), "ticket.created_at"),
        updated_at=opt_time(updated_raw, "ticket.updated_at"),
        updated_stamp=updated_raw if isinstance(updated_raw, str) and updated_raw else None,
        custom_fields=freeze(_fields(data.get("custom_fields"), "ticket.custom_fields")),
        sla_breached=any(escalated) if escalated else None,
        via=_SOURCES.get(source) if isinstance(source, int) else None,
        url=f"{base_url.rstrip('/')}/a/tickets/{ticket_id}",
    )


def person_from_contact(data: Mapping[str, Any]) -> Person:
    """A :class:`Person` from a contact (or the partial ``requester`` a ticket include gives)."""
    return Person(
        id=_require_id(data, "contact"),
        name=opt_str(data.get("name"), "contact.name") or "",
        email=opt_str(data.get("email"), "contact.email"),
        tags=split_tags(data.get("tags"), "contact.tags", separator=","),
        fields=freeze(_fields(data.get("custom_fields"), "contact.custom_fields")),
        organization_id=opt_id(data.get("company_id"), "contact.company_id"),
        created_at=opt_time(data.get("created_at"), "contact.created_at"),
    )


def organization_from_company(data: Mapping[str, Any]) -> Organization:
    """An :class:`Organization` from a company; the built-in account fields (tier, health
    score, renewal date, industry) join the ``cf_*`` fields, since they carry customer value."""
    fields = _fields(data.get("custom_fields"), "company.custom_fields")
    for key in _COMPANY_FIELDS:
        if data.get(key) is not None:
            fields.setdefault(key, data[key])
    return Organization(
        id=_require_id(data, "company"),
        name=opt_str(data.get("name"), "company.name") or "",
        tags=split_tags(data.get("tags"), "company.tags", separator=","),
        fields=freeze(fields),
    )


def describe_freshdesk_error(data: Any, text: str) -> str:
    """A readable message from ``{"description": ..., "errors": [{field, message, code}]}``."""
    if not isinstance(data, Mapping):
        return text.strip()[:300] or "no error message"
    parts = [str(data["description"])] if data.get("description") else []
    errors = data.get("errors")
    for item in errors if isinstance(errors, list) else []:
        if isinstance(item, Mapping):
            where = f"{item['field']}: " if item.get("field") else ""
            code = f" ({item['code']})" if item.get("code") else ""
            parts.append(f"{where}{item.get('message', '')}{code}")
    if not parts and data.get("message"):
        parts.append(str(data["message"]))
    return "; ".join(parts)[:500] or text.strip()[:300] or "no error message"


def requester_of(data: Mapping[str, Any]) -> Person | None:
    """The ``requester`` a ticket read with ``include=requester`` carries, if any."""
    raw = opt_object(data, "requester", "ticket.requester")
    return person_from_contact(raw) if raw else None


def company_of(data: Mapping[str, Any]) -> Organization | None:
    """The ``company`` a ticket read with ``include=company`` carries, if any."""
    raw = opt_object(data, "company", "ticket.company")
    return organization_from_company(raw) if raw and raw.get("id") is not None else None
