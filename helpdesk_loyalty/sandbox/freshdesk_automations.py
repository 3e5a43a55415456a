"""Freshdesk automation rules with a "Trigger Webhook" action, and the bodies they send.

Freshdesk's Automations API shape for webhook actions is unverified, so the sandbox takes these
rules through its own Python and control API (what an admin would click together):
``ticket_creation`` rules fire when a ticket is created, ``ticket_update`` rules on every update
by the chosen performer (``customer``, ``agent`` or ``any``); ``skip_tags`` is the condition
"tags do not contain". The action's body template uses Freshdesk placeholders, rendered as
display strings (``"Pending"``, ``"High"``, ``"11"``), tags as one comma-separated string, the
description as HTML, and ``{{triggered_event}}`` in Freshdesk's non-JSON form
(``{ticket_action:created}``, ``{status:{from:2,to:4}}``, ``{note_type:private}``), naming only
the first change. ``{{hl.event}}`` left in a template is filled in by rule kind, as the setup
command does. Freshdesk signs nothing: the request carries the rule's Basic credentials and
custom headers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .config import basic_auth
from .freshdesk_records import PRIORITY_NAMES, SOURCE_NAMES, FdTicket
from .freshdesk_state import FdUpdate, FreshdeskState
from .timefmt import display_time, iso_seconds
from .webhooks import WebhookRequest

__all__ = [
    "FdAutomation",
    "automation_headers",
    "automation_request",
    "placeholder_values",
    "render_body",
    "triggered_event",
]

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")
KINDS = ("ticket_creation", "ticket_update")
PERFORMERS = ("customer", "agent", "any")


@dataclass
class FdAutomation:
    """An automation rule whose action is "Trigger Webhook"."""

    id: int
    name: str
    kind: str
    url: str
    template: str
    method: str = "POST"
    performer: str = "any"
    skip_tags: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    username: str | None = None
    password: str | None = None
    active: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.performer not in PERFORMERS:
            raise ValueError(f"performer must be one of {PERFORMERS}, got {self.performer!r}")

    def matches(self, ticket: FdTicket, update: FdUpdate) -> bool:
        """Whether this rule fires for ``update`` of ``ticket``."""
        if not self.active or update.empty:
            return False
        if (self.kind == "ticket_creation") != update.is_create:
            return False
        if self.performer != "any" and update.performer != self.performer:
            return False
        return not any(tag in ticket.tags for tag in self.skip_tags)

    def to_json(self) -> dict[str, Any]:
        """The rule without its password."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "url": self.url,
            "method": self.method,
            "performer": self.performer,
            "skip_tags": list(self.skip_tags),
            "headers": sorted(self.headers),
            "username": self.username,
            "active": self.active,
        }


def triggered_event(update: FdUpdate) -> str:
    """``{{triggered_event}}``: the first change, in Freshdesk's own brace syntax."""
    if update.is_create:
        return "{ticket_action:created}"
    for name in ("status", "priority"):
        if name in update.changes:
            before, after = update.changes[name]
            return f"{{{name}:{{from:{before},to:{after}}}}}"
    note = update.conversation
    if note is not None:
        if note.source == 2:
            return "{note_type:%s}" % ("private" if note.private else "public")
        return "{reply_sent:sent}"
    for name in ("group_id", "responder_id", "type"):
        if name in update.changes:
            return f"{{{name.removesuffix('_id')}:updated}}"
    return "{ticket_action:updated}"


def placeholder_values(
    state: FreshdeskState, ticket: FdTicket, update: FdUpdate, *, event: str
) -> dict[str, str]:
    """The placeholder values of ``ticket`` for one rule run."""
    requester = state.contacts.get(ticket.requester_id)
    company = state.companies.get(ticket.company_id or -1)
    agent = state.agents.get(ticket.responder_id or -1)
    group = state.groups.get(ticket.group_id or -1)
    public = [c for c in ticket.conversations if not c.private]
    private = [c for c in ticket.conversations if c.private]
    return {
        "hl.event": event,
        "triggered_event": triggered_event(update),
        "ticket.id": str(ticket.id),
        "ticket.subject": ticket.subject,
        "ticket.description": ticket.description,
        "ticket.latest_public_comment": public[-1].body if public else "",
        "ticket.latest_private_comment": private[-1].body if private else "",
        "ticket.status": state.statuses.get(ticket.status, str(ticket.status)),
        "ticket.priority": PRIORITY_NAMES.get(ticket.priority, str(ticket.priority)),
        "ticket.source": SOURCE_NAMES.get(ticket.source, str(ticket.source)),
        "ticket.ticket_type": ticket.type or "",
        "ticket.tags": ",".join(ticket.tags),
        "ticket.group.name": group.name if group else "",
        "ticket.due_by_time": display_time(ticket.due_by),
        "ticket.updated_at": iso_seconds(ticket.updated_at),
        "ticket.url": f"https://{state.domain}.freshdesk.com/helpdesk/tickets/{ticket.id}",
        "ticket.portal_url": f"https://{state.domain}.freshdesk.com/support/tickets/{ticket.id}",
        "ticket.requester.name": requester.name if requester else "",
        "ticket.requester.email": (requester.email or "") if requester else "",
        "ticket.company.name": company.name if company else "",
        "ticket.agent.email": agent.email if agent else "",
        "ticket.agent.name": agent.name if agent else "",
        "helpdesk_name": f"{state.domain.capitalize()} Support",
    }


def render_body(template: str, values: dict[str, str]) -> str:
    """``template`` with every ``{{name}}`` replaced by its JSON-escaped value."""
    return _PLACEHOLDER.sub(
        lambda m: json.dumps(values.get(m.group(1), ""), ensure_ascii=False)[1:-1], template
    )


def automation_headers(
    custom: dict[str, str], username: str | None, password: str | None
) -> dict[str, str]:
    """The headers of a Trigger Webhook call: JSON, the rule's custom headers, and Basic
    credentials when the rule "requires authentication"."""
    headers = {"Content-Type": "application/json", "User-Agent": "Freshdesk"}
    headers.update(custom)
    if username is not None:
        headers["Authorization"] = basic_auth(username, password or "")
    return headers


def automation_request(
    rule: FdAutomation, state: FreshdeskState, ticket: FdTicket, update: FdUpdate
) -> WebhookRequest:
    """The request ``rule`` sends for ``update`` of ``ticket``."""
    event = "ticket.created" if rule.kind == "ticket_creation" else "ticket.updated"
    body = render_body(rule.template, placeholder_values(state, ticket, update, event=event))
    return WebhookRequest(
        rule.method,
        automation_headers(rule.headers, rule.username, rule.password),
        body.encode("utf-8"),
        rule.url,
        {"helpdesk": "freshdesk", "rule_id": str(rule.id), "ticket_id": str(ticket.id)},
    )
