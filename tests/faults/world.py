"""One fault scenario's world: the sandbox helpdesk and the service, as real processes.

The sandbox runs standalone (``python -m helpdesk_loyalty.sandbox``) and is driven through its
``/_sandbox`` control API: reset and seeded with the demo customers, ``tickets`` created as
their requesters would, faults switched on and off, the call log and the tickets read back.
The service runs as ``python -m helpdesk_loyalty serve [--no-worker]`` or ``worker`` with the
``HL_*`` settings a deployment would use, on a free loopback port.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from helpdesk_loyalty.demo import dump_toml

from .procs import Proc, clean_env, free_port

__all__ = ["SECRET", "Service", "World"]

SECRET = "fault-suite-zendesk-signing-secret"
REQUESTERS = ("top", "overdue", "clinic", "new")
UNEXPECTED = ("Task exception was never retrieved", "unexpected error on")


@dataclass
class Service:
    """A ``serve`` or ``worker`` process; ``url`` is ``None`` for a worker."""

    proc: Proc
    url: str | None

    async def start(self) -> Service:
        """Start (or restart) it and, for a server, wait until ``/readyz`` answers 200."""
        self.proc.start()
        if self.url is not None:
            await self.proc.wait_http(f"{self.url}/readyz")
        return self


@dataclass
class World:
    """The sandbox, the store URL and the service processes of one test."""

    tmp: Path
    database_url: str
    backend: str
    sandbox: Proc | None = None
    sandbox_url: str = ""
    control: httpx.AsyncClient | None = None
    seed: dict[str, Any] = field(default_factory=dict)
    tickets: list[dict[str, Any]] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    api_user_id: int = 0

    async def open_sandbox(self, *, limits: bool = False) -> None:
        """Start the sandbox and seed it: demo customers, no queued webhooks, no calls."""
        port = free_port()
        args = ["--port", str(port)] + ([] if limits else ["--no-limits"])
        self.sandbox = Proc(
            "sandbox", "helpdesk_loyalty.sandbox", args, clean_env({}), self.tmp / "sandbox.log"
        ).start()
        self.sandbox_url = f"http://127.0.0.1:{port}"
        await self.sandbox.wait_http(f"{self.sandbox_url}/_sandbox/")
        self.control = httpx.AsyncClient(
            base_url=f"{self.sandbox_url}/_sandbox", trust_env=False, timeout=30.0
        )
        (await self.control.post("/reset")).raise_for_status()
        seeded = await self.control.post("/seed")
        seeded.raise_for_status()
        self.seed = seeded.json()["zendesk"]
        summary = (await self.control.get("/")).json()
        self.api_user_id = int(summary["zendesk"]["api_user_id"])

    async def create_tickets(self, count: int, *, requesters: int = 4) -> list[dict[str, Any]]:
        """``count`` tickets, then a clean call log. Ticket ``n`` is opened by requester
        ``n % requesters``: the four demo customers (with their organizations) first, then
        new end users, created through the Zendesk API as a web form would."""
        assert self.control is not None
        users = self.seed["users"]
        orgs = self.seed["organizations"]
        async with httpx.AsyncClient(
            base_url=f"{self.sandbox_url}/zendesk",
            auth=("api@sandbox.example/token", "zd-sandbox-token"),
            trust_env=False,
            timeout=30.0,
        ) as api:
            for n in range(count):
                index = n % requesters
                body = {"subject": f"Account problem #{n}", "body": "Something is wrong."}
                if index < len(REQUESTERS):
                    who = REQUESTERS[index]
                    answer = await self.control.post(
                        "/zendesk/tickets", json={"requester_id": users[who], **body}
                    )
                    organization = orgs[who]
                else:
                    email = f"customer{index}@example.test"
                    answer = await api.post(
                        "/api/v2/tickets.json",
                        json={
                            "ticket": {
                                "subject": body["subject"],
                                "comment": {"body": body["body"]},
                                "requester": {"name": f"Customer {index}", "email": email},
                            }
                        },
                    )
                    organization = None
                answer.raise_for_status()
                ticket = answer.json()["ticket"]
                self.tickets.append(
                    {
                        "id": ticket["id"],
                        "subject": ticket["subject"],
                        "requester_id": ticket["requester_id"],
                        "organization_id": organization,
                    }
                )
        await self.control.delete("/calls")
        return self.tickets

    def rules_file(self) -> Path:
        path = self.tmp / "rules.toml"
        if not path.exists():
            group = str(self.seed["groups"]["supervisors"])
            rules = {"rules": {"escalate_to_supervisor": {"supervisor_group_id": group}}}
            path.write_text(dump_toml(rules), encoding="utf-8")
        return path

    def env(self, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
        """The service's settings: this world's store and sandbox, fast leases, no local
        update budget (the sandbox's limits and faults decide)."""
        settings = {
            "HL_DATABASE_URL": self.database_url,
            "HL_RULES_FILE": str(self.rules_file()),
            "HL_RULES_DIR": "",
            "HL_LOG_LEVEL": "WARNING",
            "HL_LEASE_SECONDS": "3",
            "HL_ZENDESK_BASE_URL": f"{self.sandbox_url}/zendesk",
            "HL_ZENDESK_EMAIL": "api@sandbox.example",
            "HL_ZENDESK_API_TOKEN": "zd-sandbox-token",
            "HL_ZENDESK_WEBHOOK_SECRET": SECRET,
            "HL_ZENDESK_API_USER_ID": str(self.api_user_id),
            "HL_ZENDESK_UPDATE_LIMIT": "0",
            "HL_ZENDESK_TIMEOUT": "2",
        }
        return clean_env({**settings, **(overrides or {})})

    def serve(self, name: str, *, worker: bool = True, **env: str) -> Service:
        """A ``serve`` process (not started)."""
        port = free_port()
        args = ["serve", "--port", str(port)] + ([] if worker else ["--no-worker"])
        proc = Proc(name, "helpdesk_loyalty", args, self.env(env), self.tmp / f"{name}.log")
        service = Service(proc, f"http://127.0.0.1:{port}")
        self.services.append(service)
        return service

    def worker(self, name: str, **env: str) -> Service:
        """A ``worker`` process (not started)."""
        proc = Proc(name, "helpdesk_loyalty", ["worker"], self.env(env), self.tmp / f"{name}.log")
        service = Service(proc, None)
        self.services.append(service)
        return service

    async def faults(self, settings: Mapping[str, Any] | None) -> None:
        """Set the sandbox's faults (``None`` clears them)."""
        assert self.control is not None
        if settings is None:
            answer = await self.control.delete("/faults")
        else:
            answer = await self.control.put("/faults", json=dict(settings))
        answer.raise_for_status()

    async def calls(self, **filters: str) -> list[dict[str, Any]]:
        """The sandbox's call log."""
        assert self.control is not None
        answer = await self.control.get("/calls", params=filters)
        answer.raise_for_status()
        calls: list[dict[str, Any]] = answer.json()["calls"]
        return calls

    async def comments(self, ticket_id: int) -> list[dict[str, Any]]:
        """The comments on a sandbox ticket, oldest first."""
        assert self.control is not None
        answer = await self.control.get(f"/zendesk/tickets/{ticket_id}")
        answer.raise_for_status()
        comments: list[dict[str, Any]] = answer.json()["comments"]
        return comments

    def unexpected(self) -> list[str]:
        """Log lines of the service processes that only a bug writes: an exception nobody
        awaited, or a request the receiver failed on (it answers 503, but it is a bug)."""
        return [
            line
            for service in self.services
            for line in service.proc.log_text().splitlines()
            if any(sign in line for sign in UNEXPECTED)
        ]

    async def close(self) -> None:
        """Stop the service processes (SIGTERM, then SIGKILL), kill the sandbox (its state is
        not needed any more and a hung fault would hold up its shutdown), close the client."""
        for service in self.services:
            service.proc.stop()
        if self.sandbox is not None:
            self.sandbox.kill()
        if self.control is not None:
            with contextlib.suppress(httpx.HTTPError):
                await self.control.aclose()
