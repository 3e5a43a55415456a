"""The group-commit writer: a failing operation fails alone, the rest of its batch commits."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from helpdesk_loyalty.errors import StoreError
from helpdesk_loyalty.store.sqlite_connect import connect_writer
from helpdesk_loyalty.store.sqlite_writer import SqliteWriter


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _insert(value: int, then_fail: bool = False):  # type: ignore[no-untyped-def]
    def op(conn: sqlite3.Connection) -> int:
        conn.execute("INSERT INTO t (v) VALUES (?)", (value,))
        if then_fail:
            raise ValueError(f"operation {value} refuses after writing")
        return value

    return op


@pytest.mark.anyio
async def test_a_failing_operation_is_rolled_back_alone(tmp_path: Path) -> None:
    conn = connect_writer(str(tmp_path / "w.db"), "FULL", 5.0)
    conn.execute("CREATE TABLE t (v INTEGER)")
    writer = SqliteWriter(conn)
    writer.start()
    gate = threading.Event()
    try:
        # The writer is held inside a first operation until the three are queued, so they
        # share one group commit.
        held = asyncio.ensure_future(writer.submit(lambda conn: gate.wait(10)))
        ops = [_insert(1), _insert(2, then_fail=True), _insert(3)]
        tasks = [asyncio.ensure_future(writer.submit(op)) for op in ops]
        await asyncio.sleep(0)
        gate.set()
        await held
        results = await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        await writer.stop()
    assert writer.batches <= 2  # the gate alone or with the three; the three always together
    assert results[0] == 1
    assert isinstance(results[1], StoreError)
    assert results[2] == 3
    rows = [r[0] for r in conn.execute("SELECT v FROM t ORDER BY v")]
    conn.close()
    assert rows == [1, 3]
