"""Zendesk event-subscription envelopes (``zen:event-type:ticket.*``) to ticket events.

The envelope is fixed by Zendesk (https://developer.zendesk.com/api-reference/webhooks/
event-types/ticket-events/): ``id`` (a UUID per event, our dedupe key), ``type``, ``time``,
``subject`` (``zen:ticket:<id>``), ``detail`` (the ticket after the change, ids as strings, enums
in upper case) and ``event`` (what changed: ``current``/``previous``, ``tags_added``/
``tags_removed``, or the ``comment``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import PayloadError
from ...models import Comment, EventKind, Ticket, TicketEvent, freeze
from ..base import HelpdeskSettings
from ..payload import opt_id, opt_object, opt_str, opt_text, opt_time, split_tags
from .mapping import normalise_priority, normalise_status

__all__ = ["EVENT_PREFIX", "SUPPORTED_TYPES", "parse_envelope"]

EVENT_PREFIX = "zen:event-type:ticket."

# The field each change event reports on, named as in our Ticket where there is one.
_CHANGE_FIELDS: dict[str, str] = {
    "status_changed": "status",
    "priority_changed": "priority",
    "tags_changed": "tags",
    "group_assignment_changed": "group_id",
    "agent_assignment_changed": "assignee_id",
    "requester_changed": "requester_id",
    "submitter_changed": "submitter_id",
    "organization_changed": "organization_id",
    "subject_changed": "subject",
    "description_changed": "description",
    "type_changed": "type",
    "custom_status_changed": "custom_status",
    "custom_field_changed": "custom_fields",
    "form_changed": "form_id",
    "brand_changed": "brand_id",
    "external_id_changed": "external_id",
    "task_due_at_changed": "due_at",
    "problem_link_changed": "problem_id",
    "email_ccs_changed": "email_ccs",
    "followers_changed": "followers",
    "sla_policy_changed": "sla_policy",
    "ola_policy_changed": "ola_policy",
    "schedule_changed": "schedule",
}
_OTHER_UPDATES = (
    "attachment_linked_to_comment",
    "attachment_redacted_from_comment",
    "comment_made_private",
    "comment_redacted",
    "marked_as_spam",
    "merged",
    "soft_deleted",
    "permanently_deleted",
)
SUPPORTED_TYPES: tuple[str, ...] = tuple(
    EVENT_PREFIX + suffix
    for suffix in ("created", "comment_added", *_CHANGE_FIELDS, *_OTHER_UPDATES)
)
# A detail without these is a partial snapshot: the worker reads the ticket instead.
_SNAPSHOT_KEYS = ("status", "tags", "requester_id")


def _kind_of(event_type: str) -> EventKind:
    if event_type not in SUPPORTED_TYPES:
        suffixes = ", ".join(t.removeprefix(EVENT_PREFIX) for t in SUPPORTED_TYPES)
        raise PayloadError(
            f"unsupported Zendesk event type {event_type!r}; supported are "
            f"{EVENT_PREFIX}{{{suffixes}}}. Subscribe the webhook to ticket events only",
            code="unsupported_event",
            status_code=422,
        )
    suffix = event_type.removeprefix(EVENT_PREFIX)
    if suffix == "created":
        return "ticket.created"
    if suffix == "comment_added":
        return "comment.added"
    return "ticket.updated"


def _change_value(value: object, field: str, path: str) -> Any:
    if field == "status":
        return normalise_status(value, path)
    if field == "priority":
        return normalise_priority(value, path)
    if isinstance(value, Mapping):
        return opt_id(value.get("id"), f"{path}.id")
    if isinstance(value, int) and not isinstance(value, bool) and field.endswith("_id"):
        return str(value)
    return value


def _changes(suffix: str, event: Mapping[str, Any], tags: tuple[str, ...]) -> dict[str, Any]:
    field = _CHANGE_FIELDS.get(suffix)
    if field is None:
        return {}
    if field == "tags":
        added = split_tags(event.get("tags_added"), "event.tags_added", separator=None)
        removed = split_tags(event.get("tags_removed"), "event.tags_removed", separator=None)
        before = tuple(t for t in tags if t not in added) + tuple(
            t for t in removed if t not in tags
        )
        return {"tags": (before, tags)}
    if "current" not in event and "previous" not in event:
        return {}
    if field == "custom_fields":
        custom = opt_object(event, "custom_field", "event.custom_field")
        field_id = opt_id(custom.get("id"), "event.custom_field.id")
        if field_id is None:
            raise PayloadError("event.custom_field.id is missing in a custom_field_changed event")
        field = f"custom_fields.{field_id}"
    before = _change_value(event.get("previous"), field, "event.previous")
    after = _change_value(event.get("current"), field, "event.current")
    return {field: (before, after)}


def _comment(event: Mapping[str, Any]) -> Comment | None:
    raw = opt_object(event, "comment", "event.comment")
    if not raw:
        return None
    author = opt_object(raw, "author", "event.comment.author")
    is_staff = author.get("is_staff")
    public = raw.get("is_public", True)
    if not isinstance(public, bool):
        raise PayloadError("event.comment.is_public must be true or false")
    return Comment(
        body=opt_text(raw.get("body"), "event.comment.body"),
        public=public,
        author_id=opt_id(author.get("id"), "event.comment.author.id"),
        author_role=None if is_staff is None else ("agent" if is_staff else "end_user"),
        id=opt_id(raw.get("id"), "event.comment.id"),
    )


def _ticket_id(data: Mapping[str, Any], detail: Mapping[str, Any]) -> str:
    ticket_id = opt_id(detail.get("id"), "detail.id")
    subject = data.get("subject")
    if ticket_id is None and isinstance(subject, str) and subject.startswith("zen:ticket:"):
        ticket_id = subject.removeprefix("zen:ticket:")
    if ticket_id is None or not ticket_id.isdigit():
        raise PayloadError(f"detail.id must be the ticket number, got {ticket_id!r}")
    return ticket_id


def parse_envelope(data: Mapping[str, Any], settings: HelpdeskSettings) -> TicketEvent:
    """A :class:`TicketEvent` from an event-subscription envelope (already JSON-decoded)."""
    event_type = opt_str(data.get("type"), "type") or ""
    kind = _kind_of(event_type)
    event_id = opt_str(data.get("id"), "id")
    if event_id is None:
        raise PayloadError("id is missing: Zendesk event envelopes carry a unique event id")
    detail = opt_object(data, "detail", "detail")
    if not detail:
        raise PayloadError("detail is missing: the envelope must carry the ticket in detail")
    event = opt_object(data, "event", "event")
    ticket_id = _ticket_id(data, detail)
    tags = split_tags(detail.get("tags"), "detail.tags", separator=None)
    comment = _comment(event) if kind == "comment.added" else None
    updated_raw = detail.get("updated_at")
    ticket = Ticket(
        id=ticket_id,
        subject=opt_text(detail.get("subject"), "detail.subject"),
        description=opt_text(detail.get("description"), "detail.description"),
        status=normalise_status(detail.get("status"), "detail.status") or "open",
        priority=normalise_priority(detail.get("priority"), "detail.priority"),
        tags=tags,
        group_id=opt_id(detail.get("group_id"), "detail.group_id"),
        assignee_id=opt_id(detail.get("assignee_id"), "detail.assignee_id"),
        requester_id=opt_id(detail.get("requester_id"), "detail.requester_id"),
        organization_id=opt_id(detail.get("organization_id"), "detail.organization_id"),
        created_at=opt_time(detail.get("created_at"), "detail.created_at"),
        updated_at=opt_time(updated_raw, "detail.updated_at"),
        updated_stamp=updated_raw if isinstance(updated_raw, str) and updated_raw else None,
        via=opt_str(opt_object(detail, "via", "detail.via").get("channel"), "detail.via.channel"),
        comments=(comment,) if comment is not None else (),
    )
    occurred_at = opt_time(data.get("time"), "time") or ticket.updated_at
    if occurred_at is None:
        raise PayloadError("time is missing: the envelope must say when the event happened")
    has_text = bool(ticket.subject or ticket.description or (comment and comment.body))
    actor_id = opt_id(detail.get("actor_id"), "detail.actor_id")
    return TicketEvent(
        helpdesk=settings.name,
        account=settings.account,
        event_id=event_id,
        kind=kind,
        ticket_id=ticket_id,
        occurred_at=occurred_at,
        ticket=ticket,
        complete=has_text and all(key in detail for key in _SNAPSHOT_KEYS),
        comment=comment,
        changes=freeze(_changes(event_type.removeprefix(EVENT_PREFIX), event, tags)),
        actor_id=actor_id or (comment.author_id if comment else None),
        actor_role=comment.author_role if comment else None,
        raw_type=event_type,
    )
