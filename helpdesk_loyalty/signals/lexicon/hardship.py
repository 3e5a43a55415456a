"""Hardship: causes (lost job, medical bills), not being able to pay, asking for flexible terms.

Each kind belongs to one of three groups (``HARDSHIP_GROUPS`` in the package); the
struggling-payer decision counts groups, so one story told many ways counts once.
"""

from __future__ import annotations

from .words import ARREARS_N

__all__ = ["HARDSHIP"]

HARDSHIP: tuple[tuple[str, str, str, str], ...] = (
    (
        "hardship",
        "lost_job",
        "plain",
        r"\b(?:lost|lose|losing)\s+(?:my|our|his|her|their)\s+(?:\w+\s+)?jobs?|\bjob\s+loss"
        r"|\blaid\s+off|\blay-?offs?\b|\bfurlough\w*|\bunemploy\w*|\bout of work"
        r"|\b(?:hours|pay|salary|wages?)\s+(?:were\s+|was\s+|got\s+|have been\s+)?(?:cut|reduced)"
        r"|\bpay cut"
        r"|\b(?:income|pay|salary|wages|earnings|hours)\s+(?:at work\s+|at my job\s+)?(?:has\s+"
        r"|have\s+)?(?:halved|dropped"
        r"|fallen|gone down|been cut|been reduced|dried up)"
        r"|\b(?:give|gave|given)\s+up\s+(?:work|my job|working)|\bstopped\s+working\s+to\b"
        r"|\b(?:maternity|unpaid|sick)\s+(?:leave|pay)|\bmade\s+redundant|\bredundanc(?:y|ies)\b"
        r"|\bbenefits?\s+(?:were\s+|was\s+|have been\s+|has been\s+|got\s+)?(?:stopped|cut|reduced"
        r"|suspended|sanctioned)"
        r"|\b(?:no|not enough|little|barely any)\s+money\s+(?:coming in|left)"
        r"|\b(?:grant|funding|contract|client|deal|job offer)\s+(?:\w+\s+)?fell\s+through"
        r"|\blost\s+(?:a|our|my|the)\s+(?:biggest\s+|main\s+|only\s+)?(?:client|contract|funding"
        r"|grant|customer)",
    ),
    (
        "hardship",
        "medical",
        "plain",
        r"\bmedical\s+(?:bills?|expenses|issues?|emergency|condition|leave|debt|fees)"
        r"|\bhospital\w*"
        r"|\b(?:cancer|surgery|chemo\w*|disabilit\w+|disabled|illness|became ill|fell ill"
        r"|got sick|was sick|injur(?:y|ed))\b"
        r"|\boff work",
    ),
    (
        "hardship",
        "life_event",
        "plain",
        r"\b(?:passed away|death in|died|divorc\w+|widow\w*|hurricane|natural disaster"
        r"|flood(?:ed|ing)?|wildfire|pandemic|covid)\b",
    ),
    (
        "hardship",
        "low_income",
        "plain",
        r"\b(?:fixed|low|no|limited|reduced|lost|small|tiny)\s+income|\bpensioner|\bon\s+benefits\b"
        r"|\bon\s+(?:my|a|the state)\s+pension\b"
        r"|\bsocial security\b(?!\s+(?:number|card|no\b|#))|\bssi\b"
        r"|\bliv(?:e|ing)\s+(?:off|on)\s+(?:my\s+)?(?:ss|social|disability|benefits|pension)"
        r"|\bonly income|\bsingle\s+(?:mother|mom|mum|father|dad|parent)",
    ),
    (
        "hardship",
        "cannot_pay",
        "inclusive",
        r"\b(?:can't|cannot|can not|couldn't|could not|unable to|not able to|no longer able to"
        r"|can no longer|could no longer"
        r"|won't be able to|will not be able to|not be able to)\s+(?:\w+\s+)?(?:afford|afforad"
        r"|pay|make\s+(?:my\s+|the\s+|these\s+|our\s+)?(?:\w+\s+)?payments?|keep up|cover"
        r"|maintain\s+(?:the\s+)?(?:\w+\s+)?payments?)",
    ),
    (
        "hardship",
        "cannot_pay",
        "plain",
        r"\bstruggl\w*\s+(?:to\s+(?:pay|afford|make|keep up|repay)|with\s+(?:my\s+|the\s+"
        rf"|our\s+)?(?:{ARREARS_N}|money|finances|debt))"
        r"|\bstruggling financially"
        r"|\bmore\s+than\s+(?:i|we)\s+can\s+(?:afford|pay|manage)"
        r"|\b(?:don't|do not)\s+know\s+how\s+(?:i|we)(?:'ll|\s+will|\s+can|\s+are going to|\s+am"
        r" going to)?\s+(?:pay|cover|afford|manage|keep up)"
        r"|\b(?:i'm|i am|we're|we are|account is|bill is|now)\s+(?:now\s+)?(?:overdue|in arrears)"
        r"|\bin\s+arrears\b"
        r"|\b(?:please\s+)?(?:don't|do not)\s+(?:cut|disconnect|suspend|shut)\s+(?:me|us|my|our)\b"
        r"|\b(?:worried|scared|anxious|stressed|panicking)\s+(?:about|that)\s+(?:\w+\s+){0,4}?"
        r"(?:bill|payment|paying|rent|afford\w*|arrears)"
        r"|\b(?:barely|hardly)\s+(?:pay|afford|make ends meet|get by|scrape)|\bmake ends meet"
        r"|\b(?:crippling|drowning in|buried in)\s+debt",
    ),
    (
        "hardship",
        "arrears",
        "plain",
        r"\b(?:fall|fell|fallen|falling|get|got|getting|am|are|is|was|were"
        r"|been)\s+(?:(?!(?:never|not|no)\b)\w+\s+)?behind\s*(?:on|in|with)?\s*(?:my\s+|our\s+"
        rf"|the\s+)?(?:{ARREARS_N})?"
        rf"|\bbehind\s+(?:on|in|with)\s+(?:my\s+|our\s+|the\s+)?{ARREARS_N}"
        r"|\b(?:\w+\s+)?(?:months?|weeks?|payments?)\s+behind\b"
        r"|\b(?:delinquen\w+|in default|into default|defaulted|foreclos\w+|forclos\w+"
        r"|repossess\w+|repo\b|evict\w+|bankrupt\w*|banckrup\w*)",
    ),
    (
        "hardship",
        "arrears",
        "plain",
        r"\b(?:missed|missing|miss)\s+(?:a\s+|my\s+|our\s+|the\s+|two\s+|several\s+"
        r"|some\s+)?(?:\w+\s+){0,2}?payments?\b"
        r"|\b(?:late|overdue)\s+on\s+(?:my\s+|the\s+|our\s+)?(?:payments?|bills?|rent|mortgage"
        r"|loan)",
    ),
    (
        "hardship",
        "financial_hardship",
        "plain",
        r"\b(?:financial|economic|chronic)\s+(?:hardship|hardhsip|difficult\w+|trouble"
        r"|struggles?|crisis|situation|blow|burden)"
        r"|\bhardship\b|\bhardhsip\b"
        r"|\bfinancially\s+(?:devast\w+|ruined|struggling|strapped|unstable)"
        r"|\b(?:tight|short)\s+on\s+(?:money|cash|funds)"
        r"|\b(?:money|cash|finances|things)\s+(?:is|are|has been|have been)\s+(?:really\s+|very\s+"
        r"|so\s+|quite\s+|a bit\s+)?tight",
    ),
    (
        "hardship",
        "payment_plan",
        "plain",
        r"\b(?:payment|repayment|instal?lment)\s+(?:plans?|arrangements?|agreements?|options?"
        r"|programs?)"
        r"|\bpay\s+(?:it\s+|the\s+rest\s+|the\s+balance\s+|what\s+(?:i|we)\s+owe\s+|the\s+bill\s+)?"
        r"in\s+(?:two\s+|three\s+|\d+\s+|a few\s+|several\s+|smaller\s+)?"
        r"(?:instal?lments|parts|amounts|payments|chunks)"
        r"|\bsplit\s+(?:the|my|this)\s+(?:payment|bill|balance)"
        r"|\bspread\s+(?:it|the|my|our|this|what i owe|what we owe)\b(?:\s+\w+){0,3}?\s+(?:over"
        r"|across|out)\b|\bspread\s+(?:it|the\s+(?:cost|bill|balance|arrears|payments?))\s*[?.!]"
        r"|\ba\s+way\s+to\s+spread\b"
        r"|\bpay\s+(?:what\s+(?:i|we)\s+owe|it|the\s+balance|the\s+rest|the\s+bill|the\s+arrears"
        r"|off\s+the\s+\w+)\s+(?:in\s+(?:small|smaller|little)\s+(?:amounts|bits|chunks)|bit\s+by\s+bit"
        r"|over\s+(?:the\s+next|a\s+few|several|\d+))"
        r"|\barrange\s+(?:to\s+pay|a\s+(?:payment|repayment))"
        r"|\b(?:cheaper|lower|smaller|reduced)\s+(?:plan|tariff|package|rate|payment|amount)s?\b"
        r"|\bsomething\s+cheaper\b"
        r"|\b(?:lower|reduce|reducing|lowering)\s+(?:my|the|our)\s+(?:monthly\s+)?(?:payments?"
        r"|installments?)"
        r"|\bincome[- ]based\s+repayment|\bsettle(?:ment)?\s+(?:for\s+less|offer)",
    ),
    (
        "hardship",
        "extension",
        "plain",
        r"\bextensions?\b|\bextend\s+(?:the|my|our)\s+(?:due date|deadline|payment)|\bdefer\w*"
        r"|\bdeferr\w*|\bpostpone\s+(?:the\s+|my\s+|our\s+)?(?:payment|bill|sale)|\bforbearance"
        r"|\b(?:more|extra|some more)\s+time\s+to\s+pay|\bgrace period"
        r"|\bskip\s+(?:a|this|one)\s+(?:month|payment)"
        r"|\bpay\s+(?:it\s+|the rest\s+|you\s+)?(?:next|later|at the end of the)\s+(?:month"
        r"|week|friday|payday)"
        r"|\bpay\s+(?:when|once)\s+i\s+get\s+paid"
        r"|\bpush\s+(?:my|the|our|this)\s+(?:\w+\s+)?(?:payment|bill|due date|direct debit)\s+back"
        r"|\bpay\s+(?:a\s+bit\s+)?less\s+(?:for\s+a\s+while|for\s+now|for\s+a\s+few|temporarily"
        r"|until)|\bpayment\s+holiday"
        r"|\b(?:a\s+bit\s+|a\s+little\s+|some\s+)(?:more|extra)\s+time\b"
        r"|\bhold\s+off\s+(?:on\s+)?(?:the\s+|my\s+|our\s+)?(?:payment|bill|direct debit|charging)"
        r"|\bpay\s+(?:on|by)\s+the\s+\d+(?:st|nd|rd|th)?\s+instead"
        r"|\b(?:can|could)\s+(?:the|my|our|this)\s+(?:payment|direct debit|bill|invoice)"
        r"\s+wait\b"
        r"|\bpay\s+(?:it\s+)?(?:when|once|after)\s+(?:my|our|i|we)\b.{0,40}\b(?:comes? in"
        r"|come through|get paid|arrives?|clears?)"
        r"|\bwork\s+(?:something|out\s+a\s+plan|out\s+an\s+arrangement)\b"
        r"|\b(?:freeze|pause|suspend)\s+(?:my|the|our)\s+(?:account|payments?|plan|subscription"
        r"|billing|bill)\s+(?:for|until)\b",
    ),
    (
        "hardship",
        "assistance",
        "plain",
        r"\b(?:loan|mortgage|trial|home|permanent)\s+modif\w+"
        r"|\bmodification\s+(?:application|process|request|package|paperwork)"
        r"|\b(?:applied|apply|applying|asked|request\w*)\s+for\s+(?:a\s+)?(?:loan\s+)?modif\w+"
        r"|\bmodif(?:y|ied)\s+(?:my|the|our)\s+loan"
        r"|\b(?:mortgage|financial|hardship)\s+assistance|\bhardship\s+(?:program|plan)"
        r"|\bforgive\s+(?:me|part|some|the)"
        r"|\bhelp\s+(?:me|us)\s+(?:to\s+)?keep\s+(?:the|my|our)\s+(?:home|house|car|service|line"
        r"|phone|internet|power|account)"
        r"|\b(?:any|some)\s+(?:support|help|assistance)\s+(?:with|for|paying)\b",
    ),
)
