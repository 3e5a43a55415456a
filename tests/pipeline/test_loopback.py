"""End to end on loopback, the way it runs in production: the admin runs `setup zendesk`, a
customer opens a ticket, the helpdesk's trigger sends the signed webhook over HTTP to the
running server, and the internal note shows up on the ticket."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from helpdesk_loyalty.adapters.builtin import zendesk_settings_from_env
from helpdesk_loyalty.app import create_app
from helpdesk_loyalty.config import Settings
from helpdesk_loyalty.connectors import default_connectors_dir, load_zendesk_kit
from helpdesk_loyalty.runtime import open_runtime
from helpdesk_loyalty.sandbox import Sandbox, create_sandbox_app, seed_demo
from helpdesk_loyalty.setup_zendesk import setup_zendesk
from helpdesk_loyalty.update import find_marker

from .rig import rules_toml

pytestmark = pytest.mark.anyio


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def _serving(app: Any, port: int, lifespan: Any) -> AsyncIterator[None]:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan=lifespan)
    )
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started or task.done():
            break
        await asyncio.sleep(0.01)
    assert server.started, "server did not start"
    try:
        yield
    finally:
        server.should_exit = True
        await task


async def _eventually(check: Any, timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def test_setup_then_a_customer_ticket_gets_its_internal_note_over_http(
    tmp_path: Path,
) -> None:
    sandbox = Sandbox()
    seed = seed_demo(sandbox)
    sandbox_port, server_port = _port(), _port()
    base = f"http://127.0.0.1:{sandbox_port}/zendesk"
    env = {
        "HL_ZENDESK_BASE_URL": base,
        "HL_ZENDESK_EMAIL": sandbox.config.zendesk_email,
        "HL_ZENDESK_API_TOKEN": sandbox.config.zendesk_token.reveal(),
    }
    async with _serving(create_sandbox_app(sandbox), sandbox_port, "off"):
        settings = zendesk_settings_from_env(env)
        assert settings is not None
        report = await setup_zendesk(
            settings, load_zendesk_kit(default_connectors_dir()), f"http://127.0.0.1:{server_port}"
        )
        secret = next(
            line.split("=", 1)[1]
            for line in report.env_lines()
            if line.startswith("HL_ZENDESK_WEBHOOK_SECRET=")
        )
        rules = tmp_path / "rules.toml"
        rules.write_text(rules_toml(seed.zendesk["groups"], {}), encoding="utf-8")
        service = Settings.from_env(
            {
                **env,
                "HL_ZENDESK_WEBHOOK_SECRET": secret,
                "HL_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
                "HL_RULES_FILE": str(rules),
                "HL_RULES_DIR": "",
            }
        )
        app = create_app(lambda: open_runtime(service))
        async with _serving(app, server_port, "on"), httpx.AsyncClient(trust_env=False) as http:
            assert (await http.get(f"http://127.0.0.1:{server_port}/readyz")).status_code == 200
            ticket = sandbox.zendesk_create_ticket(
                seed.zendesk["users"]["clinic"],
                "No technician",
                "We closed the clinic for the install and the technician never came. Unacceptable.",
            )
            deliveries = await sandbox.flush_webhooks(http)
            assert [d.last_status for d in deliveries] == [202]

            def noted() -> bool:
                return any(not c.public and find_marker(c.body) for c in ticket.comments)

            await _eventually(noted)
            # Our write fires no trigger back (its condition is "updated by an end user").
            assert await sandbox.flush_webhooks(http) == []
    assert "loyalty-credit-suggested" in ticket.tags
