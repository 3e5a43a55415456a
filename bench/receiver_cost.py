"""Where the receiver's CPU goes, per acknowledged event: each stage timed on its own.

``python bench/receiver_cost.py`` (pinned to core 0; options: ``--events 20000``)

Stages, in the order the receiver runs them: verify the signature, parse the body into a
ticket event, build the inbox record (the ``evaluate`` job's payload: the raw body), encode the
rows (``accept_event``'s parameters), the SQLite work of one accept inside a group commit of
64, and the whole ASGI app driven in-process (64 concurrent requests, no sockets, no uvicorn)
with the writer thread; the last line is what ``serve`` spends per event beyond uvicorn. For
the sampling profile of a loaded server, see docs/performance.md (py-spy).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from events import SECRET, envelope
from results import write_result
from services import server_env, workdir

from helpdesk_loyalty.adapters.builtin import ZENDESK, zendesk_settings_from_env
from helpdesk_loyalty.adapters.zendesk import parse_zendesk, sign_zendesk, verify_zendesk
from helpdesk_loyalty.app import create_app
from helpdesk_loyalty.config import Settings
from helpdesk_loyalty.inbound import job_payload
from helpdesk_loyalty.runtime import open_runtime
from helpdesk_loyalty.store import sqlite_ops
from helpdesk_loyalty.store.base import InboundRecord
from helpdesk_loyalty.store.rows import evaluate_job, job_params, ledger_params, received_entry
from helpdesk_loyalty.store.sqlite_connect import connect_writer, migrate


def per_event(fn: Callable[[int], Any], count: int) -> float:
    """CPU microseconds per call of ``fn(i)`` for i in range(count)."""
    start = time.process_time()
    for i in range(count):
        fn(i)
    return (time.process_time() - start) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--name", default="receiver_cost", help="results/<name>.json")
    args = parser.parse_args()
    n = args.events
    where = workdir("cost")
    env = server_env(f"sqlite:///{where / 'drive.db'}", where, None)
    settings = zendesk_settings_from_env(env)
    assert settings is not None
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    bodies = [envelope(i, when=stamp) for i in range(n)]
    headers = [
        {
            "content-type": "application/json",
            "x-zendesk-webhook-signature": sign_zendesk(SECRET, stamp, b),
            "x-zendesk-webhook-signature-timestamp": stamp,
        }
        for b in bodies
    ]
    now = time.time()
    stages: dict[str, float] = {}
    stages["verify signature"] = per_event(
        lambda i: verify_zendesk(headers[i], bodies[i], settings, now), n
    )
    events: list[Any] = [None] * n

    def parse(i: int) -> None:
        events[i] = parse_zendesk(headers[i], bodies[i], settings)

    stages["parse (json.loads + ticket event)"] = per_event(parse, n)
    records: list[Any] = [None] * n

    def record(i: int) -> None:
        e = events[i]
        records[i] = InboundRecord(
            source="zendesk",
            account=e.account,
            event_key=e.event_id,
            ticket_id=e.ticket_id,
            kind=e.kind,
            payload=job_payload(ZENDESK, headers[i], bodies[i], e),
            requester_id=e.ticket.requester_id,
            body_sha256=hashlib.sha256(bodies[i]).hexdigest(),
        )

    stages["inbox record (job payload, sha256)"] = per_event(record, n)
    ops: list[Any] = [None] * n

    def params(i: int) -> None:
        r = records[i]
        inbox = (r.source, r.event_key, r.account, r.ticket_id, r.requester_id, r.kind, now, "")
        ops[i] = partial(
            sqlite_ops.accept,
            inbox=inbox,
            job=job_params(evaluate_job(r), now),
            received=ledger_params(received_entry(r), now),
        )

    stages["row parameters (JSON encoding)"] = per_event(params, n)
    conn = connect_writer(str(where / "sql.db"), "FULL", 5.0)
    migrate(conn, now)
    start = time.process_time()
    for b in range(0, n, 64):
        conn.execute("BEGIN IMMEDIATE")
        for op in ops[b : b + 64]:
            op(conn)
        conn.execute("COMMIT")
    stages["SQLite: inbox + job + ledger rows, group commit of 64"] = (
        (time.process_time() - start) / n * 1e6
    )
    conn.close()
    stages["whole app in-process (64 concurrent, writer thread)"] = asyncio.run(
        drive(env, bodies, headers)
    )
    parts = sum(v for k, v in stages.items() if not k.startswith("whole"))
    rows = ["| stage | CPU us per event |", "|---|---:|"]
    rows += [f"| {k} | {v:.1f} |" for k, v in stages.items()]
    rows.append(f"| (sum of the stages above the whole app) | {parts:.1f} |")
    write_result(
        args.name,
        {
            "events": n,
            "cpu_us_per_event": {k: round(v, 1) for k, v in stages.items()},
            "sqlite": sqlite3.sqlite_version,
        },
        "\n".join(rows),
    )


async def drive(env: dict[str, str], bodies: list[bytes], headers: list[dict[str, str]]) -> float:
    """CPU per request of the real app called as ASGI, 64 requests at a time."""
    runtime = await open_runtime(Settings.from_env(env), resolve_api_users=False)
    app = create_app(runtime, run_worker=False)
    raw = [
        [(b"content-length", str(len(b)).encode())]
        + [(k.encode(), v.encode()) for k, v in h.items()]
        for b, h in zip(bodies, headers, strict=True)
    ]
    queue = iter(range(len(bodies)))
    bad = 0

    async def client() -> None:
        nonlocal bad
        for i in queue:
            scope = {
                "type": "http",
                "asgi": {"version": "3.0"},
                "http_version": "1.1",
                "method": "POST",
                "scheme": "http",
                "path": "/webhooks/zendesk",
                "raw_path": b"/webhooks/zendesk",
                "root_path": "",
                "query_string": b"",
                "headers": raw[i],
                "client": ("127.0.0.1", 1),
                "server": ("127.0.0.1", 80),
            }
            body = bodies[i]

            async def receive(body: bytes = body) -> dict[str, Any]:
                return {"type": "http.request", "body": body, "more_body": False}

            async def send(message: dict[str, Any]) -> None:
                nonlocal bad
                if message["type"] == "http.response.start" and message["status"] != 202:
                    bad += 1

            await app(scope, receive, send)

    start = time.process_time()
    await asyncio.gather(*(client() for _ in range(64)))
    cpu = time.process_time() - start
    await runtime.close()
    if bad:
        raise RuntimeError(f"{bad} requests were not accepted")
    return cpu / len(bodies) * 1e6


if __name__ == "__main__":
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {0})
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    main()
