"""The concept lexicon behind the phrase detectors: data, not code.

Each entry is ``(category, kind, mode, pattern)``. Patterns are regular expressions over one
lower-cased sentence; they describe a *concept* (a verb with its object, an adjective with its
noun), not a sentence, so "I was billed two times for March" and "the March invoice shows up
twice" are the same double charge. ``mode`` says how negation treats a match:

- ``plain``: a negator shortly before the match, in the same clause, cancels it
  ("I was **not** charged twice").
- ``inclusive``: the negation is part of the concept and never cancels it
  ("I **haven't** received my refund" is a refund owed).
- ``needs_negation``: the match only counts when its clause is negated
  ("the exchange rate was **not** correct").

``GUARDS`` are ``(key, pattern)`` with ``key`` a category or ``category.kind``: a detector
match that overlaps a guard match in the same sentence is dropped. They keep questions about
policy ("what is your refund policy?", "is there a fee for transfers?"), stories about the past
("I asked to speak to a supervisor") and credit-report disputes from reading as complaints.

One module per concept: :mod:`.billing` (double charges, overcharges, wrong amounts,
unrecognised charges), :mod:`.payments` (payments not applied, payment problems),
:mod:`.promises` (prices promised and not kept), :mod:`.fees` (unexpected fees, billing after
cancelling), :mod:`.refunds` (refunds owed), :mod:`.service` (outages, missed appointments,
faulty installs), :mod:`.hardship` (and what says the customer can pay), :mod:`.disputes`
(credit reports, debts not owed), :mod:`.intents` (cancel threats, asks for a person,
complaints, "third time"), :mod:`.guards`; :mod:`.words` holds the word groups they share.
Extend a category for one company with ``extra_phrases`` in the rules file rather than here.
"""

from __future__ import annotations

from .billing import BILLING_ERRORS
from .disputes import DISPUTES
from .fees import UNEXPECTED_FEES
from .guards import GUARDS
from .hardship import CAN_PAY, HARDSHIP
from .intents import INTENTS
from .payments import PAYMENTS
from .promises import PROMISES
from .refunds import REFUNDS_OWED
from .service import SERVICE_FAILURES

__all__ = ["CATEGORIES", "FALLBACK_KINDS", "GUARDS", "HARDSHIP_GROUPS", "LEXICON"]

CATEGORIES = (
    "billing_error",
    "service_failure",
    "hardship",
    "cancel_threat",
    "wants_human",
    "complaint",
    "repeat_contact",
    "can_pay",
    "dispute",
)

# Hardship kinds fall into three groups; the struggling-payer decision counts groups, not hits.
HARDSHIP_GROUPS: dict[str, str] = {
    "lost_job": "cause",
    "medical": "cause",
    "life_event": "cause",
    "low_income": "cause",
    "cannot_pay": "cannot_pay",
    "arrears": "cannot_pay",
    "financial_hardship": "cannot_pay",
    "payment_plan": "flex_ask",
    "extension": "flex_ask",
    "assistance": "flex_ask",
}

# Kinds that read the general shape of a failure ("an amount within a few words of 'twice'",
# "a service within a few words of 'stuck'"): they count when nothing more specific was found.
FALLBACK_KINDS = frozenset({"amount_anomaly", "service_down"})

LEXICON: tuple[tuple[str, str, str, str], ...] = (
    *BILLING_ERRORS,
    *PAYMENTS,
    *PROMISES,
    *UNEXPECTED_FEES,
    *REFUNDS_OWED,
    *SERVICE_FAILURES,
    *HARDSHIP,
    *CAN_PAY,
    *DISPUTES,
    *INTENTS,
)
