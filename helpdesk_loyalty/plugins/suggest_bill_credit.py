"""Suggest bill credit: we billed wrongly or the service failed; make it right beyond an apology.

The rule fires on a billing error (double charge, overcharge, wrong amount, unexpected fee, a
charge the customer does not recognise, a refund owed) or a service failure (outage, missed
appointment, faulty installation) in the customer's words; when none is named but the text model
reads a billing complaint, it asks the agent to check the account first, with no amount and
words that admit nothing yet. The amount comes from the policy in
:mod:`~helpdesk_loyalty.plugins.credit_policy`; above ``approval_threshold`` it carries the
approval tag. The credit is **never** applied by the rule and **never** named in the words
suggested for the customer: a person reviews and applies it. See ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..actions import Action, AddNote, AddTags, RequestFollowUp, RuleResult, SetField, SuggestCredit
from ..context import RuleContext
from ..hookspecs import hookimpl
from ..models import Evidence
from ..pluginconfig import Setting
from ..signals.detectors import CREDIT_MODEL_THRESHOLD, credit_failures, credit_model_evidence
from .credit_policy import CreditPolicy, CreditRefusal, quote_credit

__all__ = ["SETTINGS", "declare_settings", "evaluate_ticket"]

_P = CreditPolicy
SETTINGS: tuple[Setting, ...] = (
    Setting("tags", list, ["loyalty-credit-suggested"], "tags added when a credit is suggested"),
    Setting(
        "approval_tag", str, "credit-needs-approval", "tag added when the amount needs approval"
    ),
    Setting(
        "credit_field", str, "", "ticket field that receives the suggested amount; empty: none"
    ),
    Setting("follow_up_days", int, 7, "days after solved to check the bill is right"),
    Setting(
        "model_threshold",
        float,
        CREDIT_MODEL_THRESHOLD,
        "with no failure named, suggest checking the account when the text model reads a billing "
        "complaint at this probability (0 turns it off)",
    ),
    Setting(
        "share_double_charge",
        float,
        _P.share_double_charge,
        "goodwill share of the monthly bill for a double charge",
    ),
    Setting(
        "share_billing_error",
        float,
        _P.share_billing_error,
        "share for an overcharge, wrong amount or unexpected fee",
    ),
    Setting(
        "share_refund_owed", float, _P.share_refund_owed, "share when a refund owed has not arrived"
    ),
    Setting(
        "share_outage_per_day", float, _P.share_outage_per_day, "share per day the service was down"
    ),
    Setting("share_outage_min", float, _P.share_outage_min, "least share for an outage"),
    Setting("share_outage_max", float, _P.share_outage_max, "largest share for an outage"),
    Setting(
        "share_missed_appointment",
        float,
        _P.share_missed_appointment,
        "share for a missed appointment",
    ),
    Setting(
        "share_faulty_install", float, _P.share_faulty_install, "share for a faulty installation"
    ),
    Setting(
        "amount_without_bill",
        float,
        _P.amount_without_bill,
        "flat amount when the monthly bill is unknown",
    ),
    Setting("repeat_multiplier", float, _P.repeat_multiplier, "multiplier for a repeat failure"),
    Setting(
        "repeat_contacts",
        int,
        _P.repeat_contacts,
        "contacts in the repeat window that make it a repeat failure",
    ),
    Setting(
        "top_customer_multiplier",
        float,
        _P.top_customer_multiplier,
        "multiplier for a top customer",
    ),
    Setting("cap_per_ticket", float, _P.cap_per_ticket, "most credit suggested on one ticket"),
    Setting(
        "cap_per_period",
        float,
        _P.cap_per_period,
        "most credit suggested to one customer per period",
    ),
    Setting("period_days", int, _P.period_days, "length of the cap period in days"),
    Setting("approval_threshold", float, _P.approval_threshold, "amounts above this need approval"),
    Setting("min_credit", float, _P.min_credit, "smaller amounts are not suggested"),
    Setting(
        "extra_phrases", list, [], 'more phrases that mean a billing error, e.g. "phantom charge"'
    ),
)

_WHAT = {
    "double_charge": "you were charged twice",
    "billing_error": "the amount we charged isn't right",
    "refund_owed": "the money we owe you hasn't reached you",
    "outage": "your service was down",
    "missed_appointment": "our technician didn't turn up as promised",
    "faulty_install": "the installation wasn't done right",
}
_HEADLINE = {
    "double_charge": "Billed twice",
    "billing_error": "Billing error",
    "refund_owed": "Refund owed",
    "outage": "Service outage",
    "missed_appointment": "Missed appointment",
    "faulty_install": "Faulty installation",
}


# Words for a complaint whose failure is not named yet: nothing is admitted before the check.
_CHECK_FIRST = (
    "Thank you for telling us.",
    "I'm checking your account now to see exactly what happened.",
    "If we've got something wrong, we'll put it right, and a colleague will review a credit for "
    "the inconvenience.",
    "I'll let you know what I find.",
)


@hookimpl
def declare_settings() -> Sequence[Setting]:
    """The settings of ``[rules.suggest_bill_credit]``."""
    return SETTINGS


@hookimpl
def evaluate_ticket(ctx: RuleContext) -> RuleResult | None:
    """Suggest a capped credit for a billing error or a service failure."""
    config = ctx.config
    failures = credit_failures(ctx.signals, tuple(config.get("extra_phrases") or ()))
    if failures:
        evidence = tuple(Evidence("phrase", f"'{f.phrase}'", f.kind) for f in failures[:3])
    else:
        threshold = float(config.get("model_threshold", CREDIT_MODEL_THRESHOLD))
        model = credit_model_evidence(ctx.signals, threshold)
        if model is None:
            return RuleResult.no_match(
                "no billing error or service failure in the customer's words"
            )
        # Nothing named: no amount (it would count against the caps and block the credit the
        # real failure earns), nothing admitted, the account checked first.
        return RuleResult(
            matched=True,
            summary="Reads like a billing complaint: check the account; a credit only for an error",
            evidence=(model,),
            actions=(
                AddNote(
                    "No failure is named: find what went wrong on the account; suggest a credit "
                    "once an error is found."
                ),
            ),
            reply=_CHECK_FIRST,
        )
    quote = quote_credit(
        failures,
        ctx.signals,
        ctx.credits,
        ticket_id=ctx.ticket.id,
        policy=CreditPolicy.from_settings(config),
        now=ctx.now,
    )
    if isinstance(quote, CreditRefusal):
        return RuleResult.no_match(quote.reason, evidence)
    summary = f"{_HEADLINE[quote.failure]}: correct it and consider a goodwill credit"
    tags = list(config.get("tags") or ())
    if quote.needs_approval and config.get("approval_tag"):
        tags.append(str(config["approval_tag"]))
    actions: list[Action] = [
        SuggestCredit(quote.amount, quote.currency, summary, quote.basis, quote.needs_approval)
    ]
    if tags:
        actions.append(AddTags(tuple(tags)))
    if config.get("credit_field"):
        actions.append(SetField(str(config["credit_field"]), quote.amount))
    # The amount and its basis are in the credit action; guidance only says how to use it.
    if quote.failure in ("double_charge", "billing_error", "refund_owed"):
        actions.append(
            AddNote("Refund or correct what is owed in full first: that is not the credit.")
        )
    actions.append(AddNote("Never quote an amount to the customer before the credit is applied."))
    days = int(config.get("follow_up_days", 7))
    actions.append(
        RequestFollowUp(days, "check the correction and the credit show on the next bill")
    )
    reply = (
        f"You're right: {_WHAT[quote.failure]}, and that's our mistake.",
        "I'm sorry for the trouble this has caused.",
        "I've asked for it to be put right, and a colleague will review a credit for the "
        "inconvenience.",
        "You'll get a confirmation, and we'll check your next bill shows it.",
    )
    return RuleResult(
        matched=True,
        summary=summary,
        evidence=evidence,
        actions=tuple(actions),
        reply=reply,
    )
