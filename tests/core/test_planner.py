"""All rules' actions become ONE update; the mode decides how far each action goes."""

from __future__ import annotations

from datetime import UTC, datetime

from helpdesk_loyalty import (
    AddNote,
    AddTags,
    AssignGroup,
    Evidence,
    RequestFollowUp,
    RuleResult,
    SetField,
    SetPriority,
    SuggestCredit,
)
from helpdesk_loyalty.engine import RuleRun
from helpdesk_loyalty.planner import plan_update

NOW = datetime(2026, 1, 1, tzinfo=UTC)

ESCALATE = RuleResult(
    matched=True,
    summary="Customer wronged: billed twice",
    evidence=(
        Evidence("phrase", "'charged twice'"),
        Evidence("sentiment", "sentiment −0.71", -0.71, -0.5),
    ),
    actions=(
        AddTags(("hl-make-it-right",)),
        SetPriority("high"),
        AssignGroup("77", "Supervisors"),
        RequestFollowUp(3, "confirm the refund arrived"),
    ),
    reply=("I'm sorry we charged you twice.",),
)
CREDIT = RuleResult(
    matched=True,
    summary="Billing error: credit suggested",
    actions=(
        AddTags(("hl-credit-suggested", "hl-make-it-right")),
        SuggestCredit(20.0, "USD", "double charge", "25% of bill", True),
        SetField("360001", "20.00"),
        AddNote("Never promise the amount in a public reply."),
    ),
)


def _plan(*runs: RuleRun):  # type: ignore[no-untyped-def]
    return plan_update("01DECISIONID0000000000000", runs, customer_key="k", ticket_id="42", now=NOW)


def test_suggest_mode_adds_tags_and_note_but_only_suggests_routing() -> None:
    plan = _plan(RuleRun("escalate_to_supervisor", "suggest", "matched", ESCALATE))
    update = plan.update
    assert update is not None
    assert update.add_tags == ("hl-make-it-right",)
    assert update.priority is None and update.group_id is None
    [section] = update.note.sections  # type: ignore[union-attr]
    assert section.evidence == ("'charged twice'", "sentiment −0.71")
    assert any("Suggested: route to group Supervisors" in a for a in section.actions)
    assert any("priority high" in a for a in section.actions)
    assert plan.follow_ups[0].days == 3


def test_act_mode_applies_priority_group_and_fields_in_one_update() -> None:
    plan = _plan(
        RuleRun("escalate_to_supervisor", "act", "matched", ESCALATE),
        RuleRun("suggest_bill_credit", "act", "matched", CREDIT),
    )
    update = plan.update
    assert update is not None
    assert update.priority == "high" and update.group_id == "77"
    assert dict(update.fields) == {"360001": "20.00"}
    assert update.add_tags == ("hl-make-it-right", "hl-credit-suggested")
    assert [s.rule for s in update.note.sections] == [
        "escalate_to_supervisor",
        "suggest_bill_credit",
    ]  # type: ignore[union-attr]
    credit_lines = update.note.sections[1].actions  # type: ignore[union-attr]
    assert any(
        "USD 20.00" in line and "needs approval" in line and "not applied" in line
        for line in credit_lines
    )
    assert "Basis: 25% of bill" in credit_lines
    assert update.note.sections[1].guidance == ("Never promise the amount in a public reply.",)  # type: ignore[union-attr]
    assert [c.amount for c in plan.credits] == [20.0]


def test_shadow_and_unmatched_results_write_nothing() -> None:
    plan = _plan(
        RuleRun("escalate_to_supervisor", "shadow", "matched", ESCALATE),
        RuleRun(
            "suggest_bill_credit", "suggest", "not_matched", RuleResult.no_match("no billing error")
        ),
        RuleRun("flag_struggling_payer", "suggest", "error", error="boom"),
    )
    assert plan.update is None and plan.credits == () and plan.follow_ups == ()


def test_conflicting_groups_go_by_precedence() -> None:
    other = RuleResult(matched=True, summary="hardship", actions=(AssignGroup("88", "Billing"),))
    plan = _plan(
        RuleRun("flag_struggling_payer", "act", "matched", other),
        RuleRun("escalate_to_supervisor", "act", "matched", ESCALATE),
    )
    assert plan.update is not None and plan.update.group_id == "77"
    lines = plan.update.note.sections[1].actions  # type: ignore[union-attr]
    assert any("Would route to Billing" in line for line in lines)
