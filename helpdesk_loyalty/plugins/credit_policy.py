"""The bill credit policy: how much to suggest for a failure, and the caps that bound it.

The amount is a share of the customer's monthly bill that depends on what went wrong, raised for
repeat failures and for top customers, rounded to cents, then capped twice: per ticket, and per
customer over a period (``period_days``), counting every credit suggested to that customer in the
period (``RuleContext.credits``, which the store keeps). Nothing here moves money: the rule only
suggests, and above ``approval_threshold`` the suggestion needs approval.

A refund of a duplicate charge or of an overcharge is a *correction*, owed in full whatever the
policy says; the credit computed here is the goodwill on top of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from ..models import CreditRecord
from ..signals import PhraseMatch, Signals
from ..signals.detectors import Policy

__all__ = [
    "FAILURE_TYPES",
    "CreditPolicy",
    "CreditQuote",
    "CreditRefusal",
    "failure_type",
    "outage_days",
    "quote_credit",
]

# Phrase kind -> failure type of the policy.
FAILURE_TYPES: dict[str, str] = {
    "double_charge": "double_charge",
    "refund_owed": "refund_owed",
    "outage": "outage",
    "missed_appointment": "missed_appointment",
    "faulty_install": "faulty_install",
    "late_activation": "outage",
    "not_delivered": "outage",
}
_LABELS = {
    "double_charge": "double charge",
    "billing_error": "billing error",
    "refund_owed": "refund owed",
    "outage": "outage",
    "missed_appointment": "missed appointment",
    "faulty_install": "faulty installation",
}
_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a couple of": 2,
    "several": 3,
    "a few": 3,
}
_DURATION = re.compile(
    r"\b(?:for|over|about|almost|nearly|past|last|than)\s+"
    r"(\d+|a couple of|a few|several|one|two|three|four|five|six|seven|eight|nine|ten|a)"
    r"\s+(days?|weeks?)\b",
    re.IGNORECASE,
)


def failure_type(match: PhraseMatch) -> str:
    """The policy's failure type for a phrase match.

    Billing kinds share ``billing_error``; service failures without a type of their own (a
    company's extra phrases) are priced like an outage.
    """
    default = "outage" if match.category == "service_failure" else "billing_error"
    return FAILURE_TYPES.get(match.kind, default)


def outage_days(text: str) -> int | None:
    """The longest "for 3 days" / "over two weeks" the customer mentions, in days."""
    longest = None
    for match in _DURATION.finditer(text):
        raw = match.group(1).lower()
        count = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
        days = count * (7 if match.group(2).lower().startswith("week") else 1)
        longest = days if longest is None else max(longest, days)
    return longest


@dataclass(frozen=True)
class CreditPolicy(Policy):
    """The numbers of ``[rules.suggest_bill_credit]``; shares are fractions of the monthly bill."""

    share_double_charge: float = 0.10
    share_billing_error: float = 0.10
    share_refund_owed: float = 0.05
    share_outage_per_day: float = 0.05
    share_outage_min: float = 0.10
    share_outage_max: float = 0.50
    share_missed_appointment: float = 0.15
    share_faulty_install: float = 0.15
    amount_without_bill: float = 10.0
    repeat_multiplier: float = 1.5
    repeat_contacts: int = 3
    top_customer_multiplier: float = 1.25
    cap_per_ticket: float = 50.0
    cap_per_period: float = 100.0
    period_days: int = 90
    approval_threshold: float = 25.0
    min_credit: float = 1.0

    def share(self, failure: str, text: str) -> tuple[float, str]:
        """The share of the monthly bill for ``failure`` and how it was found."""
        if failure == "outage":
            days = outage_days(text)
            raw = self.share_outage_per_day * (days or 1)
            share = min(max(raw, self.share_outage_min), self.share_outage_max)
            return share, f"{days} days down" if days else "outage"
        value = {
            "double_charge": self.share_double_charge,
            "refund_owed": self.share_refund_owed,
            "missed_appointment": self.share_missed_appointment,
            "faulty_install": self.share_faulty_install,
        }.get(failure, self.share_billing_error)
        return value, _LABELS[failure]


@dataclass(frozen=True)
class CreditQuote:
    """A credit to suggest: the amount, why that amount, and whether it needs approval."""

    amount: float
    currency: str
    failure: str
    basis: str
    needs_approval: bool


@dataclass(frozen=True)
class CreditRefusal:
    """Why no credit is suggested (for the ledger)."""

    reason: str


def _cents(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _money(currency: str, amount: float) -> str:
    return f"{currency} {amount:,.2f}"


def quote_credit(
    failures: Sequence[PhraseMatch],
    signals: Signals,
    credits: Sequence[CreditRecord],
    *,
    ticket_id: str,
    policy: CreditPolicy,
    now: datetime,
) -> CreditQuote | CreditRefusal:
    """The credit the policy suggests for ``failures``, or why there is none.

    The failure with the largest share decides. Caps apply after the multipliers; earlier
    credits count against the period cap only in the same currency.
    """
    customer, ticket = signals.customer, signals.ticket
    currency = customer.currency
    on_ticket = [c for c in credits if c.ticket_id == ticket_id]
    if on_ticket:
        first = on_ticket[0]
        return CreditRefusal(
            f"credit already suggested on this ticket: {_money(first.currency, first.amount)}"
        )
    since = now - timedelta(days=policy.period_days)
    earlier = _cents(sum(c.amount for c in credits if c.at >= since and c.currency == currency))
    remaining = _cents(policy.cap_per_period - earlier)
    if remaining <= 0:
        return CreditRefusal(
            f"credit cap reached: {_money(currency, earlier)} of "
            f"{policy.cap_per_period:,.2f} already suggested in the last {policy.period_days} days"
        )
    failure, share, how = max(
        ((failure_type(f), *policy.share(failure_type(f), signals.text.text)) for f in failures),
        key=lambda item: item[1],
    )
    if customer.monthly_spend:
        amount = customer.monthly_spend * share
        basis = [
            f"{share:.0%} of a {_money(currency, customer.monthly_spend)} monthly bill ({how})"
        ]
    else:
        amount = policy.amount_without_bill
        basis = [f"flat {_money(currency, amount)}: monthly bill unknown ({how})"]
    repeat = (
        ticket.contacts_in_window >= policy.repeat_contacts
        or ticket.reopened
        or signals.text.has("repeat_contact")
        or earlier > 0
    )
    if repeat:
        amount *= policy.repeat_multiplier
        basis.append(f"×{policy.repeat_multiplier:g} repeat failure")
    if customer.top_customer:
        amount *= policy.top_customer_multiplier
        basis.append(f"×{policy.top_customer_multiplier:g} top customer")
    amount = _cents(amount)
    cap, cap_name = min((policy.cap_per_ticket, "per ticket"), (remaining, "left this period"))
    if amount > cap:
        amount = _cents(cap)
        basis.append(f"capped at {_money(currency, amount)} ({cap_name})")
    if amount < policy.min_credit:
        return CreditRefusal(
            f"suggested credit {_money(currency, amount)} is below the "
            f"{_money(currency, policy.min_credit)} minimum"
        )
    return CreditQuote(
        amount=amount,
        currency=currency,
        failure=failure,
        basis=", ".join(basis),
        needs_approval=amount > policy.approval_threshold,
    )
