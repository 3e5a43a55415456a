"""Zendesk webhook bodies to helpdesk-neutral ticket events.

Two shapes arrive, from two kinds of webhook (one webhook cannot be both):

- our trigger template (``connectors/zendesk/trigger_body.json``, ``"schema":
  "helpdesk-loyalty/zendesk-trigger@1"``), rendered by Zendesk from placeholders: every value is
  a string, empty relations render as ``""``, and the dedupe key is the
  ``x-zendesk-webhook-invocation-id`` header;
- event-subscription envelopes (``zen:event-type:ticket.*``), see :mod:`.envelope`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import PayloadError
from ...models import Comment, EventKind, Ticket, TicketEvent
from ..base import HelpdeskSettings
from ..payload import (
    is_blank,
    load_object,
    opt_id,
    opt_object,
    opt_str,
    opt_text,
    opt_time,
    require_ticket_id,
    split_tags,
)
from .envelope import EVENT_PREFIX, parse_envelope
from .mapping import normalise_priority, normalise_status, satisfaction_from
from .webhook import TIMESTAMP_HEADER

__all__ = ["INVOCATION_HEADER", "TRIGGER_SCHEMA", "parse_zendesk"]

TRIGGER_SCHEMA = "helpdesk-loyalty/zendesk-trigger@1"
INVOCATION_HEADER = "x-zendesk-webhook-invocation-id"
_TRIGGER_EVENTS: dict[str, EventKind] = {
    "ticket.created": "ticket.created",
    "ticket.updated": "ticket.updated",
}


def parse_zendesk(
    headers: Mapping[str, str], body: bytes, settings: HelpdeskSettings
) -> TicketEvent:
    """Turn a verified Zendesk webhook request into a :class:`TicketEvent`.

    :raises PayloadError: the body is neither shape, or a field is missing or malformed; the
        message names the field and what was expected. An unknown event type is a 422.
    """
    data = load_object(body, "zendesk")
    lowered = {key.lower(): value for key, value in headers.items()}
    if data.get("schema") == TRIGGER_SCHEMA:
        return _parse_trigger(data, lowered, settings)
    event_type = data.get("type")
    if isinstance(event_type, str) and event_type.startswith("zen:event-type:"):
        return parse_envelope(data, settings)
    if "schema" in data:
        raise PayloadError(
            f"schema {str(data.get('schema'))[:80]!r} is not supported; expected "
            f"{TRIGGER_SCHEMA!r} (the body in connectors/zendesk/trigger_body.json)"
        )
    raise PayloadError(
        'the body is neither our trigger template (no "schema": '
        f'{TRIGGER_SCHEMA!r}) nor a Zendesk event envelope (no "type": '
        f'"{EVENT_PREFIX}..."); connect the webhook with the setup command'
    )


def _trigger_kind(value: object) -> EventKind:
    if is_blank(value):
        raise PayloadError(
            "event is missing or an unrendered placeholder; install the trigger with the "
            "setup command, which fills in ticket.created or ticket.updated"
        )
    text = opt_str(value, "event") or ""
    kind = _TRIGGER_EVENTS.get(text.lower())
    if kind is None:
        raise PayloadError(
            f"event {text[:80]!r} is not supported; expected one of {', '.join(_TRIGGER_EVENTS)}",
            code="unsupported_event",
            status_code=422,
        )
    return kind


def _via(value: object) -> str | None:
    # {{ticket.via}} renders a display name ("Web Form", "Mail"); the API says "web", "email".
    text = opt_str(value, "ticket.via")
    return text.lower().replace(" ", "_") if text else None


def _parse_trigger(
    data: Mapping[str, Any], headers: Mapping[str, str], settings: HelpdeskSettings
) -> TicketEvent:
    invocation = headers.get(INVOCATION_HEADER, "").strip()
    if not invocation:
        raise PayloadError(
            f"missing header {INVOCATION_HEADER}: Zendesk sends it with every webhook request "
            "and trigger webhooks are deduplicated on it"
        )
    kind = _trigger_kind(data.get("event"))
    raw = opt_object(data, "ticket", "ticket")
    if not raw:
        raise PayloadError("ticket is missing: the trigger body must carry the ticket object")
    actor = opt_object(data, "actor", "actor")
    ticket_id = require_ticket_id(raw.get("id"), "ticket.id")
    latest = opt_text(raw.get("latest_comment"), "ticket.latest_comment")
    # {{ticket.latest_comment}} does not say who wrote it or whether it is public; it is kept
    # so rules read it and so our own note (it carries the decision marker) is recognised.
    comments = (Comment(body=latest),) if latest else ()
    created_at = opt_time(raw.get("created_at"), "ticket.created_at")
    updated_at = opt_time(raw.get("updated_at"), "ticket.updated_at")
    ticket = Ticket(
        id=ticket_id,
        subject=opt_text(raw.get("subject"), "ticket.subject"),
        description=opt_text(raw.get("description"), "ticket.description"),
        status=normalise_status(raw.get("status"), "ticket.status") or "open",
        priority=normalise_priority(raw.get("priority"), "ticket.priority"),
        # {{ticket.tags}} renders the tags separated by spaces.
        tags=split_tags(raw.get("tags"), "ticket.tags", separator=None),
        group_id=opt_id(raw.get("group_id"), "ticket.group_id"),
        assignee_id=opt_id(raw.get("assignee_id"), "ticket.assignee_id"),
        requester_id=opt_id(raw.get("requester_id"), "ticket.requester_id"),
        organization_id=opt_id(raw.get("organization_id"), "ticket.organization_id"),
        created_at=created_at,
        updated_at=updated_at,
        # *_with_timestamp placeholders render to the minute ("2013-12-12T05:35Z"), which is not
        # the stamp safe_update compares: leave it unset so the writer uses a fresh read.
        updated_stamp=None,
        satisfaction=satisfaction_from(raw.get("satisfaction")),
        via=_via(raw.get("via")),
        comments=comments,
        url=opt_str(raw.get("url"), "ticket.url"),
    )
    occurred_at = (
        updated_at or created_at or opt_time(headers.get(TIMESTAMP_HEADER), TIMESTAMP_HEADER)
    )
    if occurred_at is None:
        raise PayloadError("ticket.updated_at is missing: the trigger body must say when")
    return TicketEvent(
        helpdesk=settings.name,
        account=settings.account,
        event_id=invocation,
        kind=kind,
        ticket_id=ticket_id,
        occurred_at=occurred_at,
        ticket=ticket,
        complete=bool(ticket.subject or ticket.description or latest),
        actor_id=opt_id(actor.get("id"), "actor.id"),
        raw_type=f"trigger:{kind}",
    )
