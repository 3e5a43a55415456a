"""The demo: the sandbox helpdesk and the real server on loopback, five realistic tickets.

Nothing is faked inside the service: the sandbox signs webhooks as the helpdesk would, the
server receives them over HTTP, stores them in SQLite in a temporary folder, the worker decides
and writes back through the helpdesk API, and the demo then reads the tickets back from the
sandbox and prints what is on them and why.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import tempfile
import tomllib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

import httpx
import uvicorn

from .app import create_app
from .config import Settings
from .demo_view import TicketView, print_ticket
from .plugins import BUILTIN_RULES
from .runtime import Runtime, open_runtime
from .sandbox import Sandbox, SandboxConfig, create_sandbox_app, seed_demo
from .store.base import LedgerEntry

__all__ = ["DEMO_TICKETS", "DemoTicket", "run_demo"]

WEBHOOK_SECRET = "demo-signing-secret-0123456789"
FRESHDESK_SECRET = "demo-shared-secret-0123456789"


@dataclass(frozen=True)
class DemoTicket:
    """A ticket the demo opens as the customer: who (a seeded customer), subject, words."""

    key: str
    customer: str
    subject: str
    body: str
    expect: str


DEMO_TICKETS = (
    DemoTicket(
        "double_charge",
        "top",
        "Charged twice for the March invoice",
        "Hi, we were billed twice for invoice INV-2041 ($4,000 each). This is the second "
        "billing mistake this quarter and I'm getting fed up. Please refund the duplicate "
        "today.",
        "credit + escalation for a top customer",
    ),
    DemoTicket(
        "outage",
        "clinic",
        "Internet down for three days",
        "Our connection has been down since Monday, three days now. We are a dental "
        "clinic and cannot see patient records. We pay for a business line and nobody "
        "has told us anything.",
        "credit for a service failure; escalated too: a gold-tier customer",
    ),
    DemoTicket(
        "lost_job",
        "overdue",
        "Can I pay the rest next month?",
        "I was laid off two weeks ago and money is really tight. I can't afford the full "
        "bill this month. Could I get an extension or pay it in parts? I don't want to "
        "lose the line.",
        "flexible terms, no threats",
    ),
    DemoTicket(
        "repeat_caller",
        "new",
        "STILL not working - third time writing",
        "This is the third time I'm writing about this. Nobody answers, nothing gets "
        "fixed, it's absolutely ridiculous. I want to speak to a manager today or I'm "
        "cancelling my account.",
        "supervisor for a furious repeat caller",
    ),
    DemoTicket(
        "happy",
        "top",
        "Thank you!",
        "Just wanted to say the new tracking dashboard is great and your team was very "
        "helpful last week. Thanks!",
        "nothing: a happy customer",
    ),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def _serve(app: Any, port: int, lifespan: Literal["on", "off"]) -> AsyncIterator[None]:
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="error", lifespan=lifespan, access_log=False
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("server stopped during start-up")
        await asyncio.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        await task


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dump_toml(data: Mapping[str, Any], prefix: str = "") -> str:
    """A small TOML writer for the demo's generated rules file (tables, scalars, lists)."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, Mapping)]
    for key, value in data.items():
        if isinstance(value, Mapping):
            name = f"{prefix}.{key}" if prefix else key
            lines.append(f"\n[{name}]")
            lines.append(dump_toml(value, name))
    return "\n".join(line for line in lines if line)


def demo_rules(source: Path | None, groups: Mapping[str, int], credit_field: str) -> str:
    """The rules file for the demo: the shipped one with the sandbox's group and field ids,
    escalation and credit in ``act`` mode so priority, group and the credit field are written."""
    data: dict[str, Any] = {}
    if source is not None and source.exists():
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    rules = data.setdefault("rules", {})
    # The demo loads no rules/ folder plugins, so their tables would name unknown plugins.
    for name in [n for n in rules if n not in BUILTIN_RULES]:
        del rules[name]
    escalate = rules.setdefault("escalate_to_supervisor", {})
    escalate.update(mode="act", supervisor_group_id=str(groups["supervisors"]))
    credit = rules.setdefault("suggest_bill_credit", {})
    credit.update(mode="act", credit_field=credit_field)
    return dump_toml(data)


