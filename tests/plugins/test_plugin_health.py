"""Plugin health crosses processes: the engine reports each change (and only changes), the
runtime records it in the store, and ``plugins`` shows it, or says when it cannot know."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpdesk_loyalty import EnrichmentContext, RuleContext, RuleResult, hookimpl
from helpdesk_loyalty.cli import main
from helpdesk_loyalty.cli.plugins import UNREACHABLE
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.config import RulesFile, Settings
from helpdesk_loyalty.engine import Engine
from helpdesk_loyalty.host import PluginHost
from helpdesk_loyalty.models import Ticket, TicketEvent
from helpdesk_loyalty.signals import Signals
from helpdesk_loyalty.store import SqliteStore
from helpdesk_loyalty.testkit import LoyaltySandbox, assert_decision, run_engine_async

NOW = datetime(2026, 1, 1, tzinfo=UTC)
Change = tuple[str, str, str | None]


class Good:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        return RuleResult(matched=True, summary="fine")


class Raises:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        raise ValueError("broken rule")


class FailsOnce:
    def __init__(self) -> None:
        self.calls = 0

    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        self.calls += 1
        if self.calls == 1:
            raise KeyError("plan")
        return RuleResult(matched=False, reason="fine now")


def _ctx(rule: str, mode: str) -> RuleContext:
    ticket = Ticket(id="1", subject="hello")
    event = TicketEvent("zendesk", "zendesk:test", "e1", "ticket.created", "1", NOW, ticket)
    return RuleContext(rule, event, ticket, None, None, (), (), Signals(), {}, NOW, "k", mode)


def _engine(plugins: dict[str, object], sink: list[Change], *, fail_sink: bool = False) -> Engine:
    host = PluginHost.load(
        Settings(rules_dir=None), RulesFile.empty(), builtins=(), extra=plugins, entry_points=False
    )

    async def record(name: str, state: str, error: str | None) -> None:
        if fail_sink:
            raise OSError("disk full")
        sink.append((name, state, error))

    return Engine(host, rule_timeout=1.0, quarantine_after=2, health_sink=record)


@pytest.mark.anyio
async def test_the_engine_reports_health_changes_and_nothing_else() -> None:
    changes: list[Change] = []
    engine = _engine({"good": Good(), "raises": Raises()}, changes)
    for _ in range(4):
        await engine.run_rules(_ctx)
    assert changes == [
        ("good", "ok", None),
        ("raises", "failing", "ValueError: broken rule"),
        ("raises", "quarantined", "ValueError: broken rule"),
    ]


class Enricher:
    @hookimpl
    def enrich_signals(self, ctx: EnrichmentContext) -> dict[str, str]:
        return {"segment": "smb"}


@pytest.mark.anyio
async def test_events_decided_concurrently_report_each_change_once() -> None:
    changes: list[Change] = []
    host = PluginHost.load(
        Settings(rules_dir=None),
        RulesFile.empty(),
        builtins=(),
        extra={"enricher": Enricher(), "good": Good(), "raises": Raises()},
        entry_points=False,
    )

    async def slow_store(name: str, state: str, error: str | None) -> None:
        await asyncio.sleep(0.01)  # other events go on while a change is being written
        changes.append((name, state, error))

    engine = Engine(host, quarantine_after=100, health_sink=slow_store)

    def enrichment(plugin: str) -> EnrichmentContext:
        ctx = _ctx(plugin, "suggest")
        return EnrichmentContext(ctx.event, ctx.ticket, None, None, "k", {}, NOW)

    async def one_event() -> None:
        await engine.enrich(enrichment)
        await engine.run_rules(_ctx)

    await asyncio.gather(*(one_event() for _ in range(8)))
    assert sorted(changes) == [
        ("enricher", "ok", None),
        ("good", "ok", None),
        ("raises", "failing", "ValueError: broken rule"),
    ]


@pytest.mark.anyio
async def test_a_recovered_plugin_is_reported_ok_with_its_last_error() -> None:
    changes: list[Change] = []
    engine = _engine({"flaky": FailsOnce()}, changes)
    for _ in range(3):
        await engine.run_rules(_ctx)
    assert changes == [
        ("flaky", "failing", "KeyError: 'plan'"),
        ("flaky", "ok", "KeyError: 'plan'"),
    ]


@pytest.mark.anyio
async def test_a_failing_health_sink_never_costs_a_decision() -> None:
    changes: list[Change] = []
    engine = _engine({"good": Good()}, changes, fail_sink=True)
    runs = await engine.run_rules(_ctx)
    assert [r.status for r in runs] == ["matched"]
    engine.health_sink = lambda *change: _append(changes, change)
    await engine.run_rules(_ctx)
    assert changes == [("good", "ok", None)]  # offered again once the store takes it


async def _append(changes: list[Change], change: tuple[object, ...]) -> None:
    name, state, error = change
    changes.append((str(name), str(state), None if error is None else str(error)))


@pytest.mark.anyio
async def test_the_service_records_a_failing_rule_in_its_store() -> None:
    outcome = await run_engine_async(
        LoyaltySandbox(), Raises(), "Hello, where is my parcel?", name="raises"
    )
    assert_decision(outcome, rule="raises", status="error")
    assert_decision(outcome, rule="escalate_to_supervisor", status="not_matched")
    assert (outcome.health["raises"].state, outcome.health["raises"].error) == (
        "failing",
        "ValueError: broken rule",
    )
    assert outcome.health["escalate_to_supervisor"].state == "ok"


def _plugins_json(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    assert main(["plugins", "--json"]) == 0
    return {row["name"]: row for row in json.loads(capsys.readouterr().out)}


@pytest.fixture
def service_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with no rules/ and no rules file, as a fresh install has."""
    monkeypatch.chdir(tmp_path)
    for name in ("HL_RULES_DIR", "HL_RULES_FILE", "HL_PLUGINS_ALLOW", "HL_PLUGINS_BLOCK"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_plugins_shows_the_health_another_process_recorded(
    service_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = service_dir / "state.db"

    async def recorded_by_the_service() -> None:
        store = SqliteStore(str(db), FakeClock())
        await store.open()
        await store.record_plugin_health("suggest_bill_credit", "quarantined", "TypeError: x")
        await store.record_plugin_health("escalate_to_supervisor", "ok", None)
        await store.close()

    asyncio.run(recorded_by_the_service())
    monkeypatch.setenv("HL_DATABASE_URL", f"sqlite:///{db}")
    rows = _plugins_json(capsys)
    credit = rows["suggest_bill_credit"]
    assert (credit["health"], credit["last_error"], credit["health_at"]) == (
        "quarantined",
        "TypeError: x",
        "2026-01-01T00:00:00Z",
    )
    assert rows["escalate_to_supervisor"]["health"] == "ok"
    assert rows["flag_struggling_payer"]["health"] is None  # never ran

    assert main(["plugins"]) == 0
    table = capsys.readouterr().out
    assert "last error (2026-01-01T00:00:00Z): TypeError: x" in table
    [line] = [row for row in table.splitlines() if row.startswith("suggest_bill_credit")]
    assert line.split()[-1] == "quarantined"


def test_plugins_answers_when_the_store_is_unreachable(
    service_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HL_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/loyalty")
    rows = _plugins_json(capsys)
    assert rows["escalate_to_supervisor"]["health"] == UNREACHABLE
    assert rows["escalate_to_supervisor"]["state"] == "ok"


def test_plugins_creates_no_database_before_a_service_ran(
    service_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HL_DATABASE_URL", "sqlite:///fresh.db")
    rows = _plugins_json(capsys)
    assert rows["escalate_to_supervisor"]["health"] is None
    assert not (service_dir / "fresh.db").exists()


def test_a_broken_plugin_never_makes_plugins_unusable_unless_strict(
    service_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = service_dir / "rules"
    rules.mkdir()
    (rules / "broken.py").write_text("import billing_sdk_that_is_not_installed\n")
    (rules / "acmedesk.py").write_text(
        "from helpdesk_loyalty import hookimpl\n\n"
        "@hookimpl\n"
        "def register_helpdesks():\n"
        "    raise ImportError('acmedesk-sdk is not installed')\n"
    )
    monkeypatch.setenv("HL_DATABASE_URL", "sqlite:///fresh.db")
    rows = _plugins_json(capsys)
    assert rows["broken"]["state"] == "failed to load"
    assert "ModuleNotFoundError" in str(rows["broken"]["error"])
    assert rows["acmedesk"]["state"] == "failed to load"
    assert "register_helpdesks failed: ImportError" in str(rows["acmedesk"]["error"])
    assert rows["escalate_to_supervisor"]["state"] == "ok"
    monkeypatch.setenv("HL_PLUGINS_STRICT", "true")
    assert main(["plugins"]) == 2
    assert "plugin broken" in capsys.readouterr().err
