"""The plugin host: loads built-in, entry-point and ``rules/`` folder plugins the same way.

One :func:`get_plugin_manager` builds a fresh pluggy manager (tests get their own). A plugin that
fails to import or register is reported with its name and error and skipped, so ``serve`` and
the CLI still start; ``HL_PLUGINS_STRICT=true`` turns that into a start-up failure. Each
plugin's settings table is validated against what it declares, at start.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .config import RulesFile, Settings
from .errors import ConfigError
from .pluginconfig import MODE_SETTING, Setting, validate_table

__all__ = ["BUILTIN_MODULES", "PluginHost", "PluginInfo", "get_plugin_manager"]

log = logging.getLogger("helpdesk_loyalty.plugins")

BUILTIN_MODULES: tuple[str, ...] = (
    "helpdesk_loyalty.adapters.builtin",
    "helpdesk_loyalty.plugins.escalate_to_supervisor",
    "helpdesk_loyalty.plugins.suggest_bill_credit",
    "helpdesk_loyalty.plugins.flag_struggling_payer",
)
ENTRY_POINT_GROUP = "helpdesk_loyalty"
HOOK_NAMES = ("evaluate_ticket", "declare_settings", "enrich_signals", "register_helpdesks")


def get_plugin_manager() -> pluggy.PluginManager:
    """A fresh plugin manager with helpdesk-loyalty's hook specifications."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


@dataclass
class PluginInfo:
    """What ``plugins`` lists: where a plugin came from, its version, hooks and state."""

    name: str
    source: str  # builtin | entrypoint | rules-dir
    version: str = ""
    hooks: tuple[str, ...] = ()
    error: str | None = None
    location: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        return self.error is None

    @property
    def is_rule(self) -> bool:
        return "evaluate_ticket" in self.hooks


