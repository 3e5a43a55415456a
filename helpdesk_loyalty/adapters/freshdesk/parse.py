"""Freshdesk automation-rule webhook bodies to helpdesk-neutral ticket events.

Only our template is understood (``connectors/freshdesk/body_template.json``, wrapped in
``"freshdesk_webhook"`` in the style of Zulip's integration). Freshdesk renders placeholders as
display strings: ``"ticket_status": "Pending"``, ``"ticket_priority": "High"``,
``"ticket_id": "11"``, tags as one comma-separated string, the description as HTML, and empty
relations as ``""``. ``{{triggered_event}}`` needs its own parser (:mod:`.triggered`).

Freshdesk sends no delivery id, so the dedupe key is built from what identifies the change: the
ticket id, ``{{ticket.updated_at}}``, our event name and the triggered event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ...errors import PayloadError
from ...models import Comment, EventKind, Ticket, TicketEvent, freeze, now_utc, parse_time
from ..base import HelpdeskSettings
from ..payload import (
    is_blank,
    load_object,
    opt_object,
    opt_str,
    opt_text,
    require_ticket_id,
    split_tags,
)
from .mapping import priority_from, status_from
from .triggered import parse_triggered_event

__all__ = ["BODY_SCHEMA", "parse_freshdesk"]

BODY_SCHEMA = "helpdesk-loyalty/freshdesk-automation@1"
_EVENTS: dict[str, EventKind] = {
    "ticket.created": "ticket.created",
    "ticket.updated": "ticket.updated",
}
# How {{ticket.updated_at}} renders is not documented; these are the forms seen in the wild.
_TIME_FORMATS = (
    "%a, %d %b, %Y at %I:%M %p",
    "%a, %d %b %Y at %I:%M %p",
    "%Y-%m-%d %H:%M:%S %Z",
    "%d %b %Y %I:%M %p",
    "%b %d, %Y %I:%M %p",
)


def _lenient_time(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        for fmt in _TIME_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _kind(value: object, triggered: Mapping[str, Any]) -> EventKind:
    if is_blank(value):
        if str(triggered.get("ticket_action", "")).lower() == "created":
            return "ticket.created"
        return "comment.added" if "note_type" in triggered else "ticket.updated"
    text = opt_str(value, "freshdesk_webhook.event") or ""
    kind = _EVENTS.get(text.lower())
    if kind is None:
        raise PayloadError(
            f"freshdesk_webhook.event {text[:80]!r} is not supported; expected one of "
            f"{', '.join(_EVENTS)}",
            code="unsupported_event",
            status_code=422,
        )
    if kind == "ticket.updated" and "note_type" in triggered:
        return "comment.added"
    return kind


def _changes(triggered: Mapping[str, Any], status_raw: str | None) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    for key, value in triggered.items():
        if key in ("ticket_action", "note_type"):
            continue
        before, after = (
            (value.get("from"), value.get("to")) if isinstance(value, Mapping) else (None, value)
        )
        path = f"triggered_event.{key}"
        if key == "status":
            (old, old_raw), (new, new_raw) = status_from(before, path), status_from(after, path)
            changes["status"] = (old, new)
            if old_raw or new_raw:
                changes["status_raw"] = (before, after)
        elif key == "priority":
            changes["priority"] = (priority_from(before, path), priority_from(after, path))
        else:
            changes[key] = (before, after)
    if status_raw is not None and "status_raw" not in changes:
        changes["status_raw"] = (None, status_raw)
    return changes


def _event_id(
    ticket_id: str, updated: str | None, kind: str, triggered: str, raw: Mapping[str, Any]
) -> str:
    if updated is not None:
        # How precisely {{ticket.updated_at}} renders is not documented: the latest comment's
        # digest keeps two replies within one rendered instant apart, and a redelivery (the
        # same body) still lands on the same key.
        latest = str(raw.get("ticket_latest_public_comment") or "")
        digest = hashlib.sha256(latest.encode("utf-8")).hexdigest()[:12]
        return f"{ticket_id}:{updated}:{kind}:{triggered}:{digest}"
    # Without {{ticket.updated_at}} nothing tells two deliveries of one change from two changes,
    # so the whole body is the key: a redelivery is dropped, and a second change that renders an
    # identical body carries nothing new for the rules anyway.
    normalised = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def parse_freshdesk(
    headers: Mapping[str, str], body: bytes, settings: HelpdeskSettings
) -> TicketEvent:
    """Turn an authenticated Freshdesk webhook request into a :class:`TicketEvent`.

    :raises PayloadError: not our template, or a field is missing or malformed; the message
        names the field (``freshdesk_webhook.<name>``) and what was expected.
    """
    data = load_object(body, "freshdesk")
    raw = opt_object(data, "freshdesk_webhook", "freshdesk_webhook")
    if not raw:
        raise PayloadError(
            "freshdesk_webhook is missing: send the body from "
            "connectors/freshdesk/body_template.json (Advanced content, JSON encoding)"
        )
    schema = raw.get("schema")
    if not is_blank(schema) and schema != BODY_SCHEMA:
        raise PayloadError(f"freshdesk_webhook.schema {str(schema)[:80]!r} is not {BODY_SCHEMA!r}")
    field = "freshdesk_webhook."
    ticket_id = require_ticket_id(raw.get("ticket_id"), field + "ticket_id")
    triggered_text = opt_str(raw.get("triggered_event"), field + "triggered_event") or ""
    triggered = parse_triggered_event(triggered_text) if triggered_text else {}
    kind = _kind(raw.get("event"), triggered)
    status, status_raw = status_from(raw.get("ticket_status"), field + "ticket_status")
    updated_raw = opt_str(raw.get("ticket_updated_at"), field + "ticket_updated_at")
    updated_at = _lenient_time(updated_raw)
    latest_key = "ticket_latest_public_comment"
    latest = opt_text(raw.get(latest_key), field + latest_key)
    public_note = kind == "comment.added" and str(triggered.get("note_type")).lower() != "private"
    comment = Comment(body=latest, public=True) if latest and public_note else None
    source = opt_str(raw.get("ticket_source"), field + "ticket_source")
    ticket = Ticket(
        id=ticket_id,
        subject=opt_text(raw.get("ticket_subject"), field + "ticket_subject"),
        description=opt_text(raw.get("ticket_description"), field + "ticket_description"),
        status=status or "open",
        priority=priority_from(raw.get("ticket_priority"), field + "ticket_priority"),
        tags=split_tags(raw.get("ticket_tags"), field + "ticket_tags", separator=","),
        updated_at=updated_at,
        via=source.lower().replace(" ", "_") if source else None,
        comments=(Comment(body=latest, public=True),) if latest else (),
        url=opt_str(raw.get("ticket_url"), field + "ticket_url"),
    )
    return TicketEvent(
        helpdesk=settings.name,
        account=settings.account,
        event_id=_event_id(ticket_id, updated_raw, kind, triggered_text, raw),
        kind=kind,
        ticket_id=ticket_id,
        # The body carries no delivery time; the ticket's update time is the closest, and the
        # time of receipt stands in when the placeholder is missing or in an unknown format.
        occurred_at=updated_at or now_utc(),
        ticket=ticket,
        complete=bool(ticket.subject or ticket.description or latest),
        comment=comment,
        changes=freeze(_changes(triggered, status_raw)),
        raw_type=f"automation:{kind}" + (f" {triggered_text}" if triggered_text else ""),
    )
