"""Flag struggling payer: flexible terms within policy, reminders on hold, and the tone."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk_loyalty.actions import AddNote, AddTags, RequestFollowUp, RuleResult, SetField
from helpdesk_loyalty.context import RuleContext
from helpdesk_loyalty.plugins import flag_struggling_payer as rule

MakeCtx = Callable[..., RuleContext]
STORY = (
    "I lost my job last month and I'm struggling to pay the bill this month. Is there any way "
    "I could pay in two parts or get an extension until I start my new job?"
)


def notes(result: RuleResult | None) -> list[str]:
    assert result is not None
    return [a.text for a in result.actions if isinstance(a, AddNote)]


def test_a_hardship_story_is_flagged_and_reminders_are_held(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, STORY, monthly_spend=60.0))
    assert result is not None and result.matched
    assert result.summary == (
        "Struggling to pay: a cause of hardship, can't keep up, asks for flexible terms"
    )
    assert [e.text for e in result.evidence] == [
        "'lost my job'",
        "'struggling to pay'",
        "'pay in two parts'",
    ]
    assert AddTags(("struggling-payer", "dunning-hold")) in result.actions
    assert (
        RequestFollowUp(7, "check the arrangement is working and reminders are still on hold")
        in result.actions
    )


def test_the_note_offers_terms_within_policy_and_coaches_the_tone(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, STORY, monthly_spend=60.0))
    lines = notes(result)
    assert lines[0] == (
        "Within policy: a plan over up to 6 months, the due date moved by up to 30 days, "
        "or up to USD 15.00 forgiven."
    )
    assert len(lines) == 2
    assert "no threats" in lines[1] and "blame" in lines[1]
    assert result is not None
    assert len(result.reply) == 4
    words = " ".join(result.reply).lower()
    for threat in ("collection", "late fee", "suspend", "must pay", "legal"):
        assert threat not in words
    assert "forgive" not in words


def test_overdue_fields_count_as_not_being_able_to_pay(make_ctx: MakeCtx) -> None:
    text = "I was laid off in March. Can I have a few more weeks?"
    flagged = rule.evaluate_ticket(make_ctx(rule, text, days_overdue=45))
    assert flagged is not None and flagged.matched
    assert "45 days overdue" in [e.text for e in flagged.evidence]
    failed = rule.evaluate_ticket(make_ctx(rule, "I was laid off in March.", failed_payments=3))
    assert failed is not None and failed.matched
    status = rule.evaluate_ticket(
        make_ctx(rule, "I was laid off in March.", payment_status="past_due")
    )
    assert status is not None and status.matched


def test_overdue_alone_is_not_hardship(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(
        make_ctx(rule, "Please send me my latest invoice.", days_overdue=60)
    )
    assert result is not None and not result.matched
    assert result.reason == "hardship score 1, 2 needed"


def test_policy_numbers_and_the_hold_field_come_from_settings(make_ctx: MakeCtx) -> None:
    config = {
        "dunning_hold_field": "cf_dunning_hold",
        "plan_max_months": 3,
        "deferral_max_days": 14,
        "forgiveness_cap": 10.0,
        "tags": ["hardship"],
    }
    result = rule.evaluate_ticket(make_ctx(rule, STORY, monthly_spend=60.0, config=config))
    assert result is not None and result.matched
    assert SetField("cf_dunning_hold", True) in result.actions
    assert AddTags(("hardship",)) in result.actions
    assert "up to 3 months" in notes(result)[0] and "up to USD 10.00 forgiven" in notes(result)[0]


def test_without_a_known_bill_the_forgiveness_is_stated_as_a_share(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, STORY))
    assert "up to 25% of one bill forgiven (at most USD 50.00)" in notes(result)[0]


def test_a_billing_complaint_with_a_hardship_story_is_flagged_too(make_ctx: MakeCtx) -> None:
    text = (
        "You charged me twice for October and I was laid off three weeks ago, so that extra $80 "
        "has put me behind on rent. Can I pay the rest of this month's bill in instalments?"
    )
    result = rule.evaluate_ticket(make_ctx(rule, text))
    assert result is not None and result.matched


def test_a_dispute_about_a_credit_report_weighs_against_the_hardship(make_ctx: MakeCtx) -> None:
    text = (
        "I lost my job in 2018 and fell behind, and I got a payment plan. I have been current "
        "since. Experian still lists the account as 90 days late: remove it from my credit report."
    )
    result = rule.evaluate_ticket(make_ctx(rule, text))
    assert result is not None and not result.matched
    assert result.reason == "hardship score 1 (a dispute weighs against it), 2 needed"


def test_weights_come_from_settings(make_ctx: MakeCtx) -> None:
    text = "I lost my job last month. Can I pay the rest next month?"
    assert rule.evaluate_ticket(make_ctx(rule, text)).matched  # type: ignore[union-attr]
    config = {"cause_weight": 0.5, "model_threshold": 0}
    lighter = rule.evaluate_ticket(make_ctx(rule, text, config=config))
    assert lighter is not None and not lighter.matched
    assert lighter.reason == "hardship score 1.5, 2 needed"
