"""What ``serve`` does once it has started: the start-up heap is kept out of later garbage
collections (``settle_startup``), and only when asked (tests build many runtimes)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from helpdesk_loyalty.app import create_app

from .rig import Rig

pytestmark = pytest.mark.anyio


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    try:
        yield
    finally:
        gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
async def test_serve_freezes_the_heap_it_started_with(rig: Rig) -> None:
    app = create_app(rig.runtime, run_worker=False, settle=True)
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("unfrozen")
async def test_an_app_freezes_nothing_unless_asked(rig: Rig) -> None:
    app = create_app(rig.runtime, run_worker=False)
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() == 0
