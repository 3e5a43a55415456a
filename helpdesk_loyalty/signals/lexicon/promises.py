"""Promises the bill does not keep: a price quoted, advertised or agreed, and another charged.

"I was promised £10 off and it's not been applied", "your comparison said £29 but I'm billed
£34", "we were told installation would be free, yet the invoice includes a charge": the amount
is wrong against what the customer was told, which is a billing error as much as a typo on the
invoice.
"""

from __future__ import annotations

from .words import MONEY

__all__ = ["PROMISES"]

PROMISES: tuple[tuple[str, str, str, str], ...] = (
    # A price promised at sale or renewal that the bill does not show.
    (
        "billing_error",
        "wrong_amount",
        "inclusive",
        r"\b(?:promised|offered|agreed|guaranteed|told\s+(?:i|we)\s+(?:would|'d)\s+(?:get|have"
        r"|pay))\b.{0,80}(?:\b(?:not|never)|n't)\s+(?:\w+\s+)?(?:been\s+)?(?:applied|honou?red"
        r"|credited|reflected|taken off|deducted)\b",
    ),
    # Told something would be waived, free or reduced, and still paying for it.
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\b(?:promised|told|assured|agreed|said)\b.{0,80}\b(?:waived|free|included|removed|reduced"
        r"|refunded|cancell?ed|stopped|no charge)\b.{0,40}\b(?:but|yet)\s+(?:i'm|i am|we're|we are"
        r"|i|we|it's|it is)\s+still\s+(?:paying|being charged|charged|billed|being billed"
        r"|showing|there)\b",
    ),
    # Said or advertised one price, billed another; told it was free, then charged.
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\b(?:said|says|advertised|quoted|showed|shows|listed|stated|promised|agreed)\b[^.]{0,30}"
        rf"(?:{MONEY})[^.]{{0,60}}\bbut\b[^.]{{0,30}}\b(?:billed|charged|paying|invoiced|taken"
        rf"|debited)\b[^.]{{0,20}}(?:{MONEY})"
        r"|\b(?:match|honou?r)\s+(?:what\s+was|the)\s+(?:advertised|quoted|agreed|promised)"
        r"|\b(?:told|promised|agreed|assured|said)\b.{0,60}\b(?:free|included|no charge|waived)\b"
        r".{0,40}\b(?:but|yet|however|and now)\b.{0,60}\b(?:charge|fee|charged|billed|invoice"
        r"|paying)\b",
    ),
    # Charged although it was agreed to be free or included.
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\b(?:charged|billed|invoiced|paying)\b.{0,60}\b(?:even though|although|despite|when"
        r"|but)\b.{0,80}\b(?:agreed|promised|told|said|assured)\b.{0,60}\b(?:free|no charge"
        r"|included|waived|no cost|nothing)\b",
    ),
)
