"""Tests of enterprise_invoice, with helpdesk-loyalty's testing kit (its pytest fixtures load by
themselves once helpdesk-loyalty is installed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.testkit import (
    LoyaltySandbox,
    assert_decision,
    assert_result,
    assert_ticket_shows,
)

import enterprise_invoice as rule

ENTERPRISE = {"plan": "enterprise", "failed_payments": 2}
TEXT = "Our card payment for invoice INV-2207 failed again. Can you check what is going on?"


def test_an_enterprise_customer_with_two_failed_payments_goes_to_the_account_manager(
    run_rule: Callable[..., Any],
) -> None:
    result = run_rule(rule, TEXT, customer=ENTERPRISE, config={"account_manager_group_id": "3601"})
    assert_result(
        result, matched=True, tags=["account-manager"], group="3601", text_contains="2 failed"
    )


@pytest.mark.parametrize(
    ("customer", "reason"),
    [
        ({"plan": "growth", "failed_payments": 5}, "plan is growth, not enterprise"),
        ({"plan": "enterprise", "failed_payments": 1}, "1 failed payments, fewer than 2"),
        ({"plan": "enterprise"}, "0 failed payments, fewer than 2"),
    ],
)
def test_other_customers_are_left_alone(
    run_rule: Callable[..., Any], customer: dict[str, Any], reason: str
) -> None:
    result = run_rule(rule, TEXT, customer=customer)
    assert_result(result, matched=False, text_contains=reason)


def test_the_threshold_is_a_setting(
    make_context: Callable[..., Any], run_rule: Callable[..., Any]
) -> None:
    ctx = make_context(rule, TEXT, customer=ENTERPRISE, config={"min_failed_payments": 3})
    assert_result(run_rule(rule, ctx), matched=False)


def test_a_misspelt_setting_names_the_key_and_the_fix(run_rule: Callable[..., Any]) -> None:
    with pytest.raises(ConfigError) as error:
        run_rule(rule, TEXT, config={"account_manager_group": "3601"})
    message = str(error.value)
    assert "[rules.enterprise_invoice] account_manager_group" in message
    assert "account_manager_group_id" in message


@pytest.mark.parametrize("helpdesk", ["zendesk", "freshdesk"])
def test_a_realistic_webhook_event_from_either_helpdesk(
    make_event: Callable[..., Any],
    make_context: Callable[..., Any],
    run_rule: Callable[..., Any],
    helpdesk: str,
) -> None:
    event = make_event(TEXT, helpdesk=helpdesk, customer="top")
    assert event.helpdesk == helpdesk and "INV-2207" in event.ticket.description
    ctx = make_context(rule, event=event, customer=ENTERPRISE)
    assert_result(run_rule(rule, ctx), matched=True)


@pytest.mark.parametrize("helpdesk", ["zendesk", "freshdesk"])
def test_the_whole_service_routes_the_ticket_and_says_why(
    loyalty_sandbox: LoyaltySandbox, run_engine: Callable[..., Any], helpdesk: str
) -> None:
    loyalty_sandbox.set_customer("top", failed_payments=2)
    group = loyalty_sandbox.group_id(helpdesk, "Account managers")
    outcome = run_engine(
        rule,
        TEXT,
        config={"mode": "act", "account_manager_group_id": group},
        helpdesk=helpdesk,
        customer="top",
    )
    assert_decision(
        outcome, rule="enterprise_invoice", matched=True, tags=["account-manager"], group=group
    )
    assert_ticket_shows(
        outcome,
        tags=["account-manager"],
        group="Account managers",
        note_contains="Enterprise invoice failed 2 times",
    )


def test_the_service_leaves_a_customer_on_another_plan_alone(
    run_engine: Callable[..., Any],
) -> None:
    outcome = run_engine(rule, TEXT, customer="overdue")
    assert_decision(outcome, rule="enterprise_invoice", matched=False)
    assert_ticket_shows(outcome, no_tags=["account-manager"])
