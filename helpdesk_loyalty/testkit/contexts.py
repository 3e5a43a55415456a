"""Rule contexts built directly from the domain types, with real signals and validated settings.

This is the fast path for unit tests of a rule: no helpdesk, no store, no HTTP. The customer's
billing facts go on the organization's fields (where the default ``[customer_fields]`` mapping
looks for ``plan``, ``tier``, ``monthly_spend``, ``failed_payments``...), the text becomes the
first comment, and :func:`~helpdesk_loyalty.signals.compute.compute_signals` computes the
signals exactly as the worker does. For a context gathered from a helpdesk through its API, run
the whole engine against the sandbox instead (:func:`~.service.run_engine`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from ..context import RuleContext
from ..models import (
    Comment,
    CreditRecord,
    Organization,
    Person,
    Ticket,
    TicketEvent,
    TicketSummary,
)
from ..signals.compute import SignalsConfig, compute_signals
from .plugin import load_plugin

__all__ = ["NOW", "build_context"]

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def build_context(
    plugin: object,
    text: str = "",
    *,
    name: str | None = None,
    config: Mapping[str, Any] | None = None,
    subject: str = "",
    customer: Mapping[str, Any] | None = None,
    requester_fields: Mapping[str, Any] | None = None,
    customer_days: int = 400,
    tags: Sequence[str] = (),
    contacts: int = 1,
    reopens: int | None = None,
    credits: Sequence[CreditRecord] = (),
    event: TicketEvent | None = None,
    helpdesk: str = "zendesk",
    signals: SignalsConfig | None = None,
    now: datetime = NOW,
) -> RuleContext:
    """A :class:`RuleContext` for ``plugin`` on a new ticket whose first comment is ``text``.

    - ``config``: the plugin's ``[rules.<name>]`` table, validated against its
      ``declare_settings`` (``mode`` included), so a wrong key fails here as it would at start.
    - ``customer``: organization fields, e.g. ``{"plan": "enterprise", "failed_payments": 2}``;
      ``requester_fields`` the requester's own.
    - ``contacts``: how many tickets the requester opened lately, this one included.
    - ``event``: use this event (from ``make_event``, rendered and parsed through the real
      adapter) instead of building one from ``text``.
    """
    rule, host = load_plugin(plugin, name=name, config=config)
    settings = host.settings_of(rule)
    requester = Person(
        id="u-1",
        name="Alex Doe",
        email="alex@example.com",
        fields=dict(requester_fields or {}),
        organization_id="o-1",
        created_at=now - timedelta(days=customer_days),
    )
    organization = Organization(id="o-1", name="Doe Ltd", fields=dict(customer or {}))
    if event is None:
        ticket = Ticket(
            id="42",
            subject=subject,
            description=text,
            requester_id="u-1",
            organization_id="o-1",
            created_at=now,
            reopens=reopens,
            tags=tuple(tags),
            comments=(Comment(text, author_role="end_user", created_at=now),),
        )
        event = TicketEvent(
            helpdesk, f"{helpdesk}:test", "ev-42", "ticket.created", "42", now, ticket
        )
    ticket = event.ticket
    history = tuple(
        TicketSummary(f"h-{n}", now - timedelta(days=n + 1)) for n in range(contacts - 1)
    )
    computed = compute_signals(
        event, ticket, requester, organization, history, signals or SignalsConfig(), now
    )
    return RuleContext(
        rule=rule,
        event=event,
        ticket=ticket,
        requester=requester,
        organization=organization,
        history=history,
        credits=tuple(credits),
        signals=computed,
        config=settings,
        now=now,
        customer_key="org:o-1",
        mode=str(settings.get("mode", "suggest")),
    )
