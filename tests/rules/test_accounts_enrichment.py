"""The example enrichment plugin in rules/: accounts from a CSV, matched by key or email."""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from helpdesk_loyalty.context import EnrichmentContext
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.models import Organization, Person, Ticket, TicketEvent
from helpdesk_loyalty.pluginconfig import validate_table

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
NOW = datetime(2026, 1, 15, tzinfo=UTC)
HEADER = "key,email,monthly_spend,tier,plan,payment_status,days_overdue,failed_payments,currency\n"


@pytest.fixture(scope="module")
def plugin() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "accounts_enrichment_under_test", RULES_DIR / "accounts_enrichment.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def ctx(
    plugin: ModuleType, path: Path | str | None, *, key: str = "org-9", email: str | None = None
) -> EnrichmentContext:
    ticket = Ticket(id="1")
    event = TicketEvent("zendesk", "acme", "e1", "ticket.created", "1", NOW, ticket)
    config = validate_table(
        "accounts_enrichment",
        plugin.declare_settings(),
        {} if path is None else {"path": str(path)},
    )
    return EnrichmentContext(
        event=event,
        ticket=ticket,
        requester=Person(id="u-5", email=email),
        organization=Organization(id="o-5"),
        customer_key=key,
        config=config,
        now=NOW,
    )


def test_the_shipped_csv_is_found_relative_to_the_plugin(plugin: ModuleType) -> None:
    result = plugin.enrich_signals(ctx(plugin, None, key="org-1001"))
    assert result == {
        "monthly_spend": 1200.0,
        "days_overdue": 0,
        "failed_payments": 0,
        "tier": "gold",
        "plan": "business-fibre",
        "payment_status": "current",
        "currency": "USD",
    }


def test_rows_match_by_email_and_empty_cells_are_left_out(
    plugin: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "x-1,Maria@Example.com,65,,home,past_due,42,two,\n", encoding="utf-8")
    result = plugin.enrich_signals(ctx(plugin, path, email="maria@example.com"))
    assert result == {
        "monthly_spend": 65.0,
        "days_overdue": 42,
        "plan": "home",
        "payment_status": "past_due",
    }
    assert plugin.enrich_signals(ctx(plugin, path, email="nobody@example.com")) is None


def test_a_changed_file_is_read_again(plugin: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + "org-9,,10,,,,,,\n", encoding="utf-8")
    assert plugin.enrich_signals(ctx(plugin, path))["monthly_spend"] == 10.0
    path.write_text(HEADER + "org-9,,20,,,,,,\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert plugin.enrich_signals(ctx(plugin, path))["monthly_spend"] == 20.0


def test_a_missing_file_is_a_config_error_naming_the_setting(
    plugin: ModuleType, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as caught:
        plugin.enrich_signals(ctx(plugin, tmp_path / "missing.csv"))
    assert caught.value.key == "[rules.accounts_enrichment] path"
