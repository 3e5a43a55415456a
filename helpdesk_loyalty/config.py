"""Configuration: the environment (``HL_*``) and the rules file, read once at start.

Nothing reads ``os.environ`` at import time. :meth:`Settings.from_env` takes a mapping (the real
environment by default) and returns frozen settings that are passed down. A bad value stops
start-up with a :class:`~helpdesk_loyalty.errors.ConfigError` naming the variable, the value
and the fix. Helpdesk-specific variables (``HL_ZENDESK_*``, ``HL_FRESHDESK_*``) are read by each
adapter's ``settings_from_env``, once the adapters are known.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import ConfigError
from .models import MODES
from .secret import Secret

__all__ = ["ENV_PREFIX", "SETTINGS_DOC", "RulesFile", "Settings", "env_value"]

ENV_PREFIX = "HL_"
T = TypeVar("T")

# (variable, default, meaning): the README's configuration table is generated from this list.
SETTINGS_DOC: tuple[tuple[str, str, str], ...] = (
    (
        "HL_DATABASE_URL",
        "sqlite:///helpdesk-loyalty.db",
        "store: `sqlite:///path.db` or `postgresql://...`",
    ),
    ("HL_RULES_FILE", "rules/rules.toml", "the rules configuration (TOML)"),
    ("HL_RULES_DIR", "rules", "folder whose `*.py` rule plugins are loaded at start"),
    ("HL_HOST", "127.0.0.1", "address `serve` listens on"),
    ("HL_PORT", "8080", "port `serve` listens on"),
    ("HL_MAX_BODY_BYTES", "262144", "largest webhook body accepted (413 above)"),
    ("HL_WORKER_CONCURRENCY", "8", "tickets processed in parallel per process"),
    (
        "HL_LEASE_SECONDS",
        "60",
        "how long a claimed job is leased before another worker may take it",
    ),
    ("HL_RULE_TIMEOUT", "2.0", "time budget of one rule call, seconds"),
    ("HL_ENRICH_TIMEOUT", "1.0", "time budget of one enrichment call, seconds"),
    ("HL_QUARANTINE_AFTER", "5", "consecutive failures after which a rule is quarantined"),
    ("HL_CACHE_TTL", "600", "seconds a requester's context is reused without an API read"),
    ("HL_RETRY_HORIZON", "259200", "seconds a failing write is retried before it is dead-lettered"),
    ("HL_PURGE_AFTER_DAYS", "30", "done jobs and inbox rows older than this are purged"),
    (
        "HL_STORE_START_TIMEOUT",
        "60",
        "seconds `serve` and `worker` wait at start for an unreachable store; 0 = fail at once",
    ),
    (
        "HL_OPS_TOKEN",
        "(unset)",
        "bearer token for the read-only `/ops` endpoints; unset = disabled",
    ),
    ("HL_LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING or ERROR"),
    ("HL_PLUGINS_ALLOW", "(all)", "comma-separated plugin names to load; others are skipped"),
    ("HL_PLUGINS_BLOCK", "(none)", "comma-separated plugin names never to load"),
    ("HL_PLUGINS_STRICT", "false", "a plugin that fails to load stops start-up (for CI)"),
    ("HL_TRACE_HOOKS", "false", "log every hook call (pluggy tracing), in every command"),
)


def env_value(
    env: Mapping[str, str], name: str, default: T, parse: Callable[[str], T], fix: str
) -> T:
    """Read ``name`` from ``env`` with ``parse``; a bad value raises :class:`ConfigError`."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse(raw.strip())
    except (ValueError, TypeError) as exc:
        raise ConfigError(name, f"{raw!r} is not valid ({exc})", fix) from exc


