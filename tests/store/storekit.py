"""Small builders for the store tests: events, jobs and ledger rows with sensible defaults."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from helpdesk_loyalty.clock import Clock
from helpdesk_loyalty.store import Accepted, InboundRecord, Job, LedgerEntry, NewJob, Store

ACCOUNT = "zendesk:acme"
OTHER_ACCOUNT = "zendesk:globex"


@dataclass(frozen=True)
class Backend:
    """Makes unopened stores on one backing file or database; ``name`` is the backend."""

    name: str
    make: Callable[[Clock], Store]


def record(
    event_key: str,
    ticket: str = "1",
    *,
    account: str = ACCOUNT,
    requester: str | None = None,
    payload: Mapping[str, Any] | None = None,
    kind: str = "ticket.updated",
) -> InboundRecord:
    return InboundRecord(
        source="zendesk",
        account=account,
        event_key=event_key,
        ticket_id=ticket,
        kind=kind,
        payload=payload if payload is not None else {"event_id": event_key, "ticket": ticket},
        requester_id=requester,
        body_sha256="ab" * 32,
    )


def new_job(
    dedupe_key: str,
    ticket: str = "1",
    *,
    kind: str = "write",
    account: str = ACCOUNT,
    available_at: float | None = None,
    payload: Mapping[str, Any] | None = None,
) -> NewJob:
    return NewJob(
        kind=kind,
        account=account,
        ordering_key=f"{account}:{ticket}",
        dedupe_key=dedupe_key,
        payload=payload if payload is not None else {"update": dedupe_key},
        available_at=available_at,
    )


def entry(what: str, ticket: str = "1", **detail: Any) -> LedgerEntry:
    return LedgerEntry(what=what, account=ACCOUNT, ticket_id=ticket, detail=detail)


async def claim(
    store: Store,
    owner: str = "w1",
    *,
    limit: int = 10,
    lease: float = 30.0,
    kinds: list[str] | None = None,
) -> list[Job]:
    return await store.claim_jobs(owner, limit=limit, lease_seconds=lease, kinds=kinds)


async def claim_one(store: Store, owner: str = "w1", **kwargs: Any) -> Job:
    jobs = await claim(store, owner, limit=1, **kwargs)
    assert len(jobs) == 1, f"expected one runnable job, got {jobs}"
    return jobs[0]


async def accept_all(store: Store, *records: InboundRecord) -> None:
    for rec in records:
        await store.accept_event(rec)


class PostgresServer:
    """The test server: makes throwaway databases and hands out their connection strings."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.created: list[str] = []

    def conninfo(self, dbname: str) -> str:
        return make_conninfo(self.admin_url, dbname=dbname)

    def create_database(self) -> str:
        name = f"hl_test_{os.getpid()}_{secrets.token_hex(4)}"
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.created.append(name)
        return self.conninfo(name)

    def drop_all(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            for name in self.created:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


async def assert_upgraded_from_schema_1(store: Store) -> None:
    """``store``, reopened on a schema-1 database, kept its events and has plugin health."""
    assert await store.accept_event(record("kept")) is Accepted.DUPLICATE
    await store.record_plugin_health("escalate_to_supervisor", "failing", "boom")
    assert (await store.plugin_health())["escalate_to_supervisor"].state == "failing"
