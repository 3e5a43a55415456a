"""Ticket signals: reopened, repeat contacts, SLA, satisfaction, waiting time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpdesk_loyalty.models import Comment, Ticket, TicketEvent, TicketSummary
from helpdesk_loyalty.signals.ticket import (
    contacts_in_window,
    is_bad_satisfaction,
    is_reopened,
    is_sla_breached,
    ticket_signals,
    waited_hours,
)

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def event(ticket: Ticket, **changes: tuple[object, object]) -> TicketEvent:
    return TicketEvent(
        helpdesk="zendesk",
        account="acme",
        event_id="e1",
        kind="ticket.updated",
        ticket_id=ticket.id,
        occurred_at=NOW,
        ticket=ticket,
        changes=changes,
    )


def test_reopened_from_the_status_change_or_the_helpdesk_count() -> None:
    ticket = Ticket(id="1", status="open")
    assert is_reopened(event(ticket, status=("solved", "open")), ticket) == (True, 1)
    assert is_reopened(event(ticket, status=("new", "open")), ticket) == (False, 0)
    counted = Ticket(id="1", reopens=2)
    assert is_reopened(event(counted), counted) == (True, 2)


def test_contacts_in_window_counts_this_ticket_and_recent_others_once() -> None:
    ticket = Ticket(id="9")
    history = (
        TicketSummary("9", NOW - timedelta(hours=1)),
        TicketSummary("8", NOW - timedelta(days=2)),
        TicketSummary("7", NOW - timedelta(days=6)),
        TicketSummary("6", NOW - timedelta(days=8)),
    )
    assert contacts_in_window(ticket, history, now=NOW, days=7) == 3
    assert contacts_in_window(ticket, history, now=NOW, days=30) == 4


def test_sla_breach_from_the_helpdesk_flag_or_a_tag() -> None:
    assert is_sla_breached(Ticket(id="1", sla_breached=True), ())
    assert is_sla_breached(Ticket(id="1", tags=("SLA_Breached",)), ("sla_breached",))
    assert not is_sla_breached(Ticket(id="1", tags=("vip",)), ("sla_breached",))


def test_bad_satisfaction_now_or_in_this_event() -> None:
    assert is_bad_satisfaction(event(Ticket(id="1")), Ticket(id="1", satisfaction="bad"))
    ticket = Ticket(id="1")
    assert is_bad_satisfaction(event(ticket, satisfaction=("good", "bad")), ticket)
    assert not is_bad_satisfaction(event(ticket), Ticket(id="1", satisfaction="good"))


def test_waited_hours_since_the_oldest_unanswered_customer_message() -> None:
    ticket = Ticket(
        id="1",
        created_at=NOW - timedelta(hours=80),
        comments=(
            Comment("help", author_role="end_user", created_at=NOW - timedelta(hours=80)),
            Comment("on it", author_role="agent", created_at=NOW - timedelta(hours=70)),
            Comment("still broken", author_role="end_user", created_at=NOW - timedelta(hours=50)),
            Comment("hello?", author_role="end_user", created_at=NOW - timedelta(hours=2)),
        ),
    )
    assert waited_hours(ticket, now=NOW) == 50.0


def test_waited_hours_is_zero_when_an_agent_has_the_last_word_and_none_without_times() -> None:
    answered = Ticket(
        id="1", comments=(Comment("x", author_role="end_user"), Comment("y", author_role="agent"))
    )
    assert waited_hours(answered, now=NOW) == 0.0
    assert waited_hours(Ticket(id="1", comments=(Comment("x"),)), now=NOW) is None
    fresh = Ticket(id="1", created_at=NOW - timedelta(hours=3))
    assert waited_hours(fresh, now=NOW) == 3.0


def test_ticket_signals_bundle_every_signal() -> None:
    ticket = Ticket(id="5", tags=("sla_breached",), satisfaction="bad", created_at=NOW)
    history = (
        TicketSummary("4", NOW - timedelta(days=1)),
        TicketSummary("3", NOW - timedelta(days=3)),
    )
    signals = ticket_signals(
        event(ticket, status=("closed", "open")),
        ticket,
        history,
        now=NOW,
        window_days=7,
        breach_tags=("sla_breached",),
    )
    assert signals.reopened and signals.reopens == 1
    assert signals.contacts_in_window == 3 and signals.window_days == 7
    assert signals.sla_breached and signals.bad_satisfaction
    assert signals.waited_hours == 0.0
