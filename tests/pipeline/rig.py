"""A whole service on one FakeClock: the sandbox helpdesk in-process, a real runtime on a
temporary SQLite store, the app driven through httpx.ASGITransport, the worker drained by hand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from helpdesk_loyalty.app import create_app
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.config import Settings
from helpdesk_loyalty.demo import dump_toml
from helpdesk_loyalty.runtime import Runtime, open_runtime
from helpdesk_loyalty.sandbox import (
    DemoSeed,
    Sandbox,
    SandboxConfig,
    WebhookRequest,
    create_sandbox_app,
    seed_demo,
)
from helpdesk_loyalty.store.base import LedgerEntry

ZD_SECRET = "zendesk-signing-secret-for-tests"
FD_SECRET = "freshdesk-shared-secret-for-tests"
FD_HEADER = "X-Helpdesk-Loyalty-Secret"
START = 1_780_000_000.0  # 2026-05-28


def rules_toml(groups: Mapping[str, int], overrides: Mapping[str, Mapping[str, Any]]) -> str:
    """A rules file: escalation routes to the seeded Supervisors group, plus ``overrides``."""
    rules: dict[str, dict[str, Any]] = {
        "escalate_to_supervisor": {"supervisor_group_id": str(groups["supervisors"])},
    }
    for name, table in overrides.items():
        rules.setdefault(name, {}).update(table)
    return dump_toml({"rules": rules})


@dataclass
class Rig:
    """The assembled service and its helpdesk; see :func:`open_rig`."""

    sandbox: Sandbox
    seed: DemoSeed
    runtime: Runtime
    client: httpx.AsyncClient
    clock: FakeClock
    env: dict[str, str]
    extras: dict[str, object] = field(default_factory=dict)

    async def post(self, request: WebhookRequest, helpdesk: str = "zendesk") -> httpx.Response:
        return await self.client.post(
            f"/webhooks/{helpdesk}", content=request.body, headers=request.headers
        )

    async def drain(self) -> int:
        return await self.runtime.worker.drain()

    async def ledger(self, ticket_id: int | str, helpdesk: str = "zendesk") -> list[LedgerEntry]:
        account = self.runtime.helpdesks[helpdesk].account
        return await self.runtime.store.ledger_for_ticket(str(ticket_id), account=account)

    def zendesk_trigger(
        self, ticket_id: int, event: str = "ticket.created", **kw: Any
    ) -> WebhookRequest:
        return self.sandbox.render_zendesk_trigger(ticket_id, event, secret=ZD_SECRET, **kw)

    def freshdesk_webhook(
        self, ticket_id: int, event: str = "ticket.created", **kw: Any
    ) -> WebhookRequest:
        return self.sandbox.render_freshdesk(ticket_id, event, headers={FD_HEADER: FD_SECRET}, **kw)

    async def restart(self) -> None:
        """Close the runtime and open a new one on the same store file (a process restart)."""
        await self.client.aclose()
        await self.runtime.close()
        self.runtime = await _runtime(self.sandbox, self.env, self.clock, self.extras)
        self.client = _client(self.runtime)

    async def close(self) -> None:
        await self.client.aclose()
        await self.runtime.close()


async def _runtime(
    sandbox: Sandbox, env: dict[str, str], clock: FakeClock, extras: Mapping[str, object]
) -> Runtime:
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))
    return await open_runtime(
        Settings.from_env(env),
        clock=clock,
        transports={"zendesk": transport, "freshdesk": transport},
        extra_plugins=extras,
    )


def _client(runtime: Runtime) -> httpx.AsyncClient:
    app = create_app(runtime, run_worker=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hl.test")


async def open_rig(
    tmp_path: Path,
    *,
    rules: Mapping[str, Mapping[str, Any]] | None = None,
    env: Mapping[str, str] | None = None,
    extras: Mapping[str, object] | None = None,
    sandbox_config: SandboxConfig | None = None,
) -> Rig:
    """Seed the sandbox, write the rules file, open the runtime; the caller closes the rig."""
    clock = FakeClock(START)
    sandbox = Sandbox(sandbox_config or SandboxConfig(), clock=clock)
    seed = seed_demo(sandbox)
    rules_path = tmp_path / "rules.toml"
    rules_path.write_text(rules_toml(seed.zendesk["groups"], rules or {}), encoding="utf-8")
    full_env = {
        "HL_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
        "HL_RULES_FILE": str(rules_path),
        "HL_RULES_DIR": "",
        "HL_RULE_TIMEOUT": "0.5",
        "HL_ZENDESK_BASE_URL": "http://127.0.0.1/zendesk",
        "HL_ZENDESK_EMAIL": sandbox.config.zendesk_email,
        "HL_ZENDESK_API_TOKEN": sandbox.config.zendesk_token.reveal(),
        "HL_ZENDESK_WEBHOOK_SECRET": ZD_SECRET,
        "HL_FRESHDESK_BASE_URL": "http://127.0.0.1/freshdesk",
        "HL_FRESHDESK_API_KEY": sandbox.config.freshdesk_key.reveal(),
        "HL_FRESHDESK_WEBHOOK_SECRET": FD_SECRET,
        **(env or {}),
    }
    full_env = {k: v for k, v in full_env.items() if v is not None}
    runtime = await _runtime(sandbox, full_env, clock, extras or {})
    return Rig(sandbox, seed, runtime, _client(runtime), clock, full_env, dict(extras or {}))
