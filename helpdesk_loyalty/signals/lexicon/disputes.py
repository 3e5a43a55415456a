"""Disputes: the complaint is about a credit report or about owing the money at all.

A customer who writes about what a credit report shows ("remove it from my credit report",
"reporting me as 90 days late", "my score dropped 40 points") or who says the debt is not
theirs ("we do not owe this debt", "I disputed the charges") has a dispute to settle. Hardship
told in such a complaint is usually the history behind the record, not a request for terms:
the struggling-payer decision weighs it against the hardship evidence.
"""

from __future__ import annotations

__all__ = ["DISPUTES"]

_REPORT = (
    r"(?:credit\s+(?:reports?|reporting|files?|history|records?|bureaus?)|(?:the\s+)?(?:three\s+"
    r"|3\s+)?(?:credit\s+)?bureaus|experian|equifax|transunion|trans union)"
)
_STATUS = r"(?:late|delinquent|in default|past due|charged[- ]off|unpaid|in collections?)"

DISPUTES: tuple[tuple[str, str, str, str], ...] = (
    (
        "dispute",
        "credit_report",
        "plain",
        r"\b(?:remove|removed|delete|deleted|correct|corrected|fix|fixed|update|updated|taken?)\s+"
        rf"(?:\w+\s+){{0,4}}?(?:off|from)\s+(?:of\s+)?(?:my|the|their|all)\s+(?:\w+\s+)?{_REPORT}"
        rf"|\b(?:disput\w+|investigat\w+)\b.{{0,60}}\b{_REPORT}"
        rf"|\b{_REPORT}\b.{{0,60}}\b(?:disput\w+|investigat\w+|inaccura\w+|incorrect\w*|errors?)\b",
    ),
    (
        "dispute",
        "credit_report",
        "plain",
        r"\b(?:reporting|reported|reports|report|showing|shows|listed|marked|coded)\s+(?:me\s+|it\s+"
        r"|this\s+|them\s+|the\s+(?:account|loan|debt)\s+|my\s+(?:account|loan|payments?)\s+)?"
        rf"(?:as\s+)?(?:being\s+)?(?:\d+\s*(?:-\s*\d+\s*)?(?:\+\s*)?days?\s+)?{_STATUS}"
        rf"|\b{_STATUS}\s+(?:payments?\s+)?(?:marks?|remarks?|reporting|notations?)\b",
    ),
    (
        "dispute",
        "credit_report",
        "plain",
        r"\b(?:hurting|hurt|ruin\w*|damag\w*|destroy\w*|tank\w*|lower\w*|affect\w*)\s+(?:my|our)\s+"
        r"credit\b"
        r"|\bcredit\s+(?:score\s+|rating\s+)?(?:has\s+|went\s+|was\s+)?(?:dropped|fell|plummeted"
        r"|tanked|went down|ruined|damaged)"
        r"|\bfix\w*\s+my\s+credit\b|\b\d+\s*-?\s*points?\s+drop|\bdrop(?:ped)?\s+(?:by\s+)?\d+\s+points",
    ),
    (
        "dispute",
        "disputed_debt",
        "inclusive",
        r"\b(?:do|does|did)(?:n't|\s+not)\s+owe\b|\bnot\s+(?:my|our)\s+debt\b"
        r"|\bnot\s+responsible\s+for\s+(?:this|the|that|these)\s+(?:debt|balance|charges?|amount)",
    ),
    (
        "dispute",
        "disputed_debt",
        "plain",
        r"\b(?:dispute[sd]?|disputing|contest\w*|object(?:ed)?\s+to)\s+(?:the|this|that|these|my)\s+"
        r"(?:\w+\s+)?(?:debt|amount|balance)\b",
    ),
)
