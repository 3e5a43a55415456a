"""The Zendesk sandbox account: its records and the rules of changing a ticket.

Update semantics follow the Tickets API reference: ``tags`` replaces the list, unknown
attributes are dropped silently, a closed ticket refuses updates, ``custom_fields`` is a list
of ``{id, value}`` (unknown ids ignored), a comment is ``{body | html_body, public}`` written by
the API user unless ``author_id`` says otherwise, and ``updated_at`` moves on every change.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator, Mapping
from html import escape
from typing import Any

from .htmltext import html_to_text
from .zendesk_audit import ZdAudit, invalid
from .zendesk_hooks import ZdTrigger, ZdWebhook
from .zendesk_records import (
    PRIORITIES,
    STATUSES,
    TYPES,
    ZdComment,
    ZdGroup,
    ZdOrganization,
    ZdTicket,
    ZdTicketField,
    ZdUser,
)

__all__ = ["MAX_COMMENTS", "ZendeskState", "as_id"]

MAX_COMMENTS = 5000


def as_id(value: Any) -> int | None:
    """An id from JSON (an integer or a string of digits), or ``None`` if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _tags(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise invalid("tags", "Tags: must be a list of strings")
    out: list[str] = []
    for entry in value:
        for tag in entry.split():
            if tag not in out:
                out.append(tag)
    return out


class ZendeskState:
    """Everything one Zendesk sandbox account holds."""

    def __init__(self, *, account_id: int, subdomain: str, api_email: str, now: float) -> None:
        self.account_id = account_id
        self.subdomain = subdomain
        self.users: dict[int, ZdUser] = {}
        self.organizations: dict[int, ZdOrganization] = {}
        self.groups: dict[int, ZdGroup] = {}
        self.ticket_fields: dict[int, ZdTicketField] = {}
        self.tickets: dict[int, ZdTicket] = {}
        self.webhooks: dict[str, ZdWebhook] = {}
        self.triggers: dict[int, ZdTrigger] = {}
        self._ids: dict[str, Iterator[int]] = {
            "user": itertools.count(1_900_000_000_001),
            "organization": itertools.count(1_800_000_000_001),
            "group": itertools.count(1_700_000_000_001),
            "field": itertools.count(360_000_000_001),
            "option": itertools.count(360_100_000_001),
            "ticket": itertools.count(1),
            "comment": itertools.count(2_100_000_000_001),
            "audit": itertools.count(2_200_000_000_001),
            "trigger": itertools.count(3_600_000_001),
        }
        self.api_user = self.add_user("helpdesk-loyalty API", api_email, "admin", now=now)
        for position, (kind, title) in enumerate(
            [
                ("subject", "Subject"),
                ("description", "Description"),
                ("status", "Status"),
                ("tickettype", "Type"),
                ("priority", "Priority"),
                ("group", "Group"),
                ("assignee", "Assignee"),
            ]
        ):
            self._add_field(kind, title, now=now, position=position, removable=False)

    def next_id(self, kind: str) -> int:
        """The next id of ``kind`` (``user``, ``ticket``, ``comment``...)."""
        return next(self._ids[kind])

    # -- records -----------------------------------------------------------------------------

    def add_user(
        self, name: str, email: str | None, role: str = "end-user", *, now: float, **extra: Any
    ) -> ZdUser:
        """Create a user (``role``: ``end-user``, ``agent`` or ``admin``)."""
        user = ZdUser(self.next_id("user"), name, email, role, now, now, **extra)
        self.users[user.id] = user
        return user

    def add_organization(self, name: str, *, now: float, **extra: Any) -> ZdOrganization:
        """Create an organization."""
        org = ZdOrganization(self.next_id("organization"), name, now, now, **extra)
        self.organizations[org.id] = org
        return org

    def add_group(self, name: str, *, now: float, description: str = "") -> ZdGroup:
        """Create a group; the first one is the default group."""
        group = ZdGroup(self.next_id("group"), name, now, description, not self.groups)
        self.groups[group.id] = group
        return group

    def add_ticket_field(
        self, title: str, type_: str = "text", *, now: float, options: list[str] | None = None
    ) -> ZdTicketField:
        """Create a custom ticket field (``text``, ``decimal``, ``integer``, ``checkbox``,
        ``tagger`` with ``options``)."""
        rows = [
            {"id": self.next_id("option"), "name": o, "raw_name": o, "value": o}
            for o in options or ()
        ]
        return self._add_field(
            type_, title, now=now, position=len(self.ticket_fields), removable=True, options=rows
        )

    def _add_field(
        self,
        type_: str,
        title: str,
        *,
        now: float,
        position: int,
        removable: bool,
        options: list[dict[str, Any]] | None = None,
    ) -> ZdTicketField:
        record = ZdTicketField(
            self.next_id("field"),
            type_,
            title,
            now,
            position,
            removable=removable,
            options=options or [],
        )
        self.ticket_fields[record.id] = record
        return record

    def custom_fields(self) -> list[ZdTicketField]:
        """The custom ticket fields, in position order."""
        return sorted(
            (f for f in self.ticket_fields.values() if f.removable), key=lambda f: f.position
        )

    def user_by_email(self, email: str) -> ZdUser | None:
        """The user with ``email`` (case-insensitive)."""
        wanted = email.strip().lower()
        return next((u for u in self.users.values() if (u.email or "").lower() == wanted), None)

    def find_ticket(self, ticket_id: int) -> ZdTicket | None:
        """The ticket, or ``None``."""
        return self.tickets.get(ticket_id)

    @staticmethod
    def new_signing_secret() -> str:
        """A fresh webhook signing secret."""
        return secrets.token_urlsafe(36)

    # -- changing tickets --------------------------------------------------------------------

    def _stamp(self, ticket: ZdTicket, now: float) -> None:
        # Second precision, strictly increasing: safe_update compares updated_at, so two
        # updates within one second must still leave different stamps.
        ticket.updated_at = max(float(int(now)), ticket.updated_at + 1.0)

    def _comment(self, raw: Any, actor: ZdUser, now: float, audit_id: int, via: str) -> ZdComment:
        if not isinstance(raw, Mapping):
            raise invalid("comment", "Comment: must be an object with body or html_body")
        html = raw.get("html_body")
        body = raw.get("body")
        if isinstance(html, str) and html.strip():
            text = html_to_text(html)
        elif isinstance(body, str) and body.strip():
            text = body
            paragraphs = "".join(f'<p dir="auto">{escape(p)}</p>' for p in body.split("\n") if p)
            html = f'<div class="zd-comment" dir="auto">{paragraphs}</div>'
        else:
            raise invalid("comment", "Comment: cannot be blank", "BlankValue")
        author_id = actor.id
        if raw.get("author_id") is not None:
            wanted = as_id(raw.get("author_id"))
            if wanted is None or wanted not in self.users:
                raise invalid("author_id", "Author: is invalid")
            author_id = wanted
        public = raw.get("public", True)
        return ZdComment(
            self.next_id("comment"), author_id, text, html, public is not False, now, audit_id, via
        )

    def _check(self, name: str, value: Any, allowed: tuple[str, ...], blank_ok: bool) -> Any:
        if value in (None, "") and blank_ok:
            return None
        if not isinstance(value, str) or value.lower() not in allowed:
            raise invalid(name, f"{name.capitalize()}: is invalid")
        return value.lower()

    def _apply_fields(self, ticket: ZdTicket, data: Mapping[str, Any], audit: ZdAudit) -> None:
        if "subject" in data and isinstance(data["subject"], str):
            audit.record("subject", ticket.subject, data["subject"])
            ticket.subject = data["subject"]
        if "status" in data:
            status = self._check("status", data["status"], STATUSES, blank_ok=False)
            if status == "new" and ticket.status != "new" and not audit.is_create:
                raise invalid("status", "Status: cannot be set to New")
            audit.record("status", ticket.status, status)
            ticket.status = status
        if "priority" in data:
            priority = self._check("priority", data["priority"], PRIORITIES, blank_ok=True)
            audit.record("priority", ticket.priority, priority)
            ticket.priority = priority
        if "type" in data:
            type_ = self._check("type", data["type"], TYPES, blank_ok=True)
            audit.record("type", ticket.type, type_)
            ticket.type = type_
        for key, pool, label in (
            ("group_id", self.groups, "Group"),
            ("assignee_id", self.users, "Assignee"),
        ):
            if key not in data:
                continue
            raw = data[key]
            value = None if raw in (None, "") else as_id(raw)
            if raw not in (None, "") and (value is None or value not in pool):
                raise invalid(key.removesuffix("_id"), f"{label}: is invalid")
            if key == "assignee_id" and value is not None and self.users[value].role == "end-user":
                raise invalid("assignee", "Assignee: must be an agent")
            audit.record(key, getattr(ticket, key), value)
            setattr(ticket, key, value)
        if "tags" in data:
            tags = _tags(data["tags"])
            audit.record("tags", list(ticket.tags), tags)
            ticket.tags = tags
        if "custom_fields" in data:
            self._apply_custom(ticket, data["custom_fields"], audit)

    def _apply_custom(self, ticket: ZdTicket, raw: Any, audit: ZdAudit) -> None:
        if not isinstance(raw, list):
            raise invalid("custom_fields", "Custom fields: must be a list of {id, value}")
        for entry in raw:
            if not isinstance(entry, Mapping):
                raise invalid("custom_fields", "Custom fields: must be a list of {id, value}")
            field_id = as_id(entry.get("id"))
            definition = self.ticket_fields.get(field_id) if field_id is not None else None
            if definition is None or not definition.removable:
                continue  # Unknown field ids are ignored, like unknown attributes.
            value = entry.get("value")
            options = {o["value"] for o in definition.options}
            if definition.type == "tagger" and value not in (None, "") and value not in options:
                raise invalid(definition.title, f"{definition.title}: is invalid")
            if definition.type == "checkbox":
                value = bool(value)
            audit.record(str(definition.id), ticket.custom_fields.get(definition.id), value)
            ticket.custom_fields[definition.id] = value

    def update_ticket(
        self,
        ticket: ZdTicket,
        data: Mapping[str, Any],
        actor: ZdUser,
        now: float,
        *,
        via: str = "api",
    ) -> ZdAudit:
        """Apply a ``{"ticket": data}`` update as ``actor``; raises :class:`ZdInvalid`.

        Validation happens before anything changes: a refused update leaves no trace.
        """
        if ticket.status == "closed":
            raise invalid("status", "Status: closed prevents ticket update", "ClosedPrevents")
        audit = ZdAudit(self.next_id("audit"), ticket.id, actor.id, now, False, via)
        scratch = ZdTicket(
            **{
                **ticket.__dict__,
                "tags": list(ticket.tags),
                "custom_fields": dict(ticket.custom_fields),
                "comments": [],
            }
        )
        self._apply_fields(scratch, data, audit)
        comment = None
        if "comment" in data:
            if len(ticket.comments) >= MAX_COMMENTS:
                raise invalid("comment", f"Comment: a ticket holds at most {MAX_COMMENTS}")
            comment = self._comment(data["comment"], actor, now, audit.id, via)
        metadata = data.get("metadata")
        if isinstance(metadata, Mapping):
            audit.metadata = dict(metadata)
        for name in (
            "subject",
            "status",
            "priority",
            "type",
            "group_id",
            "assignee_id",
            "tags",
            "custom_fields",
        ):
            setattr(ticket, name, getattr(scratch, name))
        if comment is not None:
            ticket.comments.append(comment)
            audit.comment = comment
        if not audit.empty:
            self._stamp(ticket, now)
        return audit

    def create_ticket(
        self, data: Mapping[str, Any], actor: ZdUser, now: float, *, via: str = "api"
    ) -> tuple[ZdTicket, ZdAudit]:
        """Create a ticket from ``{"ticket": data}`` as ``actor``; raises :class:`ZdInvalid`."""
        if "comment" not in data:
            raise invalid("description", "Description: cannot be blank", "BlankValue")
        requester = self._requester(data, actor, now)
        submitter = self.users.get(as_id(data.get("submitter_id")) or actor.id, actor)
        subject = data.get("subject")
        ticket = ZdTicket(
            id=self.next_id("ticket"),
            subject="",
            status="new",
            requester_id=requester.id,
            submitter_id=submitter.id,
            created_at=now,
            updated_at=float(int(now)),
            organization_id=requester.organization_id,
            via_channel=via,
            external_id=data.get("external_id")
            if isinstance(data.get("external_id"), str)
            else None,
        )
        audit = ZdAudit(self.next_id("audit"), ticket.id, actor.id, now, True, via)
        fields = {k: v for k, v in data.items() if k != "comment"}
        if "status" not in fields and fields.get("assignee_id") not in (None, ""):
            fields["status"] = "open"
        comment = self._comment(data["comment"], submitter, now, audit.id, via)
        if not isinstance(subject, str) or not subject.strip():
            fields["subject"] = comment.body.split("\n", 1)[0][:80]
        for name, value in (("status", "new"), ("subject", "")):
            audit.record(name, None, value)
        self._apply_fields(ticket, fields, audit)
        ticket.comments.append(comment)
        audit.comment = comment
        self.tickets[ticket.id] = ticket
        return ticket, audit

    def _requester(self, data: Mapping[str, Any], actor: ZdUser, now: float) -> ZdUser:
        if data.get("requester_id") is not None:
            user = self.users.get(as_id(data["requester_id"]) or -1)
            if user is None:
                raise invalid("requester", "Requester: is invalid")
            return user
        raw = data.get("requester")
        if isinstance(raw, Mapping) and isinstance(raw.get("email"), str):
            found = self.user_by_email(raw["email"])
            if found is not None:
                return found
            name = raw.get("name")
            label = name if isinstance(name, str) and name else str(raw["email"])
            return self.add_user(label, raw["email"], "end-user", now=now)
        return actor
