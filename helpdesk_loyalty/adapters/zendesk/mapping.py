"""Zendesk JSON to the domain model: tickets, users and organizations as the API returns them.

The API sends ids as integers and enums in lower case; event-subscription envelopes send ids as
strings and enums in upper case (https://developer.zendesk.com/api-reference/webhooks/event-types/
ticket-events/), so every reader here accepts both. Shape errors raise
:class:`~helpdesk_loyalty.errors.PayloadError` naming the field; the client turns those into
:class:`~helpdesk_loyalty.errors.PermanentHelpdeskError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import PayloadError
from ...models import PRIORITIES, Organization, Person, Ticket, freeze
from ..payload import is_blank, opt_id, opt_object, opt_str, opt_time, split_tags

__all__ = [
    "custom_fields_from_list",
    "describe_zendesk_error",
    "normalise_priority",
    "normalise_status",
    "organization_from_api",
    "person_from_api",
    "satisfaction_from",
    "ticket_from_api",
]

# Zendesk's UI spells the hold status "On-hold"; triggers render the display name.
_STATUS_ALIASES = {"on-hold": "hold", "on hold": "hold", "onhold": "hold"}


def normalise_status(value: object, path: str) -> str | None:
    """A lower-case status (``new`` … ``closed``; ``deleted`` and the like are kept as sent)."""
    text = opt_str(value, path)
    if text is None:
        return None
    lowered = text.lower()
    return _STATUS_ALIASES.get(lowered, lowered)


def normalise_priority(value: object, path: str) -> str | None:
    """``low``/``normal``/``high``/``urgent`` whatever the case, ``None`` when unset."""
    text = opt_str(value, path)
    if text is None:
        return None
    lowered = text.lower()
    if lowered not in PRIORITIES:
        raise PayloadError(
            f"{path} must be one of {', '.join(PRIORITIES)} (any case), got {text!r}"
        )
    return lowered


def satisfaction_from(value: object) -> str | None:
    """``good``/``bad`` from a rating object (``{"score": ...}``) or a rendered rating text.

    The ``{{satisfaction.current_rating}}`` placeholder renders a sentence such as "Good, I'm
    satisfied"; ``offered``/``unoffered`` mean no rating yet.
    """
    score = value.get("score") if isinstance(value, Mapping) else value
    if not isinstance(score, str) or is_blank(score):
        return None
    lowered = score.strip().lower()
    if lowered.startswith("good"):
        return "good"
    if lowered.startswith("bad"):
        return "bad"
    return None


def custom_fields_from_list(value: object, path: str) -> dict[str, Any]:
    """Zendesk's ``[{"id": 360001, "value": "x"}]`` as ``{"360001": "x"}``."""
    if value is None:
        return {}
    if not isinstance(value, list):
        raise PayloadError(f"{path} must be a list of {{id, value}} objects")
    fields: dict[str, Any] = {}
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise PayloadError(f"{path}[{index}] must be an object with id and value")
        key = opt_id(item.get("id"), f"{path}[{index}].id")
        if key is None:
            raise PayloadError(f"{path}[{index}].id is missing")
        fields[key] = item.get("value")
    return fields


def _fields_object(value: object, path: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PayloadError(f"{path} must be an object")
    return value


def _require_id(data: Mapping[str, Any], path: str) -> str:
    value = opt_id(data.get("id"), f"{path}.id")
    if value is None:
        raise PayloadError(f"{path}.id is missing")
    return value


def ticket_from_api(data: Mapping[str, Any], base_url: str) -> Ticket:
    """A :class:`Ticket` from a ticket object of the Tickets API.

    ``updated_stamp`` is the ``updated_at`` string exactly as sent, for ``safe_update``.
    """
    ticket_id = _require_id(data, "ticket")
    updated_raw = data.get("updated_at")
    via = opt_object(data, "via", "ticket.via")
    return Ticket(
        id=ticket_id,
        subject=opt_str(data.get("subject"), "ticket.subject") or "",
        description=opt_str(data.get("description"), "ticket.description") or "",
        status=normalise_status(data.get("status"), "ticket.status") or "open",
        priority=normalise_priority(data.get("priority"), "ticket.priority"),
        tags=split_tags(data.get("tags"), "ticket.tags", separator=None),
        group_id=opt_id(data.get("group_id"), "ticket.group_id"),
        assignee_id=opt_id(data.get("assignee_id"), "ticket.assignee_id"),
        requester_id=opt_id(data.get("requester_id"), "ticket.requester_id"),
        organization_id=opt_id(data.get("organization_id"), "ticket.organization_id"),
        created_at=opt_time(data.get("created_at"), "ticket.created_at"),
        updated_at=opt_time(updated_raw, "ticket.updated_at"),
        updated_stamp=updated_raw if isinstance(updated_raw, str) and updated_raw else None,
        custom_fields=freeze(custom_fields_from_list(data.get("custom_fields"), "custom_fields")),
        satisfaction=satisfaction_from(data.get("satisfaction_rating")),
        via=opt_str(via.get("channel"), "ticket.via.channel"),
        url=f"{base_url.rstrip('/')}/agent/tickets/{ticket_id}",
    )


def person_from_api(data: Mapping[str, Any]) -> Person:
    """A :class:`Person` from a user object; ``user_fields`` become ``fields``."""
    return Person(
        id=_require_id(data, "user"),
        name=opt_str(data.get("name"), "user.name") or "",
        email=opt_str(data.get("email"), "user.email"),
        tags=split_tags(data.get("tags"), "user.tags", separator=None),
        fields=freeze(_fields_object(data.get("user_fields"), "user.user_fields")),
        organization_id=opt_id(data.get("organization_id"), "user.organization_id"),
        created_at=opt_time(data.get("created_at"), "user.created_at"),
    )


def organization_from_api(data: Mapping[str, Any]) -> Organization:
    """An :class:`Organization`; ``organization_fields`` become ``fields``."""
    return Organization(
        id=_require_id(data, "organization"),
        name=opt_str(data.get("name"), "organization.name") or "",
        tags=split_tags(data.get("tags"), "organization.tags", separator=None),
        fields=freeze(
            _fields_object(data.get("organization_fields"), "organization.organization_fields")
        ),
    )


def describe_zendesk_error(data: Any, text: str) -> str:
    """A readable message from a Zendesk error body.

    Zendesk answers ``{"error": "RecordInvalid", "description": "...", "details": {"base":
    [{"description": "..."}]}}``, ``{"error": {"title": ..., "message": ...}}``, or plain text
    (https://developer.zendesk.com/api-reference/introduction/requests).
    """
    if not isinstance(data, Mapping):
        return text.strip()[:300] or "no error message"
    error = data.get("error")
    parts: list[str] = []
    if isinstance(error, Mapping):
        parts.extend(str(error[k]) for k in ("title", "message") if error.get(k))
    elif error:
        parts.append(str(error))
    if data.get("description"):
        parts.append(str(data["description"]))
    details = data.get("details")
    if isinstance(details, Mapping):
        for field, problems in details.items():
            for problem in problems if isinstance(problems, list) else [problems]:
                if isinstance(problem, Mapping) and problem.get("description"):
                    parts.append(f"{field}: {problem['description']}")
    return "; ".join(parts)[:500] or text.strip()[:300] or "no error message"
