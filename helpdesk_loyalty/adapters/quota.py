"""Reading the rate-limit headers helpdesks send: ``Retry-After`` and the remaining quota.

- ``Retry-After`` is seconds on both helpdesks (Zendesk rate-limits page; python-freshdesk issue
  #91 shows "until 9 seconds"), but RFC 9110 also allows an HTTP-date, so both are read.
- Remaining quota: Zendesk sends ``X-Rate-Limit-Remaining`` on every endpoint and
  ``ratelimit-remaining``/``ratelimit-reset`` (seconds) on ticketing endpoints; Freshdesk sends
  ``X-RateLimit-Remaining`` and no reset.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC
from email.utils import parsedate_to_datetime

__all__ = [
    "DEFAULT_RETRY_AFTER",
    "MAX_RETRY_AFTER",
    "MIN_RETRY_AFTER",
    "parse_retry_after",
    "remaining_quota",
    "reset_after",
]

DEFAULT_RETRY_AFTER = 10.0
MIN_RETRY_AFTER = 1.0
MAX_RETRY_AFTER = 3600.0
_REMAINING_HEADERS = ("x-rate-limit-remaining", "ratelimit-remaining", "x-ratelimit-remaining")


def parse_retry_after(value: str | None, now: float) -> float:
    """Seconds to wait from a ``Retry-After`` value (seconds or HTTP-date), clamped to
    [``MIN_RETRY_AFTER``, ``MAX_RETRY_AFTER``]; ``DEFAULT_RETRY_AFTER`` when absent or unreadable.
    """
    if value is None or not value.strip():
        return DEFAULT_RETRY_AFTER
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return DEFAULT_RETRY_AFTER
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - now
    if math.isnan(seconds):
        return DEFAULT_RETRY_AFTER
    return min(MAX_RETRY_AFTER, max(MIN_RETRY_AFTER, seconds))


def remaining_quota(headers: Mapping[str, str]) -> int | None:
    """The smallest remaining-calls count among the headers sent, or ``None`` when none is."""
    counts: list[int] = []
    for name in _REMAINING_HEADERS:
        value = headers.get(name)
        if value is None:
            continue
        try:
            counts.append(int(value.strip()))
        except ValueError:
            continue
    return min(counts) if counts else None


def reset_after(headers: Mapping[str, str]) -> float | None:
    """Seconds until the quota window resets (Zendesk ``ratelimit-reset``), when sent."""
    value = headers.get("ratelimit-reset")
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if 0 < seconds <= MAX_RETRY_AFTER else None
