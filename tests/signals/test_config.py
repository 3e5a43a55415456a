"""SignalsConfig from the rules file: defaults, overrides, and errors that name the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.signals import CustomerSignals
from helpdesk_loyalty.signals.compute import text_signals
from helpdesk_loyalty.signals.config import SignalsConfig

RULES = Path(__file__).resolve().parents[2] / "rules" / "rules.toml"


def test_empty_tables_mean_defaults() -> None:
    config = SignalsConfig.from_table({})
    assert config.repeat_window_days == 7
    assert config.fields.paths["monthly_spend"] == (
        "organization.monthly_spend",
        "user.monthly_spend",
    )


def test_the_shipped_rules_file_is_valid() -> None:
    data = tomllib.loads(RULES.read_text(encoding="utf-8"))
    config = SignalsConfig.from_table(data)
    assert "vip" in config.top_tiers
    assert config.extra_phrases["service_failure"] == ("no dial tone",)
    assert text_signals("We've had no dial tone all week.", config).has("service_failure")


def test_values_are_normalised() -> None:
    config = SignalsConfig.from_table(
        {"signals": {"top_tiers": ["Gold"], "top_monthly_spend": 250, "sla_breach_tags": ["x"]}}
    )
    assert config.top_tiers == ("gold",)
    assert config.top_monthly_spend == 250.0
    assert config.sla_breach_tags == ("x",)


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"signals": {"repeat_window": 7}}, "[signals] repeat_window"),
        ({"signals": {"repeat_window_days": "7"}}, "[signals] repeat_window_days"),
        ({"signals": {"repeat_window_days": True}}, "[signals] repeat_window_days"),
        ({"signals": {"repeat_window_days": 0}}, "[signals] repeat_window_days"),
        ({"signals": {"failure_sentiment_ceiling": 0.5}}, "[signals] failure_sentiment_ceiling"),
        ({"signals": {"top_tiers": "gold"}}, "[signals] top_tiers"),
        ({"signals": {"extra_phrases": {"billing": ["x"]}}}, "[signals] extra_phrases.billing"),
        ({"customer_fields": {"spend": ["user.spend"]}}, "[customer_fields] spend"),
        ({"customer_fields": {"tier": ["tier"]}}, "[customer_fields] tier"),
        ({"customer_fields": {"tier": [1]}}, "[customer_fields] tier"),
        ({"signals": []}, "[signals]"),
    ],
)
def test_bad_values_name_the_key_and_the_fix(table: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        SignalsConfig.from_table(table)
    assert caught.value.key == key
    assert caught.value.fix


def test_rederive_after_enrichment_fills_tier_spend_and_status() -> None:
    config = SignalsConfig(top_monthly_spend=500.0, overdue_statuses=("past_due",))
    assert config.rederive(CustomerSignals(tier="Gold")).top_customer
    assert config.rederive(CustomerSignals(monthly_spend=600.0)).top_customer
    assert not config.rederive(CustomerSignals(monthly_spend=60.0)).top_customer
    assert config.rederive(CustomerSignals(payment_status="past_due")).payment_overdue
    assert config.rederive(CustomerSignals(top_customer=True)).top_customer
