"""Acknowledged means durable: kill -9 the SQLite writer mid-stream, every acknowledged event is
in the inbox afterwards.

The child prints an event key only after ``accept_event`` returned for it (its group commit is
on disk); the test reads N such keys, sends SIGKILL, collects the keys already in the pipe and
checks each one against the reopened database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.store import Accepted, InboundRecord, SqliteStore

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_writer.py")
ACKED_BEFORE_KILL = 400
PRODUCERS = 16

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def run_and_kill(db: Path) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(PRODUCERS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None and proc.stderr is not None
    acked: list[str] = []
    try:
        while len(acked) < ACKED_BEFORE_KILL:
            line = proc.stdout.readline()
            if not line:
                break
            acked.append(line.strip())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    # Keys written to the pipe before the kill were acknowledged too.
    acked += [
        line.strip() for line in proc.stdout.read().splitlines(keepends=True) if line.endswith("\n")
    ]
    errors = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert len(acked) >= ACKED_BEFORE_KILL, f"the writer stopped early:\n{errors}"
    assert proc.returncode == -signal.SIGKILL
    return acked


def test_every_acknowledged_event_survives_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    acked = run_and_kill(db)

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {key for (key,) in conn.execute("SELECT event_key FROM inbox")}
        jobs = {key for (key,) in conn.execute("SELECT dedupe_key FROM jobs")}
    conn.close()
    missing = [key for key in acked if key not in stored]
    assert missing == [], f"{len(missing)} acknowledged events lost, e.g. {missing[:5]}"
    assert {f"zendesk/{key}" for key in acked} <= jobs

    async def replay() -> list[Accepted]:
        store = SqliteStore(str(db), FakeClock())
        await store.open()
        try:
            return await asyncio.gather(
                *(
                    store.accept_event(
                        InboundRecord(
                            source="zendesk",
                            account="zendesk:crash",
                            event_key=key,
                            ticket_id="0",
                            kind="ticket.updated",
                            payload={},
                        )
                    )
                    for key in acked
                )
            )
        finally:
            await store.close()

    assert set(asyncio.run(replay())) == {Accepted.DUPLICATE}
