"""Word groups the concept patterns share: verbs of charging, nouns of fees, people to talk to.

Each is a regular-expression fragment (a non-capturing group) meant to be composed into the
patterns of :mod:`~helpdesk_loyalty.signals.lexicon`.
"""

from __future__ import annotations

_W = r"(?:[\w$£€.,'-]+\s+)"  # one word (with money and punctuation) and its space
NEG = r"(?:\bnot|n't|\bnever|\bno)"  # "n't" has no word boundary before it
CHARGED = (
    r"(?:charg(?:ed|ing|es?)|chaged|billed|billing|debited|deducted|taken|took|drafted|withdrawn"
    r"|invoiced|collected)"
)
CHARGED_PAST = (
    r"(?:charged(?![- ]?off\b)|chaged|billed|debited|deducted|drafted|invoiced|assessed"
    r"|hit with|stuck with|slapped with|landed with|lumbered with)"
)
CHARGE_N = (
    r"(?:charges?|payments?|transactions?|debits?|direct debits?|bills?|invoices?|purchases?)"
)
FEE_N = r"(?:fees?|surcharges?|charges?(?![- ]?offs?\b)|penalt(?:y|ies)|commissions?)"
TIMES = (
    r"(?:twice|double|two times|2 times|2x|multiple times|several times|more than once"
    r"|three times|3 times|many times|over and over)"
)
# An amount; a bare number starts only where a run of digits starts, so a long run of digits
# is read once, not once per digit.
MONEY = (
    r"(?:(?:[$£€₹]|\brs\.?|\binr|\ba\$|\bc\$)\s?\d[\d,.]*"
    r"|(?<![\d,.])\d[\d,.]*\s?(?:dollars|pounds|euros|usd|gbp|eur|inr|rupees|quid|bucks)"
    r"|(?<![\d,.])\d+[.,]\d\d)"
)
REFUND_N = (
    r"(?:refund(?:s|ed|ing)?|reimburs\w*|erimburs\w*|compensation\w*|restitution\w*|restitutin\w*"
    r"|rebat\w*|chargebacks?|charge-backs?)"
)
RATE_N = (
    r"(?:exchange rates?|rates? of exchange|conversion(?: rate| value)?|(?:currency )?rates?"
    r"|exchange"
    r"|amount|total|balance|price|bill|invoice|statement|sum|figure|cost|meter reading|reading"
    r"|usage|estimate)"
)
RIGHT = r"(?:correct|right|accurate|proper)"
SERVICE_N = (
    r"(?:internet|service|connection|network|wi-?fi|broadband|fibre|fiber|line|landline|phone line"
    r"|signal|tv|cable|power|electricity|site|website|platform|system|server|servers|portal|email"
    r"|mobile data|data|reception|streaming|stream|water|gas|heating|hot water|terminal"
    r"|card machine|card reader|phone system|phones|router|modem|tv box|emails|calls|texts"
    r"|messages|notifications|app|integration|sync|api|webhooks?)"
)
DOWN = (
    r"(?:down|out|offline|dead|not working|isn't working|wasn't working|unavailable|cut off"
    r"|disconnected|interrupted)"
)
DURATION = (
    r"(?:\d+|a|one|two|three|four|five|six|seven|several|many|few|multiple|couple of"
    r"|whole)\s+(?:hours?|days?|weeks?|months?)"
)
TECH = (
    r"(?:technician|engineer|installer|tech|contractor|fitter|plumber|electrician|repair ?man"
    r"|someone|anyone|nobody|no one)"
)
PERSON = (
    r"(?:(?:a |an |the |your |one of your |some )?(?:bloody |damn |goddamn |fucking |freaking )?"
    r"(?:real |actual |live |human |proper |non-robotic |living |breathing )*"
    r"(?:person|human|humans|agent|operator|representative|rep|supervisor|manager|team lead"
    r"|someone|somebody"
    r"|somone|assistant|assistgant|associate|staff member|member of (?:staff|the team)|team member"
    r"|employee|people|man|woman|adviser|advisor|banker))"
)
TALK = (
    r"(?:talk|talkk|speak|chat|connect|transfer|put|pass|get|contact|reach|escalate|forward"
    r"|hand|call)"
)
# "-ing" forms only ask for a person after a word of wanting or trying ("help talking to an agent");
# elsewhere they narrate ("after speaking to the agent, ...").
TALKING = (
    r"(?:help|assistance|need|want|like|trying|try|tried|how|way|possible|interested"
    r"|prefer)\s+(?:\w+\s+){0,2}?"
    r"(?:talking|talkint|speaking|chatting|contacting|connecting)"
)
ACCOUNT_N = (
    r"(?:acc?o?u?n?t|accounts|ac+ount|cacount|azccount|acconut|subscriptions?|contract"
    r"|membership|service|services|plan|line|profile(?!\s+(?:picture|photo|pic|image|name|details))"
    r"|user\s+account)"
)
CLOSE_V = (
    r"(?:cancel|cancell?ing|close|closing|terminate|terminating|delete|deleting|deleet|remove"
    r"|removing"
    r"|discontinue|deactivate|shut down|shutting down|get rid of|quit|close out|disconnect|erase"
    r"|erasing|wipe"
    r"|end(?!\s+of\b)|ending(?!\s+of\b))"
)
# Past requests told as part of a story ("I asked to speak to a supervisor") are not a request now.
NARRATED = (
    r"\b(?:asked|tried|requested|wanted|attempted|demanded|decided|had|went|needed|told (?:me|us)"
    r"|advised (?:me|us)|said (?:i|we)|offered|refused)\b(?:\s+\w+){0,4}?\s+"
)
# "Twice" as an event, not a rate or a comparison ("twice a month", "twice as fast").
TIMES_EVENT = TIMES + r"(?!\s+(?:as\b|a\s+(?:day|week|month|year)\b|per\b|each\b|every\b))"
ARREARS_N = (
    r"(?:payments?|bills?|mortgage|rent|loan|loans|installments?|invoices?|balance|debt|account)"
)
