"""The rule engine: calls every rule and enrichment plugin on its own, with a time budget.

pluggy stops a hook call at the first exception, so the engine never fans a hook out: it calls
each implementation through its own subset caller. A rule that raises, hangs past its budget or
returns something that is not a :class:`~helpdesk_loyalty.actions.RuleResult` is recorded and
the others still run. After ``quarantine_after`` consecutive failures a rule is quarantined:
skipped and reported until the process restarts.

Sync rules run in a thread pool so a hung rule cannot block the event loop; Python cannot stop a
running thread, so a hung call keeps its thread until it returns. Quarantine bounds how many
such threads one broken rule can hold.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from .actions import RuleResult, describe_action
from .context import EnrichmentContext, RuleContext
from .host import PluginHost

__all__ = ["Engine", "RuleHealth", "RuleRun"]

log = logging.getLogger("helpdesk_loyalty.engine")


@dataclass(frozen=True)
class RuleRun:
    """One rule's outcome for one event, as the ledger keeps it.

    ``status``: ``matched``, ``not_matched``, ``error``, ``timeout``, ``quarantined`` or ``off``.
    """

    rule: str
    mode: str
    status: str
    result: RuleResult | None = None
    error: str | None = None
    duration_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The ledger's view: evidence with values and thresholds, planned actions, errors."""
        result = self.result
        return {
            "rule": self.rule,
            "mode": self.mode,
            "status": self.status,
            "summary": result.summary if result else "",
            "reason": result.reason if result else "",
            "evidence": [
                {
                    "signal": e.signal,
                    "text": e.text,
                    "value": _jsonable(e.value),
                    "threshold": _jsonable(e.threshold),
                }
                for e in (result.evidence if result else ())
            ],
            "actions": [describe_action(a) for a in (result.actions if result else ())],
            "error": self.error,
            "duration_ms": round(self.duration_ms, 3),
        }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


@dataclass
class RuleHealth:
    """Health of one rule in this process."""

    calls: int = 0
    failures: int = 0
    consecutive_failures: int = 0
    quarantined: bool = False
    last_error: str | None = None
    last_error_at: float | None = None


class Engine:
    """Runs enrichment plugins and rules for one event at a time."""

    def __init__(
        self,
        host: PluginHost,
        *,
        rule_timeout: float = 2.0,
        enrich_timeout: float = 1.0,
        quarantine_after: int = 5,
        threads: int = 16,
    ) -> None:
        self.host = host
        self.rule_timeout = rule_timeout
        self.enrich_timeout = enrich_timeout
        self.quarantine_after = quarantine_after
        self.health: dict[str, RuleHealth] = {}
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="hl-plugin")

    def close(self) -> None:
        """Release the thread pool without waiting for hung plugin calls."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def health_of(self, name: str) -> RuleHealth:
        """The health record of plugin ``name``."""
        return self.health.setdefault(name, RuleHealth())

    def _failed(self, name: str, error: str) -> None:
        health = self.health_of(name)
        health.failures += 1
        health.consecutive_failures += 1
        health.last_error = error
        health.last_error_at = time.time()
        if health.consecutive_failures >= self.quarantine_after and not health.quarantined:
            health.quarantined = True
            log.error(
                "plugin %s quarantined after %d failures: %s",
                name,
                health.consecutive_failures,
                error,
            )

    async def _call(self, plugin: str, hook: str, timeout: float, **kwargs: Any) -> Any:
        caller = self.host.caller(plugin, hook)
        impls = caller.get_hookimpls()
        if impls and inspect.iscoroutinefunction(impls[0].function):
            results = caller(**kwargs)
            return await asyncio.wait_for(results[0], timeout) if results else None
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, functools.partial(caller, **kwargs))
        results = await asyncio.wait_for(future, timeout)
        return results[0] if results else None

    async def enrich(
        self, make_ctx: Callable[[str], EnrichmentContext]
    ) -> dict[str, Mapping[str, Any]]:
        """Signals from every enrichment plugin, by plugin name; failures leave theirs out."""
        extra: dict[str, Mapping[str, Any]] = {}
        for name in self.host.names_with("enrich_signals"):
            health = self.health_of(name)
            if health.quarantined:
                continue
            health.calls += 1
            try:
                result = await self._call(
                    name, "enrich_signals", self.enrich_timeout, ctx=make_ctx(name)
                )
            except TimeoutError:
                self._failed(name, f"no answer within {self.enrich_timeout:g} s")
                continue
            except Exception as exc:  # an enrichment plugin's failure only costs its signals
                self._failed(name, f"{type(exc).__name__}: {exc}")
                continue
            if result is None:
                health.consecutive_failures = 0
                continue
            if not isinstance(result, Mapping):
                self._failed(name, f"returned {type(result).__name__}, expected a mapping")
                continue
            health.consecutive_failures = 0
            extra[name] = dict(result)
        return extra

    async def run_rules(self, make_ctx: Callable[[str, str], RuleContext]) -> list[RuleRun]:
        """Call each rule on its own (name order) and record what happened."""
        runs: list[RuleRun] = []
        for name in self.host.rules():
            mode = self.host.mode_of(name)
            health = self.health_of(name)
            if mode == "off":
                runs.append(RuleRun(name, mode, "off"))
                continue
            if health.quarantined:
                runs.append(RuleRun(name, mode, "quarantined", error=health.last_error))
                continue
            health.calls += 1
            started = time.perf_counter()
            try:
                result = await self._call(
                    name, "evaluate_ticket", self.rule_timeout, ctx=make_ctx(name, mode)
                )
            except TimeoutError:
                error = f"no answer within {self.rule_timeout:g} s"
                self._failed(name, error)
                runs.append(
                    RuleRun(
                        name,
                        mode,
                        "timeout",
                        error=error,
                        duration_ms=(time.perf_counter() - started) * 1000,
                    )
                )
                continue
            except Exception as exc:  # one rule's bug must not stop the others
                error = f"{type(exc).__name__}: {exc}"
                self._failed(name, error)
                runs.append(
                    RuleRun(
                        name,
                        mode,
                        "error",
                        error=error,
                        duration_ms=(time.perf_counter() - started) * 1000,
                    )
                )
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if result is not None and not isinstance(result, RuleResult):
                error = f"returned {type(result).__name__}, expected RuleResult or None"
                self._failed(name, error)
                runs.append(RuleRun(name, mode, "error", error=error, duration_ms=elapsed))
                continue
            health.consecutive_failures = 0
            status = "matched" if result is not None and result.matched else "not_matched"
            runs.append(RuleRun(name, mode, status, result=result, duration_ms=elapsed))
        return runs
