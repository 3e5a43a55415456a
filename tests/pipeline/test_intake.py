"""The in-process worker gives way to the receiver while webhooks arrive in a burst
(``helpdesk_loyalty/intake.py``): one job at a time, ``HL_WORKER_YIELD_GAP`` apart, instead of a
batch; at full speed again once the burst is over."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from helpdesk_loyalty.config import Settings
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.intake import IntakeMeter

from .rig import Rig, open_rig

pytestmark = pytest.mark.anyio


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_meter_counts_requests_of_the_last_window_only() -> None:
    ticks = Ticks()
    meter = IntakeMeter(window=1.0, clock=ticks)
    assert meter.rate() == 0.0
    for i in range(60):
        ticks.now = 100.0 + i / 100
        meter.arrived()
    assert meter.rate() == 60.0
    assert meter.busy(50.0)
    assert not meter.busy(61.0)
    assert not meter.busy(0.0), "a threshold of 0 turns giving way off"
    ticks.now = 101.5  # all but the last ten arrivals are now older than the window
    assert meter.rate() == 10.0
    assert not meter.busy(50.0)
    ticks.now += 5.0
    assert meter.rate() == 0.0


async def test_every_webhook_request_is_counted_even_a_refused_one(rig: Rig) -> None:
    ticks = Ticks()
    rig.runtime.intake = IntakeMeter(clock=ticks)
    assert (await rig.post(rig.zendesk_trigger(_open(rig)))).status_code == 202
    refused = await rig.client.post(
        "/webhooks/zendesk", content=b"{}", headers={"content-type": "text/plain"}
    )
    assert refused.status_code == 415
    assert rig.runtime.intake.rate() == 2.0


def _open(rig: Rig) -> int:
    user = rig.seed.zendesk["users"]["top"]
    return rig.sandbox.zendesk_create_ticket(user, "Billing", "I was charged twice.").id


async def _pending_evaluations(rig: Rig) -> int:
    jobs = await rig.runtime.store.list_jobs(status="pending", kind="evaluate")
    return len(jobs)


async def _seed_five_events(rig: Rig) -> None:
    for _ in range(5):
        assert (await rig.post(rig.zendesk_trigger(_open(rig)))).status_code == 202
    assert await _pending_evaluations(rig) == 5


@pytest.fixture
async def five(tmp_path: Path) -> AsyncIterator[Rig]:
    """A rig whose worker gives way at 50 webhooks a second, with five events waiting."""
    rig = await open_rig(tmp_path, env={"HL_WORKER_YIELD_RATE": "50"})
    try:
        await _seed_five_events(rig)
        yield rig
    finally:
        await rig.close()


def _arrivals(rig: Rig, count: int) -> Ticks:
    """Give the worker a meter that saw ``count`` requests in the last second."""
    ticks = Ticks()
    meter = IntakeMeter(clock=ticks)
    for _ in range(count):
        meter.arrived()
    rig.runtime.worker.intake = meter
    return ticks


async def test_during_a_burst_the_worker_takes_one_job_at_a_time(five: Rig) -> None:
    _arrivals(five, 200)
    worker = five.runtime.worker
    assert await worker.step() == (1, True)
    assert await _pending_evaluations(five) == 4
    assert await worker.step() == (1, True)  # the write the first one planned
    assert await _pending_evaluations(five) == 4
    assert worker.processed == 2


async def test_below_the_rate_the_worker_takes_a_whole_batch(five: Rig) -> None:
    _arrivals(five, 49)
    assert await five.runtime.worker.step() == (5, False)
    assert await _pending_evaluations(five) == 0


async def test_the_burst_is_over_once_the_window_has_passed(five: Rig) -> None:
    ticks = _arrivals(five, 200)
    worker = five.runtime.worker
    assert await worker.step() == (1, True)
    ticks.now += 1.5
    handled, gave_way = await worker.step()
    assert handled > 1 and not gave_way
    assert await _pending_evaluations(five) == 0


async def test_a_worker_told_never_to_give_way_takes_batches_in_a_burst(five: Rig) -> None:
    _arrivals(five, 200)
    five.runtime.worker.yield_rate = 0.0  # HL_WORKER_YIELD_RATE=0
    assert await five.runtime.worker.step() == (5, False)


def test_the_settings_name_the_variable_and_the_fix() -> None:
    settings = Settings.from_env({"HL_WORKER_YIELD_RATE": "0", "HL_WORKER_YIELD_GAP": "0.25"})
    assert (settings.worker_yield_rate, settings.worker_yield_gap) == (0.0, 0.25)
    assert Settings.from_env({}).worker_yield_rate == 50.0
    with pytest.raises(ConfigError) as bad_rate:
        Settings.from_env({"HL_WORKER_YIELD_RATE": "fast"})
    assert "HL_WORKER_YIELD_RATE" in str(bad_rate.value)
    assert "webhooks a second" in str(bad_rate.value)
    with pytest.raises(ConfigError) as bad_gap:
        Settings.from_env({"HL_WORKER_YIELD_GAP": "0"})
    assert "HL_WORKER_YIELD_GAP" in str(bad_gap.value)
