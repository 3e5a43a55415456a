"""Escalate to supervisor: who gets a supervisor, and what the agent sees."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk_loyalty.actions import (
    AddNote,
    AddTags,
    AssignGroup,
    RequestFollowUp,
    SetPriority,
    describe_action,
)
from helpdesk_loyalty.context import RuleContext
from helpdesk_loyalty.plugins import escalate_to_supervisor as rule

MakeCtx = Callable[..., RuleContext]

MILD = "The dashboard logged me out again this morning, a bit annoying."
CONFIG = {"supervisor_group_id": "360001", "supervisor_group_name": "Supervisors"}


def test_a_top_customer_mildly_annoyed_is_escalated(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(
        make_ctx(rule, MILD, tier="gold", monthly_spend=900.0, config=CONFIG)
    )
    assert result is not None and result.matched
    assert result.summary.startswith("Top customer at risk")
    assert any(e.signal == "customer_value" and "tier gold" in e.text for e in result.evidence)


def test_a_new_customer_mildly_annoyed_is_not(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, MILD, customer_days=12, config=CONFIG))
    assert result is not None and not result.matched
    assert result.reason.startswith("escalation score 0.35 is below 1.00")
    assert [e.signal for e in result.evidence] == ["sentiment"]


def test_asking_for_a_manager_routes_raises_tags_and_follows_up(make_ctx: MakeCtx) -> None:
    text = "This is the third time I've contacted you about my bill. I want to speak to a manager."
    result = rule.evaluate_ticket(make_ctx(rule, text, config=CONFIG))
    assert result is not None and result.matched
    assert AssignGroup("360001", "Supervisors") in result.actions
    assert SetPriority("high") in result.actions
    assert AddTags(("loyalty-escalated",)) in result.actions
    assert RequestFollowUp(3, "check the fix held and the customer is satisfied") in result.actions
    assert any(isinstance(a, AddNote) for a in result.actions)
    assert "passed your case to a supervisor" in " ".join(result.reply)
    assert len(result.reply) == 4


def test_repeat_contacts_from_history_with_a_billing_error_read_like_the_issue_example(
    make_ctx: MakeCtx,
) -> None:
    text = "You've charged me twice for the same month again. This is really frustrating."
    result = rule.evaluate_ticket(make_ctx(rule, text, contacts=3))
    assert result is not None and result.matched
    evidence = [e.text for e in result.evidence]
    assert evidence[0].startswith("sentiment \u2212")
    assert "'charged me twice'" in evidence
    assert "3rd contact in 7 days" in evidence
    assert "3rd time you've had to contact us" in result.reply[0]


def test_no_group_configured_means_no_routing_but_the_rest_stays(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, "Please close my account, I'm done with you."))
    assert result is not None and result.matched
    assert not any(isinstance(a, AssignGroup) for a in result.actions)
    assert "Before you decide anything" in result.reply[2]


def test_thresholds_and_weights_come_from_the_rules_file(make_ctx: MakeCtx) -> None:
    text = "I would like to close my account please."
    strict = make_ctx(rule, text, config={"cancel_threat_weight": 0.5, "model_threshold": 0})
    assert not rule.evaluate_ticket(strict).matched  # type: ignore[union-attr]
    text = "Honestly, I'm calling Watchdog about this."
    assert not rule.evaluate_ticket(make_ctx(rule, text)).matched  # type: ignore[union-attr]
    matched = rule.evaluate_ticket(make_ctx(rule, text, config={"extra_phrases": ["watchdog"]}))
    assert matched is not None and matched.matched
    assert matched.evidence[0].text == "escalation phrase: 'Watchdog'"


def test_every_action_describes_itself_for_the_note(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, "Get me a manager now!", config=CONFIG))
    assert result is not None
    lines = [describe_action(a) for a in result.actions]
    assert "route to group Supervisors" in lines
    assert "priority high" in lines


def test_a_loyal_top_customer_writing_often_to_say_thanks_is_not_escalated(
    make_ctx: MakeCtx,
) -> None:
    ctx = make_ctx(
        rule,
        "Just wanted to say the new dashboard is great and your team was very helpful. Thanks!",
        tier="platinum",
        monthly_spend=48_000,
        contacts=4,
        config=CONFIG,
    )
    result = rule.evaluate_ticket(ctx)
    assert result is not None and not result.matched
    assert "no sign the customer was wronged" in result.reason
    assert any(e.signal == "repeat_contacts" for e in result.evidence)
