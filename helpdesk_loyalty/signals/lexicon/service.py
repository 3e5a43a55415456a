"""Service failures: outages, missed appointments, faulty installations."""

from __future__ import annotations

from .words import DOWN, DURATION, SERVICE_N, TECH

__all__ = ["SERVICE_FAILURES"]

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
        rf"|keeps?\s+going\s+|keeps?\s+dropping\s+|keeps?\s+)?(?:still\s+)?{DOWN}",
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
        r"|connection|power"
        r"|dial tone|wi-?fi|tv|broadband|phone service|connectivity)\s+(?:for|since|in|all)\b"
        r"|\bwithout\s+(?:a\s+|any\s+)?working\s+(?:line|connection|internet|phone|service|wi-?fi"
        r"|broadband|tv)",
    ),
    (
        "service_failure",
        "outage",
        "inclusive",
        r"\b(?:have|has|got|had|with|left with|still)\s+(?:still\s+)?no\s+(?:working\s+)?"
        r"(?:phone\s+line|line|internet|service|signal|connection|power|broadband|wi-?fi|tv|phone|electricity"
        r"|water|heating|dial tone)\b",
    ),
    (
        "service_failure",
        "outage",
        "plain",
        rf"\b{SERVICE_N}\s+(?:\w+\s+)?(?:has\s+been\s+|is\s+|was\s+|keeps\s+|has\s+)?(?:really\s+|very\s+)?"
        r"(?:patchy|intermittent|unstable|spotty|flaky|dropping|drops|cutting out|cuts out"
        r"|stopped working|went dead|gone dead|died|dead)\b"
        rf"|\b(?:patchy|intermittent|unstable|spotty|flaky)\s+(?:\w+\s+)?{SERVICE_N}",
    ),
    (
        "service_failure",
        "not_delivered",
        "inclusive",
        r"\b(?:paid|paying|pay)\s+for\s+(?:\w+\s+){0,3}?(?:i|we)\s+(?:couldn't|can't|could not"
        r"|cannot|didn't|did not|never)\s+(?:use|watch|get|access|receive)"
        r"|\bpaying\s+for\s+nothing\b",
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
        r"|has gone)\s+off\b",
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
        r"|\bset\s*up\s+(?:wrong|incorrectly|badly)",
    ),
    (
        "service_failure",
        "faulty_install",
        "inclusive",
        r"\b(?:isn't|is not|wasn't|was not|not|never|hasn't been|has not been)\s+(?:been\s+)?"
        r"(?:set\s*up|installed|connected|fitted|wired)\s+(?:properly|correctly|right)",
    ),
)