def _short_error(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _module_version(module: object, fallback: str) -> str:
    return str(getattr(module, "__version__", "") or fallback)


class PluginHost:
    """The loaded plugins, their validated settings, and per-plugin hook callers."""

    def __init__(
        self, pm: pluggy.PluginManager, infos: dict[str, PluginInfo], rules_file: RulesFile
    ):
        self.pm = pm
        self.infos = infos
        self.rules_file = rules_file
        self._callers: dict[tuple[str, str], Any] = {}

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        settings: Settings,
        rules_file: RulesFile,
        *,
        builtins: Iterable[str] = BUILTIN_MODULES,
        extra: Mapping[str, object] | None = None,
        entry_points: bool = True,
    ) -> PluginHost:
        """Load every plugin and validate its settings.

        ``extra`` registers objects directly (tests use it to add a rule without files).
        """
        pm = get_plugin_manager()
        infos: dict[str, PluginInfo] = {}
        from . import __version__

        def wanted(name: str) -> bool:
            if name in settings.plugins_block:
                return False
            # The built-in adapters are infrastructure, not a rule: an allow-list of rules
            # must not switch off webhook handling.
            return (
                not settings.plugins_allow or name in settings.plugins_allow or name == "adapters"
            )

        def add(
            name: str, source: str, load: Callable[[], object], location: str, version: str = ""
        ) -> None:
            if name in infos and infos[name].loaded:
                infos[f"{name}@{source}"] = PluginInfo(
                    name,
                    source,
                    error=f"name {name!r} is already taken by a {infos[name].source} plugin",
                    location=location,
                )
                return
            if not wanted(name):
                return
            try:
                plugin = load()
                pm.register(plugin, name=name)
            except Exception as exc:  # a broken plugin is reported and skipped
                infos[name] = PluginInfo(name, source, error=_short_error(exc), location=location)
                log.error("plugin %s (%s) failed to load: %s", name, location, infos[name].error)
                return
            hooks = tuple(h.name for h in pm.get_hookcallers(plugin) or () if h.name in HOOK_NAMES)
            infos[name] = PluginInfo(
                name,
                source,
                version=_module_version(plugin, version),
                hooks=hooks,
                location=location,
            )

        for dotted in builtins:
            short = dotted.rsplit(".", 1)[-1]
            name = "adapters" if dotted.endswith("adapters.builtin") else short
            add(name, "builtin", lambda d=dotted: importlib.import_module(d), dotted, __version__)  # type: ignore[misc]
        if entry_points:
            for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
                dist = getattr(ep, "dist", None)
                version = dist.version if dist is not None else ""
                add(ep.name, "entrypoint", ep.load, ep.value, version)
        if settings.rules_dir is not None and settings.rules_dir.is_dir():
            for path in sorted(settings.rules_dir.glob("*.py")):
                if path.name.startswith("_"):
                    continue
                add(path.stem, "rules-dir", lambda p=path: _import_file(p), str(path))  # type: ignore[misc]
        for name, obj in (extra or {}).items():
            add(name, "extra", lambda o=obj: o, type(obj).__name__)  # type: ignore[misc]

        host = cls(pm, infos, rules_file)
        host._validate_settings()
        failures = host.failures()
        if failures and settings.plugins_strict:
            first = failures[0]
            raise ConfigError(
                f"plugin {first.name}",
                f"failed to load: {first.error}",
                "fix the plugin, block it with HL_PLUGINS_BLOCK, or unset HL_PLUGINS_STRICT",
            )
        if settings.trace_hooks:
            # Its own logger, opened to DEBUG, so the trace shows whatever HL_LOG_LEVEL is and
            # in every command (``receive``, ``plugins``), not only under ``serve``.
            trace = logging.getLogger("helpdesk_loyalty.hooks")
            trace.setLevel(logging.DEBUG)
            pm.trace.root.setwriter(lambda msg: trace.debug("hook %s", msg.rstrip()))
            pm.enable_tracing()
        return host

    def _validate_settings(self) -> None:
        known = {i.name for i in self.infos.values() if i.loaded}
        for table_name in self.rules_file.rules:
            if table_name not in known:
                raise ConfigError(
                    f"[rules.{table_name}]",
                    "names no loaded plugin",
                    f"fix the name (loaded: {', '.join(sorted(known))}) or remove the table",
                )
        for info in self.infos.values():
            if not info.loaded:
                continue
            declared: list[Setting] = []
            try:
                for result in self._call_one(info.name, "declare_settings"):
                    declared.extend(result or ())
            except Exception as exc:  # a plugin whose declaration breaks is skipped, not fatal
                self._skip(info.name, f"declare_settings failed: {_short_error(exc)}")
                continue
            if info.is_rule and not any(s.name == "mode" for s in declared):
                declared.insert(0, MODE_SETTING)
            table = dict(self.rules_file.table_for(info.name))
            if info.is_rule and "mode" not in table:
                table["mode"] = self.rules_file.default_mode()
            info.settings = validate_table(info.name, declared, table)

    def _skip(self, plugin: str, error: str) -> None:
        """Unregister a plugin that broke after loading; ``plugins`` lists it with ``error``."""
        self.infos[plugin].error = error
        self.pm.unregister(name=plugin)
        self._callers.clear()
        log.error("plugin %s skipped: %s", plugin, error)

    # -- calling ---------------------------------------------------------------------------
    def caller(self, plugin: str, hook: str) -> Any:
        """A hook caller reaching only ``plugin`` (pluggy tracing and monitoring still apply)."""
        key = (plugin, hook)
        if key not in self._callers:
            others = [p for n, p in self.pm.list_name_plugin() if n != plugin]
            self._callers[key] = self.pm.subset_hook_caller(hook, remove_plugins=others)
        return self._callers[key]

    def _call_one(self, plugin: str, hook: str, **kwargs: Any) -> list[Any]:
        return list(self.caller(plugin, hook)(**kwargs))

    def names_with(self, hook: str) -> list[str]:
        """Loaded plugins implementing ``hook``, in name order."""
        return sorted(i.name for i in self.infos.values() if i.loaded and hook in i.hooks)

    def rules(self) -> list[str]:
        """Names of the loaded rules (plugins implementing ``evaluate_ticket``)."""
        return self.names_with("evaluate_ticket")

    def settings_of(self, plugin: str) -> Mapping[str, Any]:
        """The validated settings of ``plugin``."""
        return self.infos[plugin].settings

    def mode_of(self, rule: str) -> str:
        """The configured mode of ``rule``."""
        return str(self.infos[rule].settings.get("mode", "suggest"))

    def helpdesk_specs(self) -> dict[str, Any]:
        """Every registered helpdesk adapter by name; a name registered twice is an error."""
        specs: dict[str, Any] = {}
        for plugin in self.names_with("register_helpdesks"):
            try:
                results = self._call_one(plugin, "register_helpdesks")
            except Exception as exc:  # a broken adapter plugin is reported, not fatal
                self._skip(plugin, f"register_helpdesks failed: {_short_error(exc)}")
                continue
            for offered in results:
                for spec in offered or ():
                    if spec.name in specs:
                        raise ConfigError(
                            f"plugin {plugin}",
                            f"registers helpdesk {spec.name!r}, already registered by another",
                            "rename the adapter or block one of the plugins with HL_PLUGINS_BLOCK",
                        )
                    specs[spec.name] = spec
        return specs

    def failures(self) -> list[PluginInfo]:
        """Plugins that failed to load."""
        return [i for i in self.infos.values() if not i.loaded]


def _import_file(path: Path) -> ModuleType:
    """Import a ``rules/`` folder plugin file under a private module name."""
    name = f"helpdesk_loyalty_rules.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module
