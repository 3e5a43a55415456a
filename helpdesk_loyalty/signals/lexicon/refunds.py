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
        r"|\b(?:money|amount|balance|sum|refund)\s+(?:that\s+)?(?:i|we)\s+(?:was|were|am"
        r"|are)\s+owed\b"
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
        r"(?:n't|\bnot)\s+(?:yet\s+)?(?:been\s+)?(?:credited|refunded|reimbursed|returned|paid"
        r"|put)\s+back\b"
        r"|\b(?:hasn't|has not|haven't|have not|didn't|did not|isn't|still\s+not"
        r"|not\s+yet)\b.{0,30}"
        r"\b(?:money|refund|funds|cash)\s+(?:\w+\s+)?(?:come|came)\s+back\b"
        r"|\b(?:said|promised|agreed)\s+(?:\w+\s+){0,3}?(?:pay|refund|give|send)\s+(?:(?:me|us|it"
        r"|the\s+money|this)\s+)?back\b"
        rf"|\bno\s+sign\s+of\s+(?:the|my|our|any|that)\s+(?:{MONEY}|refund|money|credit|funds|cash)"
        r"|\bget\s+(?:the|my|our)\s+(?:funds|money|cash)\s+(?:returned|back|refunded)\b"
        r"|\bclaim(?:ing|ed)?\s+(?:\w+\s+){0,3}?back\b"
        r"|\b(?:money|refund|funds|payment)\s+(?:is|are|has\s+been)\s+(?:still\s+)?pending\b.{0,30}"
        r"\b(?:days?|weeks?|later)\b"
        rf"|\b(?:i'm|i\s+am|we're|we\s+are|still)\s+(?:still\s+)?owed\s+(?:{MONEY}|\d+[.,]\d\d"
        rf"|money|a\s+refund)"
        r"|\b(?:want|need|would\s+like|'d\s+like)\s+(?:the|my|our)\s+(?:money|funds|cash"
        r"|payment)\s+"
        r"(?:returned|back|refunded)"
        r"|\bget\s+back\s+(?:the|my|our)\s+(?:money|funds|cash|payment)"
        rf"|\b(?:want|need|would\s+like|'d\s+like)\s+(?:the|my|our|those"
        rf"|these)\s+(?:{MONEY}\s+)?(?:in\s+)?"
        r"(?:\w+\s+)?(?:fees?|charges?|money|funds|interest)\s+(?:returned|back|refunded|reversed"
        r"|waived)"
        r"|\b(?:charge|fee|payment|money|amount)\s+(?:that\s+)?(?:i|we)\s+(?:want|need"
        r"|would\s+like)\s+back\b"
        r"|\brevers(?:e|ing|al\s+of)\s+(?:a|the|this|my)\s+(?:purchase|payment|transaction|charge)"
        r"|\brefus\w+\s+to\s+(?:give|pay|return|hand)\s+(?:me\s+|us\s+)?(?:back\s+)?(?:my|our"
        r"|the)\s+(?:money"
        r"|funds|cash|deposit|refund)"
        rf"|\b(?:send|put|pay|give|transfer)\s+(?:that|the|this|it|my)\s+(?:{MONEY}\s+|money\s+"
        rf"|amount\s+"
        r"|payment\s+|second\s+one\s+|extra\s+)?back\b"
        r"|\b(?:go|come|be\s+paid|be\s+sent)\s+back\s+(?:to|into|on)\s+(?:my|our|the)\s+(?:account"
        r"|card|bank)"
        r"|\breturn\s+one\s+of\s+(?:the|this|these|those|my)\s+(?:\w+\s+)?payments?\b"
        r"|\bwant\s+(?:all\s+)?(?:three|two|four|both|them|those|these"
        r"|all)\s+(?:of\s+them\s+)?back\b"
        r"|\b(?:would|will|should|was\s+to)\s+be\s+(?:returned|refunded|credited|reimbursed"
        r"|paid\s+back"
        r"|put\s+back)\b.{0,100}\b(?:nothing|no\s+sign|still\s+(?:not|no|nothing|waiting)|not\s+yet"
        r"|hasn't|has\s+not|haven't|never)\b"
        r"|\bwhere(?:'s|\s+is)?\s+(?:that|the|my|our)\s+money\b(?!\s+market)"
        r"|\b(?:get|have)\s+(?:those|these|them)\s+(?:charges\s+|fees\s+)?(?:back|refunded"
        r"|reversed)\b"
        r"|(?:\bnot|n't)\s+(?:yet\s+|still\s+)?been\s+(?:credited|deposited|applied|returned"
        r"|refunded"
        r"|reimbursed|put\s+back)\b",
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
    # Money that should have come back and has not: "the amount did not come to my account",
    # "the energy company hasn't returned it", "I still haven't had it returned".
    (
        "billing_error",
        "refund_owed",
        "inclusive",
        r"\b(?:money|amount|funds|refund|balance|deposit|cash)\s+(?:\S+\s+){0,4}?(?:did\s+not"
        r"|didn't"
        r"|has\s+not|hasn't|have\s+not|haven't|never|isn't|is\s+not|still\s+(?:hasn't|haven't|isn't"
        r"|not))\s+(?:yet\s+)?(?:been\s+)?(?:come|came|arrive|arrived|land|landed|show|shown"
        r"|showing"
        r"|reach|reached|appear|appeared|back|returned|paid\s+back|refunded|credited)\b"
        r"|\b(?:hasn't|has\s+not|haven't|have\s+not)\s+(?:the|my|our)\s+(?:money|refund|funds"
        r"|credit)\b"
        r".{0,40}\b(?:appeared|arrived|come|landed|shown|reached)"
        r"|\b(?:hasn't|haven't|has\s+not|have\s+not|never)\s+(?:\w+\s+)?(?:returned|refunded"
        r"|reimbursed"
        r"|repaid|paid\s+back)\s+(?:it|them|the\s+money|my\s+money|me|us)\b"
        r"|\b(?:won't|will\s+not|refuse\s+to|refused\s+to|wouldn't|would\s+not)\s+(?:give\s+(?:me\s+|us\s+)?"
        r"(?:a\s+)?)?refund\b"
        r"|\b(?:haven't|have\s+not|hasn't|never)\s+had\s+(?:it|them|the\s+money|my\s+money)\s+"
        r"(?:returned|back|refunded)\b"
        r"|\b(?:returned|sent\s+back|credited\s+back|repaid|refunded)\b.{0,100}\b(?:can't|cannot"
        r"|can\s+not"
        r"|not|don't|haven't|hasn't|isn't)\s+(?:\w+\s+)?(?:see|seeing|find|showing|shown|appeared"
        r"|arrived|received)\b",
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
