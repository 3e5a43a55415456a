"""compute_signals: one Signals per event from the customer's words, the ticket and the fields."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpdesk_loyalty.models import (
    Comment,
    Organization,
    Person,
    Ticket,
    TicketEvent,
    TicketSummary,
)
from helpdesk_loyalty.signals.compute import SignalsConfig, compute_signals, customer_words

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def make_event(ticket: Ticket, comment: Comment | None = None) -> TicketEvent:
    return TicketEvent(
        helpdesk="zendesk",
        account="acme",
        event_id="ev-1",
        kind="comment.added" if comment else "ticket.created",
        ticket_id=ticket.id,
        occurred_at=NOW,
        ticket=ticket,
        comment=comment,
    )


def test_a_customer_comment_is_read_with_the_subject_and_without_the_quoted_thread() -> None:
    comment = Comment(
        "Still no refund.\n\nOn Mon, 3 Mar 2025, Support wrote:\n> Sorry you were charged twice.",
        author_role="end_user",
    )
    ticket = Ticket(id="7", subject="Refund for March", comments=(comment,))
    words = customer_words(make_event(ticket, comment), ticket)
    assert words == "Refund for March\nStill no refund."


def test_agent_comments_and_internal_notes_never_count() -> None:
    ticket = Ticket(
        id="7",
        subject="Question",
        description="How do I add a user?",
        comments=(
            Comment("Sorry you were charged twice!", author_role="agent"),
            Comment("customer wants a manager", public=False, author_role="agent"),
        ),
    )
    agent_note = Comment("Escalate to a manager?", public=False, author_role="agent")
    signals = compute_signals(
        make_event(ticket, agent_note), ticket, None, None, (), SignalsConfig(), NOW
    )
    assert signals.text.matches == ()
    assert "charged twice" not in signals.text.text


def test_every_signal_is_computed_once_per_event() -> None:
    ticket = Ticket(
        id="9",
        subject="Internet down",
        description="<p>Our internet has been down for 3 days. Third time I've called.</p>",
        created_at=NOW - timedelta(hours=60),
        tags=("sla_breached",),
    )
    requester = Person(
        id="u1", fields={"monthly_spend": "80"}, created_at=NOW - timedelta(days=900)
    )
    org = Organization(id="o1", tags=("vip",))
    history = (
        TicketSummary("8", NOW - timedelta(days=2)),
        TicketSummary("6", NOW - timedelta(days=5)),
    )
    config = SignalsConfig.from_table({"signals": {"sla_breach_tags": ["sla_breached"]}})
    signals = compute_signals(
        make_event(ticket),
        ticket,
        requester,
        org,
        history,
        config,
        NOW,
        enrichment={"billing": {"payment_status": "past_due"}},
    )
    assert signals.text.has("service_failure") and signals.text.has("repeat_contact")
    assert signals.text.sentiment < 0
    assert "<p>" not in signals.text.text
    assert signals.ticket.contacts_in_window == 3
    assert signals.ticket.sla_breached
    assert signals.ticket.waited_hours == 60.0
    assert signals.customer.monthly_spend == 80.0 and signals.customer.top_customer
    assert signals.customer.payment_overdue
    assert signals.extra["billing"]["payment_status"] == "past_due"
