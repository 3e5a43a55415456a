"""Customer signals through the field mapping, with enrichment filling the gaps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from helpdesk_loyalty.models import Organization, Person
from helpdesk_loyalty.signals.config import CustomerFieldMap, SignalsConfig
from helpdesk_loyalty.signals.customer import customer_signals, parse_amount, parse_count

NOW = datetime(2026, 1, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (120, 120.0),
        ("120.50", 120.5),
        ("$1,200", 1200.0),
        ("USD 80", 80.0),
        ("1.234,56", 1234.56),
        ("89,90", 89.9),
        ("n/a", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_amount_reads_what_helpdesk_fields_hold(raw: object, value: float | None) -> None:
    assert parse_amount(raw) == value


def test_parse_count_reads_whole_numbers() -> None:
    assert parse_count("42 days") == 42
    assert parse_count(3.0) == 3
    assert parse_count("") is None


def test_field_paths_are_tried_in_order_per_company_mapping() -> None:
    config = SignalsConfig(
        fields=CustomerFieldMap.from_table(
            {"monthly_spend": ["user.mrr", "organization.spend"], "tier": "organization.level"}
        )
    )
    user = Person(id="u1", fields={"mrr": ""})
    org = Organization(id="o1", fields={"spend": "$640.00", "level": "Platinum"})
    signals = customer_signals(user, org, config, now=NOW)
    assert signals.monthly_spend == 640.0
    assert signals.tier == "platinum"
    assert signals.top_customer


def test_enrichment_fills_only_what_the_helpdesk_fields_left_empty() -> None:
    user = Person(id="u1", fields={"payment_status": "current"})
    enrichment = {"billing": {"payment_status": "past_due", "days_overdue": 45, "currency": "eur"}}
    signals = customer_signals(user, None, SignalsConfig(), now=NOW, enrichment=enrichment)
    assert signals.payment_status == "current"
    assert signals.days_overdue == 45
    assert signals.currency == "EUR"
    assert not signals.payment_overdue


def test_top_customer_by_tag_or_spend_and_new_customer_by_creation_date() -> None:
    config = SignalsConfig(top_monthly_spend=300.0, new_customer_days=90)
    tagged = customer_signals(Person(id="u", tags=("VIP",)), None, config, now=NOW)
    assert tagged.top_customer
    spender = customer_signals(Person(id="u", fields={"monthly_spend": 300}), None, config, now=NOW)
    assert spender.top_customer
    new = customer_signals(
        Person(id="u", created_at=NOW - timedelta(days=10)), None, config, now=NOW
    )
    assert new.new_customer and not new.top_customer
    old = customer_signals(
        Person(id="u", created_at=NOW - timedelta(days=400)), None, config, now=NOW
    )
    assert not old.new_customer


def test_payment_overdue_from_the_configured_statuses_and_default_currency() -> None:
    config = SignalsConfig(overdue_statuses=("past_due",), default_currency="GBP")
    signals = customer_signals(
        Person(id="u", fields={"payment_status": "Past_Due"}), None, config, now=NOW
    )
    assert signals.payment_overdue
    assert signals.currency == "GBP"


def test_unreadable_values_count_as_missing() -> None:
    user = Person(id="u", fields={"monthly_spend": "lots", "days_overdue": {"x": 1}})
    signals = customer_signals(user, None, SignalsConfig(), now=NOW)
    assert signals.monthly_spend is None
    assert signals.days_overdue is None
