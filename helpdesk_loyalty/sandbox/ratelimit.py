"""The sandbox's own rate limiter: a sliding 60-second window of request credits.

Both helpdesks limit per account per minute (Zendesk: plan limit plus 100 Update Ticket calls;
Freshdesk: plan limit plus per-endpoint caps such as Ticket Update). This limiter plays the
helpdesk's side; it is unrelated to the service's own client-side limiter.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

__all__ = ["AccountLimits", "LimitResult", "RateDecision", "SlidingWindow"]


@dataclass(frozen=True)
class RateDecision:
    """The outcome of asking for credits: allowed or not, and what the headers should say.

    ``retry_after`` is the whole seconds until enough credits free up (0 when allowed);
    ``reset`` is the seconds until the oldest counted request leaves the window.
    """

    allowed: bool
    limit: int
    remaining: int
    retry_after: int
    reset: int


class SlidingWindow:
    """Counts credits spent in the last ``window`` seconds against ``limit``."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._spent: deque[tuple[float, int]] = deque()

    def _evict(self, now: float) -> None:
        while self._spent and self._spent[0][0] + self.window <= now:
            self._spent.popleft()

    def used(self, now: float) -> int:
        """Credits spent within the window ending at ``now``."""
        self._evict(now)
        return sum(credits for _, credits in self._spent)

    def _reset(self, now: float) -> int:
        if not self._spent:
            return int(self.window)
        return max(1, math.ceil(self._spent[0][0] + self.window - now))

    def peek(self, now: float, credits: int = 1) -> RateDecision:
        """What :meth:`take` would answer, without spending anything."""
        used = self.used(now)
        if used + credits <= self.limit:
            return RateDecision(True, self.limit, self.limit - used - credits, 0, self._reset(now))
        need = used + credits - self.limit
        freed, wait = 0, self.window
        for at, spent in self._spent:
            freed += spent
            if freed >= need:
                wait = at + self.window - now
                break
        retry = max(1, math.ceil(wait))
        return RateDecision(False, self.limit, max(0, self.limit - used), retry, self._reset(now))

    def take(self, now: float, credits: int = 1) -> RateDecision:
        """Spend ``credits`` at ``now`` if the window allows it."""
        decision = self.peek(now, credits)
        if decision.allowed:
            self._spent.append((now, credits))
        return decision

    def clear(self) -> None:
        """Forget everything spent."""
        self._spent.clear()


@dataclass(frozen=True)
class LimitResult:
    """The answer of :class:`AccountLimits`: the account-wide decision and, for calls that
    also count against an endpoint limit, that decision."""

    general: RateDecision
    endpoint: RateDecision | None = None

    @property
    def allowed(self) -> bool:
        """Whether the call may proceed."""
        return self.general.allowed and (self.endpoint is None or self.endpoint.allowed)

    @property
    def retry_after(self) -> int:
        """Seconds to wait when refused."""
        waits = [d.retry_after for d in (self.general, self.endpoint) if d and not d.allowed]
        return max(waits, default=0)


class AccountLimits:
    """One account's limits: a general per-minute budget and an endpoint budget (ticket
    updates) that such calls spend as well. Credits are only spent when both allow."""

    def __init__(self, general: int, endpoint: int) -> None:
        self.general = SlidingWindow(general)
        self.endpoint = SlidingWindow(endpoint)
        self.enabled = True

    def take(self, now: float, credits: int = 1, *, endpoint: bool = False) -> LimitResult:
        """Spend ``credits`` (and one endpoint credit when ``endpoint``) if allowed."""
        if not self.enabled:
            return LimitResult(
                RateDecision(True, self.general.limit, self.general.limit, 0, 60),
                RateDecision(True, self.endpoint.limit, self.endpoint.limit, 0, 60)
                if endpoint
                else None,
            )
        general = self.general.peek(now, credits)
        special = self.endpoint.peek(now, 1) if endpoint else None
        result = LimitResult(general, special)
        if result.allowed:
            result = LimitResult(
                self.general.take(now, credits), self.endpoint.take(now, 1) if endpoint else None
            )
        return result

    def peek(self, now: float) -> LimitResult:
        """The account's standing, spending nothing (for answers that cost no credit)."""
        if not self.enabled:
            return LimitResult(RateDecision(True, self.general.limit, self.general.limit, 0, 60))
        return LimitResult(self.general.peek(now, 0))

    def clear(self) -> None:
        """Forget everything spent."""
        self.general.clear()
        self.endpoint.clear()