def _bool(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


def _not_negative(raw: str) -> float:
    value = float(raw)
    if not value >= 0:  # also refuses nan
        raise ValueError("must be 0 or more")
    return value


def _positive(kind: Callable[[str], T]) -> Callable[[str], T]:
    def parse(raw: str) -> T:
        value = kind(raw)
        if value <= 0:  # type: ignore[operator]
            raise ValueError("must be greater than 0")
        return value

    return parse


def _names(raw: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in raw.split(",") if n.strip())


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ValueError("expected DEBUG, INFO, WARNING or ERROR")
    return level


@dataclass(frozen=True)
class Settings:
    """Service settings. ``env`` keeps the mapping they came from, for adapters to read theirs."""

    database_url: str = "sqlite:///helpdesk-loyalty.db"
    rules_file: Path = Path("rules/rules.toml")
    rules_dir: Path | None = Path("rules")
    host: str = "127.0.0.1"
    port: int = 8080
    max_body_bytes: int = 262_144
    worker_concurrency: int = 8
    worker_yield_rate: float = 50.0
    worker_yield_gap: float = 0.5
    lease_seconds: float = 60.0
    rule_timeout: float = 2.0
    enrich_timeout: float = 1.0
    quarantine_after: int = 5
    cache_ttl: float = 600.0
    retry_horizon: float = 72 * 3600.0
    purge_after_days: float = 30.0
    store_start_timeout: float = 60.0
    ops_token: Secret | None = None
    log_level: str = "INFO"
    plugins_allow: tuple[str, ...] = ()
    plugins_block: tuple[str, ...] = ()
    plugins_strict: bool = False
    trace_hooks: bool = False
    env: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read every ``HL_*`` setting from ``env`` (default: the process environment)."""
        env = dict(os.environ if env is None else env)
        rules_dir_raw = env.get("HL_RULES_DIR")
        token = env.get("HL_OPS_TOKEN", "").strip()
        return cls(
            database_url=env_value(
                env,
                "HL_DATABASE_URL",
                cls.database_url,
                str,
                "use sqlite:///path.db or postgresql://user@host/db",
            ),
            rules_file=env_value(
                env, "HL_RULES_FILE", cls.rules_file, Path, "point it at a TOML file"
            ),
            rules_dir=(None if rules_dir_raw == "" else Path(rules_dir_raw))
            if rules_dir_raw is not None
            else cls.rules_dir,
            host=env_value(env, "HL_HOST", cls.host, str, "use an address such as 0.0.0.0"),
            port=env_value(
                env, "HL_PORT", cls.port, _positive(int), "use a port number such as 8080"
            ),
            max_body_bytes=env_value(
                env,
                "HL_MAX_BODY_BYTES",
                cls.max_body_bytes,
                _positive(int),
                "use a size in bytes such as 262144",
            ),
            worker_concurrency=env_value(
                env,
                "HL_WORKER_CONCURRENCY",
                cls.worker_concurrency,
                _positive(int),
                "use a whole number such as 8",
            ),
            worker_yield_rate=env_value(
                env,
                "HL_WORKER_YIELD_RATE",
                cls.worker_yield_rate,
                _not_negative,
                "use webhooks a second such as 50, or 0 for a worker that never gives way",
            ),
            worker_yield_gap=env_value(
                env,
                "HL_WORKER_YIELD_GAP",
                cls.worker_yield_gap,
                _positive(float),
                "use seconds such as 0.5",
            ),
            lease_seconds=env_value(
                env,
                "HL_LEASE_SECONDS",
                cls.lease_seconds,
                _positive(float),
                "use seconds such as 60",
            ),
            rule_timeout=env_value(
                env,
                "HL_RULE_TIMEOUT",
                cls.rule_timeout,
                _positive(float),
                "use seconds such as 2.0",
            ),
            enrich_timeout=env_value(
                env,
                "HL_ENRICH_TIMEOUT",
                cls.enrich_timeout,
                _positive(float),
                "use seconds such as 1.0",
            ),
            quarantine_after=env_value(
                env,
                "HL_QUARANTINE_AFTER",
                cls.quarantine_after,
                _positive(int),
                "use a whole number such as 5",
            ),
            cache_ttl=env_value(
                env,
                "HL_CACHE_TTL",
                cls.cache_ttl,
                float,
                "use seconds such as 600 (0 disables the cache)",
            ),
            retry_horizon=env_value(
                env,
                "HL_RETRY_HORIZON",
                cls.retry_horizon,
                _positive(float),
                "use seconds such as 259200 (72 h)",
            ),
            purge_after_days=env_value(
                env,
                "HL_PURGE_AFTER_DAYS",
                cls.purge_after_days,
                _positive(float),
                "use days such as 30",
            ),
            store_start_timeout=env_value(
                env,
                "HL_STORE_START_TIMEOUT",
                cls.store_start_timeout,
                _not_negative,
                "use seconds such as 60, or 0 to fail at once",
            ),
            ops_token=Secret(token) if token else None,
            log_level=env_value(
                env, "HL_LOG_LEVEL", cls.log_level, _log_level, "use DEBUG, INFO, WARNING or ERROR"
            ),
            plugins_allow=env_value(
                env, "HL_PLUGINS_ALLOW", (), _names, "use comma-separated plugin names"
            ),
            plugins_block=env_value(
                env, "HL_PLUGINS_BLOCK", (), _names, "use comma-separated plugin names"
            ),
            plugins_strict=env_value(env, "HL_PLUGINS_STRICT", False, _bool, "use true or false"),
            trace_hooks=env_value(env, "HL_TRACE_HOOKS", False, _bool, "use true or false"),
            env=env,
        )


@dataclass(frozen=True)
class RulesFile:
    """The rules file: global defaults, one table per rule/plugin, and shared sections.

    Layout::

        [defaults]            # default mode; precedence of group/field conflicts
        [customer_fields]     # where customer value, plan, payment status live in the helpdesk
        [signals]             # windows and thresholds shared by the signals
        [rules.<name>]        # one table per plugin: mode and its declared settings
    """

    path: Path | None
    defaults: Mapping[str, Any]
    rules: Mapping[str, Mapping[str, Any]]
    sections: Mapping[str, Mapping[str, Any]]

    @classmethod
    def empty(cls) -> RulesFile:
        """No file: every rule at its defaults."""
        return cls(path=None, defaults={}, rules={}, sections={})

    @classmethod
    def load(cls, path: Path) -> RulesFile:
        """Read and check the shape of the rules file (each plugin validates its own table)."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(
                "HL_RULES_FILE",
                f"{path} does not exist",
                "create it (see rules/rules.toml in the repository) or point HL_RULES_FILE at it",
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                str(path), f"is not valid TOML ({exc})", "fix the syntax at the line shown"
            ) from exc
        defaults = data.pop("defaults", {})
        rules = data.pop("rules", {})
        if not isinstance(defaults, dict):
            raise ConfigError(
                f"{path} [defaults]",
                "is not a table",
                "write [defaults] followed by key = value lines",
            )
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise ConfigError(
                f"{path} [rules]",
                "must hold one table per rule",
                "write [rules.<rule name>] tables",
            )
        mode = defaults.get("mode", "suggest")
        if mode not in MODES:
            raise ConfigError(
                f"{path} [defaults] mode",
                f"{mode!r} is not a mode",
                "use off, shadow, suggest or act",
            )
        sections = {k: v for k, v in data.items() if isinstance(v, dict)}
        stray = sorted(k for k, v in data.items() if not isinstance(v, dict))
        if stray:
            raise ConfigError(
                f"{path} {stray[0]}",
                "is a top-level key outside any table",
                "move it under [defaults] or a [rules.<name>] table",
            )
        return cls(path=path, defaults=defaults, rules=rules, sections=sections)

    def section(self, name: str) -> Mapping[str, Any]:
        """A shared section such as ``customer_fields`` (empty when absent)."""
        return self.sections.get(name, {})

    def table_for(self, plugin: str) -> Mapping[str, Any]:
        """The ``[rules.<plugin>]`` table (empty when absent)."""
        return self.rules.get(plugin, {})

    def default_mode(self) -> str:
        """The mode of rules whose table does not set one."""
        return str(self.defaults.get("mode", "suggest"))
