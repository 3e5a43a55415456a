"""Wiring: settings in, a running set of store, plugins, clients, decider and worker out.

``serve``, ``worker``, ``demo``, ``receive`` and the tests all build the service here, so they
run the same code. Tests pass an httpx transport per helpdesk (the sandbox in-process) and a
clock; nothing here reads the environment except through :class:`~.config.Settings`.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .adapters.base import ClientOptions, HelpdeskClient, HelpdeskSettings, HelpdeskSpec
from .clock import Clock, SystemClock
from .config import RulesFile, Settings
from .contexts import ContextBuilder
from .decide import Decider
from .engine import Engine
from .errors import HelpdeskError, StoreError, StoreUnavailableError
from .host import PluginHost
from .inbound import EventReader
from .intake import IntakeMeter
from .planner import DEFAULT_PRECEDENCE
from .signals.compute import SignalsConfig, text_signals
from .store import open_store
from .store.base import Store
from .worker import Worker
from .writeback import WriteBack

__all__ = ["Runtime", "load_rules_file", "open_runtime"]

log = logging.getLogger("helpdesk_loyalty")


def load_rules_file(settings: Settings) -> RulesFile:
    """The rules file; a missing default file means defaults, a missing named file is an error."""
    if settings.rules_file.exists() or "HL_RULES_FILE" in settings.env:
        return RulesFile.load(settings.rules_file)
    return RulesFile.empty()


@dataclass
class Runtime:
    """The assembled service."""

    settings: Settings
    clock: Clock
    store: Store
    host: PluginHost
    engine: Engine
    specs: dict[str, HelpdeskSpec]
    helpdesks: dict[str, HelpdeskSettings]
    clients: dict[str, HelpdeskClient]
    decider: Decider
    writeback: WriteBack
    worker: Worker
    api_user_ids: dict[str, str | None] = field(default_factory=dict)
    intake: IntakeMeter = field(default_factory=IntakeMeter)

    async def close(self) -> None:
        """Close clients, the store and the plugin thread pool."""
        for client in self.clients.values():
            await client.aclose()
        await self.store.close()
        self.engine.close()


def settle_startup(runtime: Runtime) -> None:
    """Before ``serve`` or ``worker`` takes work: read one text, then keep the start-up heap out
    of every later garbage collection.

    The first reading compiles the lexicon's patterns and loads the text model (about 25 ms the
    first ticket would otherwise wait). A full collection walks every live container object;
    with the plugins, the patterns and the model in view it paused a busy ``serve`` for
    27-32 ms, which every acknowledgement arriving meanwhile waited out; after ``gc.freeze()``,
    3-11 ms (docs/performance.md). For long-running commands only: tests and one-shot commands
    build many runtimes and should let them be collected.
    """
    text_signals("I was charged twice.", runtime.decider.signals_config)
    gc.collect()
    gc.freeze()


def helpdesk_settings(
    specs: Mapping[str, HelpdeskSpec], settings: Settings
) -> dict[str, HelpdeskSettings]:
    """Settings of every helpdesk configured in the environment."""
    found: dict[str, HelpdeskSettings] = {}
    for name, spec in specs.items():
        configured = spec.settings_from_env(settings.env)
        if configured is not None:
            found[name] = configured
    return found


def _throttle_recorder(store: Store, account: str) -> Callable[[float], None]:
    """Records each 429's pause in the store, so every worker of ``account`` waits it out."""
    pending: set[asyncio.Task[None]] = set()

    async def record(until: float) -> None:
        try:
            await store.throttle_account(account, until=until, reason="429 from the helpdesk")
        except StoreError as exc:
            log.warning("could not record the %s pause: %s", account, exc)

    def on_rate_limited(until: float) -> None:
        task = asyncio.get_running_loop().create_task(record(until))
        pending.add(task)
        task.add_done_callback(pending.discard)

    return on_rate_limited


# What waiting will not fix: the address or the credentials are wrong.
_PERMANENT = re.compile(
    r"password authentication failed|role \S+ does not exist|database \S+ does not exist"
    r"|no pg_hba\.conf entry|unable to open database file",
    re.IGNORECASE,
)


