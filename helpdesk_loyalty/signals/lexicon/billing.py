"""Billing errors: double charges, overcharges, wrong amounts, unexpected fees, refunds owed.

A billing error is something the company billed wrongly or owes back; questions about prices
and policy are guarded against in :mod:`~helpdesk_loyalty.signals.lexicon.guards`.
"""

from __future__ import annotations

from .words import (
    _W,
    CHARGE_N,
    CHARGED,
    MONEY,
    NEG,
    RATE_N,
    RIGHT,
    TIMES,
)

__all__ = ["BILLING_ERRORS"]

_ODD = (
    r"(?:twice|two\s+times|double|doubled|again|extra|instead\s+of|more\s+than|too\s+much"
    r"|normally|usually|should\s+(?:be|have\s+been|only\s+be)|overcharged|by\s+mistake"
    r"|in\s+error|wrongly|incorrectly)"
)

BILLING_ERRORS: tuple[tuple[str, str, str, str], ...] = (
    (
        "billing_error",
        "double_charge",
        "plain",
        rf"\b{CHARGED}\s+(?:me\s+|us\s+|my\s+\w+\s+)?{_W}{{0,3}}?{TIMES}",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        r"\bdouble[- ]?(?:charg\w*|bill\w*|debit\w*|payments?)|\bdouble\s+\w+\s+payments?\b"
        r"|\bpaid\s+(?:it\s+|for\s+it\s+)?twice",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        r"\bduplicat\w*\s+(?:charges?|payments?|transactions?|debits?|bills?|billing|invoices?)"
        r"|\b(?:a|the)\s+duplicate\b(?!\s+(?:card|account|copy))",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        rf"\b{CHARGE_N}\s+(?:that\s+|which\s+)?(?:to\s+)?(?:shows?|showing|showed|appear\w*"
        r"|post\w*|went through|go(?:es)? through|listed|came out|processed"
        rf"|repeated)\s+(?:up\s+|on\s+\w+\s+)?{TIMES}",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        r"\bmore than one of the same\s+(?:charges?|payments?|transactions?|debits?)"
        r"|\b(?:multiple|several|two|2)\s+(?:charges?|payments?|transactions?|debits?)\s+(?:on"
        r"|for)\s+the same"
        r"|\bsame\s+(?:charge|transaction|payment|debit)\s+(?:twice|two times|more than once"
        r"|multiple times)",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        r"\bonly\s+(?:bought|ordered|purchased|used|paid)\s+(?:it|this|that|one)\s+once",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        r"\b(?:charged|billed|debited|taken)\s+(?:\w+\s+){0,3}?for\s+the\s+same\s+(?:order|item|thing"
        r"|transaction|purchase|month|period|service|invoice|bill)"
        r"|\b(?:two|2|three|3|multiple)\s+(?:identical|duplicate|separate)\s+(?:charges|transactions"
        r"|payments|debits|direct debits|bills|invoices)"
        r"|\b(?:two|2|three|3)\s+(?:\w+\s+)?(?:charges|payments|direct debits|debits|transactions"
        r"|bills|invoices)\s+(?:of\s+\S+\s+(?:\S+\s+)?)?(?:for|in)\s+(?:the same|one|a single"
        r"|january|february|march|april|may|june|july|august|september|october|november"
        r"|december|this month|last month)\b",
    ),
    (
        "billing_error",
        "overcharge",
        "plain",
        r"\bover-?(?:charg\w*|bill\w*)"
        rf"|\b{CHARGED}\s+(?:me\s+|us\s+)?(?:way\s+|much\s+)?(?:too much|more than|extra"
        r"|an extra|twice the|double the|more\b)",
    ),
    (
        "billing_error",
        "overcharge",
        "plain",
        r"\b(?:\d+x|\d+ times|twice|double|triple|three times|four times)\s+the\s+(?:amount"
        r"|price|rate|agreed|quoted)",
    ),
    (
        "billing_error",
        "overcharge",
        "plain",
        r"\btoo much\s+(?:money\s+)?(?:was\s+|has been\s+|got\s+)?(?:taken|charged|deducted"
        r"|debited|billed)"
        rf"|\bcost(?:s|ing)?\s+(?:me|us)\s+{_W}{{0,3}}?extra\b"
        r"|\binflat(?:ed|ing)\s+(?:it|the\s+(?:amount|balance|bill|charges?))"
        r"|\b(?:rip(?:ped)?[- ]off|ripping me off|gouge|gouging)",
    ),
    (
        "billing_error",
        "overcharge",
        "plain",
        r"\bwhy\b.{0,40}\b(?:pay|paid|paying)\s+(?:more|extra)\b|\bhad to pay\s+(?:more|extra)\b",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        rf"\b(?:wrong|incorrect|inaccurate)\s+(?:{_W}{{0,2}})?{RATE_N}",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        rf"\b{RATE_N}\b\s+{_W}{{0,7}}?(?:is|was|are|were|seems?|seemed|looks?|looked|appears?"
        r"|being|got|been)?\s*(?:totally\s+|completely\s+|highly\s+|way\s+|all\s+)?(?:wrong"
        r"|incorrect|inaccurate|miscalculated|too low|too high|way off|off\b|different"
        r"|not what i (?:was quoted|agreed|expected))",
    ),
    (
        "billing_error",
        "wrong_amount",
        "needs_negation",
        rf"\b{RIGHT}\s+(?:{_W}{{0,2}})?(?:exchange rates?|rates?|amount|sum|cash|money|price"
        r"|balance|conversion)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "needs_negation",
        rf"\b(?:exchange rates?|rates? of exchange|conversion rate)\b\s+{_W}{{0,6}}?(?:correct"
        r"|right|accurate)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\b(?:less|fewer)\s+(?:cash|money)\s+than"
        rf"|\bonly\s+(?:gave|got|get|received|dispensed|give)\s+(?:me\s+)?(?:{MONEY}|\d+\b)"
        rf"|\b(?:just|only)\s+(?:got|received)\s+(?:{MONEY}|\d+)"
        rf"|\basked for\s+{MONEY}?\d*\s*but\s+(?:only\s+|just\s+)?(?:got|received)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "inclusive",
        rf"{NEG}\s+(?:give|gave|dispense|dispensed|receive|received|get"
        r"|got)\s+(?:me\s+)?(?:all\s+)?(?:the\s+)+(?:\w+\s+)?(?:amount|cash)"
        rf"|{NEG}\s+(?:receive|get)\s+all\s+(?:the|my)\s+(?:cash|money)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        rf"\b(?:{CHARGED}|charged|taken|drafted|withdrawn)\s+(?:from\s+)?(?:the\s+|my\s+"
        r"|our\s+)(?:wrong|old|closed|previous)\s+(?:bank\s+)?account"
        rf"|\b{CHARGED}\s+(?:me\s+|us\s+)?(?:wrong|wrongly|incorrectly|in error|by mistake"
        r"|the wrong|erroneously|improperly)"
        r"|\b(?:billing|accounting|escrow|invoice|statement)\s+(?:errors?|mistakes?"
        r"|discrepanc\w+|problems?)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\b(?:errors?|mistakes?|discrepanc\w+)\s+(?:on|in|with)\s+(?:my|the|our"
        r"|this)\s+(?:bill|invoice|statement|account|escrow|billing|payment|payments|charges?)"
        r"|\bdiscrepanc(?:y|ies)\b|\b(?:misappl\w+|misapplied|misposted|miscalculat\w+)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        rf"\b(?:wrong|incorrect)\s+{_W}{{0,3}}?(?:amount|day|date)\b"
        r"|\b(?:listed|charged|billed|paid|taken)\s+in\s+error",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\bexpected\s+a\s+(?:higher|better|different|lower)\s+(?:exchange\s+)?rate",
    ),
    (
        "billing_error",
        "wrong_amount",
        "inclusive",
        rf"(?:\b(?:discount|promotion|promo|offer|deal|price match|rebate)|(?:{MONEY}|\d+%)\s+off)"
        r"\b.{0,40}(?:\b(?:supposed to|should|should've|was meant to|never|not|wasn't)|n't)\s+"
        r"(?:have\s+)?(?:been\s+)?(?:apply|applied|applies|honou?red|included)"
        r"|\bcharged\s+(?:me\s+|us\s+)?(?:the\s+)?full\s+(?:price|rate|amount)\b.{0,40}"
        r"\b(?:even though|despite|but|although)"
        r"|\b(?:charge|adjustment|fee|amount|line|item|invoice|bill)\b.{0,50}\b(?:makes no sense"
        r"|doesn't make sense|does not make sense)"
        r"|\b(?:free|included|no charge|no extra cost|no cost)\b.{0,60}"
        r"\b(?:charged|billed|invoiced)\b"
        r"|\b(?:billed|charged|invoiced)\s+(?:me\s+|us\s+)?for\s+(?:two|three|\d+)\s+(?:lines|phones"
        r"|users|seats|licen[cs]es|accounts|subscriptions|boxes|devices)\b"
        r"|\b(?:invoice|bill|statement|contract)\s+(?:says|shows|states|lists)\b.{0,40}\bbut\s+"
        r"(?:i|we)\s+(?:only\s+)?(?:signed up|agreed|subscribed|ordered|chose|opted|asked)",
    ),
    # The general shape of a wrong amount, whatever the idiom: an amount of money within a few
    # words of "twice", "extra", "instead of", "normally" ("pinched £34.99 off me twice",
    # "it's normally £22").
    (
        "billing_error",
        "amount_anomaly",
        "plain",
        rf"(?:{MONEY})(?:\W+\w+){{0,5}}?\W+?{_ODD}\b|\b{_ODD}(?:\W+\w+){{0,5}}?\W+?(?:{MONEY})",
    ),
    # The amount set against what it should be or usually is: "nearly double what it should be",
    # "£64 instead of the usual £32", an estimated reading against the actual one.
    (
        "billing_error",
        "overcharge",
        "plain",
        rf"(?:{MONEY})\s+(?:\w+\s+){{0,3}}?(?:twice|two times|double)\b"
        r"|\b(?:double|twice|triple|three times|more than|much more than|higher than|way more than)"
        r"\s+what\s+(?:it|i|we|they|this)\s+(?:should|normally|usually|would normally|used to)\b"
        rf"|(?:{MONEY})\s+(?:\w+\s+){{0,4}}?instead\s+of\s+(?:the\s+|my\s+|our\s+)?(?:usual\s+"
        rf"|normal\s+|agreed\s+|expected\s+|quoted\s+|regular\s+)?(?:{MONEY})",
    ),
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\bestimated?\b(?:\s+\S+){0,8}?\s+(?:but|whereas|while|when)\s+(?:the\s+|my\s+|our\s+)?"
        r"(?:actual|real|correct)\b"
        rf"|(?:{MONEY}|\d+%)\s+(?:more|higher|extra)\s+than\s+(?:the\s+|what\s+)?(?:price|quoted"
        r"|quote|agreed|advertised|usual|normal|expected|last\s+month|it\s+should|i\s+was\s+told)"
        r"|\b(?:bill|invoice|statement)\s+(?:says|shows|claims|lists)\b.{0,50}\bbut\s+(?:i|we)\s+"
        r"(?:only\s+|barely\s+|just\s+)?(?:used|made|had|sent|watched|downloaded)\b"
        r"|\b(?:promo|promotion|promotional|discount|offer|deal|introductory)\s+(?:\w+\s+)?"
        r"(?:ended|expired|stopped|finished|was removed|disappeared)\s+(?:early|too soon"
        r"|before|without)",
    ),
    # A charge that should not be on the bill at all, or that the plan already includes.
    (
        "billing_error",
        "unexpected_fee",
        "inclusive",
        rf"(?:{MONEY}|\b(?:charges?|fees?|amount))\s+(?:\S+\s+){{0,4}}?(?:that\s+|which\s+)?"
        r"(?:shouldn't|should\s+not|should\s+never)\s+(?:be|have\s+been)\s+(?:there|on\s+(?:my|the"
        r"|our|this)\s+(?:bill|invoice|statement|account))\b"
        r"|\b(?:charged|billed|invoiced)\b.{0,60}\b(?:plan|bundle|package|contract|tariff"
        r"|subscription|membership)\s+(?:already\s+)?(?:includes|covers)\b",
    ),
    # A price that was promised fixed and is not, and the extra asked back.
    (
        "billing_error",
        "wrong_amount",
        "plain",
        r"\b(?:promised|guaranteed|told|sold|agreed|quoted)\s+(?:me\s+|us\s+)?(?:a\s+|the\s+)?"
        r"(?:fixed|locked(?:[- ]in)?|set|flat|price[- ]locked)\s+(?:price|rate|fee|tariff|amount"
        r"|monthly\s+(?:price|fee|payment))"
        r"|\b(?:pay|paid|give|refund|credit)\s+(?:me\s+|us\s+)?back\s+(?:the\s+)?(?:extra|difference"
        r"|overpayment|excess)\b",
    ),
    # Paid for an extra (an upgrade, a supplement, next-day delivery) and did not get it.
    (
        "billing_error",
        "wrong_amount",
        "plain",
        rf"\bpaid\s+(?:for\s+)?(?:the\s+|a\s+|an\s+)?(?:{MONEY}\s+|extra\s+)?(?:\w+\s+){{0,2}}?"
        r"(?:supplement|upgrade|upgraded\s+\w+|premium|surcharge|priority|express|next[- ]day"
        r"|extra)\b.{0,60}\b(?:but|instead|never|didn't|did\s+not|wasn't|was\s+not|no\s+sign"
        r"|took\s+(?:a|an|one|two|three|four|five|\d+)\s+(?:\w+\s+)?(?:days?|weeks?|months?)"
        r"|got\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:room|seat|standard|basic|normal|regular|cheaper))\b",
    ),
    # Renewed, switched or signed up without being asked: a charge nobody agreed to.
    (
        "billing_error",
        "unrecognised_charge",
        "plain",
        r"\b(?:renewed|auto-?renewed|upgraded|switched|moved|changed|signed\s+(?:me|us)\s+up"
        r"|enrolled|subscribed)\s+(?:me\s+|us\s+|my\s+|our\s+)?(?:\w+\s+){0,4}?(?:without\s+(?:asking"
        r"|my|our|permission|consent|telling|warning|notice|notifying|any)|even though|despite)"
        r"|\b(?:charged|charging|billed|billing|took|taken|taking|debited|payments?|subscription"
        r"|plan|upgrade|renewal)\b.{0,60}\bwithout\s+(?:my|our|any)\s+(?:permission|consent"
        r"|authori[sz]ation|agreement|approval)\b",
    ),
    (
        "billing_error",
        "overcharge",
        "plain",
        r"\b(?:bill|payment|invoice|charge|price|premium|direct debit|subscription)\b"
        r"(?:\s+\S+){0,3}?"
        r"\s+(?:higher|more|bigger|larger)\s+than\s+(?:usual|normal|normally|last\s+\w+|before"
        r"|expected|it should be|agreed|quoted|advertised)",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        r"\b(?:came out|taken|debited|charged|went out|deducted|billed)\b.{0,30}\bon\s+the\s+\d+\w*"
        r"\s+and\s+(?:again\s+)?(?:on\s+)?the\s+\d+",
    ),
    (
        "billing_error",
        "wrong_amount",
        "inclusive",
        rf"\b{RATE_N}\b.{{0,40}}(?:doesn't|does not|didn't|did not|don't|do not)\s+match\b"
        r"|\bquoted\b.{0,60}\b(?:billed|charged|invoiced|taken|debited|came out|went out)\b"
        r"|\b(?:charged|billed|invoiced|paying)\s+for\s+(?:\d+|more|extra)\b.{0,60}\bbut\s+"
        r"(?:\w+\s+)?only\b",
    ),
    (
        "billing_error",
        "unrecognised_charge",
        "inclusive",
        rf"\b{CHARGE_N}\b(?:\s+[\w']+){{0,5}}?\s+(?:that\s+|which\s+)?(?:i|we)\s+(?:did not"
        r"|didn't|do not|don't|never)\s+(?:make|made|authori[sz]e|recogni[sz]e|do|did|buy"
        r"|purchase|order|remember|know|sign)"
        r"|\b(?:calls?|texts?|messages|minutes|downloads|purchases|items)\s+(?:to\s+|from\s+)?"
        r"(?:\w+\s+){0,4}?(?:that\s+)?(?:i|we)\s+(?:\w+ly\s+)?(?:never|didn't|did not)\s+(?:made"
        r"|make|sent|send"
        r"|bought|buy|ordered|order|used|use)"
        rf"|\b{CHARGE_N}\b(?:\s+[\w']+){{0,5}}?\s+(?:that\s+|which\s+)?(?:is\s+|are\s+"
        r"|that's\s+|was\s+)?not\s+(?:mine|from me|ours)"
        r"|(?:didn't|did not|never)\s+(?:make|authori[sz]e|do|order|buy)\s+(?:this|that|these"
        rf"|the)\s+(?:\w+\s+){{0,2}}?{CHARGE_N}",
    ),
    (
        "billing_error",
        "unrecognised_charge",
        "inclusive",
        r"\b(?:don't|do not|didn't|did not|can't|cannot)\s+recogni[sz]e\s+(?:this\s+|a\s+"
        rf"|the\s+|these\s+|some\s+|several\s+|an?\s+|any\s+)?(?:\w+\s+)?{CHARGE_N}"
        rf"|\bnot\s+familiar\s+with\s+(?:a|this|the|some)\s+(?:\w+\s+)?{CHARGE_N}",
    ),
    (
        "billing_error",
        "unrecognised_charge",
        "inclusive",
        r"\b(?:charg\w*|taking|took|billing|billed|paying|fees?|subscri\w*)\b.{0,80}\b(?:i|we)\s+"
        r"(?:never|didn't|did not|hadn't|had not)\s+(?:ask(?:ed)?|sign(?:ed)?\s+up|agree(?:d)?"
        r"|order(?:ed)?|want(?:ed)?|authori[sz]e(?:d)?)\s+(?:for|to)\b",
    ),
    (
        "billing_error",
        "unrecognised_charge",
        "plain",
        r"\b(?:unauthori[sz]ed|fraudulent|unknown|suspicious|strange|weird"
        rf"|unrecogni[sz]ed)\s+(?:\w+\s+)?{CHARGE_N}"
        rf"|\b{CHARGE_N}\s+(?:listed|made|taken)\s+in error"
        r"|\b(?:payments?|debits?|charges?)\s+(?:on|in)\s+(?:the\s+)?(?:app"
        r"|my\s+\w+)\s+(?:that\s+)?(?:is|are)?\s*not\s+mine",
    ),
    (
        "billing_error",
        "unrecognised_charge",
        "plain",
        r"\bwhat\s+is\s+this\s+(?:direct\s+)?debit"
        r"|\bwhere\s+(?:did\s+)?(?:this|the)\s+(?:debit|transaction|payment)\s+came from"
        r"|\bdon't know where\s+(?:this|the)\s+(?:\w+\s+)?(?:debit|transaction|payment"
        r"|charge)\s+came from",
    ),
)
