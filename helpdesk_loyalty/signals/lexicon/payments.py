"""Payments: a payment the company did not apply, paid but still chased, payment problems.

A customer who paid and is still told they owe ("I keep getting reminders but I paid on the
1st", "it says my subscription expired but I paid yesterday") has a billing error as much as
one charged twice: the company's records are wrong, and the reminders are the symptom.
"""

from __future__ import annotations

from .words import FEE_N, NEG

__all__ = ["PAYMENTS"]

_PAID = r"(?:i|we)(?:\s+|'ve\s+|'d\s+|\s+have\s+|\s+had\s+)(?:already\s+|just\s+)?paid\b"
# What the company's records say; "late" and "missed" are left out: they describe the customer.
_DUE = (
    r"(?:overdue|unpaid|outstanding|past due|expired|suspended|not\s+(?:been\s+)?paid"
    r"|in arrears|owing)"
)

PAYMENTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "billing_error",
        "payment_not_applied",
        "inclusive",
        rf"(?:{NEG}|\bfailed to|\brefus\w+ to)\s+(?:properly\s+|correctly\s+)?(?:apply|applied"
        r"|credit|credited|post|posted|record|recorded|receive|received|accept"
        rf"|accepted)\s+(?:\w+\s+){{0,2}}?payments?",
    ),
    (
        "billing_error",
        "payment_not_applied",
        "inclusive",
        rf"\bpayments?\s+(?:\w+\s+){{0,3}}?(?:was|were|has|have"
        rf"|had)\s+{NEG}\s+(?:been\s+)?(?:applied|credited|posted|recorded|received)"
        r"|\bpayments?\s+(?:was|were)n't\s+(?:applied|credited|posted|recorded|received)"
        rf"|\bpayments?\b.{{0,60}}{NEG}\s+(?:yet\s+)?(?:been\s+)?(?:received|gotten|got"
        r"|credited|applied|posted)\s+(?:it|them)\b"
        r"|\b(?:reported|marked|recorded|treated)\s+(?:my\s+|our\s+|the\s+)?payments?\s+as\s+late"
        r"|\b(?:charged|paid|debited|taken)\b.{0,40}\b(?:still\s+)?(?:says|shows|showing|marked|listed)"
        r"\s+(?:as\s+)?(?:unpaid|not\s+paid|awaiting\s+payment|outstanding|overdue)\b"
        r"|\b(?:payments?|funds|money)\b.{0,60}\bsuspense\b",
    ),
    (
        "billing_error",
        "payment_problem",
        "plain",
        r"\b(?:errors?|issues?|problems?|troubles?|glitch(?:es)?|difficult(?:y|ies))\s+(?:with"
        r"|in|on|during)\s+(?:my\s+|the\s+|an?\s+|our\s+)?(?:online\s+|card\s+|recent\s+"
        r"|last\s+|monthly\s+|paypal\s+|debit\s+card\s+|credit\s+card\s+)?(?:payments?|billing"
        r"|bill|invoice|charges?|payment process)\b"
        r"|\b(?:errors?|problems?|troubles?|issues?)\s+(?:when|while|whilst)\s+(?:i\s+)?(?:tried\s+"
        r"|was\s+)?(?:trying\s+)?(?:to\s+)?pay(?:ing)?\b"
        r"|\b(?:problems?|troubles?|issues?|difficult(?:y|ies))\s+(?:paying|making\s+(?:a|the|my)\s+"
        r"payment)\b"
        r"|\bpayment\s+(?:\w+\s+)?(?:did\s+not|didn't)\s+process\b"
        r"|\b(?:transaction|payment|checkout)\s+(?:page\s+|screen\s+|form\s+)?(?:errors?|crash\w*"
        r"|glitch\w*|messed\s+up|went\s+wrong|keeps\s+failing|bug)\b"
        r"|\b(?:payment|checkout)\s+(?:page|screen|form|site)\s+(?:\w+\s+)?(?:crash\w*|freez\w*"
        r"|errors?|fails?|failed|hangs?|broke|broken)\b",
    ),
    (
        "billing_error",
        "payment_problem",
        "inclusive",
        rf"{NEG}\s+(?:\w+\s+)?(?:received|receive|got|gotten|get|sent|mailed)\s+(?:me\s+)?(?:a"
        r"|my|the|any|our)\s+(?:paper\s+|monthly\s+)?(?:bill|statement|invoice)s?\b"
        r"|\b(?:refuse|refused|won't|will not|not going to"
        r"|am not going to)\s+(?:to\s+)?pay\s+(?:the\s+|these\s+|any\s+|this\s+"
        rf"|those\s+)?(?:\w+\s+)?(?:{FEE_N}|interest)",
    ),
    (
        "billing_error",
        "payment_problem",
        "plain",
        r"\b(?:payment|billing)\s+(?:errors?|issues?|problems?|troubles?|glitch(?:es)?|disputes?)"
        r"|\b(?:dispute[sd]?|disputing|contest(?:ed|ing)?)\s+(?:the\s+|a\s+|this\s+|that\s+"
        r"|these\s+|my\s+)?(?:\w+\s+)?(?:charges?|transactions?|purchases?|fees?|bill"
        r"|debits?)\b"
        r"|\bdisputed\s+(?:charges?|transactions?|amount)",
    ),
    # Told it is unpaid, overdue or expired although the customer paid.
    (
        "billing_error",
        "payment_not_applied",
        "plain",
        rf"\b{_DUE}\b.{{0,80}}\b(?:but|yet|although|even though|though)\s+{_PAID}"
        rf"|\b{_PAID}.{{0,60}}\b(?:still\s+(?:shows?|showing|says?|listed|marked)\s+(?:\S+\s+)?"
        r"(?:as\s+)?"
        rf"(?:{_DUE}|due)|(?:keep|still)\s+(?:getting|receiving|sending)\s+(?:me\s+|us\s+)?"
        r"(?:\w+\s+)?(?:reminders?|letters?|emails?|texts?|calls?|notices?))",
    ),
    # Charged interest or a fee although the customer paid, or had the money.
    (
        "billing_error",
        "payment_not_applied",
        "plain",
        r"\b(?:charged|billed|interest|fees?|penalty|bounced|returned unpaid|declined"
        r"|late\s+(?:payment\s+)?charge)\b.{0,80}"
        rf"\b(?:but|even though|although|despite|when)\s+(?:{_PAID}|(?:my|our|the)\s+(?:direct\s+"
        r"debit|payment|standing\s+order)\s+(?:goes|went|go|comes|came)\s+out\s+on\s+time"
        r"|(?:there\s+(?:was|were)|i\s+had"
        r"|we\s+had)\s+(?:more\s+than\s+)?(?:enough|sufficient|plenty of)\s+(?:money|funds"
        r"|balance|cash))",
    ),
    # Told the payment failed although the money left the account.
    (
        "billing_error",
        "payment_not_applied",
        "plain",
        r"\b(?:failed|declined|bounced|didn't go through|did not go through|unsuccessful"
        r"|not received)\b.{0,60}\b(?:but|yet|although|even though)\s+(?:the\s+|my\s+)?(?:money"
        r"|payment|funds|amount)\s+(?:has\s+|have\s+)?(?:definitely\s+|already\s+|clearly\s+)?"
        r"(?:left|gone|come out of|been taken|been debited|been deducted)",
    ),
    # Charged again for what was already paid: an upgrade billed on top of the old plan.
    (
        "billing_error",
        "overcharge",
        "plain",
        r"\b(?:charged|billed|invoiced|debited|taken)\b.{0,60}\bon\s+top\s+of\b.{0,60}"
        r"\b(?:already|previously)\s+(?:paid|been charged|been billed)"
        r"|\bshould(?:n't| not)?\s+(?:it|this|that|the\s+\w+)\s+(?:have\s+)?(?:be|been)\s+"
        r"(?:pro-?rated|prorata|refunded|credited|waived)\b",
    ),
)
