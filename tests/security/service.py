"""The app in-process, driven through ``httpx.ASGITransport``, with a real runtime on a temporary
SQLite store: what the security tests attack.

Hypothesis tests are synchronous, so the runtime lives on an event loop in a background thread
(an anyio blocking portal) and each request is one ``portal.call``. Both helpdesks are configured
with secrets; the sandbox (in-process, behind its own ASGI transport) stands in for their APIs.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal

from helpdesk_loyalty.adapters.zendesk.webhook import sign_zendesk
from helpdesk_loyalty.app import create_app
from helpdesk_loyalty.config import Settings
from helpdesk_loyalty.runtime import Runtime, open_runtime
from helpdesk_loyalty.sandbox import Sandbox, SandboxConfig, create_sandbox_app
from helpdesk_loyalty.secret import Secret

__all__ = [
    "FD_HEADER",
    "FD_SECRET",
    "MAX_BODY",
    "PAYLOADS",
    "SECRETS",
    "ZD_SECRET",
    "Answer",
    "Service",
    "open_service",
    "signed_zendesk",
]

ZD_SECRET = "zd-webhook-signing-secret-7f3a91c2"
ZD_TOKEN = "zd-sandbox-token"
FD_SECRET = "fd-shared-secret-0b8e5d44"
FD_KEY = "fd-sandbox-key"
FD_HEADER = "X-Helpdesk-Loyalty-Secret"
OPS_TOKEN = "ops-bearer-token-59c1e7aa"
SECRETS = (ZD_SECRET, ZD_TOKEN, FD_SECRET, FD_KEY, OPS_TOKEN)
MAX_BODY = 16_384
PAYLOADS = Path(__file__).resolve().parents[1] / "payloads"


def stamp(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def signed_zendesk(
    body: bytes, *, at: float, secret: str = ZD_SECRET, invocation: str = "1"
) -> dict[str, str]:
    """The headers Zendesk sends with ``body``, signed at ``at`` with ``secret``."""
    timestamp = stamp(at)
    return {
        "content-type": "application/json",
        "x-zendesk-webhook-invocation-id": invocation,
        "x-zendesk-webhook-signature-timestamp": timestamp,
        "x-zendesk-webhook-signature": sign_zendesk(secret, timestamp, body),
    }


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Service:
    """The running app and a way to talk to it from synchronous code."""

    portal: BlockingPortal
    runtime: Runtime
    client: httpx.AsyncClient
    sandbox: Sandbox
    database: Path

    def request(
        self, method: str, path: str, *, content: bytes = b"", headers: Mapping[str, str] = {}
    ) -> Answer:
        async def send() -> Answer:
            # Latin-1, as HTTP/1.1 carries header bytes; httpx would insist on ASCII.
            raw = {key.encode("latin-1"): value.encode("latin-1") for key, value in headers.items()}
            response = await self.client.request(method, path, content=content, headers=raw)
            return Answer(response.status_code, response.headers, response.content)

        return self.portal.call(send)

    def stored(self) -> int:
        """Events in the inbox."""

        async def count() -> int:
            return (await self.runtime.store.stats()).inbox_events

        return self.portal.call(count)

    def now(self) -> float:
        return self.runtime.clock.time()

    def drain(self) -> int:
        """Run the worker until nothing is runnable now."""
        return self.portal.call(self.runtime.worker.drain)

    def dump(self) -> str:
        """Every row of every table of the store, as text."""
        with contextlib.closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return "\n".join(
                repr(row) for table in tables for row in db.execute(f'SELECT * FROM "{table}"')
            )


def service_env(tmp: Path) -> dict[str, str]:
    return {
        "HL_DATABASE_URL": f"sqlite:///{tmp / 'store.db'}",
        "HL_RULES_DIR": "",
        "HL_RULES_FILE": str(tmp / "rules.toml"),
        "HL_MAX_BODY_BYTES": str(MAX_BODY),
        "HL_OPS_TOKEN": OPS_TOKEN,
        "HL_ZENDESK_BASE_URL": "http://127.0.0.1/zendesk",
        "HL_ZENDESK_EMAIL": "api@sandbox.example",
        "HL_ZENDESK_API_TOKEN": ZD_TOKEN,
        "HL_ZENDESK_WEBHOOK_SECRET": ZD_SECRET,
        "HL_ZENDESK_API_USER_ID": "1",
        "HL_FRESHDESK_BASE_URL": "http://127.0.0.1/freshdesk",
        "HL_FRESHDESK_API_KEY": FD_KEY,
        "HL_FRESHDESK_WEBHOOK_SECRET": FD_SECRET,
    }


@contextmanager
def open_service(tmp: Path, env: Mapping[str, str] | None = None) -> Iterator[Service]:
    """Open the runtime and the app on a portal's event loop; close both afterwards."""
    (tmp / "rules.toml").write_text("", encoding="utf-8")
    settings = Settings.from_env({**service_env(tmp), **(env or {})})
    sandbox = Sandbox(SandboxConfig(zendesk_token=Secret(ZD_TOKEN), freshdesk_key=Secret(FD_KEY)))
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))

    async def start() -> tuple[Runtime, httpx.AsyncClient]:
        runtime = await open_runtime(
            settings,
            transports={"zendesk": transport, "freshdesk": transport},
            resolve_api_users=False,
        )
        app = create_app(runtime, run_worker=False)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://hl.test"
        )
        return runtime, client

    with start_blocking_portal(backend="asyncio") as portal:
        runtime, client = portal.call(start)
        try:
            yield Service(portal, runtime, client, sandbox, tmp / "store.db")
        finally:

            async def stop() -> None:
                await client.aclose()
                await runtime.close()

            portal.call(stop)
