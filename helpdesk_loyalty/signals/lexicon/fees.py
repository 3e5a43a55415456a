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
        r"|some\s+|this\s+|these\s+|the\s+|two\s+|\d+\s+|(?:three|four|five|six|seven|eight|nine|ten"
        rf"|several|multiple)\s+)?(?:{MONEY}\s+)?{_W}{{0,2}}?{FEE_N}",
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
        rf"\b{FEE_N}\s+(?:that\s+)?(?:(?:has|have)\s+(?:just\s+|now\s+|suddenly\s+)?)?"
        r"(?:(?:is|are|was|were|appear\w*|show\w*)\s+)?(?:up\s+)?(?:on"
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
        rf"|\bwhat(?:\s+is|\s+are|\s+was)\s+(?:this|that|these|the)\s+(?:{MONEY}\s+"
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
        r"|debit\w*|tak\w+ (?:money|payments?))\s+(?:from\s+)?(?:me|us|my)\b"
        r"|\b(?:charged|billed|invoiced|charging|billing)\b(?:\s+\S+){0,6}?\s+for\s+(?:a|an|the"
        r"|my|our|something|things|items?)\s+(?:\w+\s+){0,2}?(?:that\s+)?(?:i|we)\s+(?:already\s+)?"
        r"(?:sent back|returned|cancell?ed"
        r"|never received"
        r"|didn't receive|did not receive|downgraded from|switched from|no longer have"
        r"|don't have|never ordered|didn't order)"
        r"|\bstop\s+taking\s+(?:money|payments?)\b"
        r"|\bstill\s+(?:getting|receiving|being\s+sent|sending\s+me)\s+(?!paper\b|e-?mail|printed\b)"
        r"(?:\w+\s+)?(?:bills?|invoices?)\b"
        r"|\b(?:even\s+though|although|when|despite|after)\s+(?:the\s+|my\s+)?(?:balance|account|loan)\s+"
        r"(?:was|is|had\s+been|has\s+been)\s+(?:already\s+)?(?:zero|paid\s+off|closed|settled|cleared)\b"
        r"|\bstill\s+being\s+(?:billed|charged|debited|invoiced)\b"
        r"|\b(?:shouldn't|should\s+not)\s+be\s+(?:any\s+|a\s+)?(?:\w+\s+){0,2}?(?:charges?|fees?"
        r"|rental|charged|billed|paying|payments?|costs?)\b"
        r"|\b(?:payment|direct debit|debit|charge|money|subscription|bill)\s+(?:has\s+)?still\s+"
        r"(?:went out|came out|gone out|come out|been taken|was taken|got taken|left my account"
        r"|was collected|been collected)"
        r"|\b(?:bill|invoice|charged|billed|sent\s+(?:me|us)\s+(?:a|an)\s+(?:\w+\s+)?(?:bill|invoice))\b"
        r".{0,60}\b(?:early\s+termination|exit|cancellation|termination)\s+(?:fees?|charges?"
        r"|penalt(?:y|ies))",
    ),
    # Cancelled (or moved out) first, charged after: told in either order.
    (
        "billing_error",
        "billed_after_cancel",
        "plain",
        r"(?:\b(?:i|we)(?:'d|'ve|\s+had|\s+have)?\s+(?:\w+\s+)?|^\W*(?:@\w+\s+)?)(?:cancell?ed|closed"
        r"|terminated|ended|left\s+(?:your|the)\s+\w+|moved\s+out|switched\s+(?:away|supplier|provider)"
        r"|ported\s+(?:out|away))\b.{0,100}"
        r"\b(?:(?:you've|you have|you're|you|they've|they have|they're|they)\s+(?:\w+\s+)?"
        r"(?:taken|charged|billed|debited|invoiced|took|taking|charging|billing|debiting)"
        r"|(?:still|been|was|were|got)\s+(?:being\s+)?(?:charged|billed|debited|invoiced))\b"
        r"|\b(?:charged|billed|taken|debited|took|charging|billing|invoiced|invoicing)\b.{0,60}"
        r"\b(?:after|since|even though|although|despite|when)\s+(?:i|we)(?:'d|'ve|\s+had"
        r"|\s+have)?\s+(?:already\s+)?(?:cancell?ed|closed|left|terminated|ended|moved out)\b"
        r"|\b(?:bill|invoice|charges?|charged|billed|statement)\b.{0,60}\bfor\s+(?:a|an|the|my"
        r"|our)\s+(?:old\s+|previous\s+|former\s+)?(?:property|address|flat|house|home|apartment"
        r"|premises)\s+(?:that\s+)?(?:i|we)\s+(?:moved out of|left|sold|no longer (?:live|own))",
    ),
    # A fee taken, refused or never seen before; something added on top.
    (
        "billing_error",
        "unexpected_fee",
        "plain",
        rf"\b{FEE_N}\s+(?:of\s+\S+\s+)?(?:was|were|has\s+been|have\s+been|got|is\s+being)\s+(?:taken|charged"
        r"|deducted|applied|added|debited|slapped)\b"
        r"|\b(?:charged|billed|took|taken|added|charging)\s+(?:me|us)\s+(?:something\s+|a\s+bit\s+"
        r"|extra\s+|more\s+|a\s+fee\s+)?on\s+top\b"
        r"|\b(?:taking|took|takes|taken)\s+a\s+cut\b"
        r"|\b(?:took|take|taking|taken|charged|charging)\s+(?:a\s+|an?\s+\w+\s+)?(?:commission|percentage"
        r"|surcharge)\b"
        r"|\bextra\s+(?:bit|amount|money|something)\s+(?:\w+\s+)?(?:taken|charged|deducted|added)\b"
        r"|\b(?:transfer|payment|purchase|withdrawal|top[- ]?up)\s+(?:\w+\s+)?cost\s+(?:me|us)\b"
        r"(?!\s+nothing)"
        r"|\b(?:i've|i\s+have|i|we've|we\s+have|we)\s+(?:just\s+)?(?:been|got|was|were)\s+charged\s+for\s+"
        r"(?:it|that|this|sending|transferring|making|a\s+(?:bank\s+)?transfer)\b"
        r"|\byou\s+(?:charged|billed)\s+(?:me|us)\s+for\b"
        rf"|\b{FEE_N}\s+(?:that\s+)?(?:came\s+with|attached\s+to|on\s+top\s+of)\s+(?:my|the|this)\b"
        r"|\b(?:recipient|they|he|she)\s+(?:only\s+)?(?:got|received)\s+less\b"
        rf"|\b{FEE_N}\b.{{0,40}}\b(?:isn't|is\s+not|wasn't|was\s+not)\s+(?:\w+\s+)?(?:in|part\s+of|on)\s+"
        r"(?:my|the|our|your)\s+(?:agreement|contract|terms|plan|menu|price\s+list|quote)",
    ),
    (
        "billing_error",
        "unexpected_fee",
        "inclusive",
        rf"\b{FEE_N}\b.{{0,40}}\bnever\s+(?:had|seen|paid|been\s+charged|charged)\b"
        r"|\b(?:not|won't|refuse\s+to|shouldn't\s+have\s+to)\s+(?:be\s+)?pay(?:ing)?\s+(?:a|this"
        rf"|that|the|any|your)\s+(?:\w+\s+)?{FEE_N}",
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
        r"|\b(?:payments?|bill|premium|price|prices|pricing|rate|mortgage|interest|direct debit"
        r"|subscription|tariff|charges?|costs?|fees?)\s+(?:was\s+|is\s+|were\s+|has\s+|had\s+"
        r"|have\s+|to\s+)?"
        r"(?:going up|went up|gone up|go up|increas\w*|jumped|doubled|rose|risen|skyrocketed)",
    ),
)