async def open_store_waiting(store: Store, wait: float) -> None:
    """Open ``store``; while it is unreachable, try again (0.5 s, doubling to 5 s) for up to
    ``wait`` seconds, saying so each time, then give up with the last error. A container started
    before its database, or a database restarted during a deploy, is waited for instead of
    crash-looping; a wrong password, role, database or SQLite folder fails at once."""
    deadline = time.monotonic() + wait
    delay = 0.5
    while True:
        try:
            await store.open()
            return
        except StoreUnavailableError as exc:
            left = deadline - time.monotonic()
            if left <= 0 or _PERMANENT.search(str(exc)):
                raise
            log.warning(
                "the store is not reachable yet (%s); trying again for up to %.0f s more "
                "(HL_STORE_START_TIMEOUT)",
                exc,
                left,
            )
            await asyncio.sleep(min(delay, left))
            delay = min(delay * 2, 5.0)


async def open_runtime(
    settings: Settings,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    transports: Mapping[str, Any] | None = None,
    extra_plugins: Mapping[str, object] | None = None,
    resolve_api_users: bool = True,
    store_wait: float = 0.0,
) -> Runtime:
    """Build and open the service described by ``settings``. ``store_wait``: how long to keep
    trying when the store is unreachable at start (``serve`` and ``worker`` pass
    ``HL_STORE_START_TIMEOUT``; a command an admin types fails at once)."""
    clock = clock or SystemClock()
    rules_file = load_rules_file(settings)
    host = PluginHost.load(settings, rules_file, extra=extra_plugins)
    specs = host.helpdesk_specs()
    helpdesks = helpdesk_settings(specs, settings)
    signals_config = SignalsConfig.from_rules(rules_file)
    engine = Engine(
        host,
        rule_timeout=settings.rule_timeout,
        enrich_timeout=settings.enrich_timeout,
        quarantine_after=settings.quarantine_after,
    )
    store = store or open_store(settings.database_url, clock)
    await open_store_waiting(store, store_wait)
    engine.health_sink = store.record_plugin_health  # so `plugins` elsewhere sees quarantines
    clients: dict[str, HelpdeskClient] = {}
    for name, hs in helpdesks.items():
        options = ClientOptions(
            transport=(transports or {}).get(name),
            clock=clock,
            on_rate_limited=_throttle_recorder(store, hs.account),
            paused_until=partial(store.throttled_until, hs.account),
        )
        clients[name] = specs[name].client(hs, options)

    api_user_ids: dict[str, str | None] = {}
    for name, hs in helpdesks.items():
        api_user_ids[name] = hs.api_user_id
        if hs.api_user_id is None and resolve_api_users:
            try:
                api_user_ids[name] = (await clients[name].whoami()).id
            except HelpdeskError as exc:
                log.warning(
                    "could not read the %s API user (%s); own writes are recognised by "
                    "their marker only",
                    name,
                    exc,
                )

    builder = ContextBuilder(
        store,
        clients,
        clock,
        cache_ttl=settings.cache_ttl,
        # History covers at least the repeat-contact window; credits a year, so any rule can
        # apply its own period (suggest_bill_credit's period_days) to them.
        history_days=max(30, signals_config.repeat_window_days),
        credit_period_days=365,
    )
    precedence = tuple(rules_file.defaults.get("precedence", DEFAULT_PRECEDENCE))
    decider = Decider(
        store,
        host,
        engine,
        builder,
        clock,
        signals_config=signals_config,
        api_user_ids=api_user_ids,
        precedence=precedence,
    )
    writeback = WriteBack(clients, clock)
    intake = IntakeMeter()
    worker = Worker(
        store,
        decider,
        writeback,
        clock,
        concurrency=settings.worker_concurrency,
        lease_seconds=settings.lease_seconds,
        retry_horizon=settings.retry_horizon,
        purge_after_days=settings.purge_after_days,
        read_event=EventReader(specs, helpdesks),
        intake=intake,
        yield_rate=settings.worker_yield_rate,
        yield_gap=settings.worker_yield_gap,
    )
    return Runtime(
        settings,
        clock,
        store,
        host,
        engine,
        specs,
        helpdesks,
        clients,
        decider,
        writeback,
        worker,
        api_user_ids,
        intake,
    )
