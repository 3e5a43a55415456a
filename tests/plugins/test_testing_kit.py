"""The testing kit, through the fixtures its pytest plugin provides: contexts with real signals
and validated settings, one rule through pluggy, realistic events from either helpdesk, the
whole service against the sandbox, and assertions that say what was there instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from helpdesk_loyalty import (
    AddNote,
    AddTags,
    AssignGroup,
    Evidence,
    RuleContext,
    RuleResult,
    Setting,
    hookimpl,
)
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.testkit import (
    LoyaltySandbox,
    assert_decision,
    assert_result,
    assert_ticket_shows,
    run_engine_async,
)


class LateInvoice:
    """Tags a customer with failed payments who writes about an invoice."""

    @hookimpl
    def declare_settings(self) -> Sequence[Setting]:
        return [Setting("group_id", str, "", "route here"), Setting("min_failed", int, 1, "")]

    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        failed = ctx.signals.customer.failed_payments or 0
        if "invoice" not in ctx.signals.text.text.lower() or failed < ctx.config["min_failed"]:
            return RuleResult.no_match(f"{failed} failed payments or no invoice mentioned")
        actions: list[Any] = [AddTags(("late-invoice",)), AddNote("Check the invoice first.")]
        if ctx.config["group_id"]:
            actions.append(AssignGroup(ctx.config["group_id"], "Billing"))
        return RuleResult(
            True,
            "Invoice trouble",
            (Evidence("failed_payments", f"{failed} failed", failed, 1),),
            tuple(actions),
        )


class ReturnsDict:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> object:
        return {"matched": True}


class SettingsOnly:
    @hookimpl
    def declare_settings(self) -> Sequence[Setting]:
        return []


class MisspeltArgument:
    @hookimpl
    def evaluate_ticket(self, context: RuleContext) -> RuleResult:
        return RuleResult(matched=True)


RULE = LateInvoice()
TEXT = "My invoice payment failed twice, please check."


def test_a_context_carries_real_signals_and_validated_settings(
    make_context: Callable[..., RuleContext],
) -> None:
    ctx = make_context(
        RULE,
        TEXT,
        customer={"plan": "Enterprise", "failed_payments": "2"},
        contacts=3,
        config={"min_failed": 2},
    )
    assert (ctx.rule, ctx.mode) == ("lateinvoice", "suggest")
    assert dict(ctx.config) == {"mode": "suggest", "group_id": "", "min_failed": 2}
    assert (ctx.signals.customer.plan, ctx.signals.customer.failed_payments) == ("enterprise", 2)
    assert ctx.signals.ticket.contacts_in_window == 3
    assert ctx.signals.text.sentiment < 0


def test_a_wrong_setting_fails_as_it_would_at_start(make_context: Callable[..., Any]) -> None:
    with pytest.raises(ConfigError, match=r"\[rules.late\] min_failed.*whole number"):
        make_context(RULE, TEXT, name="late", config={"min_failed": "two"})


def test_run_rule_calls_the_rule_with_its_settings(run_rule: Callable[..., Any]) -> None:
    result = run_rule(RULE, TEXT, customer={"failed_payments": 2}, config={"group_id": "77"})
    assert_result(result, matched=True, tags=["late-invoice"], group="77", text_contains="2 failed")
    assert_result(run_rule(RULE, TEXT, customer={}), matched=False, text_contains="0 failed")


def test_run_rule_replaces_a_contexts_settings_when_given_config(
    make_context: Callable[..., Any], run_rule: Callable[..., Any]
) -> None:
    ctx = make_context(RULE, TEXT, customer={"failed_payments": 2})
    assert_result(run_rule(RULE, ctx), matched=True)
    assert_result(run_rule(RULE, ctx, config={"min_failed": 5}), matched=False)


def test_run_rule_refuses_what_the_engine_would_record_as_an_error(
    run_rule: Callable[..., Any],
) -> None:
    with pytest.raises(AssertionError, match="returned dict"):
        run_rule(ReturnsDict(), TEXT)
    with pytest.raises(AssertionError, match="not a rule"):
        run_rule(SettingsOnly(), TEXT)
    with pytest.raises(ConfigError, match=r"(?s)plugin misspeltargument.*did not load.*context"):
        run_rule(MisspeltArgument(), TEXT, config={"mode": "act"})


@pytest.mark.parametrize("helpdesk", ["zendesk", "freshdesk"])
def test_make_event_parses_a_signed_webhook_with_the_real_adapter(
    make_event: Callable[..., Any], loyalty_sandbox: LoyaltySandbox, helpdesk: str
) -> None:
    event = make_event(TEXT, subject="Invoice INV-9", helpdesk=helpdesk, customer="overdue")
    assert (event.helpdesk, event.kind) == (helpdesk, "ticket.created")
    assert event.ticket.subject == "Invoice INV-9"
    assert TEXT in event.ticket.description
    assert event.account == f"{helpdesk}:127.0.0.1"
    assert loyalty_sandbox.shows(event.ticket_id, helpdesk=helpdesk).ticket_id == event.ticket_id


@pytest.mark.parametrize("helpdesk", ["zendesk", "freshdesk"])
def test_run_engine_decides_and_writes_through_the_helpdesk_api(
    run_engine: Callable[..., Any], loyalty_sandbox: LoyaltySandbox, helpdesk: str
) -> None:
    billing = loyalty_sandbox.group_id(helpdesk, "billing")
    outcome = run_engine(
        RULE,
        TEXT,
        name="late_invoice",
        config={"mode": "act", "group_id": billing},
        customer="overdue",
        helpdesk=helpdesk,
    )
    assert {r.rule for r in outcome.decision.runs} == {
        "late_invoice",
        "escalate_to_supervisor",
        "suggest_bill_credit",
        "flag_struggling_payer",
    }
    assert_decision(
        outcome, rule="late_invoice", matched=True, tags=["late-invoice"], group=billing
    )
    assert_ticket_shows(
        outcome, tags=["late-invoice"], group="Billing", note_contains="Check the invoice first."
    )
    assert [e.what for e in outcome.ledger][:2] == ["received", "decided"]
    assert "applied" in [e.what for e in outcome.ledger]


@pytest.mark.anyio
async def test_an_async_test_awaits_the_engine() -> None:
    kit = LoyaltySandbox()
    kit.set_customer("top", failed_payments=4)
    outcome = await run_engine_async(kit, RULE, TEXT, name="late_invoice", customer="top")
    assert_decision(outcome, rule="late_invoice", matched=True)
    assert outcome.run("late_invoice").result is not None
    with pytest.raises(AssertionError, match="did not run"):
        outcome.run("no_such_rule")


def test_the_assertions_say_what_was_there_instead(
    run_rule: Callable[..., Any], run_engine: Callable[..., Any]
) -> None:
    no_match = run_rule(RULE, TEXT)
    with pytest.raises(AssertionError, match=r"got matched=False \(0 failed payments"):
        assert_result(no_match, matched=True)
    outcome = run_engine(RULE, "Thanks, all good here.", name="late_invoice", customer="new")
    with pytest.raises(AssertionError, match="expected late_invoice matched=True, its status is"):
        assert_decision(outcome, rule="late_invoice", matched=True)
    with pytest.raises(AssertionError, match="lacks tags \\['late-invoice'\\]"):
        assert_ticket_shows(outcome, tags=["late-invoice"])
    with pytest.raises(AssertionError, match="not in the ticket's notes"):
        assert_ticket_shows(outcome, note_contains="Check the invoice first.")
