"""Injected faults: an outage, the next N calls failing, and artificial latency.

For end-to-end tests where the sandbox runs in another process and respx cannot reach it.
Hangs and latency are network time, so they wait on the real event loop (``sleep`` is a seam
tests can replace), not on the sandbox clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

__all__ = ["FailNext", "Fault", "Faults", "Outage"]


@dataclass(frozen=True)
class Fault:
    """How one call is spoiled: the status to answer, its ``Retry-After``, how long to hang
    first, and whether the request is applied before the failure (a write whose outcome the
    client cannot know)."""

    status: int
    retry_after: int | None = None
    hang: float = 0.0
    after_apply: bool = False


@dataclass(frozen=True)
class Outage:
    """Every API call (of ``helpdesk``, or both when ``None``) fails until the outage ends."""

    status: int = 503
    retry_after: int | None = 30
    hang: float = 0.0
    helpdesk: str | None = None


@dataclass
class FailNext:
    """The next ``count`` matching calls fail with ``status``."""

    count: int
    status: int = 503
    retry_after: int | None = None
    hang: float = 0.0
    after_apply: bool = False
    helpdesk: str | None = None
    method: str | None = None

    def matches(self, helpdesk: str, method: str) -> bool:
        """Whether a call to ``helpdesk`` with ``method`` is one of those to fail."""
        return (self.helpdesk in (None, helpdesk)) and (
            self.method is None or self.method.upper() == method.upper()
        )


class Faults:
    """The fault switchboard of one sandbox."""

    def __init__(self, sleep: Callable[[float], Awaitable[None]] | None = None) -> None:
        self.outage: Outage | None = None
        self.fail_next: FailNext | None = None
        self.latency: float = 0.0
        self.sleep: Callable[[float], Awaitable[None]] = sleep or asyncio.sleep

    def start_outage(
        self,
        *,
        status: int = 503,
        retry_after: int | None = 30,
        hang: float = 0.0,
        helpdesk: str | None = None,
    ) -> None:
        """Fail every API call until :meth:`end_outage`."""
        self.outage = Outage(status, retry_after, hang, helpdesk)

    def end_outage(self) -> None:
        """End the outage."""
        self.outage = None

    def fail_next_calls(
        self,
        count: int,
        status: int = 503,
        *,
        retry_after: int | None = None,
        hang: float = 0.0,
        after_apply: bool = False,
        helpdesk: str | None = None,
        method: str | None = None,
    ) -> None:
        """Fail the next ``count`` matching calls; ``after_apply`` applies them first."""
        self.fail_next = FailNext(count, status, retry_after, hang, after_apply, helpdesk, method)

    def clear(self) -> None:
        """No faults, no latency."""
        self.outage = None
        self.fail_next = None
        self.latency = 0.0

    def take(self, helpdesk: str, method: str) -> Fault | None:
        """The fault for this call, if any (consumes one of ``fail_next``)."""
        outage = self.outage
        if outage is not None and outage.helpdesk in (None, helpdesk):
            return Fault(outage.status, outage.retry_after, outage.hang)
        pending = self.fail_next
        if pending is not None and pending.count > 0 and pending.matches(helpdesk, method):
            pending.count -= 1
            if pending.count == 0:
                self.fail_next = None
            return Fault(pending.status, pending.retry_after, pending.hang, pending.after_apply)
        return None

    async def delay(self, seconds: float) -> None:
        """Wait ``seconds`` of network time (no-op for 0)."""
        if seconds > 0:
            await self.sleep(seconds)

    def configure(self, data: Mapping[str, Any]) -> None:
        """Apply the JSON form used by ``/_sandbox/faults``.

        ``{"outage": {...} | null, "fail_next": {"count": 2, "status": 500, ...} | null,
        "latency": 0.2}``; keys left out keep their current setting.
        """
        if "outage" in data:
            raw = data["outage"]
            self.outage = None if not raw else Outage(**_keys(raw, Outage))
        if "fail_next" in data:
            raw = data["fail_next"]
            self.fail_next = None if not raw else FailNext(**_keys(raw, FailNext))
        if "latency" in data:
            self.latency = float(data["latency"] or 0.0)

    def to_json(self) -> dict[str, Any]:
        """The current settings, in the form :meth:`configure` takes."""
        return {
            "outage": asdict(self.outage) if self.outage else None,
            "fail_next": asdict(self.fail_next) if self.fail_next else None,
            "latency": self.latency,
        }


def _keys(raw: Any, cls: type[Outage] | type[FailNext]) -> dict[str, Any]:
    if raw is True:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError(f"expected an object for {cls.__name__}, got {raw!r}")
    known = {f.name for f in fields(cls)}
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"unknown {cls.__name__} keys {sorted(unknown)}; known: {sorted(known)}")
    return dict(raw)
