"""Refunds owed: money the company owes back and has not paid, kept, or refused to return.

A refund asked for, a refund that has not arrived, money held back. A refund already made
("I was refunded last week") and questions about refund policy are guarded against in
:mod:`~helpdesk_loyalty.signals.lexicon.guards`.
"""

from __future__ import annotations

from .words import MONEY, NEG, REFUND_N

__all__ = ["REFUNDS_OWED"]

REFUNDS_OWED: tuple[tuple[str, str, str, str], ...] = (
    (
        "billing_error",
        "refund_owed",
        "plain",
        rf"\b{REFUND_N}\b|\b(?:my|our|the)\s+money\s+back|\bback\s+my\s+money"
        r"|\bevery\s+(?:penny|cent)\s+back|\bcredit\s+(?:the|my|our)\s+(?:difference|account)"
        r"|\b(?:put|pay|give)\s+(?:it|one|that|the money|them|one of them)\s+back\b"
        rf"|\b(?:money|cash|funds|{MONEY})\s+back\b|\b(?:still\s+)?owes?\s+(?:me|us)\b"
        rf"|\bcredit\s+(?:back|for\s+the|to\s+my\s+account)|\bwaiting\s+for\s+{MONEY}"
        r"|\bwant\s+(?:my|our)\s+(?:money|monies|funds)\b"
        r"|\b(?:holding|withholding|keeping|hold onto)\s+(?:on\s+to\s+)?(?:my"
        r"|our)\s+(?:\w+\s+)?(?:escrow|deposit|overage|refund)"
        r"|\b(?:return|refund|release)\s+(?:my|our)\s+(?:security\s+)?(?:deposit|funds|money)"
        r"|\bshould(?:'ve| have)\s+been\s+(?:deposited|credited|refunded|paid|applied"
        r"|reimbursed|returned)"
        r"|\b(?:returned|sent back|cancell?ed)\b.{0,80}\bwaiting\s+(?:for|on)\s+(?:my|our|the)\s+"
        r"(?:money|refund|credit)"
        r"|\b(?:return|refund|give\s+back|pay\s+back|repay)\s+(?:me\s+|us\s+)?(?:what|everything"
        r"|all|the\s+money|whatever)\s+(?:that\s+)?(?:was|you|has\s+been|you've|you\s+have)\s+"
        r"(?:\w+\s+)?(?:taken|charged|debited|billed|collected)"
        r"|\bcredit\s+note\b"
        rf"|\b(?:still\s+)?waiting\s+(?:on|for)\s+(?:the\s+|my\s+|our\s+|that\s+)?{MONEY}"
        r"|\b(?:like|want|need|expect)\s+(?:it|that|this|them)\s+(?:covered|reimbursed|refunded"
        r"|paid\s+back)\b"
        r"|\bwaiting\s+(?:\w+\s+){0,3}?(?:for|on)\s+(?:the\s+|my\s+|our\s+)?(?:\S+\s+)?(?:credit"
        r"|refund|money|compensation)\b.{0,60}\b(?:promised|agreed|owed|due)\b"
        r"|\b(?:money|amount|balance|sum|refund)\s+(?:that\s+)?(?:i|we)\s+(?:was|were|am|are)\s+owed\b"
        r"|\b(?:refund|return|revert|reverse|credit)\s+(?:the|my|our)\s+(?:extra|overpaid|excess"
        r"|duplicate)\s+(?:amount|charge|money|payment|sum)"
        r"|\b(?:reissue|re-issue|amend|correct|adjust)\s+(?:the\s+|this\s+|our\s+|my\s+|that\s+)?"
        r"(?:invoice|bill|statement)\b"
        r"|\bplease\s+(?:reissue|re-issue)\b",
    ),
    (
        "billing_error",
        "refund_owed",
        "inclusive",
        r"(?:n't|\bnot)\s+(?:yet\s+)?(?:been\s+)?(?:credited|refunded|reimbursed|returned|paid|put)\s+back\b",
    ),
    (
        "billing_error",
        "refund_owed",
        "inclusive",
        rf"{NEG}\s+(?:\w+\s+)?(?:re-?issued|reissue|release|released|sent|mailed"
        r"|returned)\s+(?:the|my|our)\s+(?:\w+\s+)?(?:check|cheque|refund|money|funds|deposit)"
        r"|\b(?:refus\w+|declin\w+)\s+to\s+release\s+(?:the\s+|my\s+|our\s+|those\s+)?(?:funds"
        r"|money)",
    ),
    (
        "billing_error",
        "refund_owed",
        "inclusive",
        rf"(?:{NEG}|\brefus\w+\s+to|\bdeclined\s+to)\s+(?:\w+\s+)?(?:refund|reimburse"
        r"|give\s+(?:me\s+|us\s+)?back|return)\s+(?:me|my|the|our|us)\b"
        rf"|{NEG}\s+(?:\w+\s+)?(?:get|got|gotten|receive|received|see|seen)\s+(?:my|the"
        r"|our)\s+(?:money|cash|funds)"
        r"|\b(?:refund\w*|money\s+(?:from|for)\s+(?:the|my)\s+(?:return|refund"
        rf"|cancel\w*))\b.{{0,30}}(?:{NEG}|\bisn't|\bhasn't)\s+(?:\w+\s+)?(?:in|on|showing"
        r"|shown|arrived|appeared|come through|reflected|there)\b",
    ),
    (
        "billing_error",
        "refund_owed",
        "inclusive",
        rf"{NEG}\s+(?:yet\s+)?(?:been\s+)?(?:received|receive|got|gotten|get|seen|issued"
        r"|processed|credited|showing|shown|arrived|appeared|refunded|reimbursed|returned"
        rf"|paid back)\s+(?:\w+\s+){{0,3}}?(?:{REFUND_N}|money|credit|funds)"
        rf"|\bno\s+{REFUND_N}",
    ),
)
