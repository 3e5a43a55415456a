"""Flag struggling payer: a customer who cannot pay gets a way through, not a threat.

The rule weighs kinds of hardship evidence: a cause (lost job, medical bills, a death in the
family), not being able to pay (can't afford, behind on payments, or overdue days, failed
payments or an overdue status in the customer's fields) and asking for flexible terms (payment
plan, extension, deferral, help). A complaint that disputes a credit report or a debt weighs
against them. At ``min_groups`` (two kinds by default) it tags the ticket so collection
reminders hold off, optionally sets a hold field, and coaches the agent in two lines: the
flexible terms policy allows, and the tone. See ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..actions import Action, AddNote, AddTags, RequestFollowUp, RuleResult, SetField
from ..context import RuleContext
from ..hookspecs import hookimpl
from ..pluginconfig import Setting
from ..signals import CustomerSignals
from ..signals.detectors import Assessment, HardshipPolicy, assess_hardship

__all__ = ["SETTINGS", "declare_settings", "evaluate_ticket", "offer_text"]

_P = HardshipPolicy
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "tags",
        list,
        ["struggling-payer", "dunning-hold"],
        "tags added; dunning tools can hold reminders on them",
    ),
    Setting(
        "dunning_hold_field",
        str,
        "",
        "checkbox ticket field set to true to hold reminders; empty: none",
    ),
    Setting("follow_up_days", int, 7, "days after solved to check the arrangement is working"),
    Setting(
        "min_groups",
        float,
        _P.min_groups,
        "hardship score needed: the weights of the kinds of evidence present, added up",
    ),
    Setting("cause_weight", float, _P.cause_weight, "a cause: lost job, illness, bereavement"),
    Setting(
        "cannot_pay_weight",
        float,
        _P.cannot_pay_weight,
        "cannot pay: can't afford, behind, or overdue in the customer's fields",
    ),
    Setting(
        "flex_ask_weight",
        float,
        _P.flex_ask_weight,
        "asks for terms: a plan, more time, a lower payment, help",
    ),
    Setting(
        "other_issue_weight",
        float,
        _P.other_issue_weight,
        "taken off when the complaint disputes a credit report or a debt",
    ),
    Setting(
        "model_threshold",
        float,
        _P.model_threshold,
        "flag when the text model reads a struggling payer at this probability and the phrases "
        "fall short (0 turns it off)",
    ),
    Setting(
        "overdue_days", int, _P.overdue_days, "days overdue that count as not being able to pay"
    ),
    Setting(
        "failed_payments",
        int,
        _P.failed_payments,
        "failed payments that count as not being able to pay",
    ),
    Setting("plan_max_months", int, 6, "longest payment plan the agent may offer, in months"),
    Setting("deferral_max_days", int, 30, "longest the due date may be moved, in days"),
    Setting("forgiveness_share", float, 0.25, "most of one monthly bill that may be forgiven"),
    Setting(
        "forgiveness_cap", float, 50.0, "most that may be forgiven, in the customer's currency"
    ),
    Setting("extra_phrases", list, [], 'more phrases that mean hardship, e.g. "universal credit"'),
)

_TONE = (
    "Thank them and offer choices, not conditions; no threats, deadlines, late fees, "
    "collections or blame."
)


@hookimpl
def declare_settings() -> Sequence[Setting]:
    """The settings of ``[rules.flag_struggling_payer]``."""
    return SETTINGS


def offer_text(config: Mapping[str, Any], customer: CustomerSignals) -> str:
    """The flexible terms policy allows for this customer, for the agent's eyes only."""
    months = int(config.get("plan_max_months", 6))
    days = int(config.get("deferral_max_days", 30))
    share = float(config.get("forgiveness_share", 0.25))
    cap = float(config.get("forgiveness_cap", 50.0))
    if customer.monthly_spend:
        most = min(customer.monthly_spend * share, cap)
        forgive = f"up to {customer.currency} {most:,.2f} forgiven"
    else:
        forgive = f"up to {share:.0%} of one bill forgiven (at most {customer.currency} {cap:,.2f})"
    return (
        f"Within policy: a plan over up to {months} months, the due date moved by up to "
        f"{days} days, or {forgive}."
    )


def _signals(assessment: Assessment) -> set[str]:
    return {e.signal for e in assessment.evidence}


@hookimpl
def evaluate_ticket(ctx: RuleContext) -> RuleResult | None:
    """Flag the payer when enough kinds of hardship evidence add up."""
    config = ctx.config
    assessment = assess_hardship(ctx.signals, HardshipPolicy.from_settings(config))
    if not assessment.fires:
        against = " (a dispute weighs against it)" if "dispute" in _signals(assessment) else ""
        return RuleResult.no_match(
            f"hardship score {assessment.score:g}{against}, {assessment.threshold:g} needed",
            assessment.evidence,
        )
    reasons = [r for r in assessment.reasons if r != "the complaint is a dispute"]
    summary = "Struggling to pay: " + ", ".join(reasons)
    actions: list[Action] = []
    if config.get("tags"):
        actions.append(AddTags(tuple(config["tags"])))
    if config.get("dunning_hold_field"):
        actions.append(SetField(str(config["dunning_hold_field"]), True))
    actions.append(AddNote(offer_text(config, ctx.signals.customer)))
    actions.append(AddNote(_TONE))
    days = int(config.get("follow_up_days", 7))
    actions.append(
        RequestFollowUp(days, "check the arrangement is working and reminders are still on hold")
    )
    reply = (
        "Thank you for letting us know.",
        "I'm sorry you're going through this; we want to help you keep your service.",
        "We can spread what you owe over a few months or move your payment date: which would "
        "suit you?",
        f"I've paused payment reminders, and I'll check in with you in {days} days.",
    )
    return RuleResult(
        matched=True,
        summary=summary,
        evidence=assessment.evidence,
        actions=tuple(actions),
        reply=reply,
    )
