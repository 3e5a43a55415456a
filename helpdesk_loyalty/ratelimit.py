"""A per-account rate limiter: rate limits are a budget, not an error (DESIGN.md, decision 9).

Helpdesk limits are per account per minute: Zendesk caps Update Ticket at 100 per minute on top
of the plan's request limit, Freshdesk caps Ticket Update at 80/160/280 by plan
(https://developer.zendesk.com/api-reference/introduction/rate-limits,
https://support.freshdesk.com/support/solutions/articles/225439). :class:`AccountLimiter` keeps a
sliding-window log of the calls this process made, so no 60-second window ever holds more than
the configured number, and a pause that every caller of the account honours after a 429 or when
the helpdesk reports no quota left. Time comes from a :class:`~helpdesk_loyalty.clock.Clock`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Literal

from .clock import Clock

__all__ = ["DEFAULT_RESET", "WINDOW", "AccountLimiter", "CallKind"]

CallKind = Literal["update", "request"]
WINDOW = 60.0
# Neither helpdesk says when a window with no quota left reopens on every endpoint
# (Freshdesk sends no reset header): wait out a whole window then.
DEFAULT_RESET = WINDOW


class _WindowLog:
    """Times of the calls granted in the last window."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.granted: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        while self.granted and self.granted[0] <= now - WINDOW:
            self.granted.popleft()
        if self.limit <= 0 or len(self.granted) < self.limit:
            return 0.0
        return self.granted[0] + WINDOW - now

    def record(self, now: float) -> None:
        if self.limit > 0:
            self.granted.append(now)


class AccountLimiter:
    """Calls to one helpdesk account from this process, kept under its per-minute limits.

    ``update_limit`` bounds ticket updates and ``request_limit`` every call (0 turns a bound
    off). Build one per account and share it between all clients of that account.
    """

    def __init__(
        self, account: str, *, clock: Clock, update_limit: int = 0, request_limit: int = 0
    ) -> None:
        if update_limit < 0 or request_limit < 0:
            raise ValueError("limits must be 0 (off) or positive")
        self.account = account
        self._clock = clock
        self._updates = _WindowLog(update_limit)
        self._requests = _WindowLog(request_limit)
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    @property
    def paused_until(self) -> float:
        """Epoch seconds before which no call is granted (0 when not paused)."""
        return self._paused_until

    def pause_until(self, until: float) -> None:
        """Hold every call to the account until ``until`` (after a 429 with ``Retry-After``).

        A pause only ever extends: an earlier ``until`` than the current one is ignored.
        """
        self._paused_until = max(self._paused_until, until)

    def observe_remaining(self, remaining: int | None, reset_after: float | None = None) -> None:
        """Take in the quota the helpdesk reported; none left pauses until the window resets."""
        if remaining is not None and remaining <= 0:
            wait = reset_after if reset_after is not None and reset_after > 0 else DEFAULT_RESET
            self.pause_until(self._clock.time() + wait)

    def delay(self, kind: CallKind) -> float:
        """Seconds a call of ``kind`` would have to wait now (0 when it could go at once)."""
        now = self._clock.time()
        waits = [self._paused_until - now, self._requests.wait_needed(now)]
        if kind == "update":
            waits.append(self._updates.wait_needed(now))
        return max(0.0, *waits)

    async def acquire(
        self, kind: CallKind, refresh: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        """Wait until a call of ``kind`` fits every window and no pause holds, then count it.

        Callers are served one at a time in arrival order, so a burst spreads over the windows
        instead of all waking at once. ``refresh`` is awaited before each look at the pause
        (the client takes in a pause another process recorded meanwhile).
        """
        async with self._lock:
            while True:
                if refresh is not None:
                    await refresh()
                wait = self.delay(kind)
                if wait <= 0:
                    break
                await self._clock.sleep(wait)
            now = self._clock.time()
            self._requests.record(now)
            if kind == "update":
                self._updates.record(now)
