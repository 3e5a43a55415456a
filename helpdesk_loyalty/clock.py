"""Time as a seam: the service reads the clock through one object, so tests can move it."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from typing import Protocol

from .models import utc_from_timestamp

__all__ = ["Clock", "FakeClock", "SystemClock"]


class Clock(Protocol):
    """Where the service gets the time, and how it waits."""

    def time(self) -> float:
        """Epoch seconds."""

    def now(self) -> datetime:
        """Aware UTC datetime of :meth:`time`."""

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of this clock's time."""


class SystemClock:
    """The real clock."""

    def time(self) -> float:
        return time.time()

    def now(self) -> datetime:
        return utc_from_timestamp(self.time())

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class FakeClock:
    """A clock that only moves when told to (``advance``); ``sleep`` advances it instantly."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01T00:00:00Z
        self._now = start
        self.slept: list[float] = []

    def time(self) -> float:
        return self._now

    def now(self) -> datetime:
        return utc_from_timestamp(self._now)

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self._now += seconds

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self._now += max(0.0, seconds)
        await asyncio.sleep(0)
