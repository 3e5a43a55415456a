"""Store contract, plugin health: one row per plugin, replaced on each reported change, visible
to another store object on the same database (another process in production).

Every test runs against each backend (see ``conftest.backend``).
"""

from __future__ import annotations

import pytest
from storekit import Backend

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import StoreError
from helpdesk_loyalty.store import PluginHealth, Store

pytestmark = pytest.mark.anyio


async def test_no_plugin_has_health_until_one_is_recorded(store: Store) -> None:
    assert await store.plugin_health() == {}


async def test_a_change_replaces_the_plugins_row_with_the_stores_time(
    store: Store, clock: FakeClock
) -> None:
    await store.record_plugin_health("flaky", "failing", "ValueError: bad ticket")
    clock.advance(60)
    await store.record_plugin_health("flaky", "quarantined", "ValueError: bad ticket again")
    await store.record_plugin_health("steady", "ok", None)

    health = await store.plugin_health()
    assert health == {
        "flaky": PluginHealth("flaky", "quarantined", "ValueError: bad ticket again", clock.time()),
        "steady": PluginHealth("steady", "ok", None, clock.time()),
    }


async def test_another_store_on_the_same_database_reads_what_was_recorded(
    backend: Backend, store: Store, clock: FakeClock
) -> None:
    await store.record_plugin_health("hangs", "quarantined", "no answer within 2 s")
    other = backend.make(clock)
    await other.open()
    try:
        [(name, health)] = (await other.plugin_health()).items()
    finally:
        await other.close()
    assert (name, health.state, health.error) == ("hangs", "quarantined", "no answer within 2 s")


async def test_an_unknown_state_is_refused_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown plugin state 'broken'"):
        await store.record_plugin_health("x", "broken", None)
    assert await store.plugin_health() == {}
