"""Guards: patterns that cancel a detector hit they overlap, in the same sentence.

A guard is ``(key, pattern)``; ``key`` is a category (``billing_error``) or a category and a
kind (``hardship.arrears``). They keep questions about policy ("what is your refund policy?"),
stories about the past ("I asked to speak to a supervisor") and credit-report disputes from
reading as complaints, requests or hardship.
"""

from __future__ import annotations

from .words import CLOSE_V, NARRATED, TALK

__all__ = ["GUARDS"]

# A question about what would happen: begins with "if", "hypothetically", "what if" or "is it
# true", ends with "?" (for "if") and tells nothing that happened.
_HYPOTHETICAL = (
    r"^\W*(?:hypothetically|in\s+theory)\b.*"
    r"|^\W*(?:what\s+if|what\s+happens\s+if|suppose|supposing)\b(?!.*\b(?:because|since|as\s+i"
    r"|lost\s+my|i've|i\s+have\s+been|i\s+was|i\s+got)\b).*"
    r"|^\W*if\b(?![^?]*\b(?:i've|i\s+have|i\s+was|i\s+got|i'd\s+been|you've|you\s+have|you\s+charged"
    r"|was\s+charged|been\s+charged|you\s+took|again|isn't|hasn't|haven't|aren't|wasn't|running"
    r"|already)\b)[^?]*\?\s*$"
    r"|^\W*(?:is\s+it\s+true|is\s+it\s+normal|is\s+that\s+normal)\b(?![^?]*\b(?:i\s+was|i've|i\s+got"
    r"|charged|billed|taken|debited)\b)[^?]*\?\s*$"
)
# Someone else's experience, unless the customer's own case is in the same sentence.
_SOMEONE_ELSE = (
    r"^(?!.*\b(?:i\s+was|i've\s+been|i\s+got|my\s+(?:bill|account|card|statement)|neither\s+did"
    r"\s+mine|mine\s+(?:too|as\s+well)|so\s+was\s+i)\b)"
    r"(?=.*\b(?:my|our|a)\s+(?:friend|neighbou?r|colleague|co-?worker|cousin|brother|sister)"
    r"(?:'s)?\b(?:\s+\w+){0,2}?\s+(?:was|were|got|had|reckons|says|said|thinks|thought|claims"
    r"|never)\b).*"
)
# Said to be resolved, mistaken or for the record, within the sentence; never when the same
# sentence says the problem goes on ("again", "still", "keeps", "never showed up").
_ONGOING = (
    r"(?!.*\b(?:again|still|keeps?|kept|no\s+one|nobody|never\s+(?:showed|came|arrived|turned"
    r"|received|got|fixed|sorted))\b)"
)
_RESOLVED = (
    r"^" + _ONGOING + r"(?:"
    r"(?=.*\b(?:i|we|she|he|they|my\s+\w+)\s+(?:had\s+)?(?:thought|assumed|believed)\b.{0,120}\bbut\b)"
    r"|(?=.*\b(?:turns?\s+out|turned\s+out|my\s+mistake|my\s+bad|my\s+error|i\s+misread|false\s+alarm"
    r"|panic\s+over|ignore\s+my\s+(?:last|previous|earlier)|nothing\s+to\s+do\s+with\s+(?:you|your)"
    r"|no\s+(?:further\s+)?action\s+(?:is\s+)?(?:needed|required)|nothing\s+(?:for\s+(?:us|you)\s+)?to\s+"
    r"(?:do|action)(?!\s+with)|so\s+(?:it's|it\s+is)\s+on\s+file|for\s+(?:the|our)\s+(?:audit|records)"
    r"|this\s+one's\s+closed|hold\s+off\s+on\s+(?:that|the|my)"
    r"|after\s+all(?!\s*,)(?!\s+(?:my|our|the|this|that|these|those|i|we)\b)"
    r"|(?:it's|it\s+is|it\s+was|was|is|came)\s+back\s+(?:now|on\s+now|up\s+now|within|after)"
    r"|all\s+good\s+now|back\s+to\s+normal)\b)"
    r"|(?=.*\b(?:already|have|has|'ve)\s+(?:been\s+)?(?:refunded|credited|reimbursed|reversed)\b"
    r"(?![^.]{0,80}\b(?:but|yet|however)\b))"
    r"|(?=.*\b(?:refund|credit|money)\b(?:(?!n't|\bnot\b|\bnever\b|\bno\b).){0,40}\b(?:received"
    r"|(?:was|is|has\s+been)\s+(?:already\s+)?"
    r"(?:in\s+my\s+account|there|on\s+my\s+(?:card|account|bill)))\b(?![^.]{0,60}\b(?:but|yet"
    r"|however)\b))"
    r"|(?=.*\b(?:appreciate|thanks?\s+(?:for|you\s+for))\s+(?:the\s+)?(?:credit|refund|compensation"
    r"|goodwill)\b(?![^.]{0,80}\b(?:but|however)\b))"
    r").*"
)

