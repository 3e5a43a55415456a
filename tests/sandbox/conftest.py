"""Fixtures for the sandbox helpdesk's own tests: a seeded sandbox on a fake clock, an HTTP
client on its ASGI app, and a webhook receiver that records what it gets."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox, SandboxConfig, create_sandbox_app, seed_demo


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def config() -> SandboxConfig:
    return SandboxConfig()


@pytest.fixture
def sandbox(config: SandboxConfig, clock: FakeClock) -> Sandbox:
    return Sandbox(config, clock=clock)


@pytest.fixture
def demo(sandbox: Sandbox) -> DemoSeed:
    return seed_demo(sandbox)


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox.test") as c:
        yield c


@pytest.fixture
def zd(sandbox: Sandbox) -> dict[str, str]:
    """Zendesk API headers of the API user."""
    return {"Authorization": sandbox.config.zendesk_auth_header()}


@pytest.fixture
def fd(sandbox: Sandbox) -> dict[str, str]:
    """Freshdesk API headers of the API agent."""
    return {"Authorization": sandbox.config.freshdesk_auth_header()}


def zendesk_signature_ok(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """The check Zendesk documents: base64(HMAC-SHA256(secret, timestamp + body))."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("utf-8") + body, hashlib.sha256)
    return hmac.compare_digest(base64.b64encode(mac.digest()).decode("ascii"), signature)


@dataclass
class Received:
    """One request the receiver got."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A webhook endpoint that records requests and answers scripted statuses (then 200)."""

    statuses: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    got: list[Received] = field(default_factory=list)

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            self.got.append(
                Received(
                    request.method,
                    request.url.path,
                    {k.lower(): v for k, v in request.headers.items()},
                    await request.body(),
                )
            )
            status, headers = self.statuses.pop(0) if self.statuses else (200, {})
            return Response(status_code=status, headers=headers)

        return Starlette(
            routes=[Route("/{path:path}", hook, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])]
        )


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
async def receiver_client(receiver: Receiver) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=receiver.app())
    async with httpx.AsyncClient(transport=transport) as c:
        yield c
