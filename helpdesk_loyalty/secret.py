"""A string that never shows itself in logs, reprs, errors or the ledger."""

from __future__ import annotations

import hmac

__all__ = ["Secret"]


class Secret:
    """Wraps a credential. ``str()``/``repr()`` print ``'***'``; ``reveal()`` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret value, for the one place that needs it (an auth header, an HMAC key)."""
        return self._value

    def matches(self, candidate: str | bytes) -> bool:
        """Constant-time comparison with ``candidate``."""
        if isinstance(candidate, str):
            candidate = candidate.encode("utf-8", "surrogateescape")
        return hmac.compare_digest(self._value.encode("utf-8"), candidate)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and hmac.compare_digest(self._value, other._value)

    def __hash__(self) -> int:
        return hash(("Secret", len(self._value)))
