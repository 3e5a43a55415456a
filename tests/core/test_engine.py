"""The engine calls each rule on its own: a raising or hanging rule never stops the others."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from helpdesk_loyalty import AddTags, RuleContext, RuleResult, Ticket, TicketEvent, hookimpl
from helpdesk_loyalty.config import RulesFile, Settings
from helpdesk_loyalty.engine import Engine
from helpdesk_loyalty.host import PluginHost
from helpdesk_loyalty.signals import Signals

pytestmark = pytest.mark.anyio
NOW = datetime(2026, 1, 1, tzinfo=UTC)
RELEASE = threading.Event()


class Good:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        return RuleResult(matched=True, summary="good", actions=(AddTags(("good",)),))


class Raises:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        raise ValueError("broken rule")


class Hangs:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        RELEASE.wait(30)
        return RuleResult(matched=True)


class Garbage:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> object:
        return {"matched": True}


def _ctx(rule: str, mode: str) -> RuleContext:
    ticket = Ticket(id="1", subject="hello")
    event = TicketEvent("zendesk", "zendesk:test", "e1", "ticket.created", "1", NOW, ticket)
    return RuleContext(rule, event, ticket, None, None, (), (), Signals(), {}, NOW, "k", mode)


def _engine(plugins: dict[str, object], **kw: float) -> Engine:
    host = PluginHost.load(
        Settings(rules_dir=None), RulesFile.empty(), builtins=(), extra=plugins, entry_points=False
    )
    return Engine(host, rule_timeout=kw.get("timeout", 0.2), quarantine_after=int(kw.get("q", 2)))


async def test_failing_rules_are_recorded_and_others_still_run() -> None:
    RELEASE.clear()
    engine = _engine(
        {"a_raises": Raises(), "b_hangs": Hangs(), "c_good": Good(), "d_garbage": Garbage()}
    )
    try:
        runs = {r.rule: r for r in await engine.run_rules(_ctx)}
    finally:
        RELEASE.set()
        engine.close()
    assert runs["a_raises"].status == "error"
    assert "ValueError: broken rule" in (runs["a_raises"].error or "")
    assert runs["b_hangs"].status == "timeout"
    assert runs["d_garbage"].status == "error"
    assert "expected RuleResult" in (runs["d_garbage"].error or "")
    assert runs["c_good"].status == "matched"
    assert runs["c_good"].result is not None and runs["c_good"].result.summary == "good"


async def test_a_rule_failing_repeatedly_is_quarantined_and_skipped() -> None:
    engine = _engine({"a_raises": Raises(), "c_good": Good()}, q=2)
    try:
        first = {r.rule: r.status for r in await engine.run_rules(_ctx)}
        second = {r.rule: r.status for r in await engine.run_rules(_ctx)}
        third = {r.rule: r.status for r in await engine.run_rules(_ctx)}
    finally:
        engine.close()
    assert first["a_raises"] == second["a_raises"] == "error"
    assert third["a_raises"] == "quarantined"
    assert third["c_good"] == "matched"
    assert engine.health["a_raises"].quarantined
    assert engine.health["a_raises"].failures == 2


async def test_rules_in_off_mode_are_not_called() -> None:
    rules = RulesFile(path=None, defaults={}, rules={"a_raises": {"mode": "off"}}, sections={})
    host = PluginHost.load(
        Settings(rules_dir=None),
        rules,
        builtins=(),
        extra={"a_raises": Raises(), "c_good": Good()},
        entry_points=False,
    )
    engine = Engine(host, rule_timeout=0.5)
    try:
        runs = {r.rule: r.status for r in await engine.run_rules(_ctx)}
    finally:
        engine.close()
    assert runs == {"a_raises": "off", "c_good": "matched"}
    assert engine.health.get("a_raises") is None or engine.health["a_raises"].calls == 0


async def test_plugin_calls_reuse_idle_threads_and_a_hung_call_gets_a_new_one() -> None:
    from helpdesk_loyalty.engine import DaemonThreads

    threads = DaemonThreads()
    for i in range(5):
        assert await threads.submit(lambda i=i: i * 2) == i * 2
    assert threads.started == 1
    hold = threading.Event()
    hung = threads.submit(hold.wait)
    assert await threads.submit(lambda: "still answers") == "still answers"
    assert threads.started == 2
    hold.set()
    assert await hung is True
    with pytest.raises(ZeroDivisionError):
        await threads.submit(lambda: 1 / 0)
