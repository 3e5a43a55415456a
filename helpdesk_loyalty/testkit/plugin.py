"""The plugin under test, loaded the way the service loads it: named, registered with pluggy,
its settings table validated against what it declares."""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any

from ..config import RulesFile, Settings
from ..errors import ConfigError
from ..host import PluginHost

__all__ = ["load_plugin", "plugin_name"]


def plugin_name(plugin: object, name: str | None = None) -> str:
    """``name``, else the module's last dotted part (``acme_rules.enterprise_invoice`` ->
    ``enterprise_invoice``), else the class name of a plugin object, lower-cased."""
    if name:
        return name
    if isinstance(plugin, ModuleType):
        return plugin.__name__.rsplit(".", 1)[-1]
    return type(plugin).__name__.lower()


def load_plugin(
    plugin: object, *, name: str | None = None, config: Mapping[str, Any] | None = None
) -> tuple[str, PluginHost]:
    """A host holding only ``plugin`` with ``config`` as its ``[rules.<name>]`` table.

    Raises :class:`ConfigError` when the plugin does not register (a hook with a misspelt
    argument, say) or its table does not validate: in a test, that is the failure to see.
    """
    resolved = plugin_name(plugin, name)
    try:
        host = _load(plugin, resolved, {resolved: dict(config)} if config else {})
    except ConfigError:
        _load(plugin, resolved, {})  # a plugin that did not load explains a table "for nobody"
        raise
    return resolved, host


def _load(plugin: object, name: str, tables: Mapping[str, Mapping[str, Any]]) -> PluginHost:
    rules = RulesFile(path=None, defaults={}, rules=tables, sections={})
    host = PluginHost.load(
        Settings(rules_dir=None), rules, builtins=(), extra={name: plugin}, entry_points=False
    )
    for failure in host.failures():
        raise ConfigError(
            f"plugin {failure.name}", f"did not load: {failure.error}", "fix the plugin module"
        )
    return host
