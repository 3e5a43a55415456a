"""Fixtures for the setup and check tests: a seeded sandbox helpdesk on a fake clock, driven
in-process, the admin settings read from ``HL_*`` the way the commands read them, and a
receiver standing in for the server's webhook endpoint."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskSettings
from helpdesk_loyalty.adapters.builtin import (
    freshdesk_settings_from_env,
    zendesk_settings_from_env,
)
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.connectors import (
    FreshdeskKit,
    ZendeskKit,
    load_freshdesk_kit,
    load_zendesk_kit,
)
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox, create_sandbox_app, seed_demo

CONNECTORS = Path(__file__).resolve().parents[2] / "connectors"
PUBLIC_URL = "https://hooks.example.test"
SANDBOX_BASE = "http://127.0.0.1"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> Sandbox:
    return Sandbox(clock=clock)


@pytest.fixture
def seed(sandbox: Sandbox) -> DemoSeed:
    return seed_demo(sandbox)


@pytest.fixture
def options(sandbox: Sandbox) -> ClientOptions:
    """Calls to the sandbox in-process; retries wait on a clock of their own."""
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))
    return ClientOptions(transport=transport, clock=FakeClock())


@pytest.fixture
def zendesk_env(sandbox: Sandbox) -> dict[str, str]:
    return {
        "HL_ZENDESK_BASE_URL": f"{SANDBOX_BASE}/zendesk",
        "HL_ZENDESK_EMAIL": sandbox.config.zendesk_email,
        "HL_ZENDESK_API_TOKEN": sandbox.config.zendesk_token.reveal(),
    }


@pytest.fixture
def freshdesk_env(sandbox: Sandbox) -> dict[str, str]:
    return {
        "HL_FRESHDESK_BASE_URL": f"{SANDBOX_BASE}/freshdesk",
        "HL_FRESHDESK_API_KEY": sandbox.config.freshdesk_key.reveal(),
    }


@pytest.fixture
def zendesk_settings(zendesk_env: dict[str, str]) -> HelpdeskSettings:
    settings = zendesk_settings_from_env(zendesk_env)
    assert settings is not None
    return settings


@pytest.fixture
def freshdesk_settings(freshdesk_env: dict[str, str]) -> HelpdeskSettings:
    settings = freshdesk_settings_from_env(freshdesk_env)
    assert settings is not None
    return settings


@pytest.fixture
def zendesk_kit() -> ZendeskKit:
    return load_zendesk_kit(CONNECTORS)


@pytest.fixture
def freshdesk_kit() -> FreshdeskKit:
    return load_freshdesk_kit(CONNECTORS)


@dataclass(frozen=True)
class Received:
    """One request the server's stand-in got."""

    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    """The server's public face as the helpdesk sees it: ``/webhooks/*`` records what
    arrives, ``/healthz`` answers ``health_status``."""

    health_status: int = 200
    got: list[Received] = field(default_factory=list)

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            headers = {k.lower(): v for k, v in request.headers.items()}
            self.got.append(Received(request.url.path, headers, await request.body()))
            return JSONResponse({"status": "accepted"}, status_code=202)

        async def healthz(request: Request) -> Response:
            return JSONResponse({"status": "ok"}, status_code=self.health_status)

        return Starlette(
            routes=[
                Route("/webhooks/{helpdesk}", hook, methods=["POST"]),
                Route("/healthz", healthz, methods=["GET"]),
            ]
        )


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture
async def server_client(server: Server) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server.app())) as client:
        yield client