GUARDS: tuple[tuple[str, str], ...] = (
    # Questions about policy and prices, not a complaint about something that happened.
    (
        "billing_error",
        r"\brefund(?:s)?\s+polic\w*|\bpolicy\s+(?:on|for|about)\s+refunds?"
        r"|\bmoney[- ]back guarantee"
        r"|\bin\s+(?:what|which)\s+(?:cases|situations|circumstances)\b.*\b(?:refund\w*|money\s+back)"
        r"|\bhow\s+(?:many\s+days|long)\s+do\s+(?:i|we)\s+have\s+to\s+(?:request|ask\s+for|claim|get)\b.*"
        r"|\bcash\s*back\s+(?:bonus|rewards?|offer|card|promotion|points)"
        r"|\b(?:conditions|terms|rules|requirements|eligibility|criteria)\s+(?:for|of|on|about)\s+"
        r"(?:getting\s+|a\s+|being\s+)?(?:refund\w*|reimburs\w*|money\s+back)"
        r"|\brefunds?\s+(?:usually|normally|typically|generally)\b"
        r"|\b(?:usually|normally|typically)\s+take\b",
    ),
    ("wants_human", NARRATED + rf"(?:{TALK}|ask|request|demand)\b"),
    ("cancel_threat", NARRATED + CLOSE_V),
    # "Remove these accounts from my credit file": a dispute about a record, not leaving.
    (
        "cancel_threat",
        r"\b(?:remove|removing|removed|delete|deleting|deleted)\b.{0,60}\bfrom\s+(?:my|the|our)\s+"
        r"(?:credit\s+)?(?:reports?|files?|history|records?|profile)\b",
    ),
    # "Is there a fee if I cancel?": a question about cancelling, not a threat to.
    ("cancel_threat", r"\b(?:if|whether|when)\s+(?:i|we)\s+(?:\w+\s+){0,2}?" + CLOSE_V),
    # "Will I be charged for cancelling?": the price of leaving, asked about.
    (
        "cancel_threat",
        r"\b(?:charged|charge|fees?|cost|costs|penalt(?:y|ies)|pay)\s+(?:\w+\s+){0,2}?for\s+"
        r"(?:\w+\s+)?(?:cancell?ing|closing|terminating|ending|leaving)\b.*",
    ),
    # "Can you explain the charges on my bill?": a polite question, not a disputed fee.
    (
        "billing_error.unexpected_fee",
        r"\b(?:explain|understand|clarify|break\s+down|go\s+through|walk\s+me\s+through)\s+"
        r"(?:the\s+charges\s+on\s+)?(?:my|the|this)\s+(?:latest\s+|last\s+|new\s+|first\s+"
        r"|monthly\s+|current\s+)?(?:bill|invoice|statement)\b",
    ),
    # The company closing something is its action, not the customer threatening to leave.
    (
        "cancel_threat",
        r"\b(?:they|he|she|the company|the bank|no one|nobody"
        r"|someone)\s+(?:\w+\s+){0,2}?(?:would|will|can|could|should"
        r"|must|need|needs|have|has|had|refused|refuse|won't|wouldn't|didn't|did|can't|cannot"
        r"|were|was)\b(?:\s+\w+){0,3}?\s+" + CLOSE_V,
    ),
    ("complaint", NARRATED + r"(?:make|file|lodge|submit|raise)\b"),
    # Late or delinquent *as reported* is a credit-report dispute, not a customer behind on pay.
    (
        "hardship.arrears",
        r"^(?=.*\b(?:report\w*|bureaus?|credit scores?|credit files?|experian|equifax"
        r"|transunion)\b).*",
    ),
    # Late or in default as a record *shows* it ("listed as late"), or the company being
    # delinquent, is a dispute about a record, not the customer's arrears.
    (
        "hardship.arrears",
        r"\b(?:listed|showing|shows|shown|marked|reported|reporting|recorded|reflect\w*|coded"
        r"|flagged)\s+(?:me\s+|it\s+|them\s+|the\s+account\s+|my\s+account\s+)?(?:as\s+)?"
        r"(?:being\s+)?(?:\d+\s+days\s+)?(?:late|behind|delinquent|in default|past due|overdue)\b"
        r"|\b(?:company|bank|lender|servicer|they|it)\s+(?:being|is|was|were|are)\s+delinquent\b",
    ),
    # "The only thing I can afford", "a plan I can afford" say the opposite of being able to pay.
    (
        "can_pay.can_afford",
        r"\b(?:only|all|what|barely|hardly|just|little)\s+(?:thing\s+|things\s+)?(?:that\s+)?(?:i|we)"
        r"\s+(?:can|could)\s+(?:\w+\s+)?afford"
        r"|\b(?:plan|arrangement|amount|payment|payments|something|terms?|figure|sum)\s+(?:that\s+)?(?:i|we)\s+"
        r"(?:can|could)\s+(?:actually\s+|realistically\s+|genuinely\s+)?afford",
    ),
    # A plan to pay for something new is buying on credit, not struggling.
    (
        "hardship.payment_plan",
        r"\b(?:payment\s+plan|instal?l?ments?|split\s+the\s+(?:payment|cost)|spread\s+the\s+cost)\b"
        r".{0,40}\bfor\s+(?:a|the|my|our)\s+new\b",
    ),
    # A telephone extension is not more time to pay; nor is a collector asking what the
    # customer could pay ("she asked if I could do $50").
    (
        "hardship.extension",
        r"\bextension\s+(?:number|no\b|#|\d)|\b(?:phone|telephone|direct)\s+extension\b"
        r"|\b(?:she|he|they|someone|the\s+\w+)\s+(?:then\s+|also\s+)?(?:asked|asks|asking)\s+(?:me\s+|us\s+)?"
        r"(?:if|whether)\s+(?:i|we)\s+(?:can|could)\s+(?:\w+\s+){0,3}",
    ),
    # Hardship the customer says an error *would* cause, or someone else's, is not theirs now.
    (
        "hardship.financial_hardship",
        r"\b(?:would|will|could|might)\s+(?:\w+\s+){0,3}?(?:cause|create|put|be)\b.{0,40}\bhardship"
        r"|\bhardship\s+(?:for|on)\s+(?:the|them|it|a|an)\b"
        r"|\bhardship\s+(?:it|this|that)\s+(?:would|will|could|might)\b"
        # ...or says the company's error caused: the correction resolves it.
        r"|\b(?:causing|caused|causes|cause)\s+(?:me|us|my family)\s+(?:\w+\s+){0,2}?hardship",
    ),
    # A refund already made is not a refund owed ("I was refunded last week").
    (
        "billing_error.refund_owed",
        # ...unless what follows says it has not arrived ("it says refunded, but nothing came").
        r"\b(?:was|were|been|got|already|finally)\s+(?:fully\s+|already\s+"
        r"|finally\s+)?(?:refunded|reimbursed)\b(?![^.]{0,80}\b(?:but|yet|however)\b)"
        r"|\b(?:refund|compensation|reimburse?ment)\w*\b(?:(?!n't|\b(?:not|never|no|yet|still|hasnt|havent|hadnt|didnt|isnt|wasnt|should|supposed|meant"
        r"|expected|due)\b).){0,40}\b(?:arrived"
        r"|came through|has come through|went through|showed up|landed|cleared)\b"
        r"|\b(?:thanks?|thank you)\s+(?:\w+\s+){0,3}?(?:the|my|this|that)\s+refund"
        # ...nor is a tax refund, which the company never owed.
        r"|\b(?:tax|irs|hmrc|government|stimulus)\s+refunds?\b",
    ),
    # A charge that came as agreed, or one a friend had: not an error on this account.
    (
        "billing_error",
        r"\b(?:charged|billed|debited|taken|came\s+out|went\s+out|renewed|collected)\b"
        r"(?:\s+(?!(?:instead|not|twice|double|more|extra|wrong|again|but)\b)\S+){0,6}?"
        r"\s+as\s+(?:expected|agreed|planned|scheduled|arranged)\b(?!\s*\?)"
        r"|^(?=.*\b(?:friend|neighbou?r|sister|brother|colleague|co-?worker|cousin)\s+(?:said|says"
        r"|told\s+me|mentioned)\s+(?:that\s+)?(?:she|he|they|his|her|their)\b).*",
    ),
    # Someone else's bad experience, told to ask about one's own: "my friend was overcharged,
    # should I be worried?", "our neighbour's engineer never showed up".
    ("billing_error", _SOMEONE_ELSE),
    ("service_failure", _SOMEONE_ELSE),
    # A question about how things work, or what would happen if: "if a train is cancelled, how
    # does the refund process work?", "hypothetically, if I lost my job...", "is it true you
    # refund the delivery charge?", "what's the fee for sending money abroad?".
    (
        "billing_error",
        _HYPOTHETICAL,
    ),
    ("service_failure", _HYPOTHETICAL),
    ("hardship", _HYPOTHETICAL),
    (
        "billing_error",
        r"\bhow\s+(?:do|does)\s+(?:\w+\s+){0,2}?(?:refunds?|fees?|charges?|compensation|process)\s+work\b"
        r"|\b(?:do|does|would|will)\s+(?:\w+\s+){0,3}?(?:get\s+)?refunded\s+if\b"
        r"|^\W*is\s+there\s+(?:a|any)\s+(?:\w+\s+)?refund\b[^.!]*\?"
        r"|\bwhat(?:'s|\s+is|s)\s+the\s+(?:\w+\s+){0,2}?(?:fee|charge|cost|price)s?\s+(?:for|if|to|when)\b"
        r"(?![^.!?]*\b(?:charged|billed|taken|debited|took)\b)",
    ),
    # Told as already put right, taken back or shared for the record: "I thought I'd been
    # charged twice but it was a pending payment", "no need for a refund after all", "the
    # double charge was credited back in April, no action needed".
    (
        "billing_error",
        _RESOLVED,
    ),
    ("service_failure", _RESOLVED),
    # A price rise the customer accepts, or is told about ahead: not a billing error.
    (
        "billing_error.unexpected_fee",
        r"^(?=.*\b(?:makes\s+sense|that's\s+fine|that\s+is\s+fine|which\s+is\s+fine|i\s+understand"
        r"|fair\s+enough|no\s+problem|i\s+knew|which\s+i\s+knew|i\s+accept)\b)"
        r"(?!.*\b(?:but|without\s+(?:warning|notice|telling))\b).*"
        r"|\b(?:going\s+up|will\s+go\s+up|is\s+rising|will\s+rise|increasing)\b.{0,30}\bfrom\s+(?:the\s+)?"
        r"(?:\d|next|january|february|march|april|may|june|july|august|september|october|november"
        r"|december)",
    ),
    # "The refund for last month's duplicate payment arrived": an error already put right.
    (
        "billing_error",
        r"\b(?:refund|credit|money)\s+for\s+(?:(?!never\b|not\b|\S*n't\b)\S+\s+){0,5}?(?:has\s+)?"
        r"(?:arrived|came\s+through"
        r"|come\s+through|landed|showed\s+up|cleared)\b",
    ),
    (
        "billing_error",
        r"\b(?:status|track\w*)\s+(?:of\s+)?(?:my\s+|the\s+)?(?:refund|reimburs)\w*|\brefund\s+status\b"
        r"|\b(?:check\w*|confirm\w*)\s+(?:if\s+|whether\s+|that\s+|on\s+)?(?:the\s+|my\s+)?refund\w*"
        r"\b(?:(?!n't|\b(?:not|still|yet|never)\b).){0,40}"
        r"\b(?:processed|issued|sent|gone through)\b",
    ),
    (
        "billing_error",
        r"\b(?:if|when|before)\s+i\s+(?:get|ask for|request|make|incur)\b.{0,30}\b(?:refund\w*"
        r"|fees?)\b"
        r"|\bwhat\s+(?:is|are)\s+the\s+(?:cost|price|rate)s?\s+(?:for|of)\b",
    ),
    (
        "billing_error",
        r"^\W*(?:is there|are there|will there|will (?:i|it|a|my|you)|would there"
        r"|how much (?:is|are|does|do|will|would)|do you charge|does it cost|what (?:will"
        r"|would) it cost)\b"
        r"(?!.*\b(?:charged|billed|debited|took|taken|was|were|did|got|twice)\b).*",
    ),
    # The general outage shape: not in a question, a blip that came back, or a warning.
    (
        "service_failure.service_down",
        r"^(?=[^?]*\?\s*$).*"
        r"|^(?=.*\b(?:came back|back up|back on|working again|back to normal|fixed now|sorted now"
        r"|resolved now|all good now)\b).*"
        r"|\b(?:will|would|might|could|may)\s+(?:\w+\s+)?(?:be\s+)?(?:cut off|go(?:ing)?\s+down"
        r"|disconnected|stopped|down|offline|unavailable)\b.*",
    ),
    # A planned outage forwarded, or asking whether something is down, is not reporting one.
    (
        "service_failure",
        r"\b(?:will|would|might|may)\s+be\s+(?:down|offline|unavailable)\b.{0,60}\b(?:scheduled"
        r"|planned|maintenance|upgrade|upgrades|works)\b"
        r"|^\W*(?:is|are)\s+(?:the|your|my)\s+(?:\w+\s+)?(?:down|out|offline|not\s+working)\b[^.!]*\?",
    ),
    # Asking whether there is an outage, or whether it is fixed yet, is not reporting one.
    (
        "service_failure",
        r"\b(?:is|are|has|have)\s+(?:the|that|this|there\s+(?:an?|any))\s+(?:\w+\s+){0,2}?"
        r"(?:outages?|issues?|problems?|faults?|incidents?)\b[^.!]*\?",
    ),
    (
        "service_failure",
        r"^\W*(?:is|are)\s+(?:there\s+)?(?:an?\s+|any\s+|the\s+)?(?:known\s+|current\s+)?"
        r"(?:outages?|issues?|problems?|faults?)\b.*",
    ),
)
