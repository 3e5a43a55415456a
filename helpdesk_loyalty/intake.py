"""How fast webhooks are arriving, so that a worker in the same process can give way to them.

A worker running in the receiver's process shares one core and one interpreter lock with it:
while it evaluates a batch of tickets (context, signals, rules, write-back), acknowledgements
queue behind it. During a burst the acknowledgement is what the helpdesk is waiting for, and
the evaluation can wait: every acknowledged event is already in the store. So while webhooks
arrive faster than ``HL_WORKER_YIELD_RATE`` a second, the in-process worker takes one job at a
time with ``HL_WORKER_YIELD_GAP`` seconds between them instead of a batch of
``HL_WORKER_CONCURRENCY``, and goes back to full speed once the burst is over. A separate
``helpdesk-loyalty worker`` process has no receiver beside it and never yields.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

__all__ = ["IntakeMeter"]


class IntakeMeter:
    """Counts webhook requests over the last ``window`` seconds (monotonic time)."""

    def __init__(self, window: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._arrivals: deque[float] = deque()

    def arrived(self) -> None:
        """Record one request (called by the receiver for every webhook request)."""
        now = self._clock()
        self._arrivals.append(now)
        self._forget(now)

    def rate(self) -> float:
        """Requests a second over the last window."""
        self._forget(self._clock())
        return len(self._arrivals) / self.window

    def _forget(self, now: float) -> None:
        arrivals, horizon = self._arrivals, now - self.window
        while arrivals and arrivals[0] < horizon:
            arrivals.popleft()

    def busy(self, threshold: float) -> bool:
        """Whether requests arrive at ``threshold`` a second or faster (never, if it is 0)."""
        return threshold > 0 and self.rate() >= threshold
