"""Timestamps the way each helpdesk writes them.

Both APIs send ISO-8601 UTC with a ``Z`` and second precision (``2026-01-01T10:05:33Z``).
Zendesk's ``*_with_timestamp`` placeholders drop the seconds (``2026-01-01T10:05Z``) and event
envelopes carry nanoseconds in ``time``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..models import parse_time

__all__ = ["display_time", "iso_minutes", "iso_nanos", "iso_seconds", "parse_stamp"]


def _dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)


def iso_seconds(ts: float) -> str:
    """``2026-01-01T10:05:33Z``."""
    return _dt(int(ts)).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_minutes(ts: float) -> str:
    """``2026-01-01T10:05Z``, as Zendesk's ``*_with_timestamp`` placeholders render."""
    return _dt(int(ts)).strftime("%Y-%m-%dT%H:%MZ")


def iso_nanos(ts: float) -> str:
    """``2026-01-01T10:05:33.123456000Z``, the ``time`` of a Zendesk event envelope."""
    whole = int(ts)
    nanos = round((ts - whole) * 1_000_000) * 1000
    return _dt(whole).strftime("%Y-%m-%dT%H:%M:%S") + f".{nanos:09d}Z"


def display_time(ts: float) -> str:
    """``Fri, 2 Jan, 2026 at 10:00 AM``: how Freshdesk placeholders show dates."""
    dt = _dt(int(ts))
    hour = dt.hour % 12 or 12
    return f"{dt:%a}, {dt.day} {dt:%b}, {dt.year} at {hour}:{dt:%M} {dt:%p}"


def parse_stamp(value: object) -> float | None:
    """Epoch seconds of an ISO timestamp a client sent back, or ``None`` if it is not one."""
    try:
        parsed = parse_time(value)
    except ValueError:
        return None
    return parsed.timestamp() if parsed is not None else None
