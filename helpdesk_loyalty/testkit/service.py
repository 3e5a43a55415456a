"""The whole service on one event, against the sandbox helpdesk, for a rule test.

:func:`run_engine_async` builds the service with :func:`~helpdesk_loyalty.runtime.open_runtime`
(the code ``serve`` runs) with the built-in rules and the plugin under test, opens a ticket in
the sandbox as a seeded customer, posts the signed webhook to the real receiver, decides the
stored event as the worker does, lets the worker write the update back through the helpdesk
API, and returns the decision with what the ticket now shows.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from ..app import create_app
from ..config import Settings
from ..decide import Decision
from ..engine import RuleRun
from ..errors import ConfigError
from ..host import ENTRY_POINT_GROUP
from ..plugins import BUILTIN_RULES
from ..runtime import open_runtime
from ..store.base import LedgerEntry, PluginHealth
from .plugin import plugin_name
from .sandbox import LoyaltySandbox
from .shows import TicketShows

__all__ = ["EngineOutcome", "run_engine", "run_engine_async"]

Tables = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class EngineOutcome:
    """One event through the whole service: the decision (every rule's run and the planned
    update), what the ticket shows afterwards, the ticket's ledger and the plugin health the
    engine recorded."""

    decision: Decision
    ticket: TicketShows
    ledger: tuple[LedgerEntry, ...]
    health: Mapping[str, PluginHealth]

    def run(self, rule: str) -> RuleRun:
        """The run of ``rule`` in this decision."""
        for run in self.decision.runs:
            if run.rule == rule:
                return run
        ran = ", ".join(r.rule for r in self.decision.runs) or "none"
        raise AssertionError(f"rule {rule!r} did not run; the rules that ran: {ran}")


def _toml(tables: Mapping[str, Any], prefix: str = "") -> str:
    # JSON scalars and arrays of scalars are valid TOML values; mappings become tables.
    lines = [f"{k} = {json.dumps(v)}" for k, v in tables.items() if not isinstance(v, Mapping)]
    for key, value in tables.items():
        if isinstance(value, Mapping):
            name = f"{prefix}.{key}" if prefix else key
            lines += [f"\n[{name}]", _toml(value, name)]
    return "\n".join(line for line in lines if line)


def _installed(name: str, plugin: object) -> bool:
    """Whether ``plugin`` is the module an installed entry point of that name loads."""
    if not isinstance(plugin, ModuleType):
        return False
    return any(
        ep.name == name and ep.module == plugin.__name__
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    )


async def run_engine_async(
    kit: LoyaltySandbox,
    plugin: object | None,
    text: str,
    *,
    name: str | None = None,
    config: Mapping[str, Any] | None = None,
    also: Mapping[str, object] | None = None,
    rules: Tables | None = None,
    sections: Tables | None = None,
    subject: str = "",
    customer: str = "top",
    helpdesk: str = "zendesk",
    workdir: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> EngineOutcome:
    """Run the service on a new ticket saying ``text`` from seeded ``customer``.

    ``plugin`` (a module or plugin object, or ``None`` for the built-in rules alone) runs
    beside the built-in rules with ``config`` as its ``[rules.<name>]`` table. ``also`` adds
    more plugins by name (an enrichment plugin the rule reads, say); ``rules`` holds the tables
    of other rules (``{"escalate_to_supervisor": {"mode": "off"}}``) and
    ``sections`` other rules-file tables (``signals``, ``customer_fields``, ``defaults``).
    Other installed plugins are not loaded. ``env`` adds or overrides ``HL_*`` settings.
    """
    workdir = workdir or Path(tempfile.mkdtemp(prefix="helpdesk-loyalty-kit-"))
    tables: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (rules or {}).items()}
    extra: dict[str, object] = {}
    allow = list(BUILTIN_RULES)
    if plugin is not None:
        resolved = plugin_name(plugin, name)
        tables[resolved] = {**tables.get(resolved, {}), **(config or {})}
        allow.append(resolved)
        if not _installed(resolved, plugin):
            extra[resolved] = plugin
    for other, obj in (also or {}).items():
        allow.append(other)
        if not _installed(other, obj):
            extra[other] = obj
    rules_path = workdir / "rules.toml"
    rules_path.write_text(_toml({**(sections or {}), "rules": tables}) + "\n", encoding="utf-8")
    settings = Settings.from_env(
        {
            **kit.env(),
            "HL_DATABASE_URL": f"sqlite:///{workdir / 'kit.db'}",
            "HL_RULES_FILE": str(rules_path),
            "HL_RULES_DIR": "",
            "HL_PLUGINS_ALLOW": ",".join(allow),
            **(env or {}),
        }
    )
    runtime = await open_runtime(
        settings, clock=kit.clock, transports=kit.transports(), extra_plugins=extra
    )
    try:
        for failure in runtime.host.failures():
            raise ConfigError(f"plugin {failure.name}", f"did not load: {failure.error}", "fix it")
        ticket_id = kit.open_ticket(text, subject=subject, customer=customer, helpdesk=helpdesk)
        request = kit.webhook(ticket_id, helpdesk=helpdesk)
        transport = httpx.ASGITransport(app=create_app(runtime, run_worker=False))
        async with httpx.AsyncClient(transport=transport, base_url="http://service.test") as http:
            answer = await http.post(
                f"/webhooks/{helpdesk}", content=request.body, headers=dict(request.headers)
            )
        if answer.status_code != 202:
            raise AssertionError(
                f"the receiver refused the webhook: {answer.status_code} {answer.text}"
            )
        [job] = await runtime.store.claim_jobs(
            "testkit", limit=1, lease_seconds=60, kinds=("evaluate",)
        )
        decision = await runtime.decider.decision(runtime.worker.read_event(job.payload), job)
        await runtime.store.complete_job(job, decision.completion)
        await runtime.worker.drain()
        account = runtime.helpdesks[helpdesk].account
        ledger = await runtime.store.ledger_for_ticket(ticket_id, account=account)
        health = await runtime.store.plugin_health()
    finally:
        await runtime.close()
    return EngineOutcome(decision, kit.shows(ticket_id, helpdesk=helpdesk), tuple(ledger), health)


def run_engine(
    kit: LoyaltySandbox, plugin: object | None, text: str, **options: Any
) -> EngineOutcome:
    """:func:`run_engine_async` for a synchronous test (it runs its own event loop); an async
    test awaits :func:`run_engine_async` instead."""
    return asyncio.run(run_engine_async(kit, plugin, text, **options))
