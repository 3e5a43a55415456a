"""The per-account limiter: never more than N calls in any 60 s window; pauses hold everyone."""

from __future__ import annotations

import anyio
import pytest

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.ratelimit import DEFAULT_RESET, WINDOW, AccountLimiter, CallKind


def max_in_any_window(times: list[float]) -> int:
    ordered = sorted(times)
    return max(sum(1 for t in ordered[i:] if t < start + WINDOW) for i, start in enumerate(ordered))


@pytest.mark.anyio
async def test_updates_never_exceed_the_limit_in_any_window(clock: FakeClock) -> None:
    limiter = AccountLimiter("zendesk:acme", clock=clock, update_limit=10)
    granted: list[float] = []

    async def call() -> None:
        await limiter.acquire("update")
        granted.append(clock.time())

    async with anyio.create_task_group() as tg:
        for _ in range(35):
            tg.start_soon(call)
    assert len(granted) == 35
    assert max_in_any_window(granted) == 10
    # The limiter does not hold calls back longer than it must: 35 calls fit in 4 windows.
    assert granted[-1] - granted[0] <= 3 * WINDOW + 1


@pytest.mark.anyio
async def test_spread_out_calls_are_not_delayed(clock: FakeClock) -> None:
    limiter = AccountLimiter("zendesk:acme", clock=clock, update_limit=2)
    for _ in range(6):
        await limiter.acquire("update")
        clock.advance(31)
    assert clock.slept == []


@pytest.mark.anyio
async def test_reads_do_not_spend_the_update_budget(clock: FakeClock) -> None:
    limiter = AccountLimiter("zendesk:acme", clock=clock, update_limit=1)
    for _ in range(50):
        await limiter.acquire("request")
    await limiter.acquire("update")
    assert clock.slept == []
    assert limiter.delay("update") == pytest.approx(WINDOW)
    assert limiter.delay("request") == 0


@pytest.mark.anyio
async def test_request_limit_counts_every_call(clock: FakeClock) -> None:
    limiter = AccountLimiter("freshdesk:acme", clock=clock, update_limit=100, request_limit=3)
    kinds: list[CallKind] = ["request", "update", "request", "update"]
    start = clock.time()
    for kind in kinds:
        await limiter.acquire(kind)
    assert clock.time() - start == pytest.approx(WINDOW)


@pytest.mark.anyio
async def test_pause_until_blocks_every_caller(clock: FakeClock) -> None:
    limiter = AccountLimiter("zendesk:acme", clock=clock, update_limit=0)
    resume_at = clock.time() + 30
    limiter.pause_until(resume_at)
    limiter.pause_until(clock.time() + 5)  # a shorter pause never shortens the current one
    granted: list[float] = []

    async def call(kind: CallKind) -> None:
        await limiter.acquire(kind)
        granted.append(clock.time())

    async with anyio.create_task_group() as tg:
        tg.start_soon(call, "request")
        tg.start_soon(call, "update")
    assert len(granted) == 2
    assert min(granted) >= resume_at


@pytest.mark.anyio
async def test_no_quota_left_pauses_until_the_reset(clock: FakeClock) -> None:
    limiter = AccountLimiter("zendesk:acme", clock=clock)
    limiter.observe_remaining(5, 40)
    assert limiter.delay("request") == 0
    limiter.observe_remaining(0, 40)
    assert limiter.delay("request") == pytest.approx(40)
    await limiter.acquire("request")
    assert sum(clock.slept) == pytest.approx(40)


def test_no_quota_left_without_a_reset_waits_a_window(clock: FakeClock) -> None:
    limiter = AccountLimiter("freshdesk:acme", clock=clock)
    limiter.observe_remaining(0, None)
    assert limiter.delay("update") == pytest.approx(DEFAULT_RESET)


def test_limits_must_not_be_negative(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="limits"):
        AccountLimiter("zendesk:acme", clock=clock, update_limit=-1)
