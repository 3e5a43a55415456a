"""Flag struggling payer: a customer who cannot pay gets a way through, not a threat.

The rule counts kinds of hardship evidence: a cause (lost job, medical bills, a death in the
family), not being able to pay (can't afford, behind on payments, or overdue days, failed
payments or an overdue status in the customer's fields) and asking for flexible terms (payment
plan, extension, deferral). With ``min_groups`` kinds (2 by default) it tags the ticket so
collection reminders hold off, optionally sets a hold field, and coaches the agent: the flexible
terms policy allows, and the tone (no threats, no blame). See ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..actions import Action, AddNote, AddTags, RequestFollowUp, RuleResult, SetField
from ..context import RuleContext
from ..hookspecs import hookimpl
from ..pluginconfig import Setting
from ..signals import CustomerSignals
from ..signals.detectors import HardshipPolicy, assess_hardship

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
        int,
        _P.min_groups,
        "kinds of hardship evidence needed (cause, cannot pay, asks for terms)",
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
    "Tone: thank them for telling us; no threats, deadlines, late fees or talk of collections.",
    "No blame and no questions that make them justify their situation; offer options and let "
    "them choose.",
    "Confirm what was agreed in writing, in plain words.",
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
        forgive = (
            f"forgive up to {customer.currency} {most:,.2f} ({share:.0%} of the monthly bill, "
            f"at most {cap:,.2f})"
        )
    else:
        forgive = (
            f"forgive up to {share:.0%} of one monthly bill (at most {customer.currency} "
            f"{cap:,.2f})"
        )
    return (
        f"Within policy you may offer: a payment plan over up to {months} months; "
        f"moving the due date by up to {days} days; or {forgive}."
    )


@hookimpl
def evaluate_ticket(ctx: RuleContext) -> RuleResult | None:
    """Flag the payer when enough kinds of hardship evidence add up."""
    config = ctx.config
    assessment = assess_hardship(ctx.signals, HardshipPolicy.from_settings(config))
    if not assessment.fires:
        return RuleResult.no_match(
            f"{assessment.score:.0f} kind(s) of hardship evidence, {assessment.threshold:.0f} "
            "needed",
            assessment.evidence,
        )
    summary = "Struggling to pay: " + ", ".join(e.text for e in assessment.evidence[:3])
    actions: list[Action] = []
    if config.get("tags"):
        actions.append(AddTags(tuple(config["tags"])))
    if config.get("dunning_hold_field"):
        actions.append(SetField(str(config["dunning_hold_field"]), True))
    actions.append(AddNote(offer_text(config, ctx.signals.customer)))
    actions.extend(AddNote(line) for line in _TONE)
    days = int(config.get("follow_up_days", 7))
    actions.append(
        RequestFollowUp(days, "check the arrangement is working and reminders are still on hold")
    )
    reply = (
        "Thank you for letting us know, and I'm sorry you're going through this.",
        "We'd like to help you keep your service while things are difficult.",
        "We can spread what you owe over a few months or move your payment date: tell me what "
        "would work best for you.",
        "I've paused payment reminders while we sort this out, and I'll check in with you in "
        f"{days} days.",
    )
    return RuleResult(
        matched=True,
        summary=summary,
        evidence=assessment.evidence,
        actions=tuple(actions),
        reply=reply,
    )
