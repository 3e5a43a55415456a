"""What the customer asks for or threatens: to leave, a person or a manager, a formal complaint.

Also what they tell us about repeat contacts ("this is the third time").
"""

from __future__ import annotations

from .words import ACCOUNT_N, CLOSE_V, PERSON, TALK, TALKING

__all__ = ["INTENTS"]

INTENTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "cancel_threat",
        "close_account",
        "plain",
        rf"\b{CLOSE_V}\s+(?:out\s+)?(?:my|the|this|our|a|an|all\s+(?:of\s+)?my|your"
        rf"|these)?\s*(?:\w+\s+){{0,2}}?{ACCOUNT_N}\b(?!\s+(?:to|for|with)\s+(?:the"
        r"|your)\s+newsletter)",
    ),
    (
        "cancel_threat",
        "close_account",
        "plain",
        r"\b(?:cancell?ations?|removal|deletion|termination|closure|closing|cancelling"
        rf"|canceling)\s+of\s+(?:my|the|a|an|this|our)\s+(?:\w+\s+){{0,2}}?{ACCOUNT_N}\b"
        rf"|\b{ACCOUNT_N}\s+(?:cancell?ations?|removal|deletion|termination|closure)",
    ),
    (
        "cancel_threat",
        "close_account",
        "inclusive",
        r"\b(?:don't|do not|no longer)\s+(?:want|need)\s+(?:the|my|this|your"
        rf"|a)\s+(?:\w+\s+)?{ACCOUNT_N}\b"
        rf"|\baccount\b.{{0,40}}\b(?:delete|close|cancel|remove|terminate)\s+it\b",
    ),
    (
        "cancel_threat",
        "leave",
        "plain",
        r"\b(?:switch\w*|mov(?:e|ing)|go(?:ing)?|leav(?:e|ing)|tak(?:e|ing) my (?:business"
        r"|money|custom))\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:a\s+|another\s+|your\s+)?(?:competitors?"
        r"|(?:another|the\s+other|a\s+different|other) (?:provider|company|bank|carrier|supplier"
        r"|vendor"
        r"|network|operator|firm|platform)"
        r"|elsewhere|somewhere else|someone else|anyone else|anybody else)",
    ),
    (
        "cancel_threat",
        "leave",
        "plain",
        r"\b(?:done|finished|through)\s+with\s+(?:you|your company|this company|your service"
        r"|this service|this bank|your bank|this app|you guys|you lot|you people)\b"
        rf"|\bshut\s+(?:my|the|our)\s+(?:\w+\s+)?{ACCOUNT_N}\s+down\b"
        r"|\bnever\s+(?:use|do business with|buy from|recommend)\s+(?:you|your)\b"
        r"|\bleav(?:e|ing)\s+(?:you|your company|this company|the bank|this bank|your bank)\b"
        r"|\bport(?:ing)?\s+(?:my|our)\s+numbers?"
        r"|\btak(?:e|ing)\s+(?:my|our)\s+(?:business|money|custom)\s+(?:to|elsewhere)\b"
        r"|\b(?:pac|stac|porting|port[- ]out)\s+(?:code|number|authori[sz]ation)\b"
        r"|\b(?:let|get|release)\s+(?:me|us)\s+out\s+of\s+(?:my|our|the|this)\s+(?:\w+\s+)?contract"
        r"|\b(?:cancel|close|terminate|stop)\s+(?:everything|it all|all of it|all my \w+)\b"
        r"|\b(?:i've|i have|we've|we have)\s+had\s+enough\b"
        r"|\b(?:looking at|looking for|considering|shopping around for|comparing)\s+(?:other"
        r"|another|different)\s+(?:providers?|companies|company|suppliers?|carriers?|banks?)"
        r"|\b(?:had\s+it|fed\s+up)\s+(?:up\s+to\s+here\s+)?with\s+(?:you|your\s+company"
        r"|this\s+company|your\s+service)"
        r"|\bor\s+(?:i'm|i am|we're|we are|i'll|we'll|i will|we will)\s+(?:be\s+)?(?:off|leaving"
        r"|going|switching|moving|gone|cancell?ing)\b"
        r"|\b(?:i'm|i am|we're|we are)\s+(?:cancell?ing|leaving|quitting|terminating|switching)\s*"
        r"(?:[.!]|$|today\b|now\b|my\b|our\b|the\b|this\b)"
        r"|\b(?:want|going|need|would like|'d like|wish|have decided)\s+to\s+(?:cancel|leave|quit"
        r"|terminate)\s*(?:[.!]|$|now\b|today\b|immediately\b)"
        r"|\b(?:i'm|i am|we're|we are)\s+(?:so\s+|just\s+|totally\s+)?done\s*(?:[.!]|$)"
        r"|\b(?:i|we)\s+(?:will|'ll|am\s+going\s+to|are\s+going\s+to|shall)\s+(?:\w+\s+)?(?:cancel"
        r"|leave|quit|terminate)\s*(?:[.!,]|$|and\s+(?:go|switch|move|take)|everything|my\s+(?:account"
        r"|contract|subscription|membership|plan|policy)|your\s+(?:service|company|bank|app))",
    ),
    (
        "cancel_threat",
        "leave",
        "plain",
        r"\b(?:thinking|thought|think)\s+(?:of|about)\s+(?:leaving|switching|cancell?ing|moving"
        r"|going elsewhere|taking my business)"
        r"|\b(?:seriously\s+)?considering\s+(?:leaving|switching|cancell?ing|moving)"
        r"|\bplease\s+cancel\s*(?:[.!,]|$|and\b|everything\b|now\b|immediately\b|asap\b)",
    ),
    # -- wants a human, a manager ------------------------------------------------------------
    (
        "wants_human",
        "human",
        "plain",
        rf"\b(?:{TALK}|{TALKING})\s+(?:me\s+)?(?:on\s+to|onto|with|to|through to|through with"
        rf"|me to|me with|over to)?\s*{PERSON}\b"
        rf"|\b(?:ask|request|get|want|need)\s+(?:\w+\s+){{0,3}}?from\s+{PERSON}\b"
        rf"|\b(?:{TALK}|{TALKING})\s+(?:w|w/)\s+{PERSON}\b"
        r"|\b(?:be|get|getting|being)\s+(?:connected|transferred|put\s+through|passed"
        r"|handed\s+over)"
        rf"\s+(?:on\s+)?to\s+{PERSON}\b|\bin\s+touch\s+with\s+{PERSON}\b"
        rf"|\bno\s+way\s+to\s+(?:reach|talk\s+to|speak\s+to|contact|get\s+hold\s+of)\s+{PERSON}\b"
        r"|\b(?:hand|pass|transfer|put)\s+me\s+(?:over\s+|through\s+|on\s+)?to\s+(?:your\s+"
        r"|the\s+)?"
        r"(?:customer\s+)?(?:support|service|care)(?:\s+team)?\b"
        r"|\b(?:put|get)\s+(?:me|us)\s+in\s+touch\s+with\s+(?:your\s+|the\s+|a\s+)?(?:\w+\s+)?"
        r"(?:relations|complaints?|escalations?|management|retention|resolution)\s+(?:team"
        r"|department"
        r"|manager)",
    ),
    (
        "wants_human",
        "human",
        "plain",
        r"\b(?:give|get|find)\s+me\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+)?(?:human|person"
        r"|manager|supervisor|someone|somebody)"
        r"|\b(?:human|person|manager|supervisor|agent|operator)\s*,?\s+(?:please|pls|plz)\b"
        r"|\b(?:let me|can i|could i|may i|i want to|i need to|i'd like to)\s+(?:talk"
        r"|speak)\b(?!\s+(?:with|to)\s+(?:\w+\s+)?(?:customer|your customer)\s+(?:service"
        r"|support|assistance|care))",
    ),
    (
        "wants_human",
        "manager",
        "plain",
        r"\b(?:escalate|escalating)\s+(?:this|my|the)\s+(?:\w+\s+)?(?:case|ticket|complaint"
        r"|issue|problem|matter)"
        r"|\b(?:escalate|escalating)\s+(?:this|it|my\s+\w+)\s+(?:to|up)\b"
        r"|\b(?:please\s+)?escalate\s+(?:this|it|my\s+\w+)\s*(?:[.!,;]|$|now\b|immediately\b"
        r"|please\b|asap\b|or\b)"
        r"|\b(?:want|need|would like|'d like)\s+(?:this|it|my\s+\w+)\s+escalated"
        r"|\b(?:need|want|prefer|like|rather\s+have|get)\s+(?:to\s+(?:have|get)\s+)?(?:a|an"
        r"|one\s+of\s+(?:them|you|your\s+staff))\s+(?:real\s+|actual\s+|live\s+|proper\s+)?"
        r"(?:human|person|manager|supervisor|operator|agent|representative|rep|adviser|advisor)\b"
        r"|\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:real\s+|actual\s+|live\s+)?(?:person|human"
        r"|people"
        r"|humans|one)\s+(?:\w+\s+){0,3}?(?:talk|chat|speak)\b"
        r"|\b(?:can|could|would|will|please|want|need|like|get)\s+(?:\w+\s+){0,2}?(?:someone"
        r"|somebody|a person|an agent|a manager|a supervisor|a colleague(?:\s+of\s+yours)?)\s+"
        r"(?:to\s+)?(?:ring|call|phone)\s+"
        r"(?:me|us|\d|back)\b"
        r"|\b(?:like|want|need|ask|expect)\s+(?:the|your|a)\s+(?:\w+\s+)?(?:manager|supervisor"
        r"|team\s+leader"
        r"|director|head\s+of\s+\w+)\s+to\s+(?:phone|call|ring|contact|email|write\s+to"
        r"|get\s+back\s+to)\b"
        r"|\bwith\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+|live\s+)?(?:person|human)\b"
        r"|\b(?:want|need|demand|request|ask for|asking for)\s+(?:a|your|the)\s+(?:senior\s+"
        r"|more\s+senior\s+|duty\s+|line\s+|floor\s+|branch\s+|store\s+|area\s+|general\s+)?"
        r"(?:manager|supervisor|superior)"
        r"|\b(?:can|could|would|will|please|want|need|demand|get|like|ask\s+for|asking\s+for"
        r"|speak\s+(?:to|with)|talk\s+(?:to|with)|through\s+to|on\s+to|pass\s+me\s+to|by|sent\s+to"
        r"|passed\s+to|forwarded\s+to|escalated\s+to|passed\s+on\s+to)\s+"
        r"(?:\w+\s+){0,2}?(?:someone|somebody|a person)\s+(?:actually\s+"
        r"|really\s+)?(?:more\s+)?(?:senior"
        r"|in charge"
        r"|higher up|with\s+(?:more\s+|real\s+|the\s+|actual\s+|proper\s+|some\s+)?authority"
        r"|from management|in management)\b",
    ),
    (
        "wants_human",
        "manager",
        "plain",
        r"\b(?:is|isn't)\s+there\s+(?:anyone|anybody|someone|somebody)\b.{0,30}\b(?:authority"
        r"|in\s+charge|senior|more\s+senior|competent)\b"
        r"|\b(?:reviewed|looked\s+at|handled|dealt\s+with|call(?:back|ed\s+back)?|ring|phoned)\s+"
        r"(?:\w+\s+)?(?:by|from)\s+(?:a|your|the|his|her|their)\s+(?:team\s+lead(?:er)?|boss"
        r"|line\s+manager|senior\s+manager)\b"
        r"|\b(?:want|need|demand|request|get\s+me)\s+(?:a|your|the|his|her|their)\s+"
        r"(?:team\s+lead(?:er)?|boss|line\s+manager|senior\s+manager)\b",
    ),
    (
        "wants_human",
        "bot_frustration",
        "plain",
        r"\b(?:bots?|machines?|robots?|automated\s+\w+|virtual agents?)\s+(?:is"
        r"|are)\s+(?:\w+\s+)?(?:stupid|useless|dumb|pointless|not helping|no help)"
        r"|\b(?:talking|sharing|chatting|speaking|dealing)\b.{0,40}\b(?:with|to)\s+(?:a"
        r"|the)\s+(?:machine|bot|robot)"
        r"|\bstop\s+talking\s+to\s+(?:bots|a bot|machines|a machine|robots)"
        r"|\b(?:bot|chatbot|machine|robot|automated system)\s+(?:doesn't|does not|doesnt|can't"
        r"|cannot|won't)\s+(?:understand|help)",
    ),
    # -- formal complaints and legal threats -------------------------------------------------
    (
        "complaint",
        "complaint",
        "plain",
        r"\bformally\s+(?:complain|object|protest|appeal|dispute)|\bcomplain\s+formally"
        r"|\b(?:who|where)\s+(?:do|can|should)\s+(?:i|we)\s+complain\b"
        r"|\bhow\s+(?:do|can)\s+(?:i|we)\s+(?:make|file|lodge|raise)\s+a\s+complaint"
        r"|\bcomplaints?\s+(?:department|team|procedure"
        r"|process)",
    ),
    (
        "complaint",
        "legal",
        "plain",
        r"\b(?:passed|handed|sent|forwarded|referred|given|instructed)\s+(?:\w+\s+){0,3}?(?:to\s+)?"
        r"(?:my|our|a)\s+(?:solicitor|lawyer|attorney|legal\s+(?:team|adviser|advisor"
        r"|representative))s?\b"
        r"|\b(?:talking|speaking|spoken|talked)\s+to\s+(?:my|a|our)\s+(?:lawyer|attorney"
        r"|solicitor)s?\s*(?:[.!,]|$|about\s+(?:this|it|you|your|what|how|the\s+way))"
        r"|\b(?:report\w*|take|taking|took)\s+(?:them|him|her)\s+to\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:authority"
        r"|commissioner|ombudsman|regulator|trading\s+standards|attorney\s+general|bbb|court"
        r"|small\s+claims"
        r"|council|commission|bureau)\b"
        r"|\b(?:leav\w+|post\w*|giv\w+)\s+(?:you\s+|them\s+|it\s+)?(?:a\s+)?(?:1|one|zero)"
        r"[- ]?stars?\b"
        r"|\b(?:zero|0|one|1)\s+stars?\s+if\s+i\s+could\b"
        r"|\b(?:disputing|will\s+dispute|going\s+to\s+dispute)\s+(?:it\s+|this\s+)?with\s+(?:my|the)\s+"
        r"(?:bank|card\s+(?:company|issuer)"
        r"|credit\s+card)"
        r"|\b(?:my|our)\s+(?:solicitor|lawyer|attorney)s?\s+(?:will|is\s+going\s+to"
        r"|are\s+going\s+to"
        r"|'ll|shall|is\s+now|are\s+now|has\s+been\s+instructed)\b",
    ),
    (
        "complaint",
        "complaint",
        "plain",
        r"\b(?:treated|logged|recorded|registered|taken|handled|dealt\s+with"
        r"|escalated)\s+as\s+(?:a\s+|an\s+)?"
        r"(?:formal|official)\s+complaint\b"
        r"|\b(?:formal|official)\s+complaint\s+(?:submitted|filed|lodged|made|raised|sent)\b"
        r"|\bto\s+(?:make\s+a\s+)?complain(?:t)?\s+about\b"
        r"|\b(?:nobody|no\s+one|haven't|hasn't|not|never)\b.{0,40}\b(?:responded|replied|answered"
        r"|got\s+back)\s+to\s+(?:my|our)\s+(?:\w+\s+)?complaint",
    ),
    (
        "complaint",
        "complaint",
        "plain",
        r"\b(?:want|need|would\s+like|'d\s+like|wish|demand|request|log|lodge|file|make|raise"
        r"|submit"
        r"|open|register|this\s+is)\s+(?:\w+\s+){0,2}?(?:formal|official)\s+complaint\b",
    ),
    (
        "complaint",
        "complaint",
        "plain",
        r"\b(?:make|file|lodge|submit|raise|register|open|making|filing|lodging|submitting"
        r"|raising)\s+(?:a\s+|an\s+)?(?:formal\s+|official\s+|customer\s+|consumer\s+|bloody\s+"
        r"|goddamn\s+)?(?:complaint|reclamation|reclaqmation|grievance)s?\b"
        r"|\b(?:complaint|claim|reclamation)s?\s+against\s+(?:your|ur|the|this)\b",
    ),
    (
        "complaint",
        "complaint",
        "plain",
        r"\b(?:make|file|lodge|making|filing|lodging)\s+(?:a\s+|as\s+)?(?:customer\s+"
        r"|consumer\s+)?claim\b(?!\s+(?:for|on)\s+(?:the\s+|my\s+)?(?:insurance|refund))"
        r"|\bcomplain(?:ing)?\s+about\s+(?:your|the|this)\s+(?:service|company|staff|agent)"
        r"|\b(?:writing|write|wish|want|would like|'d like|need|going|like)\s+to\s+(?:formally\s+)?"
        r"complain\b|\bwanna\s+complain\b"
        r"|\b(?:have|got)\s+(?:a|another|one)\s+(?:\w+\s+)?complaint\b"
        r"|\b(?:form|way|where|how|place)\s+to\s+(?:complain|file\s+a\s+complaint)\b"
        r"|\b(?:file|log|lodge|submit|report|raise|register)\s+(?:it|this|that)\s+(?:officially"
        r"|formally)\b"
        r"|\b(?:put\s+in|putting\s+in)\s+(?:a\s+|an\s+)?(?:formal\s+|official\s+)?(?:complaint"
        r"|claim"
        r"|grievance)\b"
        r"|\b(?:report|express|voice|register)\s+(?:how\s+|my\s+)?(?:\w+\s+)?(?:dissatisf\w+"
        r"|unhappy|disappointed|displeasure|frustration)",
    ),
    (
        "complaint",
        "legal",
        "plain",
        r"\b(?:will|going to|gonna|i'll|we'll|shall|about to|plan to|intend to|prepared to"
        r"|then i)\s+(?:\w+\s+)?(?:sue|take (?:legal action|you to court)|(?:contact|call"
        r"|speak to|get) (?:my|a) (?:lawyer|attorney|solicitor))\b"
        r"|\b(?:report(?:ing)?\s+(?:you|this|it|your company)|go(?:ing)?|complain(?:ing)?|writ(?:e"
        r"|ing)|escalat(?:e|ing) (?:this|it)|tak(?:e|ing) (?:this|it)|refer(?:r(?:ed|ing))?\s+"
        r"(?:this|it|the\s+matter|my\s+case|you))\s+to\s+(?:the\s+)?(?:caa|ico|fos"
        r"|small\s+claims(?:\s+court)?"
        r"|department\s+of\s+transportation|bbb"
        r"|better business bureau|ftc|fcc|ofcom|ofgem|ofwat|(?:financial\s+|energy\s+"
        r"|telecoms?\s+|communications\s+|banking\s+)?ombudsman|regulator|trading standards"
        r"|attorney general|press|media|newspapers?)"
        r"|\b(?:contact|contacting|call|calling|email|emailing|write to|writing to|involve"
        r"|involving|get|getting)\s+(?:the\s+)?(?:ombudsman|regulator|trading standards|ofcom"
        r"|ofgem|ofwat|fca|financial ombudsman|bbb|better business bureau|ftc|fcc|cfpb"
        r"|consumer protection)\b",
    ),
    # Taking it outside: a chargeback through the bank, or a public review.
    (
        "complaint",
        "legal",
        "plain",
        r"\b(?:dispute|disputing|reverse|reversing|charge back|charging back|chargeback)\s+(?:the"
        r"|this|that|your|the whole)\s+(?:\w+\s+)?(?:charges?|payments?|transactions?|amount)\s+"
        r"(?:with|through|via)\s+(?:my|the)\s+(?:bank|card|credit card|card issuer|card company"
        r"|paypal)"
        r"|\b(?:file|raise|open|do|start|request)\s+(?:a\s+)?(?:chargeback|charge-back|charge back)"
        r"|\b(?:leave|leaving|post|posting|write|writing)\s+(?:a\s+|an\s+)?(?:bad\s+|negative\s+"
        r"|1-star\s+|one-star\s+|terrible\s+|honest\s+)?reviews?\s+(?:everywhere|online|on\s+"
        r"(?:trustpilot|google|yelp|facebook|twitter|social media|every))",
    ),
    # Enforcement sent against the customer: bailiffs at the door is a complaint waiting to happen.
    (
        "complaint",
        "complaint",
        "plain",
        r"\b(?:sent|send|sending|threaten\w*(?:\s+(?:me|us))?\s+with)\s+(?:\w+\s+)?(?:the\s+)?"
        r"(?:bailiffs|enforcement\s+agents?)\b",
    ),
    # The worst the customer has ever had: a complaint in all but name.
    (
        "complaint",
        "complaint",
        "plain",
        r"\bworst\s+(?:customer\s+)?(?:service|company|experience|provider|bank|support"
        r"|customer\s+service)\b.{0,30}\bever\b",
    ),
    # A long-standing customer who feels betrayed is a complaint whatever the words.
    (
        "complaint",
        "complaint",
        "plain",
        r"\b(?:this|that)\s+is\s+how\s+you\s+treat\s+(?:me|us|your|a|loyal|long)"
        r"|\b(?:loyal|long[- ]standing|long[- ]time)\s+customer\b.{0,60}\b(?:and\s+this|treated"
        r"|treat\s+(?:me|us)\s+like)\b"
        r"|\bafter\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|so many)\s+years\b.{0,40}"
        r"\b(?:this is how|treated like|treat me like)",
    ),
    # -- repeat contacts the customer tells us about -----------------------------------------
    (
        "repeat_contact",
        "said_again",
        "plain",
        r"\b(?:third|fourth|fifth|sixth|3rd|4th|5th|6th|nth|umpteenth)\s+(?:time|call|email"
        r"|message|ticket|request|attempt|complaint|outage|failure|problem|issue|incident|mistake"
        r"|error|bill|visit|engineer|technician)s?\b"
        r"|\b(?:called|contacted|emailed|written|asked|chased|messaged|phoned"
        r"|reached out|reported|raised|logged|rung|rang)\s+(?:you\s+|your\s+\w+\s+|this\s+\w+\s+"
        r"|it\s+)?(?:\d+|three|four|five|six|several|many"
        r"|multiple|numerous|countless|so many)\s+times"
        r"|\bhow many (?:more\s+)?times"
        r"|\b(?:two|three|four|five|six|\d+)\s+(?:engineers|technicians|visits|calls|tickets"
        r"|complaints|emails|attempts)\b"
        r"|\b(?:explained|told|repeated|described)\s+(?:it|this|the same \w+|my \w+)\s+to\s+(?:\d+"
        r"|two|three|four|five|six|several|multiple|many|different)\s+(?:different\s+)?(?:agents"
        r"|people|advisors|advisers|staff|times|members)"
        r"|\bkeep\s+(?:having to\s+)?(?:call\w*|contact\w*|chas\w*|email\w*|writ\w*)",
    ),
    (
        "repeat_contact",
        "said_again",
        "inclusive",
        r"\b(?:still|again)\s+(?:not|isn't|hasn't|haven't|no|nothing"
        r"|isn't)\s+(?:been\s+)?(?:fixed|resolved|sorted|working|done|changed)",
    ),
)
