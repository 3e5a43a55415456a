"""Suggest bill credit: the amount policy, the caps, approval, and words that promise no amount."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from helpdesk_loyalty.actions import AddNote, AddTags, RuleResult, SetField, SuggestCredit
from helpdesk_loyalty.context import RuleContext
from helpdesk_loyalty.models import CreditRecord
from helpdesk_loyalty.plugins import suggest_bill_credit as rule
from helpdesk_loyalty.plugins.credit_policy import failure_type, outage_days
from helpdesk_loyalty.signals import PhraseMatch

MakeCtx = Callable[..., RuleContext]
MakeCredit = Callable[..., CreditRecord]
DOUBLE = "Hi, you've taken my monthly payment twice this month. Please refund one of them."


def suggestion(result: RuleResult | None) -> SuggestCredit:
    assert result is not None and result.matched, result
    return next(a for a in result.actions if isinstance(a, SuggestCredit))


def test_a_double_charge_gets_the_policy_share_of_the_monthly_bill(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=80.0))
    credit = suggestion(result)
    assert (credit.amount, credit.currency, credit.needs_approval) == (8.0, "USD", False)
    assert credit.basis == "10% of a USD 80.00 monthly bill (double charge)"
    assert result is not None
    assert result.summary == "Billed twice: correct it and consider a goodwill credit"
    assert AddTags(("loyalty-credit-suggested",)) in result.actions


def test_repeat_failures_and_top_customers_get_more(make_ctx: MakeCtx) -> None:
    repeat = suggestion(
        rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=80.0, contacts=3))
    )
    assert repeat.amount == 12.0
    assert repeat.basis.endswith("×1.5 repeat failure")
    top = suggestion(rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=400.0, tier="gold")))
    assert top.amount == 50.0
    assert top.needs_approval


def test_above_the_approval_threshold_the_approval_tag_is_added(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=300.0))
    assert suggestion(result).amount == 30.0
    assert result is not None
    assert AddTags(("loyalty-credit-suggested", "credit-needs-approval")) in result.actions


def test_the_per_ticket_cap_holds(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(rule, DOUBLE, monthly_spend=900.0, tier="platinum", contacts=4)
    credit = suggestion(rule.evaluate_ticket(ctx))
    assert credit.amount == 50.0
    assert credit.basis.endswith("capped at USD 50.00 (per ticket)")


def test_a_customer_at_the_period_maximum_gets_no_further_credit_with_the_reason(
    make_ctx: MakeCtx, make_credit: MakeCredit
) -> None:
    earlier = (make_credit(60.0, days_ago=20), make_credit(40.0, days_ago=80, ticket_id="3"))
    result = rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=80.0, credits=earlier))
    assert result is not None and not result.matched
    assert (
        result.reason
        == "credit cap reached: USD 100.00 of 100.00 already suggested in the last 90 days"
    )
    assert not any(isinstance(a, SuggestCredit) for a in result.actions)
    assert result.evidence[0].signal == "phrase"


def test_the_rest_of_the_period_cap_is_all_that_can_be_suggested(
    make_ctx: MakeCtx, make_credit: MakeCredit
) -> None:
    earlier = (make_credit(95.0, days_ago=5),)
    credit = suggestion(
        rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=80.0, credits=earlier))
    )
    assert credit.amount == 5.0
    assert "×1.5 repeat failure" in credit.basis
    assert credit.basis.endswith("capped at USD 5.00 (left this period)")


def test_credits_outside_the_period_or_in_another_currency_do_not_count(
    make_ctx: MakeCtx, make_credit: MakeCredit
) -> None:
    earlier = (make_credit(100.0, days_ago=120), make_credit(100.0, currency="EUR"))
    credit = suggestion(
        rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=80.0, credits=earlier))
    )
    assert credit.amount == 8.0


def test_one_suggestion_per_ticket(make_ctx: MakeCtx, make_credit: MakeCredit) -> None:
    earlier = (make_credit(8.0, ticket_id="42", days_ago=1),)
    result = rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=80.0, credits=earlier))
    assert result is not None and not result.matched
    assert result.reason == "credit already suggested on this ticket: USD 8.00"


def test_outages_are_credited_by_the_days_down(make_ctx: MakeCtx) -> None:
    text = "Our internet has been down for 3 days and I work from home."
    credit = suggestion(rule.evaluate_ticket(make_ctx(rule, text, monthly_spend=60.0)))
    assert credit.amount == 9.0
    assert credit.basis == "15% of a USD 60.00 monthly bill (3 days down)"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("down for 3 days", 3),
        ("offline for over two weeks", 14),
        ("no signal for a few days", 3),
        ("it broke yesterday", None),
    ],
)
def test_outage_days_reads_the_longest_duration(text: str, days: int | None) -> None:
    assert outage_days(text) == days


def test_without_a_known_bill_a_flat_amount_in_the_customers_currency(make_ctx: MakeCtx) -> None:
    text = "The engineer never showed up for the installation appointment on Tuesday."
    credit = suggestion(rule.evaluate_ticket(make_ctx(rule, text, currency="eur")))
    assert (credit.amount, credit.currency) == (10.0, "EUR")
    assert credit.basis == "flat EUR 10.00: monthly bill unknown (missed appointment)"


def test_money_never_moves_and_the_customer_words_never_name_an_amount(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, DOUBLE, monthly_spend=300.0))
    assert result is not None
    words = " ".join(result.reply)
    assert "30" not in words and "USD" not in words and "$" not in words
    assert "review a credit" in words
    notes = [a.text for a in result.actions if isinstance(a, AddNote)]
    assert any("Never quote an amount" in n for n in notes)
    # The basis is said once, in the credit itself, never again in the guidance.
    assert suggestion(result).basis.startswith("10% of a USD 300.00")
    assert not any("10%" in n or "300" in n for n in notes)
    assert len(notes) <= 2 and len(result.reply) == 4


def test_the_amount_field_and_minimum_come_from_settings(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(rule, DOUBLE, monthly_spend=80.0, config={"credit_field": "360099"})
    result = rule.evaluate_ticket(ctx)
    assert result is not None and SetField("360099", 8.0) in result.actions
    small = rule.evaluate_ticket(
        make_ctx(rule, DOUBLE, monthly_spend=80.0, config={"min_credit": 20.0})
    )
    assert small is not None and not small.matched
    assert small.reason == "suggested credit USD 8.00 is below the USD 20.00 minimum"


def test_no_failure_no_credit(make_ctx: MakeCtx) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, "How do I add a second user to the workspace?"))
    assert result is not None and not result.matched
    assert result.reason == "no billing error or service failure in the customer's words"
    negated = rule.evaluate_ticket(make_ctx(rule, "I was not charged twice after all, all good."))
    assert negated is not None and not negated.matched


def test_a_companys_own_service_failure_phrase_is_priced_like_an_outage(make_ctx: MakeCtx) -> None:

    assert failure_type(PhraseMatch("service_failure", "custom", "no dial tone")) == "outage"
    assert failure_type(PhraseMatch("billing_error", "custom", "ghost fee")) == "billing_error"
    text = "The fibre was supposed to be live on Monday and we are still waiting."
    credit = suggestion(rule.evaluate_ticket(make_ctx(rule, text, monthly_spend=100.0)))
    assert credit.amount == 10.0 and credit.basis.endswith("(outage)")


UNNAMED = (
    "I got charged for my order and the payment amount on my statement is not what I paid at "
    "the till"
)


def test_a_billing_complaint_with_no_named_failure_is_checked_before_anything_is_admitted(
    make_ctx: MakeCtx,
) -> None:
    result = rule.evaluate_ticket(make_ctx(rule, UNNAMED, monthly_spend=80.0))
    assert result is not None and result.matched
    assert result.evidence[0].signal == "text_model"
    assert result.evidence[0].text.startswith("reads like a billing complaint (0.")
    assert result.summary.startswith("Reads like a billing complaint: check the account")
    # No amount: nothing counts against the caps or blocks the credit a named failure earns.
    assert not any(isinstance(a, SuggestCredit) for a in result.actions)
    assert any(isinstance(a, AddNote) and "No failure is named" in a.text for a in result.actions)
    words = " ".join(result.reply)
    assert "You're right" not in words and "checking your account" in words
    off = rule.evaluate_ticket(make_ctx(rule, UNNAMED, config={"model_threshold": 0}))
    assert off is not None and not off.matched
