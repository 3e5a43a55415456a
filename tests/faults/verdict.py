"""Reading the outcome of a scenario from the store and the sandbox, and counting it.

- *acknowledged*: events the service answered 2xx (the sender's record);
- *processed*: acknowledged events with exactly one decision in the ledger (``decided`` or
  ``skipped``); an event with none is *lost*, a second decision is *duplicated*;
- *written*: decisions that planned a write and whose note (found by its decision marker) is on
  the sandbox ticket exactly once; none is *lost*, a second copy or a note of a decision the
  ledger does not know is *duplicated*;
- *order violations*: tickets whose decisions, or whose notes, are not in the order their
  events were acknowledged.

The store is read with plain SQL (the same tables on both backends), one short connection per
query, so a reader survives a server restart and never holds a lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from helpdesk_loyalty.update import find_marker

from .procs import wait_until
from .traffic import Event
from .world import World

__all__ = ["Outcome", "StoreReader", "judge", "settle"]

DECISIONS = ("decided", "skipped")


class StoreReader:
    """Read-only SQL against the store of ``url`` (``sqlite:///`` or ``postgresql://``)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _rows(self, query: str) -> list[tuple[Any, ...]]:
        if self.url.startswith("sqlite:"):
            path = self.url.removeprefix("sqlite:///")
            with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
                return conn.execute(query).fetchall()
        with psycopg.connect(self.url, connect_timeout=3) as conn:
            return conn.execute(query).fetchall()

    async def rows(self, query: str) -> list[tuple[Any, ...]]:
        """The rows of ``query``."""
        return await asyncio.to_thread(self._rows, query)

    async def count(self, query: str) -> int:
        rows = await self.rows(query)
        return int(rows[0][0])

    async def running(self) -> int:
        """Jobs leased right now."""
        return await self.count("SELECT count(*) FROM jobs WHERE status = 'running'")

    async def detected(self) -> int:
        """Writes found already on the ticket when re-run (the marker check)."""
        rows = await self.ledger("applied", "follow_up_written")
        return sum(1 for row in rows if row[4].get("detected"))

    async def unfinished(self) -> int:
        """Jobs pending or running (a scheduled retry counts: the work is not done)."""
        return await self.count("SELECT count(*) FROM jobs WHERE status IN ('pending','running')")

    async def ledger(self, *whats: str) -> list[tuple[int, str, str | None, str | None, Any]]:
        """``(id, ticket_id, event_key, decision_id, detail)`` of ledger rows, in id order."""
        names = ", ".join(f"'{w}'" for w in whats)
        rows = await self.rows(
            "SELECT id, ticket_id, event_key, decision_id, detail FROM ledger"
            f" WHERE what IN ({names}) ORDER BY id"
        )
        return [
            (r[0], r[1], r[2], r[3], json.loads(r[4]) if isinstance(r[4], str) else r[4])
            for r in rows
        ]


async def settle(reader: StoreReader, acked: Iterable[str], *, timeout: float) -> None:
    """Wait until every acknowledged event has a decision and no job is left to run."""
    wanted = set(acked)

    async def done() -> bool:
        try:
            if await reader.unfinished():
                return False
            decided = {row[2] for row in await reader.ledger(*DECISIONS)}
        except (sqlite3.Error, psycopg.Error):
            return False
        return wanted <= decided

    await wait_until(done, timeout=timeout, what="every acknowledged event to be processed")


@dataclass(frozen=True)
class Outcome:
    """The counts of one scenario run."""

    acknowledged: int
    processed: int
    planned: int
    written: int
    lost: int
    duplicated: int
    order_violations: int
    dead: int

    def line(self, scenario: str, backend: str, seconds: float, **extra: object) -> str:
        """The summary line the suite prints (docs/reliability.md quotes it); ``extra`` adds
        scenario-specific counts."""
        more = "".join(f" {key}={value}" for key, value in extra.items())
        return (
            f"{scenario} [{backend}]: acknowledged={self.acknowledged} "
            f"processed={self.processed} written={self.written}/{self.planned} "
            f"lost={self.lost} duplicated={self.duplicated} "
            f"order_violations={self.order_violations} dead={self.dead}{more} "
            f"({seconds:.1f} s)"
        )


def _in_order(seen: Sequence[str], expected: Sequence[str]) -> bool:
    position = {key: i for i, key in enumerate(expected)}
    ranks = [position[k] for k in seen if k in position]
    return ranks == sorted(ranks)


async def judge(
    world: World, reader: StoreReader, events: Sequence[Event], acked: set[str]
) -> Outcome:
    """Count what happened to ``events`` (those in ``acked`` were acknowledged)."""
    sent_order: dict[str, list[str]] = defaultdict(list)
    for event in events:
        if event.key in acked:
            sent_order[str(event.ticket_id)].append(event.key)
    decisions = [row for row in await reader.ledger(*DECISIONS) if row[2] in acked]
    per_event = Counter(row[2] for row in decisions)
    planned_by_ticket: dict[str, list[str]] = defaultdict(list)
    decided_by_ticket: dict[str, list[str]] = defaultdict(list)
    for _id, ticket, key, decision, detail in decisions:
        decided_by_ticket[ticket].append(str(key))
        if detail.get("update") and decision:
            planned_by_ticket[ticket].append(decision)
    planned = {d for ds in planned_by_ticket.values() for d in ds}

    notes: Counter[str] = Counter()
    violations = 0
    for ticket, order in sent_order.items():
        if not _in_order(decided_by_ticket.get(ticket, []), order):
            violations += 1
        markers = [
            marker
            for comment in await world.comments(int(ticket))
            if (marker := find_marker(comment.get("html_body") or comment.get("body") or ""))
        ]
        notes.update(markers)
        if not _in_order(markers, planned_by_ticket.get(ticket, [])):
            violations += 1
    written = sum(1 for d in planned if notes[d] == 1)
    lost_events = sum(1 for key in acked if per_event[key] == 0)
    lost_notes = sum(1 for d in planned if notes[d] == 0)
    duplicated = sum(n - 1 for n in per_event.values() if n > 1) + sum(
        n - 1 if d in planned else n for d, n in notes.items() if n > 1 or d not in planned
    )
    dead = await reader.count("SELECT count(*) FROM jobs WHERE status = 'dead'")
    return Outcome(
        acknowledged=len(acked),
        processed=sum(1 for key in acked if per_event[key] == 1),
        planned=len(planned),
        written=written,
        lost=lost_events + lost_notes,
        duplicated=duplicated,
        order_violations=violations,
        dead=dead,
    )
