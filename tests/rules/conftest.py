"""A factory of RuleContexts built the way the worker builds them: real signals and settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import Any

import pytest

from helpdesk_loyalty.context import RuleContext
from helpdesk_loyalty.models import (
    Comment,
    CreditRecord,
    Organization,
    Person,
    Ticket,
    TicketEvent,
    TicketSummary,
)
from helpdesk_loyalty.pluginconfig import MODE_SETTING, validate_table
from helpdesk_loyalty.signals.compute import SignalsConfig, compute_signals

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)

MakeCtx = Callable[..., RuleContext]


def build_ctx(
    rule: ModuleType,
    text: str,
    *,
    subject: str = "",
    tier: str | None = None,
    monthly_spend: float | None = None,
    currency: str | None = None,
    customer_days: int = 400,
    payment_status: str | None = None,
    days_overdue: int | None = None,
    failed_payments: int | None = None,
    contacts: int = 1,
    reopens: int | None = None,
    credits: Sequence[CreditRecord] = (),
    config: Mapping[str, Any] | None = None,
    ticket_id: str = "42",
    now: datetime = NOW,
) -> RuleContext:
    """A context for ``rule`` on a new ticket from a customer described by the keywords."""
    fields: dict[str, Any] = {
        "tier": tier,
        "monthly_spend": monthly_spend,
        "currency": currency,
        "payment_status": payment_status,
        "days_overdue": days_overdue,
        "failed_payments": failed_payments,
    }
    requester = Person(
        id="u-1",
        name="Alex Doe",
        email="alex@example.com",
        fields={k: v for k, v in fields.items() if v is not None},
        organization_id="o-1",
        created_at=now - timedelta(days=customer_days),
    )
    organization = Organization(id="o-1", name="Doe Ltd")
    comment = Comment(text, author_role="end_user", created_at=now)
    ticket = Ticket(
        id=ticket_id,
        subject=subject,
        description=text,
        requester_id="u-1",
        organization_id="o-1",
        created_at=now,
        reopens=reopens,
        comments=(comment,),
    )
    event = TicketEvent(
        helpdesk="zendesk",
        account="acme",
        event_id=f"ev-{ticket_id}",
        kind="ticket.created",
        ticket_id=ticket_id,
        occurred_at=now,
        ticket=ticket,
    )
    history = tuple(
        TicketSummary(f"h-{n}", now - timedelta(days=n + 1)) for n in range(contacts - 1)
    )
    signals = compute_signals(event, ticket, requester, organization, history, SignalsConfig(), now)
    settings = validate_table(
        rule.__name__.rsplit(".", 1)[-1], (MODE_SETTING, *rule.declare_settings()), config or {}
    )
    return RuleContext(
        rule=rule.__name__.rsplit(".", 1)[-1],
        event=event,
        ticket=ticket,
        requester=requester,
        organization=organization,
        history=history,
        credits=tuple(credits),
        signals=signals,
        config=settings,
        now=now,
        customer_key="org:o-1",
        mode=str(settings["mode"]),
    )


@pytest.fixture
def make_ctx() -> MakeCtx:
    """Build a :class:`RuleContext` (see :func:`build_ctx` for the keywords)."""
    return build_ctx


def build_credit(
    amount: float, *, days_ago: int = 10, ticket_id: str = "7", currency: str = "USD"
) -> CreditRecord:
    """A credit suggested earlier to the same customer."""
    return CreditRecord(
        customer_key="org:o-1",
        amount=amount,
        currency=currency,
        at=NOW - timedelta(days=days_ago),
        ticket_id=ticket_id,
        decision_id=f"d-{ticket_id}-{days_ago}",
    )


@pytest.fixture
def make_credit() -> Callable[..., CreditRecord]:
    """Build an earlier :class:`CreditRecord` (see :func:`build_credit`)."""
    return build_credit
