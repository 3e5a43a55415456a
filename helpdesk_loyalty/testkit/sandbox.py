"""The sandbox helpdesk for rule tests: seeded, in-process, on a clock the test controls.

:class:`LoyaltySandbox` wraps :class:`~helpdesk_loyalty.sandbox.Sandbox` with the demo data
(four customers in both helpdesks: ``top`` an enterprise customer, ``new``, ``overdue`` and
``clinic``; groups ``support``, ``supervisors`` and ``billing``) and the few things a rule author
needs: open a ticket as a customer, change what the customer's billing fields say, render the
signed webhook the helpdesk would send, parse it with the real adapter, and read the ticket
back. The service reaches it through ``httpx.ASGITransport``: no sockets, no network.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import httpx

from ..adapters.base import HelpdeskSettings, HelpdeskSpec
from ..adapters.builtin import FRESHDESK, ZENDESK
from ..clock import Clock, FakeClock
from ..errors import ConfigError
from ..models import TicketEvent
from ..sandbox import DemoSeed, Sandbox, WebhookRequest, create_sandbox_app, seed_demo
from .shows import TicketShows, ticket_shows

__all__ = ["HELPDESKS", "LoyaltySandbox"]

HELPDESKS = ("zendesk", "freshdesk")
_BASE = "http://127.0.0.1"
_ZENDESK_SECRET = "testkit-zendesk-signing-secret-0123456789"
_FRESHDESK_SECRET = "testkit-freshdesk-shared-secret-0123456789"
_FRESHDESK_HEADER = "X-Helpdesk-Loyalty-Secret"


def _check(helpdesk: str) -> str:
    if helpdesk not in HELPDESKS:
        raise ConfigError(
            "helpdesk", f"{helpdesk!r} is not a sandbox helpdesk", "use zendesk or freshdesk"
        )
    return helpdesk


class LoyaltySandbox:
    """A seeded sandbox helpdesk (both dialects) and how to drive it from a rule test."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock or FakeClock()
        self.sandbox = Sandbox(clock=self.clock)
        self.seed: DemoSeed = seed_demo(self.sandbox)
        self.app = create_sandbox_app(self.sandbox)

    # -- configuration the service needs ---------------------------------------------------
    def env(self, base: str = _BASE) -> dict[str, str]:
        """``HL_ZENDESK_*`` and ``HL_FRESHDESK_*`` settings for this sandbox at ``base`` (the
        in-process transports answer any loopback address; a test serving the sandbox on a
        port passes ``http://127.0.0.1:<port>``)."""
        config = self.sandbox.config
        return {
            "HL_ZENDESK_BASE_URL": f"{base}/zendesk",
            "HL_ZENDESK_EMAIL": config.zendesk_email,
            "HL_ZENDESK_API_TOKEN": config.zendesk_token.reveal(),
            "HL_ZENDESK_WEBHOOK_SECRET": _ZENDESK_SECRET,
            "HL_FRESHDESK_BASE_URL": f"{base}/freshdesk",
            "HL_FRESHDESK_API_KEY": config.freshdesk_key.reveal(),
            "HL_FRESHDESK_WEBHOOK_SECRET": _FRESHDESK_SECRET,
        }

    def transports(self) -> dict[str, httpx.AsyncBaseTransport]:
        """One in-process transport per helpdesk, for ``open_runtime(transports=...)``."""
        return {name: httpx.ASGITransport(app=self.app) for name in HELPDESKS}

    def spec(self, helpdesk: str) -> tuple[HelpdeskSpec, HelpdeskSettings]:
        """The built-in adapter of ``helpdesk`` and its settings for this sandbox."""
        spec = ZENDESK if _check(helpdesk) == "zendesk" else FRESHDESK
        settings = spec.settings_from_env(self.env())
        assert settings is not None  # env() sets every helpdesk
        return spec, settings

    # -- the customers and the helpdesk's data ---------------------------------------------
    def ids(self, helpdesk: str) -> dict[str, dict[str, int]]:
        """The seeded ids of ``helpdesk``: ``groups``, ``users``/``contacts``, ``tickets``..."""
        return self.seed.zendesk if _check(helpdesk) == "zendesk" else self.seed.freshdesk

    def requester(self, helpdesk: str, customer: str) -> int:
        """The requester id of seeded ``customer`` (``top``, ``new``, ``overdue``, ``clinic``)."""
        people = self.ids(helpdesk)["users" if helpdesk == "zendesk" else "contacts"]
        if customer not in people:
            raise ConfigError(
                "customer", f"{customer!r} is not seeded", f"use one of {sorted(people)}"
            )
        return people[customer]

    def set_customer(self, customer: str, **billing: Any) -> None:
        """Change ``customer``'s organization (Zendesk) and company (Freshdesk) fields, e.g.
        ``set_customer("top", failed_payments=2)``."""
        self.requester("zendesk", customer)
        org = self.seed.zendesk["organizations"][customer]
        self.sandbox.zendesk.organizations[org].organization_fields.update(billing)
        company = self.seed.freshdesk["companies"][customer]
        self.sandbox.freshdesk.companies[company].custom_fields.update(billing)

    def group_id(self, helpdesk: str, name: str) -> str:
        """The id of group ``name`` (case-insensitive), created when the helpdesk has none."""
        if _check(helpdesk) == "zendesk":
            zgroups = self.sandbox.zendesk.groups.values()
            found = next((g.id for g in zgroups if g.name.lower() == name.lower()), None)
            if found is None:
                found = self.sandbox.zendesk.add_group(name, now=self.clock.time()).id
            return str(found)
        fgroups = self.sandbox.freshdesk.groups.values()
        found = next((g.id for g in fgroups if g.name.lower() == name.lower()), None)
        if found is None:
            found = self.sandbox.freshdesk.add_group(name, now=self.clock.time()).id
        return str(found)

    # -- tickets and webhooks --------------------------------------------------------------
    def open_ticket(
        self, text: str, *, subject: str = "", customer: str = "top", helpdesk: str = "zendesk"
    ) -> str:
        """The customer opens a ticket saying ``text``; its id."""
        requester = self.requester(helpdesk, customer)
        subject = subject or text.split(".")[0][:60]
        if helpdesk == "zendesk":
            return str(self.sandbox.zendesk_create_ticket(requester, subject, text).id)
        body = f"<div>{html.escape(text)}</div>"
        return str(self.sandbox.freshdesk_create_ticket(requester, subject, body).id)

    def reply(self, ticket_id: str, text: str, *, helpdesk: str = "zendesk") -> None:
        """The requester replies on the ticket (a solved or pending ticket reopens)."""
        if _check(helpdesk) == "zendesk":
            self.sandbox.zendesk_end_user_update(ticket_id, text)
        else:
            self.sandbox.freshdesk_customer_reply(ticket_id, f"<div>{html.escape(text)}</div>")

    def webhook(
        self, ticket_id: str, *, helpdesk: str = "zendesk", event: str = "ticket.created"
    ) -> WebhookRequest:
        """The signed webhook the connector kit makes the helpdesk send for the ticket now."""
        if _check(helpdesk) == "zendesk":
            requester = self.sandbox.zendesk_ticket(ticket_id).requester_id
            return self.sandbox.render_zendesk_trigger(
                ticket_id, event, secret=_ZENDESK_SECRET, actor_id=requester
            )
        return self.sandbox.render_freshdesk(
            ticket_id, event, headers={_FRESHDESK_HEADER: _FRESHDESK_SECRET}
        )

    def parse(self, request: WebhookRequest, helpdesk: str) -> TicketEvent:
        """Verify and parse ``request`` with the real adapter, as the receiver does."""
        spec, settings = self.spec(helpdesk)
        headers = {k.lower(): v for k, v in request.headers.items()}
        spec.verify(headers, request.body, settings, self.clock.time())
        return spec.parse(headers, request.body, settings)

    def event(
        self,
        text: str,
        *,
        subject: str = "",
        customer: str = "top",
        helpdesk: str = "zendesk",
        kind: str = "ticket.created",
    ) -> TicketEvent:
        """Open a ticket as ``customer`` and return the event its webhook parses to."""
        ticket_id = self.open_ticket(text, subject=subject, customer=customer, helpdesk=helpdesk)
        return self.parse(self.webhook(ticket_id, helpdesk=helpdesk, event=kind), helpdesk)

    def save_payload(
        self,
        ticket_id: str,
        path: Path,
        *,
        helpdesk: str = "zendesk",
        event: str = "ticket.created",
    ) -> Path:
        """Save the ticket's webhook as ``receive FILE`` replays it (headers and exact body)."""
        request = self.webhook(ticket_id, helpdesk=helpdesk, event=event)
        saved = {
            "helpdesk": helpdesk,
            "headers": dict(request.headers),
            "body": request.body.decode("utf-8"),
        }
        path.write_text(json.dumps(saved, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    def shows(self, ticket_id: str, *, helpdesk: str = "zendesk") -> TicketShows:
        """What the ticket shows an agent now."""
        return ticket_shows(self.sandbox, _check(helpdesk), ticket_id)
