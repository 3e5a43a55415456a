"""The enrichment and adapter hooks as a third-party plugin uses them: sync and async
enrichment reaching the rules, enrichment failures costing only their signals, extra helpdesk
adapters registered, and a broken adapter plugin reported instead of stopping start-up."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from helpdesk_loyalty import AddTags, EnrichmentContext, RuleContext, RuleResult, hookimpl
from helpdesk_loyalty.adapters.base import HelpdeskSpec
from helpdesk_loyalty.config import RulesFile, Settings
from helpdesk_loyalty.engine import Engine
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.host import PluginHost
from helpdesk_loyalty.models import Ticket, TicketEvent
from helpdesk_loyalty.testkit import LoyaltySandbox, assert_decision, run_engine_async

pytestmark = pytest.mark.anyio
NOW = datetime(2026, 1, 1, tzinfo=UTC)


class Billing:
    @hookimpl
    def enrich_signals(self, ctx: EnrichmentContext) -> Mapping[str, Any]:
        return {"segment": "strategic", "customer": ctx.customer_key}


class Crm:
    @hookimpl
    async def enrich_signals(self, ctx: EnrichmentContext) -> Mapping[str, Any]:
        await asyncio.sleep(0)
        return {"owner": "dana@example.com"}


class CrmDown:
    @hookimpl
    def enrich_signals(self, ctx: EnrichmentContext) -> Mapping[str, Any]:
        raise ConnectionError("crm.example.com refused the connection")


class StrategicAccounts:
    """A rule that reads what the Billing enrichment plugin added."""

    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        billing = ctx.signals.extra.get("billing", {})
        if billing.get("segment") != "strategic":
            return RuleResult.no_match(f"segment is {billing.get('segment')}")
        return RuleResult(True, "Strategic account", actions=(AddTags(("strategic",)),))


def _enrichment_ctx(plugin: str) -> EnrichmentContext:
    ticket = Ticket(id="1", subject="hello")
    event = TicketEvent("zendesk", "zendesk:test", "e1", "ticket.created", "1", NOW, ticket)
    return EnrichmentContext(event, ticket, None, None, "zendesk:test:org:1", {}, NOW)


async def test_sync_and_async_enrichment_is_collected_and_a_failure_costs_only_its_signals() -> (
    None
):
    host = PluginHost.load(
        Settings(rules_dir=None),
        RulesFile.empty(),
        builtins=(),
        extra={"billing": Billing(), "crm": Crm(), "crm_down": CrmDown()},
        entry_points=False,
    )
    engine = Engine(host, enrich_timeout=1.0)
    extra = await engine.enrich(_enrichment_ctx)
    assert extra == {
        "billing": {"segment": "strategic", "customer": "zendesk:test:org:1"},
        "crm": {"owner": "dana@example.com"},
    }
    down = engine.health_of("crm_down")
    assert (down.state, down.last_error) == (
        "failing",
        "ConnectionError: crm.example.com refused the connection",
    )


async def test_a_rule_reads_enrichment_in_the_whole_service() -> None:
    kit = LoyaltySandbox()
    outcome = await run_engine_async(
        kit,
        StrategicAccounts(),
        "Can we review our contract?",
        name="strategic_accounts",
        also={"billing": Billing()},
        config={"mode": "act"},
    )
    assert_decision(outcome, rule="strategic_accounts", matched=True, tags=["strategic"])
    assert "strategic" in outcome.ticket.tags


def _spec(name: str) -> HelpdeskSpec:
    def refuse(*args: Any) -> Any:
        raise NotImplementedError

    return HelpdeskSpec(name, refuse, refuse, refuse, lambda env: None, f"{name} adapter")


class AcmeDesk:
    @hookimpl
    def register_helpdesks(self) -> Sequence[HelpdeskSpec]:
        return [_spec("acmedesk")]


class BrokenDesk:
    @hookimpl
    def register_helpdesks(self) -> Sequence[HelpdeskSpec]:
        raise ImportError("acmedesk-sdk is not installed")


class SecondZendesk:
    @hookimpl
    def register_helpdesks(self) -> Sequence[HelpdeskSpec]:
        return [_spec("zendesk")]


def _host(**plugins: object) -> PluginHost:
    return PluginHost.load(
        Settings(rules_dir=None), RulesFile.empty(), extra=plugins, entry_points=False
    )


def test_a_plugin_adds_a_helpdesk_beside_the_built_in_ones() -> None:
    specs = _host(acme=AcmeDesk()).helpdesk_specs()
    assert sorted(specs) == ["acmedesk", "freshdesk", "zendesk"]
    assert specs["acmedesk"].description == "acmedesk adapter"


def test_an_adapter_plugin_that_raises_is_reported_and_the_others_still_register() -> None:
    host = _host(acme=AcmeDesk(), broken=BrokenDesk())
    assert sorted(host.helpdesk_specs()) == ["acmedesk", "freshdesk", "zendesk"]
    [failure] = host.failures()
    assert failure.name == "broken"
    assert "register_helpdesks failed: ImportError: acmedesk-sdk is not installed" in (
        failure.error or ""
    )


def test_a_helpdesk_name_registered_twice_stops_start_up_naming_the_plugin() -> None:
    with pytest.raises(ConfigError) as error:
        _host(second=SecondZendesk()).helpdesk_specs()
    message = str(error.value)
    assert "plugin second" in message
    assert "'zendesk'" in message and "HL_PLUGINS_BLOCK" in message