async def _settle(runtime: Runtime, keys: list[tuple[str, str]], timeout: float = 60.0) -> None:
    """Wait until every ticket's latest decision has been written (or needed no write)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        done = 0
        for account, ticket_id in keys:
            rows = await runtime.store.ledger_for_ticket(ticket_id, account=account)
            decided = [r for r in rows if r.what in ("decided", "skipped")]
            if decided and _settled(rows, decided[-1]):
                done += 1
        if done == len(keys):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the demo tickets were not all processed within a minute")


def _settled(rows: list[LedgerEntry], decision: LedgerEntry) -> bool:
    if decision.what == "skipped" or decision.detail.get("update") is None:
        return True
    return any(
        r.what in ("applied", "dead") and r.decision_id == decision.decision_id for r in rows
    )


async def run_demo(
    helpdesk: str = "zendesk", out: TextIO | None = None, rules_file: Path | None = None
) -> int:
    """Run the demo against the sandbox's ``helpdesk`` dialect; print each ticket's outcome."""
    import sys

    out = out or sys.stdout
    workdir = Path(tempfile.mkdtemp(prefix="helpdesk-loyalty-demo-"))
    sandbox = Sandbox(SandboxConfig())
    seed = seed_demo(sandbox)
    sandbox_port, server_port = _free_port(), _free_port()
    ids = seed.zendesk if helpdesk == "zendesk" else seed.freshdesk
    source = rules_file or Path("rules/rules.toml")
    if helpdesk == "zendesk":
        credit_field = str(ids["fields"]["credit_suggested"])
    else:
        credit_field = "cf_credit_suggested"
    rules_path = workdir / "rules.toml"
    rules_path.write_text(demo_rules(source, ids["groups"], credit_field), encoding="utf-8")
    base = f"http://127.0.0.1:{sandbox_port}/{helpdesk}"
    env = {
        "HL_DATABASE_URL": f"sqlite:///{workdir / 'demo.db'}",
        "HL_RULES_FILE": str(rules_path),
        "HL_RULES_DIR": "",
        "HL_ZENDESK_BASE_URL": f"http://127.0.0.1:{sandbox_port}/zendesk",
        "HL_ZENDESK_EMAIL": sandbox.config.zendesk_email,
        "HL_ZENDESK_API_TOKEN": sandbox.config.zendesk_token.reveal(),
        "HL_ZENDESK_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "HL_FRESHDESK_BASE_URL": f"http://127.0.0.1:{sandbox_port}/freshdesk",
        "HL_FRESHDESK_API_KEY": sandbox.config.freshdesk_key.reveal(),
        "HL_FRESHDESK_WEBHOOK_SECRET": FRESHDESK_SECRET,
    }
    settings = Settings.from_env(env)
    holder: dict[str, Runtime] = {}

    async def factory() -> Runtime:
        holder["runtime"] = await open_runtime(settings)
        return holder["runtime"]

    print(
        f"helpdesk-loyalty demo ({helpdesk}): sandbox helpdesk at {base}, "
        f"server at http://127.0.0.1:{server_port}, SQLite in {workdir}",
        file=out,
    )
    async with (
        _serve(create_sandbox_app(sandbox), sandbox_port, "off"),
        _serve(create_app(factory), server_port, "on"),
        httpx.AsyncClient(trust_env=False, timeout=10) as http,
    ):
        runtime = holder["runtime"]
        account = runtime.helpdesks[helpdesk].account
        opened = _open_tickets(sandbox, helpdesk, ids)
        for ticket in opened:
            request = _webhook(sandbox, helpdesk, ticket)
            response = await http.post(
                f"http://127.0.0.1:{server_port}/webhooks/{helpdesk}",
                content=request.body,
                headers=request.headers,
            )
            if response.status_code >= 300:
                print(
                    f"webhook for {ticket.demo.key} refused: "
                    f"{response.status_code} {response.text}",
                    file=out,
                )
                return 1
        await _settle(runtime, [(account, t.ticket_id) for t in opened])
        for ticket in opened:
            rows = await runtime.store.ledger_for_ticket(ticket.ticket_id, account=account)
            print_ticket(ticket, rows, sandbox, helpdesk, ids, out)
    print(
        f"\nExplore: HL_DATABASE_URL=sqlite:///{workdir / 'demo.db'} helpdesk-loyalty why "
        f"{opened[0].ticket_id}",
        file=out,
    )
    return 0


def _open_tickets(sandbox: Sandbox, helpdesk: str, ids: Mapping[str, Any]) -> list[TicketView]:
    """Open the demo tickets as their customers (the repeat caller has two earlier tickets)."""
    opened: list[TicketView] = []
    people = ids["users"] if helpdesk == "zendesk" else ids["contacts"]
    for demo in DEMO_TICKETS:
        requester = people[demo.customer]
        if demo.key == "repeat_caller":
            for n in (1, 2):
                _create(
                    sandbox,
                    helpdesk,
                    requester,
                    f"Service not working (contact {n})",
                    "My service stopped working, please help.",
                )
        ticket_id = _create(sandbox, helpdesk, requester, demo.subject, demo.body)
        opened.append(TicketView(demo, str(ticket_id), requester))
    return opened


def _create(sandbox: Sandbox, helpdesk: str, requester: int, subject: str, body: str) -> int:
    if helpdesk == "zendesk":
        return sandbox.zendesk_create_ticket(requester, subject, body).id
    return sandbox.freshdesk_create_ticket(requester, subject, f"<div>{body}</div>").id


def _webhook(sandbox: Sandbox, helpdesk: str, ticket: TicketView) -> Any:
    if helpdesk == "zendesk":
        return sandbox.render_zendesk_trigger(
            ticket.ticket_id, "ticket.created", secret=WEBHOOK_SECRET, actor_id=ticket.requester
        )
    return sandbox.render_freshdesk(
        ticket.ticket_id, "ticket.created", headers={"X-Helpdesk-Loyalty-Secret": FRESHDESK_SECRET}
    )
