"""Unexpected fees and charges: fees nobody warned about, price rises, billing after cancelling.

A fee that was *applied* ("charged me a fee", "what is this fee on my statement", "why was I
charged") is a complaint; a question about prices ("is there a fee for transfers?") is not,
and is guarded against in :mod:`~helpdesk_loyalty.signals.lexicon.guards`.
"""

from __future__ import annotations

from .words import _W, CHARGE_N, CHARGED_PAST, FEE_N, MONEY, NEG

__all__ = ["UNEXPECTED_FEES"]

UNEXPECTED_FEES: tuple[tuple[str, str, str, str], ...] = (
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        rf"\b{CHARGED_PAST}\s+(?:me\s+|us\s+|my\s+\w+\s+)?(?:with\s+)?(?:an?\s+|another\s+"
        rf"|some\s+|this\s+|these\s+|the\s+|two\s+|\d+\s+|{MONEY}\s+)?{_W}{{0,2}}?{FEE_N}",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        r"\b(?:unexpected|hidden|random|unknown|weird|strange|odd|mysterious|unauthori[sz]ed"
        r"|unfamiliar|extra|additional|surprise|outrageous|excessive|exorbitant|ridiculous"
        r"|unfair|bogus|unexplained|illegal|insane|junk|another|inflated|invalid"
        rf"|predatory)\s+{_W}{{0,2}}?(?:{FEE_N}|costs?|interest)\b",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        rf"\b{FEE_N}\s+(?:that\s+)?(?:(?:is|are|was|were|appear\w*|show\w*)\s+)?(?:up\s+)?(?:on"
        r"|in|to|from)\s+my\s+(?:\w+\s+)?(?:statement|account|bill|card|invoice|app|receipt"
        r"|payment|transfer)",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        rf"\b(?:this|that|these|those)\s+{_W}{{0,2}}?{FEE_N}\b"
        r"|\bthere(?:'s| is| was| are| were)\s+(?:an?\s+|some\s+|another\s+"
        rf"|this\s+)?{_W}{{0,2}}?{FEE_N}\b",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        r"\b(?:got|get|getting|incurred|resulted in|came with|hit with)\s+(?:an?\s+|another\s+"
        r"|some\s+|\d+\s+|two\s+)?(?:\w+\s+)?(?:fees?|surcharges?|penalt(?:y|ies))\b"
        rf"|\b{FEE_N}\s+(?:have\s+|has\s+)?(?:increased|gone up|went up|doubled|jumped)",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        rf"\bwhy\b.{{0,50}}\b(?:charg\w*|billed|invoiced|{FEE_N}|surcharg\w*)"
        rf"|\b(?:charg(?:ed|ing)|fees?)\b.{{0,60}}\bwhy\b"
        rf"|\bwhat\s+(?:is|are|was)\s+(?:this|that|these|the)\s+(?:{MONEY}\s+"
        rf"|\w+\s+){{0,2}}?{FEE_N}"
        rf"|\bwhere\s+did\s+(?:this|that|the)\s+(?:\w+\s+)?(?:{FEE_N}|{CHARGE_N})\s+come from",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        rf"\b(?:an?|another|some|this|the)\s+(?:\w+\s+)?{FEE_N}\s+(?:is\s+|are\s+|was\s+"
        r"|keeps?\s+)?(?:showing|appearing|popping)\s+up"
        rf"|\bcharg(?:e|es|ing)\s+(?:me|us)\s+{_W}{{0,3}}?{FEE_N}",
    ),
    (
        "billing_error",
        "billed_after_cancel",
        "plain",
        r"\b(?:continu\w+|kept|keep|keeps|still)\s+(?:on\s+)?(?:to\s+)?(?:bill\w*|charg\w*"
        r"|debit\w*|tak\w+ (?:money|payments?))\s+(?:me|us|my)\b"
        r"|\b(?:charged|billed|invoiced)\s+(?:me\s+|us\s+)?for\s+(?:a|an|the|my|our)\s+"
        r"(?:\w+\s+){0,2}?(?:i|we)\s+(?:sent back|returned|cancell?ed|never received"
        r"|didn't receive|did not receive)"
        r"|\bstop\s+taking\s+(?:money|payments?)\b",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        r"\b(?:explain|waive|waived|waiving|reverse|remove|refund)\s+(?:the\s+|this\s+|that\s+"
        rf"|these\s+|a\s+|my\s+)?{_W}{{0,2}}?{FEE_N}",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "inclusive",
        rf"(?:{NEG}|\bnobody|\bno one)\s+(?:\w+\s+)?(?:told|informed|notified|warned|aware"
        rf"|made me aware)\b.{{0,40}}\b{FEE_N}"
        rf"|\b{FEE_N}\b.{{0,60}}\b(?:no one|nobody|never)\s+(?:told|made me aware|informed|warned)"
        r"|\bcharged\s+for\s+something\s+i\s+(?:didn't|did not|never)",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        r"\b(?:raised|raising|increased|increasing|jack\w* up|hiked|hiking|doubled|inflated"
        r"|inflating)\s+(?:up\s+)?(?:my|our|the)\s+(?:\w+\s+){0,2}?(?:payments?|bill|rate"
        r"|premium|price|fees?|interest|intrest|mortgage)\b"
        r"|\bjack\w* up\s+(?:my|our|the)\s+"
        r"|\b(?:payments?|bill|premium|price|rate|mortgage|interest|direct debit|subscription"
        r"|tariff|charges?)\s+(?:was\s+|is\s+|were\s+|has\s+|had\s+|have\s+|to\s+)?"
        r"(?:going up|went up|gone up|go up|increas\w*|jumped|doubled|rose|risen|skyrocketed)",
    ),
)
