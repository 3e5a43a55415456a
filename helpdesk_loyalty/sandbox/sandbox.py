"""The sandbox helpdesk: one Zendesk and one Freshdesk account, in memory.

:class:`Sandbox` is the Python API (tests in-process use it directly); the HTTP apps in
:mod:`.app` expose the same state in each vendor's dialect plus a JSON control API. Changes
made as an end user (:meth:`Sandbox.zendesk_end_user_update`, ...) and through the API both run
the account's triggers / automation rules and queue webhook deliveries, which
:meth:`Sandbox.flush_webhooks` sends.
"""

from __future__ import annotations

import itertools
import json
import uuid
from pathlib import Path
from typing import Any

import httpx

from ..clock import Clock, SystemClock
from ..errors import ConfigError
from ..ids import new_decision_id
from ..secret import Secret
from .calllog import CallLog
from .config import SandboxConfig
from .faults import Faults
from .freshdesk_automations import (
    FdAutomation,
    automation_headers,
    automation_request,
    placeholder_values,
)
from .freshdesk_automations import render_body as render_freshdesk_body
from .freshdesk_records import FdTicket
from .freshdesk_state import FdUpdate, FreshdeskState
from .outbox import Delivery, Outbox
from .ratelimit import AccountLimits
from .timefmt import iso_seconds
from .triggers import run_triggers
from .webhooks import WebhookRequest, zendesk_headers, zendesk_webhook_request
from .zendesk_audit import ZdAudit
from .zendesk_hooks import ZdWebhook
from .zendesk_records import ZdTicket, ZdUser
from .zendesk_render import audit_for, event_envelopes, render_template, trigger_values
from .zendesk_state import ZendeskState

__all__ = ["SANDBOX_WEBHOOK_ID", "Sandbox"]

SANDBOX_WEBHOOK_ID = "01JSANDBOXWEBHOOK000000000"


def _reveal(secret: str | Secret) -> str:
    return secret.reveal() if isinstance(secret, Secret) else secret


