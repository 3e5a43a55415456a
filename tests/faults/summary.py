"""The summary lines of the scenarios that ran, printed at the end of the session."""

from __future__ import annotations

__all__ = ["LINES", "record"]

LINES: list[str] = []


def record(line: str) -> str:
    """Keep ``line`` for the end-of-run summary and return it."""
    LINES.append(line)
    return line
