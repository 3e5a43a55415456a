"""Service failures: outages, missed appointments, faulty installations."""

from __future__ import annotations

from .words import DOWN, DURATION, MONEY, SERVICE_N, TECH

__all__ = ["SERVICE_FAILURES"]

_SERVICE = (
    r"(?:internet|broadband|wi-?fi|landline|phone\s+line|connection|signal|tv|tv\s+box|box|app"
    r"|website|portal|platform|server|api|integration|gas|power|electricity|water|heating"
    r"|mobile\s+signal"
    r"|hot\s+water|network|router|modem|card\s+reader|terminal|mobile\s+data)"
)
_FAILING = (
    r"(?:down|dead|offline|(?:is|are|was|were|been|went|gone)\s+(?:out|off)|stopped\s+\w+ing"
    r"|not\s+working|isn't\s+working|wasn't\s+working|hasn't\s+worked|won't\s+(?:work|connect"
    r"|load)|can't\s+connect|crawling|unusable|stuck|frozen|failing|broken|dropping|cutting\s+out"
    r"|unavailable|no\s+longer\s+works?|keeps?\s+crashing|drops|keeps?\s+tripping|tripping"
    r"|on\s+and\s+off|disappeared|vanished)"
)

SERVICE_FAILURES: tuple[tuple[str, str, str, str], ...] = (
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:outages?|service interruptions?|blackouts?|downtime)\b",
    ),
    (
        "service_failure",
        "outage",
        "plain",
        rf"\b{SERVICE_N}\s+(?:has\s+|have\s+|had\s+)?(?:is\s+|was\s+|been\s+|went\s+|goes\s+"
        rf"|keeps?\s+going\s+|keeps?\s+dropping\s+|keeps?\s+)?(?:still\s+|completely\s+"
        rf"|totally\s+|fully\s+|just\s+)?{DOWN}",
    ),
    (
        "service_failure",
        "outage",
        "plain",
        rf"\b(?:down|offline|out)\s+(?:for|since)\s+(?:{DURATION}|days|hours|weeks|yesterday"
        r"|last\s+\w+|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    ),
    (
        "service_failure",
        "outage",
        "inclusive",
        r"\b(?:no|without|lost|losing)\s+(?:any\s+)?(?:\w+\s+){0,2}?(?:internet|service|signal"
        r"|connection|power|electricity|gas|heating|hot water|water|mobile data|data"
        r"|dial tone|wi-?fi|tv|broadband|phone service|connectivity)\s+(?:\w+\s+){0,3}?(?:for"
        r"|since|in|all)\b"
        r"|\bwithout\s+(?:a\s+|any\s+)?working\s+(?:line|connection|internet|phone|service|wi-?fi"
        r"|broadband|tv)",
    ),
    (
        "service_failure",
        "outage",
        "inclusive",
        r"\b(?:have|has|got|had|with|left with|still)\s+(?:still\s+)?no\s+(?:working\s+)?"
        r"(?:phone\s+line|line|landline|internet|service|signal|connection|power|broadband|wi-?fi|tv"
        r"|phone|electricity|electrics|water|heating|dial tone|mobile signal)\b",
    ),
    (
        "service_failure",
        "outage",
        "plain",
        rf"\b{SERVICE_N}\s+(?:\w+\s+)?(?:has\s+been\s+|is\s+|was\s+|keeps\s+|has\s+)?(?:really\s+|very\s+)?"
        r"(?:patchy|intermittent|unstable|spotty|flaky|dropping|drops|cutting out|cuts out"
        r"|stopped (?:working|syncing|loading|sending|receiving|connecting|updating|responding)"
        r"|went dead|gone dead|died|dead)\b"
        rf"|\b(?:patchy|intermittent|unstable|spotty|flaky)\s+(?:\w+\s+)?{SERVICE_N}",
    ),
    (
        "service_failure",
        "not_delivered",
        "inclusive",
        r"\b(?:paid|paying|pay)\s+for\s+(?:\w+\s+){0,3}?(?:i|we)\s+(?:couldn't|can't|could not"
        r"|cannot|didn't|did not|never)\s+(?:use|watch|get|access|receive)"
        r"|\bpaying\s+for\s+nothing\b"
        rf"|\b(?:paid|paying|pay)\s+(?:{MONEY}\s+)?(?:\w+\s+){{0,5}}?for\s+(?:\w+\s+){{0,4}}?"
        r"(?:that\s+)?(?:i|we)\s+(?:have\s+|has\s+)?(?:clearly\s+|still\s+|obviously\s+)?"
        r"(?:never|didn't|did not|haven't|have not)\s+(?:once\s+|even\s+|actually\s+)?(?:got|get"
        r"|gotten|received|had|used|seen)\b"
        r"|\b(?:paying|paid|pay)\s+for\s+(?:\S+\s+){1,4}?(?:but|and)\s+(?:only\s+)?(?:getting"
        r"|receiving|get|got)\s+(?:\S+\s+)?(?:\d|a\s+fraction|half|nothing|barely)",
    ),
    (
        "service_failure",
        "late_activation",
        "plain",
        r"\b(?:supposed to|meant to|should have|should've|promised to|due to)\s+(?:be\s+|been\s+)?"
        r"(?:live|active|activated|connected|installed|working|switched on|up and running)"
        r"\s+(?:on|by|last|yesterday|this)\b",
    ),
    # "hasn't worked for a week": a failure that lasts, unlike "my card doesn't work".
    (
        "service_failure",
        "outage",
        "inclusive",
        rf"\b{SERVICE_N}\s+(?:has|have|had|is|was)?\s*(?:n't|\s?not|\s?never)\s+(?:been\s+)?work\w*"
        r"\s+(?:properly\s+|at all\s+)?(?:for|since|in)\b"
        r"|\b(?:power|electricity|gas|water|heating)\s+(?:cut|outage|failure|loss)\b"
        r"|\band\s+no\s+(?:heating|power|water|hot water|internet|service|signal|electricity)\b"
        r"|\b(?:power|electricity|gas|water|heating|hot water)\s+(?:has\s+been|is|was|went|been"
        r"|has gone)\s+off\b"
        rf"|\b{SERVICE_N}\s+(?:has\s+been|have\s+been|was|is|went|has\s+gone)\s+off\s+(?:since"
        r"|for|all|again)\b"
        rf"|\b{SERVICE_N}\s+(?:has|have|had)(?:n't|\s+not)\s+been\s+(?:sending|loading|connecting"
        r"|syncing|arriving|coming through|going through|working)\b",
    ),
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:dropping out|drops out|keeps? dropping|cutting out|cuts out|buffering|disconnecting"
        r"|keeps? disconnecting|going down|goes down)\b(?:\s+\w+){0,4}?\s+(?:every|all|for|since"
        r"|constantly|daily|nightly|several times|multiple times)\b",
    ),
    (
        "service_failure",
        "missed_appointment",
        "inclusive",
        rf"\b{TECH}\b(?:\s+[\w']+){{0,8}}?\s+(?:never|didn't|did not|failed to|was a no|doesn't)\s+"
        r"(?:came|come|show|showed|turn(?:ed)? up|arrive|arrived|appear)"
        r"|\b(?:nobody|no one|no-one)\s+(?:ever\s+)?(?:came|turned up|showed up|arrived|showed)\b",
    ),
    (
        "service_failure",
        "missed_appointment",
        "plain",
        r"(?<!\bi )(?<!\bwe )\bmissed\s+(?:the\s+|my\s+|our\s+)?(?:install(?:ation)?\s+"
        r"|repair\s+|service\s+)?appointment"
        r"|\bno[- ]show\b|\bwaited\s+(?:in\s+)?all\s+day\s+for|\bstood\s+(?:me\s+|us\s+)?up\b",
    ),
    (
        "service_failure",
        "faulty_install",
        "plain",
        r"\binstall(?:ed|ation|er)?\s+(?:was\s+|is\s+|it\s+)?(?:done\s+)?(?:wrong|wrongly"
        r"|incorrect(?:ly)?|badly|botched|faulty|improperly|incomplete|not completed|the wrong)"
        r"|\b(?:wrong|botched|faulty|incomplete|failed|bad|shoddy)\s+install(?:ation)?"
        r"|\bset\s*up\s+(?:wrong|incorrectly|badly)"
        r"|\b(?:left|leaving)\s+(?:the\s+job|it|the\s+work|the\s+installation|the\s+install)\s+"
        r"(?:half[- ]done|half[- ]finished|unfinished|incomplete)",
    ),
    (
        "service_failure",
        "faulty_install",
        "inclusive",
        r"\b(?:isn't|is not|wasn't|was not|not|never|hasn't been|has not been)\s+(?:been\s+)?"
        r"(?:set\s*up|installed|connected|fitted|wired)\s+(?:properly|correctly|right)",
    ),
    # The general shape of an outage, whatever the idiom: a service and a failure word within
    # a few words ("the Sky box has been stuck", "our integration stopped syncing", "internet's
    # been crawling"), or "no landline". Questions, blips that came back and warnings of what
    # might happen are guarded against (``service_failure.service_down``).
    (
        "service_failure",
        "service_down",
        "plain",
        rf"\b{_SERVICE}\b(?:\W+\w+){{0,4}}?\W+{_FAILING}\b"
        rf"|\bno\s+(?:working\s+|proper\s+)?{_SERVICE}\b(?!\s+(?:issues?|problems?|faults?)\b)",
    ),
    # A fault on the line or the network, reported and not fixed.
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:line|network|broadband|connection|phone|internet|wi-?fi|signal|recurring"
        r"|intermittent|same)\s+faults?\b"
        r"|\bfaults?\s+(?:on|with)\s+(?:my|the|our)\s+(?:\w+\s+)?(?:line|connection|broadband"
        r"|service|phone|internet|network|meter|boiler)\b",
    ),
    # Service so poor it is a failure: "the speed has been awful for months".
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:speeds?|connection|internet|broadband|wi-?fi|signal|reception|service)(?:\s+|'s\s+)"
        r"(?:has\s+been\s+|have\s+been\s+|been\s+|is\s+|are\s+|was\s+|were\s+|keeps?\s+being\s+)"
        r"(?:\w+\s+)?(?:awful|terrible|appalling|dreadful|shocking|horrendous|atrocious|abysmal"
        r"|unusable|painfully slow|so slow|really slow|very slow|unbearably slow|crawling)\b"
        r"|\b(?:awful|terrible|appalling|dreadful|shocking|horrendous|atrocious|abysmal|unusable)"
        r"\s+(?:speeds?|connection|signal|reception|service)\b",
    ),
    # A screen stuck on black, no picture: the TV or the box is not working.
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:stuck|frozen|froze|freezes)\s+(?:on\s+)?(?:a\s+|the\s+)?(?:black|blank|loading|error"
        r"|white|blue)\s+screen|\bno\s+(?:picture|sound|channels)\b",
    ),
    # Cut off without warning: the company's own disconnection is a failure of service.
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:you|they|you've|they've|your\s+\w+)\s+(?:\w+\s+)?(?:cut off|disconnected|suspended"
        r"|shut off|switched off|blocked|cut)\s+(?:off\s+)?(?:my|our)\s+(?:\w+\s+)?(?:phone|line"
        r"|service|account|internet|broadband|power|gas|water|supply|electricity|card)\b.{0,40}"
        r"\b(?:without\s+(?:any\s+)?(?:warning|notice|telling|notification|reason)|but\s+(?:i|we)"
        r"(?:'m|'re|\s+am|\s+are|\s+have|'ve)?\s+(?:already\s+)?(?:paid|on\s+a\s+payment\s+plan"
        r"|never\s+missed))",
    ),
    # Software that no longer works: unusable, crashing every time, broken since an update.
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:app|application|site|website|platform|system|software|tool|portal|dashboard"
        r"|service|product|account)\s+(?:has\s+been\s+|is\s+|was\s+|keeps\s+|kept\s+)"
        r"(?:completely\s+|totally\s+|basically\s+|now\s+)?(?:unusable|crashing|broken)\b"
        r"|\b(?:crashes|crashing|freezes|freezing)\s+(?:\w+\s+){0,3}?(?:every\s+(?:time|single"
        r"|day)|constantly|all the time|on (?:launch|startup|login))",
    ),
    # Equipment that does not work, and business lost to a failure.
    (
        "service_failure",
        "faulty_install",
        "inclusive",
        r"\b(?:reader|router|modem|hub|device|box|terminal|handset|phone|meter|boiler|card machine"
        r"|sim|equipment|kit|unit)\b(?:\s+\S+){0,4}?\s+(?:doesn't|does not|won't|will not|never"
        r"|didn't|did not|can't|cannot)\s+(?:even\s+)?(?:connect|pair|work|turn on|power on"
        r"|switch on|charge|boot|start|register)\b",
    ),
    (
        "service_failure",
        "outage",
        "plain",
        r"\blost\s+(?:\w+\s+){0,2}?(?:days?|hours?|weeks?|a day|a week)\s+(?:of|worth of)\s+"
        r"(?:\w+\s+)?(?:sales|business|trading|work|bookings|orders|revenue|takings)\b",
    ),
    # Systems that fail rather than stop: errors returned, requests failing.
    (
        "service_failure",
        "outage",
        "plain",
        r"\b(?:\d{3}|server|internal server|gateway|timeout)\s+errors?\b"
        r"|\b(?:all|every|our|my|the)\s+(?:\w+\s+)?(?:webhooks?|requests?|api calls?|calls"
        r"|logins?|syncs?|uploads?|downloads?|deployments?|builds?|jobs|emails|transactions"
        r"|payments)\s+(?:are|is|keep|keeps|have been|has been)\s+(?:\w+\s+)?(?:failing|erroring"
        r"|timing out|bouncing|being rejected)\b",
    ),
    # Data the service lost or destroyed.
    (
        "service_failure",
        "data_loss",
        "plain",
        r"\b(?:wiped|deleted|lost|erased|corrupted|overwrote|overwritten|destroyed)\s+(?:all\s+)?"
        r"(?:of\s+)?(?:our|my|the)\s+(?:\w+\s+)?(?:data|files|entries|records|calendar|contacts"
        r"|emails|work|photos|history|settings|documents|notes|projects)\b"
        r"|\b(?:wiped|deleted|erased|lost)\s+all\s+(?:of\s+)?(?:my|our)\b",
    ),
    # An order that should have come and has not.
    (
        "service_failure",
        "not_delivered",
        "plain",
        r"\b(?:supposed|meant|due|expected|promised|scheduled)\s+to\s+(?:arrive|be delivered"
        r"|be here|come|turn up|be dispatched|ship)\s+(?:on|by|last|yesterday|\d)",
    ),
    (
        "service_failure",
        "not_delivered",
        "inclusive",
        r"\b(?:order|parcel|package|delivery|item|items|goods|replacement|box|kit|meal\s+kit|food"
        r"|shopping)\s+(?:still\s+)?"
        r"(?:(?:has|have|had|did|is|was)(?:n't|\s+not|\s+never)|never)\s+(?:yet\s+|even\s+)?"
        r"(?:arrived?|turned up|turn up|come|been delivered|shown up|show up)"
        r"|\b(?:says|shows|showing|marked(?:\s+as)?)\s+(?:it\s+(?:was|has been)\s+|as\s+)?"
        r"delivered\b.{0,30}\b(?:but|yet)\b"
        r"|\b(?:arrived|came|turned\s+up)\s+(?:completely\s+|totally\s+)?empty\b",
    ),
    # Goods that arrived broken, damaged or wrong: what was paid for was not delivered.
    (
        "service_failure",
        "not_delivered",
        "plain",
        r"\b(?:arrived|came|delivered|turned\s+up|showed\s+up|was\s+delivered|were\s+delivered)\b"
        r"(?:(?!\b(?:not|no|nothing|never|none|without)\b|n't).){0,40}\b(?:damaged|broken|smashed"
        r"|shattered|cracked|split|snapped|dented|torn|ripped|scratched|faulty|defective|leaking"
        r"|missing\s+(?:parts?|pieces?|items?))\b"
        r"|\b(?:damaged|broken|faulty|defective|dead)\s+on\s+arrival\b|\bdoa\b"
        r"|\b(?:you|they)\s+sent\s+(?:me\s+|us\s+)?(?:the\s+)?(?:a|an|the)\s+(?:\w+\s+)?(?:wrong"
        r"|different)\s+(?:item|size|colou?r|model|product|order|part|one)\b"
        r"|\b(?:you|they)\s+sent\s+(?:me\s+|us\s+)?(?:a|an)\s+\w+\s*,\s*(?:i|we)\s+ordered\b",
    ),
    # A delivery the courier says it attempted when the customer was in.
    (
        "service_failure",
        "not_delivered",
        "plain",
        r"\b(?:attempted|tried)\s+(?:to\s+)?deliver\w*\b.{0,60}\b(?:but|yet|although"
        r"|even though)\s+(?:we|i)\s+(?:were|was)\s+(?:home|in|here)\b",
    ),
    # A repair the technician said was done and was not.
    (
        "service_failure",
        "faulty_install",
        "inclusive",
        r"\b(?:said|told (?:me|us)|claimed|supposedly|apparently)\b.{0,30}\bfixed\b.{0,30}"
        r"\b(?:but|yet)\s+(?:it\s+)?(?:clearly|obviously|still)?\s*(?:not|isn't|hasn't|wasn't"
        r"|didn't|is not|has not)\b",
    ),
)
