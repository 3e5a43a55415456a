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
    TIMES_EVENT,
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
        r"\b(?:processed|went\s+out|gone\s+out|came\s+out|come\s+out|went\s+through|gone\s+through"
        rf"|posted|deducted|debited|applied|taken\s+out|left\s+my\s+account)\s+{TIMES_EVENT}"
        rf"|\b{CHARGE_N}\s+(?:\w+\s+){{0,3}}?(?:duplicated|repeated|doubled(?:\s+up)?)\b"
        r"|\bduplicated\s+(?:\w+\s+)?(?:charges?|payments?|transactions?|debits?|bills?)"
        r"|\b(?:same|exact\s+same|identical)\s+(?:amount|payment|charge|sum|fee)\b.{0,60}\b(?:went"
        r"|came\s+out"
        r"|was\s+taken|taken|debited|charged|drafted|deducted)\s+(?:out\s+)?again\b"
        rf"|\b(?:paid|i\s+pay|we\s+pay)\s+(?:for\s+)?(?:it\s+|this\s+|that\s+)?{TIMES_EVENT}"
        rf"|\b(?:see|seeing|saw)\s+(?:it|this|that|them)\s+{TIMES_EVENT}\s+(?:in|on)\s+(?:the\s+app|my\s+"
        r"(?:statement|account|app|card|bank))"
        rf"|\b(?:ran|rang|swiped|put\s+through)\s+(?:\w+\s+){{0,3}}?{TIMES_EVENT}",
    ),
    (
        "billing_error",
        "double_charge",
        "plain",
        r"\b(?:charged|billed|debited|taken)\s+(?:\w+\s+){0,3}?for\s+the\s+same\s+(?:order|item"
        r"|thing"
        r"|transaction|purchase|month|period|service|invoice|bill)"
        r"|\b(?:two|2|three|3|multiple)\s+(?:identical|duplicate|separate)\s+(?:charges"
        r"|transactions"
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
        r"|price|rate|agreed|quoted|usual|normal)",
    ),
    (
        "billing_error",
        "overcharge",
        "plain",
        r"\btoo much\s+(?:money\s+)?(?:was\s+|has been\s+|got\s+)?(?:taken|charged|deducted"
        r"|debited|billed)"
        rf"|\bcost(?:s|ing)?\s+(?:me|us)\s+{_W}{{0,3}}?extra\b"
        r"|\binflat(?:ed|ing)\s+(?:it|the\s+(?:amount|balance|bill|charges?))"
        r"|\binflated\s+(?:bills?|invoices?|charges?|amounts?|prices?|readings?|estimates?)"
        r"|\b(?:bills?|invoices?|charges?|amounts?)\s+(?:were|was|have\s+been|are"
        r"|got)\s+(?:\w+\s+)?inflated\b"
        r"|\brecalculat\w+\s+(?:it|them|the|my|our|this|that)\b"
        r"|\b(?:can|could|should|please)\s+(?:the|my|our|these|those|this)\s+(?:\w+\s+){0,3}?(?:bills?"
        r"|invoices?|charges?|statements?)\s+(?:\w+\s+){0,2}?be\s+(?:recalculated|re-calculated|corrected"
        r"|adjusted|amended|reissued|re-issued)\b"
        r"|\b(?:take|knock)\s+(?:the|this|that)\s+(?:\w+\s+)?(?:charges?|fees?)\s+off\s+(?:my|the|our)\s+"
        r"(?:bill|invoice|statement|account)"
        r"|\b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:take|knock)\s+(?:it|that|this"
        r"|them)\s+off\b(?![^.?!]*\b(?:next|from|going\s+forward|no\s+longer)\b)"
        r"|\b(?:charged|billed|invoiced|taken|debited)\b.{0,60}\b(?:must|has\s+to)\s+be\s+(?:a|an"
        r"|some)\s+"
        r"(?:mistake|error)\b"
        rf"|(?:{MONEY}|\b(?:fees?|charges?|payments?|debits?))\b.{{0,80}}?\b(?:must"
        rf"|has\s+to)\s+be\s+"
        r"(?:a|an|some)\s+(?:mistake|error)\b"
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
        r"|incorrect|inaccurate|miscalculated|too low|too high|way off|(?<=\s)(?:is|was|are|were"
        r"|seems?|seemed|looks?|looked|appears?)\s+(?:a\s+bit\s+|slightly\s+|way\s+|well\s+|quite\s+"
        r"|very\s+|really\s+|totally\s+|completely\s+)?off\b|different"
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
        r"|\b(?:got|received|gave\s+me|given|dispensed"
        r"|came\s+out\s+with)\s+less\s+(?:cash\s+|money\s+)?than\s+(?:what\s+)?(?:the\s+(?:app|screen"
        r"|machine|atm|receipt)|i\s+(?:asked|requested|withdrew|took|paid))"
        rf"|\bonly\s+(?:{MONEY}|\d+)\s+(?:\w+\s+)?(?:came out|was dispensed|was given|came through)"
        r"|\bwrong\s+(?:\w+\s+){0,2}?(?:notes|cash|change)\b"
        r"|\b(?:cash|money|notes)\s+(?:\w+\s+)?(?:is|was|are|were)\s+missing\b"
        rf"|\bonly\s+(?:gave|got|get|received|dispensed|give)\s+(?:me\s+)?(?:{MONEY}|\d+\b)"
        rf"|\b(?:just|only)\s+(?:got|received)\s+(?:{MONEY}|\d+)"
        rf"|\basked for\s+{MONEY}?\d*\s*but\s+(?:only\s+|just\s+)?(?:got|received)"
        rf"|\basked\s+for\s+{MONEY}\s+(?:and|but)\s+(?:only\s+|just\s+)?(?:got|received"
        rf"|was\s+given)\s+{MONEY}"
        r"|\bnot\s+the\s+(?:amount|sum|figure)\s+(?:i|we)\s+(?:requested|asked\s+for|withdrew"
        r"|ordered|agreed"
        r"|expected|was\s+quoted)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "inclusive",
        rf"{NEG}\s+(?:give|gave|dispense|dispensed|receive|received|get"
        r"|got)\s+(?:me\s+)?(?:all\s+)?(?:the\s+|my\s+)+(?:\w+\s+)?(?:amount|cash|money|notes)"
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
        r"\bexpected\s+a\s+(?:higher|better|different|lower)\s+(?:exchange\s+)?rate"
        r"|\b(?:terrible|awful|poor|bad|dodgy|rubbish|unfair|horrible|appalling|lousy|shocking"
        r"|strange|weird|odd|crazy|ridiculous|rip-?off)\s+(?:exchange\s+|conversion\s+|currency\s+"
        r"|fx\s+)?rates?\b"
        r"|\bshort[- ]?changed\b"
        r"|\b(?:exchange\s+|conversion\s+|currency\s+|fx\s+)?(?:rate|conversion)\b.{0,60}\b(?:much"
        r"|far|way|a lot|significantly)\s+worse\b"
        r"|\b(?:exchange\s+|conversion\s+|currency\s+)?rate\b.{0,60}\b(?:differ|differs|differed"
        r"|different)\s+(?:from|to|than)\b"
        r"|\brate\b.{0,40}\b(?:isn't|is not|wasn't|was not)\s+the\s+(?:one|same|rate|official|real"
        r"|correct|right|proper|market)\b"
        r"|\brate\b.{0,40}\b(?:is\s+not|isn't|wasn't|was\s+not|not)\s+what\s+(?:i|we)\s+(?:saw"
        r"|was\s+shown"
        r"|expected|was\s+quoted|checked|was\s+told)"
        r"|\b(?:exchange|conversion|rate)\b.{0,40}\b(?:was|is|seems|seemed|looks"
        r"|looked)\s+(?:really\s+|so\s+"
        r"|very\s+|pretty\s+|quite\s+)?(?:terrible|awful|poor|bad|dodgy|rubbish|unfair|horrible"
        r"|appalling"
        r"|lousy|shocking)\b"
        r"|\b(?:such\s+a\s+)?(?:terrible|awful|poor|bad|dodgy|rubbish|unfair|horrible"
        r"|lousy)\s+conversions?\b"
        r"|\blost\s+(?:\w+\s+){0,2}?on\s+the\s+(?:exchange\s+)?(?:rate|conversion)"
        r"|\b(?:calculated|converted|worked\s+out|applied)\s+(?:\w+\s+)?(?:incorrectly|wrongly"
        r"|wrong)\b"
        r"|\b(?:higher|more|lower|less)\s+than\s+it\s+should\s+(?:be|have\s+been)\b"
        rf"|(?:{MONEY}|\b\w+)\s+less\s+than\s+(?:what\s+)?(?:i|we)\s+(?:paid|was\s+charged|spent)\b"
        r"|\b(?:charged|billed|took|taken)\b.{0,40}\bbut\s+(?:i|we)\s+only\s+(?:\w+\s+)?(?:pumped|bought"
        r"|ordered|used|had|got|received|spent|took|filled)\b"
        r"|\bonly\b.{0,60}\b(?:charged|billed)\s+(?:me\s+|us\s+)?for\s+(?:all\s+)?(?:\d+|two|three|four"
        r"|five|both|all)\b"
        r"|\b(?:code|coupon|voucher|discount|promo)\b.{0,80}\b(?:paid|charged)\s+(?:me\s+)?(?:the\s+)?"
        r"full\s+price\b"
        r"|\b(?:doesn't|does\s+not|didn't|did\s+not|don't)\s+match\s+(?:the|your"
        r"|what)\s+(?:\w+\s+)?(?:rate"
        r"|price|quote|amount|receipt)",
    ),
    (
        "billing_error",
        "wrong_amount",
        "inclusive",
        rf"\b{RATE_N}\b.{{0,60}}\b(?:doesn't|does not|didn't|did not|don't|do not|doesnt|didnt)\s+"
        r"(?:seem|look|appear)\s+(?:to\s+be\s+)?(?:right|correct|fair|accurate)",
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
        r"|\b(?:billed|charged|invoiced)\s+(?:me\s+|us\s+)?for\s+(?:two|three|\d+)\s+(?:lines"
        r"|phones"
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
        r"|\b(?:pay|paid|give|refund|credit)\s+(?:me\s+|us\s+)?back\s+(?:the\s+)?(?:extra"
        r"|difference"
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
        r"|got\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:room|seat|standard|basic|normal|regular"
        r"|cheaper))\b",
    ),
    # Renewed, switched or signed up without being asked: a charge nobody agreed to.
    (
        "billing_error",
        "unrecognised_charge",
        "plain",
        r"\b(?:renewed|auto-?renewed|upgraded|switched|moved|changed|signed\s+(?:me|us)\s+up"
        r"|enrolled|subscribed)\s+(?:me\s+|us\s+|my\s+"
        r"|our\s+)?(?:\w+\s+){0,4}?(?:without\s+(?:asking"
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
        rf"\b{CHARGE_N}\b(?:\s+[\w'$£€.,]+){{0,5}}?\s+(?:that\s+|which\s+)?(?:i|we)\s+(?:\w+ly\s+)?"
        r"(?:did not|didn't|didnt|do not|don't|dont|never)\s+(?:make|made|authori[sz]e|recogni[sz]e"
        r"|do|did|buy|purchase|order|remember|know|sign|set|agree|create|request|approve|ask)"
        r"|\b(?:calls?|texts?|messages|minutes|downloads|purchases|items)\s+(?:to\s+|from\s+)?"
        r"(?:\w+\s+){0,4}?(?:that\s+)?(?:i|we)\s+(?:\w+ly\s+)?(?:never|didn't|did not)\s+(?:made"
        r"|make|sent|send"
        r"|bought|buy|ordered|order|used|use)"
        rf"|\b(?:{CHARGE_N}|debit\s+orders?)\b(?:\s+[\w'$£€.,]+){{0,6}}?\s+(?:that\s+|which\s+)?"
        r"(?:(?:is|are|that's|was|were)\s+not|isn't|isnt|aren't|wasn't|weren't|not)\s+(?:mine"
        r"|from me|ours)"
        rf"|\bnot\s+(?:my|our)\s+(?:\w+\s+)?{CHARGE_N}\b"
        rf"|\b{CHARGE_N}\b.{{0,80}}\b(?:doesn't|does not|doesnt|don't|do not|didn't)\s+ring\s+"
        r"(?:a|any)\s+bells?"
        r"|(?:didn't|did not|didnt|never)\s+(?:make|authori[sz]e|authori[sz]ed|do|order|buy|approve"
        r"|approved|agree\s+to|agreed\s+to|set\s+up|sign\s+up\s+for|signed\s+up\s+for|create"
        rf"|created|request|requested)\s+(?:this|that|these|the|any)\s+(?:\w+\s+){{0,2}}?{CHARGE_N}"
        r"|\bwho\s+(?:is|was)\s+(?:this|that)\s+(?:\w+\s+)?(?:payment|debit|charge|transaction)"
        r"\s+(?:to|from|for)\b"
        rf"|\b{CHARGE_N}\b.{{0,100}}?\b(?:that|which)\s+(?:i|we)\s+(?:\w+ly\s+)?(?:did\s+not|didn't"
        r"|never)\s+(?:make|made|authori[sz]e|authori[sz]ed|order|ordered|buy|bought)\b"
        r"|\b(?:charged|billed|debited)\b.{0,80}\b(?:i|we)\s+(?:\w+ly\s+)?never\s+(?:stayed"
        r"|visited|used"
        r"|bought|ordered|been\s+to|went\s+to|received|signed\s+up|authori[sz]ed|made)\b",
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
    # A payment to someone the customer does not know: "a purchase from a shop I've never been
    # to", "a direct debit to a company I never signed up with", "no idea what it's for".
    (
        "billing_error",
        "unrecognised_charge",
        "inclusive",
        rf"\b(?:{CHARGE_N}|dd|dds|mandates?)\b.{{0,60}}\b(?:i've|i have|i|we've|we have|we)\s+"
        r"(?:\w+\s+)?(?:never|not)\s+(?:even\s+|ever\s+)?(?:been\s+(?:to|in)|heard\s+of|used"
        r"|visited|shopped|dealt\s+with"
        r"|signed\s+up|set\s+up|bought|ordered|agreed|authori[sz]ed|made)"
        rf"|\b(?:{CHARGE_N}|dd|dds)\b.{{0,60}}\b(?:no|any)\s+(?:idea|memory|recollection|clue)\s+"
        r"(?:of|what|where|who|about)"
        rf"|\b(?:{CHARGE_N}|dd|dds)\b.{{0,60}}\b(?:don't|do not|didn't|did not)\s+(?:know"
        rf"|recogni[sz]e)"
        r"\s+(?:the|this|that|who|what)\s*(?:company|merchant|shop|store|business|name|payee|it"
        r"|they"
        r"|is|was)?"
        r"|\b(?:something|things|stuff|items?)\s+(?:that\s+)?(?:i|we)\s+(?:didn't|did not|never)\s+"
        r"(?:buy|order|purchase|make|authori[sz]e|sign\s+up\s+for)\b"
        r"|\bwhy\s+(?:did|have|has|are|is|do|does)\s+(?:they|it|someone"
        r"|this\s+\w+)\s+(?:\w+\s+)?(?:take"
        r"|taken|taking|took|charge|charged|debit|debited)\s+(?:money|me|my)\b"
        r"|\b(?:neither|none|nobody|no\s+one)\s+(?:of\s+us\s+)?(?:made|authori[sz]ed|bought"
        r"|ordered)\s+"
        r"(?:this|that|the|these)\b"
        r"|\b(?:i|we)\s+(?:didn't|did\s+not|never)\s+(?:agree|consent|sign\s+up"
        r"|authori[sz]e)\s+(?:to\s+)?"
        r"(?:it|this|that|them|any)\b"
        r"|\b(?:i|we)\s+(?:never|didn't|did\s+not)\s+sign(?:ed)?\s+up\s*(?:for\s+(?:it|this|that"
        r"|anything"
        r"|any\s+\w+)|[.!?]|$)"
        rf"|\b(?:{CHARGE_N}|dd|deductions?)\s+(?:that\s+)?(?:i|we)\s+(?:can't|cannot"
        rf"|couldn't)\s+(?:place"
        r"|identify|explain|trace|account\s+for)\b"
        r"|\b(?:cost|charge|fee|amount|deduction|payment)\s+(?:that\s+)?(?:i|we)\s+(?:don't"
        r"|do\s+not|didn't"
        r"|can't)\s+(?:understand|recogni[sz]e|know)\b"
        r"|\b(?:charged?|payment|transaction|debit|deduction|fee"
        r"|something)\s+(?:\w+\s+){0,3}?(?:with\s+)?no\s+"
        r"(?:description|name|reference|merchant|details?|explanation)\b",
    ),
    (
        "billing_error",
        "unrecognised_charge",
        "plain",
        r"\b(?:unfamiliar|mystery|mysterious|random|odd|unexplained|unidentified"
        r"|tiny)\s+(?:\w+\s+)?"
        rf"(?:{CHARGE_N}|dd|deductions?|withdrawals?)\b"
        r"|\b(?:direct\s+debits?|dd|mandate|standing\s+order)\b.{0,60}\bwithout\s+(?:(?:my|our"
        r"|any)\s+"
        r"(?:permission|consent|authori[sz]ation|agreement|approval|knowledge)|asking|telling)"
        r"|\b(?:didn't|did\s+not|didnt|never)\s+(?:authori[sz]e|authori[sz]ed|approve|agree\s+to"
        r"|set\s+up)\s+"
        r"(?:this|that|these|the|any)\s+(?:\w+\s+){0,2}?(?:collections?|deductions?|withdrawals?"
        r"|mandates?)\b",
    ),
    # An amount that left the account with no explanation, asked about: "what's the £1 that
    # came out of my account?", "why has an additional pound been deducted?".
    (
        "billing_error",
        "unrecognised_charge",
        "plain",
        rf"\b(?:what|why)\b.{{0,30}}(?:{MONEY}|\b(?:additional|extra|random|\d+)\s+(?:pound|dollar"
        r"|euro|quid|buck|gbp|usd|eur)s?\b).{0,30}\b(?:came out|come out|taken|deducted|debited"
        r"|removed|went out|gone out|charged|debit|showing)\b"
        rf"|\b(?:additional|extra|random|unexplained)\s+(?:{MONEY}|pound|dollar|euro|quid|buck)s?\b"
        r".{0,40}\b(?:deducted|taken|debited|charged|came out|went out|removed)\b",
    ),
    (
        "billing_error",
        "unrecognised_charge",
        "plain",
        r"\bdisput\w+\s+(?:the|a|this|that|these|those)\s+(?:\S+\s+){0,2}?(?:charges?|difference"
        r"|amount|transactions?|fees?|overcharge)\b",
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
