"""What ``check`` reports: one result per check, with the fix for each failure, as text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .errors import ConfigError, LoyaltyError

__all__ = ["CheckResult", "Status", "failed_check", "format_checks"]

Status = Literal["ok", "fail", "skip"]
_MARKS = {"ok": "✓", "fail": "✗", "skip": "-"}


@dataclass(frozen=True)
class CheckResult:
    """One check: where (``zendesk``, ``freshdesk`` or ``""``), its outcome, and the fix."""

    scope: str
    status: Status
    detail: str
    fix: str = ""


def failed_check(scope: str, exc: LoyaltyError) -> CheckResult:
    """A failed check from an error: a :class:`ConfigError` brings its own fix."""
    if isinstance(exc, ConfigError):
        return CheckResult(scope, "fail", f"{exc.key}: {exc.problem}", exc.fix)
    return CheckResult(scope, "fail", str(exc), "check the helpdesk's status, then run again")


def format_checks(results: Sequence[CheckResult]) -> str:
    """One line per check (✓ passed, ✗ failed, - not checked), each ✗ followed by its fix,
    then a summary."""
    lines = []
    for result in results:
        scope = f"{result.scope}: " if result.scope else ""
        lines.append(f"{_MARKS[result.status]} {scope}{result.detail}")
        if result.status == "fail" and result.fix:
            lines.append(f"    fix: {result.fix}")
    failed = sum(1 for r in results if r.status == "fail")
    lines.append(f"{failed} check(s) failed" if failed else "all checks passed")
    return "\n".join(lines)