class Sandbox:
    """State, configuration and behaviour of the sandbox helpdesk."""

    def __init__(self, config: SandboxConfig | None = None, *, clock: Clock | None = None) -> None:
        self.config = config or SandboxConfig()
        self.clock: Clock = clock or SystemClock()
        self.calls = CallLog()
        self.faults = Faults()
        self.zendesk_limits = AccountLimits(
            self.config.zendesk_requests_per_minute, self.config.zendesk_updates_per_minute
        )
        self.freshdesk_limits = AccountLimits(
            self.config.freshdesk_calls_per_minute, self.config.freshdesk_updates_per_minute
        )
        self.limits_enabled = self.config.limits_enabled
        self.outbox = Outbox(self.clock)
        self.reset()

    def reset(self) -> None:
        """Empty both accounts, the call log, the outbox, the limits and the faults."""
        now = self.clock.time()
        self.zendesk = ZendeskState(
            account_id=self.config.zendesk_account_id,
            subdomain=self.config.zendesk_subdomain,
            api_email=self.config.zendesk_email,
            now=now,
        )
        self.freshdesk = FreshdeskState(domain=self.config.freshdesk_domain, now=now)
        self.freshdesk_automations: dict[int, FdAutomation] = {}
        self._automation_ids = itertools.count(1)
        self._invocations = itertools.count(8_350_205_582)
        self.calls.clear()
        self.outbox.clear()
        self.faults.clear()
        self.zendesk_limits.clear()
        self.freshdesk_limits.clear()

    @property
    def limits_enabled(self) -> bool:
        """Whether the per-minute limits apply (both helpdesks)."""
        return self.zendesk_limits.enabled

    @limits_enabled.setter
    def limits_enabled(self, value: bool) -> None:
        self.zendesk_limits.enabled = value
        self.freshdesk_limits.enabled = value

    def now(self) -> float:
        """The sandbox clock's time."""
        return self.clock.time()

    def template(self, helpdesk: str) -> str:
        """The connector body template shipped for ``helpdesk`` (read from ``connectors/``)."""
        name = {"zendesk": "trigger_body.json", "freshdesk": "body_template.json"}[helpdesk]
        path = Path(self.config.connectors_dir) / helpdesk / name
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                "connectors_dir",
                f"cannot read {path}",
                "point SandboxConfig.connectors_dir at the connectors folder",
            ) from exc

    # -- Zendesk: changes and what they set off ----------------------------------------------

    def zendesk_ticket(self, ticket_id: int | str) -> ZdTicket:
        """The Zendesk ticket (``KeyError`` if there is none)."""
        return self.zendesk.tickets[int(ticket_id)]

    def zendesk_update(
        self, ticket: ZdTicket, data: dict[str, Any], actor: ZdUser, *, via: str = "api"
    ) -> ZdAudit:
        """Update ``ticket`` as ``actor`` and run triggers and event subscriptions."""
        audit = self.zendesk.update_ticket(ticket, data, actor, self.now(), via=via)
        if not audit.empty:
            self._zendesk_after(ticket, audit, actor)
        return audit

    def zendesk_create(
        self, data: dict[str, Any], actor: ZdUser, *, via: str = "api"
    ) -> tuple[ZdTicket, ZdAudit]:
        """Create a ticket as ``actor`` and run triggers and event subscriptions."""
        ticket, audit = self.zendesk.create_ticket(data, actor, self.now(), via=via)
        self._zendesk_after(ticket, audit, actor)
        return ticket, audit

    def zendesk_create_ticket(
        self, requester_id: int, subject: str, body: str, **fields: Any
    ) -> ZdTicket:
        """An end user opens a ticket on the web form (fires ``Create`` triggers)."""
        requester = self.zendesk.users[int(requester_id)]
        data = {
            "subject": subject,
            "comment": {"body": body, "public": True},
            "requester_id": requester.id,
            **fields,
        }
        return self.zendesk_create(data, requester, via="web")[0]

    def zendesk_end_user_update(
        self, ticket_id: int | str, comment: str, *, author_id: int | None = None
    ) -> ZdTicket:
        """The requester (or ``author_id``) replies: a public comment; a pending or solved
        ticket reopens. Fires ``Change`` triggers with the end-user role."""
        ticket = self.zendesk_ticket(ticket_id)
        author = self.zendesk.users[author_id or ticket.requester_id]
        data: dict[str, Any] = {"comment": {"body": comment, "public": True}}
        if ticket.status in ("pending", "solved"):
            data["status"] = "open"
        self.zendesk_update(ticket, data, author, via="web")
        return ticket

    def _zendesk_after(self, ticket: ZdTicket, audit: ZdAudit, actor: ZdUser) -> None:
        for note in run_triggers(self.zendesk.triggers.values(), ticket, audit, actor):
            hook = self.zendesk.webhooks.get(note.webhook_id)
            if hook is None or hook.status != "active":
                continue
            body = render_template(note.template, trigger_values(self.zendesk, ticket, actor))
            self._queue_zendesk(hook, body.encode("utf-8"), ticket.id)
        for envelope in event_envelopes(self.zendesk, ticket, audit, now=self.now()):
            event_type = envelope["type"].removeprefix("zen:event-type:")
            for hook in self.zendesk.webhooks.values():
                if hook.status == "active" and hook.subscribed(event_type):
                    self._queue_zendesk(hook, _json_bytes(envelope), ticket.id)

    def _queue_zendesk(self, hook: ZdWebhook, body: bytes, ticket_id: int) -> Delivery:
        request = zendesk_webhook_request(
            hook,
            body,
            timestamp=iso_seconds(self.now()),
            invocation_id=str(next(self._invocations)),
            account_id=self.zendesk.account_id,
            meta={"helpdesk": "zendesk", "webhook_id": hook.id, "ticket_id": str(ticket_id)},
        )
        return self.outbox.add("zendesk", request)

    # -- Zendesk: rendering on demand --------------------------------------------------------

    def render_zendesk_trigger(
        self,
        ticket_id: int | str,
        event: str,
        *,
        secret: str | Secret,
        now: float | None = None,
        template: str | None = None,
        webhook_id: str = SANDBOX_WEBHOOK_ID,
        invocation_id: str | None = None,
        actor_id: int | None = None,
    ) -> WebhookRequest:
        """A signed trigger webhook for the ticket as it is now, from ``template`` (default:
        ``connectors/zendesk/trigger_body.json``) with ``{{hl.event}}`` = ``event``.
        ``actor_id`` is ``current_user`` (default: the requester)."""
        ticket = self.zendesk_ticket(ticket_id)
        actor = self.zendesk.users.get(actor_id or ticket.requester_id)
        values = trigger_values(self.zendesk, ticket, actor, event=event)
        body = render_template(template or self.template("zendesk"), values).encode("utf-8")
        stamp = iso_seconds(self.now() if now is None else now)
        headers = zendesk_headers(
            secret=_reveal(secret),
            timestamp=stamp,
            body=body,
            webhook_id=webhook_id,
            invocation_id=invocation_id or str(next(self._invocations)),
            account_id=self.zendesk.account_id,
        )
        return WebhookRequest("POST", headers, body)

    def render_zendesk_event(
        self,
        ticket_id: int | str,
        event_type: str = "comment_added",
        *,
        secret: str | Secret,
        now: float | None = None,
        previous: Any = None,
        webhook_id: str = SANDBOX_WEBHOOK_ID,
    ) -> WebhookRequest:
        """A signed event-subscription envelope (``ticket.{event_type}``) for the ticket as it
        is now. ``comment_added`` carries the latest comment; ``*_changed`` events take the
        value before the change in ``previous``."""
        ticket = self.zendesk_ticket(ticket_id)
        at = self.now() if now is None else now
        audit = audit_for(ticket, event_type, previous, at)
        envelope = event_envelopes(self.zendesk, ticket, audit, now=at, only=event_type)[0]
        body = _json_bytes(envelope)
        headers = zendesk_headers(
            secret=_reveal(secret),
            timestamp=iso_seconds(at),
            body=body,
            webhook_id=webhook_id,
            invocation_id=str(uuid.uuid4().int)[:10],
            account_id=self.zendesk.account_id,
        )
        return WebhookRequest("POST", headers, body)

    # -- Freshdesk ---------------------------------------------------------------------------

    def freshdesk_ticket(self, ticket_id: int | str) -> FdTicket:
        """The Freshdesk ticket (``KeyError`` if there is none)."""
        return self.freshdesk.tickets[int(ticket_id)]

    def freshdesk_changed(self, ticket: FdTicket, update: FdUpdate) -> None:
        """Run the automation rules for ``update`` and queue their webhooks."""
        for rule in self.freshdesk_automations.values():
            if rule.matches(ticket, update):
                delivery = self.outbox.add(
                    "freshdesk", automation_request(rule, self.freshdesk, ticket, update)
                )
                # Freshdesk webhooks spend the account's API budget; over it they are
                # postponed to the next hour (support.freshdesk.com 225431).
                if not self.freshdesk_limits.take(self.now()).allowed:
                    delivery.due_at = self.now() + 3600

    def freshdesk_create_ticket(
        self, requester_id: int, subject: str, description: str, **fields: Any
    ) -> FdTicket:
        """A customer opens a ticket on the portal (fires ticket-creation rules)."""
        data = {
            "requester_id": requester_id,
            "subject": subject,
            "description": description,
            **fields,
        }
        ticket, update = self.freshdesk.create_ticket(data, self.now(), performer="customer")
        self.freshdesk_changed(ticket, update)
        return ticket

    def freshdesk_customer_reply(self, ticket_id: int | str, body: str) -> FdTicket:
        """The requester replies; a pending or resolved ticket reopens (fires update rules)."""
        ticket = self.freshdesk_ticket(ticket_id)
        self.freshdesk_changed(ticket, self.freshdesk.customer_reply(ticket, body, self.now()))
        return ticket

    def add_freshdesk_automation(
        self,
        kind: str,
        url: str,
        *,
        name: str | None = None,
        template: str | None = None,
        performer: str = "any",
        skip_tags: list[str] | tuple[str, ...] = (),
        headers: dict[str, str] | None = None,
        username: str | None = None,
        password: str | None = None,
        method: str = "POST",
    ) -> FdAutomation:
        """Add a rule (``ticket_creation`` or ``ticket_update``) with a Trigger Webhook
        action; ``template`` defaults to ``connectors/freshdesk/body_template.json``."""
        rule = FdAutomation(
            next(self._automation_ids),
            name or f"helpdesk-loyalty {kind}",
            kind,
            url,
            template or self.template("freshdesk"),
            method.upper(),
            performer,
            list(skip_tags),
            dict(headers or {}),
            username,
            password,
        )
        self.freshdesk_automations[rule.id] = rule
        return rule

    def render_freshdesk(
        self,
        ticket_id: int | str,
        event: str = "ticket.updated",
        *,
        triggered_event: str | None = None,
        template: str | None = None,
        headers: dict[str, str] | None = None,
        username: str | None = None,
        password: str | None = None,
    ) -> WebhookRequest:
        """An automation webhook for the ticket as it is now (``{{hl.event}}`` = ``event``;
        ``triggered_event`` overrides the rendered ``{{triggered_event}}``)."""
        ticket = self.freshdesk_ticket(ticket_id)
        update = FdUpdate(ticket.id, "customer", is_create=event == "ticket.created")
        if not update.is_create and ticket.conversations:
            update.conversation = ticket.conversations[-1]
        values = placeholder_values(self.freshdesk, ticket, update, event=event)
        if triggered_event is not None:
            values["triggered_event"] = triggered_event
        body = render_freshdesk_body(template or self.template("freshdesk"), values)
        return WebhookRequest(
            "POST", automation_headers(headers or {}, username, password), body.encode("utf-8")
        )

    # -- delivery ----------------------------------------------------------------------------

    async def flush_webhooks(self, client: httpx.AsyncClient | None = None) -> list[Delivery]:
        """Send the due webhook deliveries (with ``client``, or a fresh one for loopback)."""
        if client is not None:
            return await self.outbox.flush(client)
        # Loopback deliveries must not wander off through a proxy from the environment.
        async with httpx.AsyncClient(trust_env=False) as fresh:
            return await self.outbox.flush(fresh)

    def new_webhook_id(self) -> str:
        """A ULID-like webhook id, as Zendesk issues them."""
        return new_decision_id(self.now())


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
