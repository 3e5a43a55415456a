"""Hardship: causes (lost job, medical bills), not being able to pay, asking for flexible terms.

Each kind belongs to one of three groups (``HARDSHIP_GROUPS`` in the package); the
struggling-payer decision counts groups, so one story told many ways counts once. ``CAN_PAY``
is the other side: what says the customer is current or can afford the payments now, which
turns arrears in the story into history.
"""

from __future__ import annotations

from .words import ARREARS_N, MONEY

__all__ = ["CAN_PAY", "HARDSHIP"]

HARDSHIP: tuple[tuple[str, str, str, str], ...] = (
    (
        "hardship",
        "lost_job",
        "plain",
        r"\b(?:lost|lose|losing)\s+(?:my|our|his|her|their)\s+(?:[\w-]+\s+)?jobs?|\bjob\s+loss"
        r"|\b(?:drop|dropped|cut|go|went|gone|down)\s+(?:down\s+)?to\s+(?:\d+|one|two|three"
        r"|four)\s+(?:days"
        r"|shifts|hours)\s+(?:a|per)\s+week"
        r"|\blaid\s+off|\blay-?offs?\b|\bfurlough\w*|\bunemploy\w*|\bout of work"
        r"|\b(?:my|our|his|her|their)\s+(?:hours|pay|salary|wages?)\s+(?:were\s+|was\s+|got\s+"
        r"|have been\s+|has been\s+)?(?:cut|reduced)\b"
        r"|\b(?:hours|pay|salary|wages?)\s+(?:were|was|got|have been|has been)\s+(?:cut|reduced)\b"
        r"|\b(?:was|were|been|got|get|being)\s+let\s+go\b"
        r"|\b(?:reduce|reduced|cut|cut\s+back|cut\s+down|drop|dropped)\s+(?:on\s+)?(?:my|our|his"
        r"|her)\s+(?:working\s+)?hours\b"
        r"|\b(?:no|few|almost no|hardly any|barely any|fewer|not many|not enough)\s+(?:shifts|hours"
        r"|work)\b(?:\s+\w+){0,3}?\s+(?:this|last|these|recently|lately|since|at the moment)"
        r"|\bbetween\s+jobs\b|\blost\s+(?:my\s+|our\s+|his\s+|her\s+|their\s+)?work\b"
        r"|\bpay cut"
        r"|\b(?:work|business|trade|bookings|orders)(?:'s\s+|\s+(?:has\s+|have\s+)?)(?:dried\s+up"
        r"|dropped\s+off|gone\s+quiet|slowed\s+right\s+down)"
        r"|\b(?:paycheck|pay\s*check|wages?|salary|pay|income)\s+(?:was|is|were|came\s+up"
        r"|came\s+in)\s+"
        r"(?:\w+\s+)?short\b"
        r"|\b(?:had\s+to\s+go|went|gone|moved|cut\s+back)\s+(?:down\s+)?(?:to\s+)?part[- ]time\b"
        r"|\b(?:income|pay|salary|wages|earnings|hours)\s+(?:at work\s+|at my job\s+)?(?:has\s+"
        r"|have\s+)?(?:halved|dropped|went\s+down|decreased"
        r"|fallen|gone down|been cut|been reduced|dried up)"
        r"|\b(?:give|gave|given)\s+up\s+(?:work|my job|working)|\bstopped\s+working\s+to\b"
        r"|\b(?:maternity|unpaid|sick)\s+(?:leave|pay|allowance)|\bmade\s+redundant"
        r"|\bredundanc(?:y|ies)\b"
        r"|\bbenefits?\s+(?:were\s+|was\s+|have been\s+|has been\s+|got\s+|are\s+)?(?:stopped|cut"
        r"|reduced|suspended|sanctioned|delayed|late|held up)"
        r"|\b(?:no|not enough|little|barely any)\s+money\s+(?:coming in|left)"
        r"|\b(?:universal\s+credit|benefits?|pension|wages?|salary|paycheck|pay\s+packet|dwp|ssi"
        r"|disability|maternity|sick\s+pay)\s+(?:payments?\s+)?(?:has\s+been|have\s+been|was|were"
        r"|is"
        r"|are|got)\s+(?:\w+\s+)?(?:delayed|late|held\s+up|stopped|suspended|cut)\b"
        r"|\b(?:grant|funding|contract|client|deal|job offer)\s+(?:\w+\s+)?fell\s+through"
        r"|\blost\s+(?:a|our|my|the|its|their)\s+(?:biggest\s+|main\s+|only\s+)?(?:client"
        r"|contract|funding"
        r"|grant|customer)",
    ),
    (
        "hardship",
        "medical",
        "plain",
        r"\bmedical\s+(?:bills?|expenses|issues?|emergency|condition|leave|debt|fees)"
        r"|\bhospital\w*"
        r"|\b(?:cancer|surgery|chemo\w*|disabilit\w+|disabled|illness|became ill|fell ill"
        r"|got sick|was sick|injur(?:y|ed)|diagnosed|hurt\s+(?:my|his|her|their)\s+(?:back|neck"
        r"|leg|arm"
        r"|knee|shoulder)|workers'?\s+comp(?:ensation)?"
        r"|(?:got|was|been)\s+(?:badly\s+|seriously\s+)?hurt)\b"
        r"|\boff\s+(?:work|sick)\b|\bsick\s+note\b"
        r"|\b(?:hospice|palliative|terminal(?:ly)?\s+ill|intensive\s+care|icu)\b",
    ),
    # A job or contract that ended with nothing yet to follow, or work that dried up.
    (
        "hardship",
        "lost_job",
        "plain",
        r"\b(?:my|our|his|her)\s+(?:job|employment|position|placement|work\s+contract"
        r"|fixed[- ]term\s+contract|temp(?:orary)?\s+(?:job|contract|work))\s+(?:has\s+|was\s+)?"
        r"(?:ended|finished"
        r"|came\s+to\s+an\s+end|ran\s+out)\b"
        r"|\b(?:contract|job|role|gig)\s+(?:ended|finished)\b.{0,60}\b(?:next|new)\s+(?:one"
        r"|contract"
        r"|job|role)\s+(?:doesn't|does\s+not|won't|will\s+not|only)\s+start"
        r"|\b(?:employer|company|firm)\s+(?:has\s+|have\s+)?(?:gone\s+bust|gone\s+under"
        r"|folded|collapsed|gone\s+into\s+(?:administration|liquidation))",
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
        r"\b(?:fixed|low|no|limited|reduced|lost|small|tiny)\s+income|\bpensioner"
        r"|\bon\s+(?:\w+\s+)?benefits\b"
        r"|\bon\s+(?:my|a|the)\s+(?:state\s+)?pension\b"
        r"|\bsocial security\b(?!\s+(?:number|card|no\b|#))|\bssi\b"
        r"|\bliv(?:e|ing)\s+(?:off|on)\s+(?:my\s+)?(?:ss|social|disability|benefits|pension)"
        r"|\bonly income|\bsingle\s+(?:mother|mom|mum|father|dad|parent)"
        r"|\b(?:full[- ]time\s+)?carer\b|\b(?:caring|care)\s+for\s+(?:my|our)\s+(?:\w+\s+)?(?:mum"
        r"|mom|dad"
        r"|mother|father|son|daughter|child|children|husband|wife|partner|parents?)"
        r"|\bsingle\b(?:\s+\w+){0,4}?\s+(?:kids|children)\b"
        r"|\bon\s+(?:universal\s+credit|jobseeker'?s?\s+allowance|income\s+support|pension\s+credit"
        r"|food\s+stamps|snap|welfare|medicaid|unemployment)\b",
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
        r"\bstruggl\w*\s+(?:to\s+(?:pay|afford|make|keep up|repay|get\s+back|get\s+out|clear|stay)"
        r"|with\s+(?:my\s+|the\s+"
        rf"|our\s+)?(?:{ARREARS_N}|money|finances|debt))"
        r"|\bstruggling financially"
        r"|\bmore\s+than\s+(?:i|we)\s+can\s+(?:afford|pay|manage)"
        r"|\b(?:don't|do not)\s+know\s+how\s+(?:i|we)(?:'ll|\s+will|\s+can|\s+are going to|\s+am"
        r" going to)?\s+(?:pay|cover|afford|manage|keep up)"
        r"|\b(?:i'm|i am|we're|we are|account is|bill is|now)\s+(?:now\s+)?(?:overdue|in arrears)"
        r"|\b(?:in|into)\s+arrears\b"
        r"|\b(?:i'm|we're|i am|we are)\s+(?:really\s+|so\s+|seriously\s+|genuinely\s+)?"
        r"struggling\s*(?:[.!,;]|$|financially|at the moment|right now|this month|with money)"
        r"|\b(?:please\s+)?(?:don't|do not)\s+(?:cut|disconnect|suspend|shut|cancel)\s+(?:me|us|my"
        r"|our)\b"
        r"|\b(?:worried|scared|anxious|stressed|panicking)\s+(?:about|that)\s+(?:\w+\s+){0,4}?"
        r"(?:bill|payment|paying|rent|afford\w*|arrears|repayments?|loan|mortgage|instal?ments?"
        r"|keeping\s+up|keep\s+up|contract|payments)"
        r"|\b(?:leaving|leaves|left|puts|putting|put)\s+(?:me|us)\s+(?:overdrawn|short|in\s+(?:my"
        r"|the|our)\s+overdraft|without\s+(?:money|food|enough))"
        r"|\b(?:nothing|no\s+money|nothing\s+at\s+all)\s+left\s+(?:until|till|before|for)\b"
        r"|\b(?:payment|repayment|bill|rent|mortgage|instal?ment)\s+(?:will|is going to)\s+be\s+"
        r"(?:\w+\s+){0,3}?late\b"
        r"|\b(?:i'll|i will|we'll|we will|i'm|i am|we're|we are)\s+(?:be\s+)?(?:a\s+bit\s+"
        r"|a\s+little\s+)?short\s+(?:for|on|of)\s+(?:the|my|our|this)\b"
        r"|\b(?:barely|hardly)\s+(?:pay|afford|make ends meet|get by|scrape)|\bmake ends meet"
        r"|\b(?:won't|will not|can't|cannot|not)\s+(?:be\s+able\s+to\s+)?make\s+(?:the|my|this|that"
        r"|next|our)\s+(?:\w+\s+)?(?:one|payment|instal?ment|repayment|direct\s+debit)\b"
        r"|\b(?:don't|do\s+not|won't|will\s+not|didn't)\s+have\s+(?:the|enough|any)\s+(?:money"
        r"|funds"
        r"|cash)\b|\bhad\s+nothing\s+in\s+(?:the|my|our)\s+(?:account|bank)"
        r"|\bno\s+money\s+(?:till|until|til|before|in\s+(?:the|my)\s+account)\b"
        r"|\b(?:finding\s+it|find\s+it|it's|it\s+is|it's\s+getting|getting)\s+(?:very\s+|really\s+"
        r"|so\s+|quite\s+|increasingly\s+|more\s+and\s+more\s+)?(?:hard|difficult|tough"
        r"|a\s+struggle)"
        r"\s+to\s+(?:keep\s+up|pay|afford|manage|cover|make\s+ends\s+meet|stay\s+on\s+top)"
        r"|\b(?:is|are|would\s+be|it's)\s+(?:a\s+|still\s+a\s+)?(?:real\s+|bit\s+of\s+a\s+|big\s+)?"
        r"stretch\b(?!\s+goal)"
        r"|\b(?:would|will|'ll|'d|going\s+to)\s+be\s+(?:\w+\s+){0,3}?late\s+(?:(?:with|on)\s+(?:the\s+"
        r"|my\s+|this\s+)?(?:payment|rent|bill|instal?ment|loan|repayment)|(?:this|next)\s+month)\b"
        r"|\b(?:don't|do\s+not|won't)\s+have\s+(?:it|the\s+money|that|the\s+rest"
        r"|enough)\s+(?:until|till"
        r"|before)\b"
        r"|\b(?:been\s+)?paying\s+what\s+(?:i|we)\s+can\b"
        r"|\b(?:won't|don't|do\s+not|will\s+not)\s+get\s+paid\s+(?:until|till|before)\b"
        r"|\b(?:\w+\s+)?short\s+(?:every|each|this|a)\s+(?:month|week)\b"
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
        r"|repossess\w*|repo\b|evict\w+|bankrupt\w*|banckrup\w*)"
        r"|\b(?:i'm|we're|i\s+am|we\s+are)\s+(?:\S+\s+){0,2}?behind\b"
        r"|\bsheriff'?s?\s+sale|\b(?:home|house|property)\s+(?:\w+\s+){0,2}?(?:auction|sale date)"
        r"|\bauction(?:ed)?\s+off|\b(?:scheduled|upcoming|set)\s+(?:an\s+|for\s+)?auction",
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
    # Payments bouncing, a final notice, a threat to cut off: arrears as the customer meets them.
    (
        "hardship",
        "arrears",
        "plain",
        r"\b(?:direct\s+debits?|payments?|cheques?|checks?|instal?ments?)\s+(?:keeps?\s+|kept\s+"
        r"|has\s+|have\s+|had\s+|being\s+)?(?:bounc\w+|been\s+returned|returned\s+unpaid)"
        r"|\bfinal\s+(?:notice|demand|reminder)s?\b"
        r"|\b(?:disconnection|cut[- ]off)\s+(?:notice|warning|letter)s?\b"
        r"|\bthreaten\w*\s+(?:\w+\s+){0,2}?(?:disconnect\w*|to\s+cut\s+(?:me|us|it)\s+off)"
        r"|\b(?:passed|sent|handed|referred)\s+(?:\w+\s+){0,3}?to\s+(?:a\s+|the\s+)?(?:debt\s+)?"
        r"(?:collection\s+agenc\w+|debt\s+collectors?|debt\s+recovery)",
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
        r"|\b(?:money|cash|finances|things)(?:'s|'re|\s+(?:is|are|has been|have been))\s+"
        r"(?:really\s+|very\s+"
        r"|so\s+|quite\s+|a bit\s+)?tight"
        r"|\b(?:going through|been through|gone through|went through|hit|fallen on|fell on|facing"
        r"|having|had)\s+(?:a\s+)?(?:really\s+|very\s+|bit of a\s+)?(?:rough|bad|difficult|hard"
        r"|tough)\s+(?:few\s+)?(?:patch|time|times|months|weeks|year|spell)"
        r"|\b(?:savings|money)\s+(?:are|is|have|has)\s+(?:all\s+)?(?:gone|run out|dried up|used up)"
        r"|\bcost\s+of\s+living\b.{0,30}\b(?:hit|hitting|crisis|struggl\w*|hard)\b"
        r"|\b(?:run|ran|running)\s+out\s+of\s+(?:money|savings|funds|cash)",
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
        r"|\bpay(?:ing)?\b(?:\W+\w+){0,8}?\W+(?:in|by)\s+(?:\w+\s+)?(?:monthly\s+)?"
        r"(?:instal?l?ments|parts|chunks)\b"
        r"|\bsplit\s+(?:it|the|my|this)\s*(?:payment|bill|balance|cost|amount)?\b"
        r"|\bpay\s+(?:half|part|some|a\s+bit)\s+(?:of\s+it\s+)?now\s+and\s+(?:the\s+rest|half"
        r"|the\s+other"
        r"\s+half|the\s+remainder|some|the\s+balance)"
        r"|\b(?:set\s+up|arrange|have|do|make|pay\s+(?:by|in))\s+(?:some\s+|monthly\s+|weekly\s+)*"
        r"instal?ments\b"
        r"|\barrange\s+something\b"
        r"|\b(?:agree|set\s+up|arrange|work\s+out)\s+(?:a\s+"
        r"|some\s+(?:kind\s+of\s+)?)?(?:payment\s+"
        r"|repayment\s+)?(?:schedule|timetable)\b"
        r"|\bflexib\w+\s+(?:on|with|around|about|over)\s+(?:when|the|my|our|how)\b"
        r"|\bspread\s+(?:it|the|my|our|this|what i owe|what we owe)\b(?:\s+\w+){0,3}?\s+(?:over"
        r"|across|out)\b|\bspread\s+(?:it|the\s+(?:cost|bill|balance|arrears|payments?))\s*[?.!]"
        r"|\ba\s+way\s+to\s+spread\b"
        r"|\bpay\s+(?:it|the\s+\w+|this|that|them)\s+(?:down|off|back)\s+(?:slowly|gradually"
        r"|over\s+time"
        r"|bit\s+by\s+bit|in\s+(?:small|smaller))"
        r"|\bspread\s+(?:[\w']+\s+){0,4}?over\s+(?:a\s+few|several|\d+|two|three|four|six|twelve"
        r"|the\s+next|a\s+couple)\b"
        r"|\b(?:stagger|spread|split|break\s+up)\s+(?:the\s+|my\s+|our\s+|this\s+)?(?:\w+\s+){0,3}?"
        r"(?:payments?|bill|balance|cost|amount|fee)\s+(?:over|across|into)\b"
        r"|\bpay\s+(?:what\s+(?:i|we)\s+owe|it|the\s+balance|the\s+rest|the\s+bill|the\s+arrears"
        r"|off\s+the\s+\w+)\s+(?:in\s+(?:small|smaller|little)\s+(?:amounts|bits|chunks)"
        r"|bit\s+by\s+bit"
        r"|over\s+(?:the\s+next|a\s+few|several|\d+))"
        r"|\barrange\s+(?:to\s+pay|a\s+(?:payment|repayment))"
        r"|\b(?:can|could)\s+(?:they|it|these|the\s+payments?|my\s+payments?)\s+be\s+(?:lowered|reduced"
        r"|spread|split|paused|deferred|postponed)\b"
        r"|\b(?:cheaper|lower|smaller|reduced)\s+(?:monthly\s+|weekly\s+|minimum\s+)?(?:direct\s+debit"
        r"|instal?ments?"
        r"|plan|tariff|package"
        r"|rate|payment|amount|bill)s?\b"
        r"|\bsomething\s+cheaper\b"
        r"|\b(?:lower|reduce|reducing|lowering)\s+(?:my|the|our)\s+(?:monthly\s+)?(?:payments?"
        r"|installments?)"
        r"|\b(?:lower|reduce|reducing|lowering)\s+(?:them|it)\s+(?:for\s+a\s+(?:while|bit"
        r"|few\s+months)"
        r"|temporarily|until)"
        r"|\b(?:waive|not\s+charge|don't\s+charge|skip)\s+(?:me\s+)?(?:the\s+|a\s+)?late\s+(?:fee"
        r"|charge|payment\s+fee)s?\b(?:\s+\w+){0,2}?\s+(?:this\s+(?:once|time|month)|just\s+once)"
        r"|\bincome[- ]based\s+repayment|\bsettle(?:ment)?\s+(?:for\s+less|offer)"
        r"|\bsettle\w*\s+(?:\w+\s+){0,4}?for\s+(?:\S+\s+){0,3}?(?:less|a reduced|a lower"
        r"|pennies|a fraction)"
        r"|\bpay\s+what\s+(?:i|we)\s+(?:can|am able|are able)"
        r"|\bset\s+up\s+(?:an?\s+|the\s+)?(?:payment\s+|repayment\s+)?(?:arrangement|agreement)\b"
        rf"|\b(?:arrangement|agreement)\s+(?:of|for)\s+{MONEY}\s+(?:a|per|each|every)\s+(?:month"
        rf"|week)",
    ),
    # Room to breathe, a date pushed back, time until the end of the month or payday.
    (
        "hardship",
        "extension",
        "plain",
        r"\bbreathing\s+(?:room|space)\b"
        r"|\b(?:give|allow|grant)\s+(?:me|us)\s+(?:some|a\s+bit\s+of|a\s+little|more|extra|a\s+few"
        r"|a\s+couple\s+of)\s+(?:more\s+)?(?:time|days|weeks)\b"
        r"|\b(?:hold\s+off|wait)\s+(?:\w+\s+){0,2}?(?:before\s+)?chasing\b"
        r"|\b(?:top[- ]?up|loan|advance|credit)\s+(?:\w+\s+){0,2}?(?:i|we)\s+(?:can"
        r"|could)\s+pay\s+back\b"
        r"|\b(?:payments?|repayments?|renewal|bill|due\s+date|direct\s+debit|instal?ments?)\b"
        r"(?:\s+\S+){0,5}?\s+(?:be\s+|being\s+|get\s+)?(?:pushed|put|moved)\s+back\b"
        r"|\b(?:could|can|may)\s+(?:i|we)\s+(?:have|get)\s+(?:\w+\s+){0,2}?(?:until|till|til"
        r"|'til)\s+"
        r"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:month|week)|payday|next\s+(?:week|month|friday"
        r"|payday))\b"
        rf"|\b(?:i|we)\s+(?:can|could)\s+(?:only\s+)?(?:manage|afford|stretch\s+to"
        rf"|do)\s+(?:about\s+"
        rf"|around\s+|roughly\s+|maybe\s+|up\s+to\s+)?{MONEY}",
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
        r"|\bpay\s+(?:it|this|the\s+rest|the\s+balance|the\s+bill)\s+later\b"
        r"|\b(?:i|we)\s+can\s+(?:only\s+)?pay\s+(?:only\s+)?(?:\S+\s+){1,2}?instead\s+of\b"
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
        r"|\b(?:freeze|pause|suspend)\s+(?:my\s+|the\s+|our\s+)?(?:account|payments?|plan"
        r"|subscription"
        r"|billing|bill|direct debit)\s+(?:for|until)\b"
        r"|\b(?:move|moved|change|changed|push(?:ed)?\s+back)\s+(?:the|my|our)\s+(?:payment|due"
        r"|billing|direct debit)\s+date"
        r"|\b(?:can't|cannot|can not|won't be able to)\s+pay\s+(?:\w+\s+){0,3}?until\b"
        r"|\b(?:any\s+way|possible|could\s+you|can\s+you|can\s+i|could\s+i|can\s+we"
        r"|could\s+we)\s+(?:to\s+)?(?:push|move|delay|put\s+off|hold\s+off)\s+(?:it|this"
        r"|the\s+bill|the\s+payment|the\s+due\s+date|my\s+payment)\b"
        r"|\b(?:another|an extra|extra|more|additional|a few more|a couple more|a few|a couple of"
        r"|\d+|two|three|four|few)\s+(?:more\s+|extra\s+)?(?:days?|weeks?|months?)'?s?\s+"
        r"(?:to\s+pay|grace|to\s+(?:settle|clear|catch up))",
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
        r"|\b(?:any|some)\s+(?:support|help|assistance)\s+(?:with|for|paying)\b"
        r"|\b(?:any|some)\s+(?:\w+\s+){0,2}?(?:help|assistance|support)\s+(?:that\s+)?(?:you|your"
        r"\s+\w+)\s+(?:can|could)\s+(?:provide|give|offer)\b"
        r"|\b(?:get|getting|got|seek\w*|sought|obtain\w*|tried\s+(?:to\s+get|for))\s+(?:a|an"
        r"|the)\s+"
        r"(?:loan\s+|mortgage\s+)?modification"
        r"|\b(?:short sale|short payoff|deed in lieu|loss mitigation|cash for keys)\b"
        r"|\bhardship\s+(?:discount|fund|scheme|tariff|team|department|grant|arrangement|agreement"
        r"|options?|relief|request|application)"
        r"|\bsocial\s+tariff",
    ),
    # A plea for help or for options: with a cause or arrears, it is asking for a way through.
    (
        "hardship",
        "assistance",
        "plain",
        r"\bplease\s+help(?:\s+(?:me|us|my family|our family))?\s*(?:[.!,;]|$|\b(?:i|we)\b)"
        r"|\b(?:please\s+)?help\s+(?:me|us)\s+(?:to\s+)?(?:keep|save|stay|get\s+(?:back|through"
        r"|out))"
        r"|\bi\s+(?:really\s+)?need\s+(?:some\s+)?help\s*(?:[.!,;]|$|\b(?:paying|with\s+(?:my|the"
        r"|these"
        r"|our)\s+(?:bills?|payments?|debts?|loans?|mortgage|rent|arrears)))"
        r"|\b(?:anything|something)\s+(?:you|that you|your team)\s+can\s+do\b"
        r"|\bwhat\s+(?:help|support|assistance)\s+(?:is|are|do\s+you\s+have|can\s+(?:i|we))\b"
        r"|\b(?:what|which|any)\s+(?:type\s+of\s+|kind\s+of\s+)?options\s+(?:do\s+)?"
        r"(?:i|we|are there)\b|\bwhat\s+are\s+my\s+options\b"
        r"|\b(?:are\s+there|is\s+there|do\s+you\s+have|have\s+you\s+got)\s+any\s+(?:\w+\s+)?"
        r"(?:options|schemes?|support)\s*(?:[?.!]|$|for\s+(?:people|customers))",
    ),
)

# What says the customer *can* pay: current on payments, never behind, can afford it now; and
# what says the cause is behind them ("back at work", "working again").
CAN_PAY: tuple[tuple[str, str, str, str], ...] = (
    (
        "can_pay",
        "current",
        "plain",
        r"\b(?:i|we)(?:'m|'re|'ve been|\s+am|\s+are|\s+have been)\s+(?:now\s+|still\s+|always\s+"
        r"|fully\s+)?(?:current|up to date|caught up)\b"
        r"|\b(?:have|has)\s+been\s+current\b"
        r"|\b(?:brought|got|bring|get)\s+(?:it|them|the\s+(?:account|loan|mortgage|payments?)"
        r"|my\s+\w+)\s+"
        r"(?:completely\s+|fully\s+|back\s+)?(?:current|up\s+to\s+date)\b"
        r"|\bpaid\s+on\s+time\s+(?:every|each|ever)\b|\b(?:made"
        r"|paid)\s+every\s+(?:single\s+)?payment\b"
        r"|\b(?:caught|brought|got)\s+(?:it|them|the\s+(?:account|loan|payments?|arrears)"
        r"|everything"
        r"|things)\s+(?:back\s+)?up(?:\s+to\s+date)?\b"
        r"|\bcaught\s+up\s+(?:on|with)\s+(?:the|my|our|all)\b"
        r"|\b(?:now|since)\s+(?:been\s+)?(?:fully\s+)?paid\s+(?:it\s+|them\s+)?off\b"
        r"|\b(?:it's|it\s+is|it\s+has\s+been|is\s+now)\s+(?:now\s+|all\s+|fully\s+)*paid\s+off\b"
        r"|\b(?:still|always|continue to be|continued|continue)\s+(?:making|paying|make|pay|made"
        r"|paid)\s+(?:all\s+|every\s+|each\s+|my\s+|our\s+|the\s+|regular\s+|monthly\s+)*"
        r"(?:payments?|installments?|instalments?|bills?)\b",
    ),
    (
        "can_pay",
        "current",
        "inclusive",
        r"\b(?:i|we)\s+(?:was|were|have|has|'ve)?\s*never\s+(?:been\s+)?(?:late|behind)\b"
        r"|\bnever\s+missed\s+(?:a|any|one)\s+(?:single\s+)?payment"
        r"|\b(?:arrears|delinquen\w+|default|late payments?|missed payments?)\b.{0,80}\b(?:was|were"
        r"|has been|have been)\s+(?:fully\s+|quickly\s+)?(?:rectified|cured|brought current"
        r"|brought up to date)\b",
    ),
    (
        "can_pay",
        "can_afford",
        "plain",
        r"\b(?:i|we)\s+(?:can|could)\s+(?:now\s+|still\s+|easily\s+)?afford\b"
        r"|\bfinancially\s+(?:stable|secure|sound)\b|\bincome\s+is\s+back\b"
        r"|\b(?:i|we)\s+(?:have|had)\s+the\s+(?:necessary\s+)?(?:income|means|funds|money"
        r"|ability)\s+"
        r"to\s+(?:make|pay|cover)\b",
    ),
    (
        "can_pay",
        "recovered",
        "plain",
        r"\b(?:back\s+(?:at|to|in)\s+(?:work|my\s+job)|working\s+(?:full[- ]time\s+)?again"
        r"|(?:found|got|started|have)\s+(?:a\s+)?new\s+job"
        r"|(?:it's|it\s+is|it's\s+now|it\s+is\s+now)\s+(?:all\s+|fully\s+)paid\s+off"
        r"|(?:i'm|i\s+am|we're|we\s+are|now)\s+back\s+on\s+(?:my|our)\s+feet"
        r"|(?:fully\s+)?recovered\s+(?:now|since)|since\s+(?:fully\s+)?recovered)\b"
        r"(?![^.!?]{0,60}\b(?:but|although|though|however)\b)",
    ),
)
