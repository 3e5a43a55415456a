"""Plugin settings: what a plugin declares, and the validation of its table in the rules file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .errors import ConfigError
from .models import MODES

__all__ = ["MODE_SETTING", "Setting", "validate_table"]

_TYPE_NAMES: dict[type, str] = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "a table",
}


@dataclass(frozen=True)
class Setting:
    """One setting a plugin reads: ``name``, Python ``type`` (bool, int, float, str, list,
    dict), ``default``, a ``help`` line, and optionally ``required`` and allowed ``choices``."""

    name: str
    type: type
    default: Any = None
    help: str = ""
    required: bool = False
    choices: tuple[Any, ...] = ()


MODE_SETTING = Setting(
    "mode", str, "suggest", "off | shadow | suggest | act: how far this rule may go", choices=MODES
)


def _coerce(plugin: str, setting: Setting, value: Any) -> Any:
    expected = setting.type
    key = f"[rules.{plugin}] {setting.name}"
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is int and isinstance(value, bool):
        raise ConfigError(key, f"{value!r} is not a whole number", f"write {setting.name} = 3")
    if not isinstance(value, expected):
        wanted = _TYPE_NAMES.get(expected, expected.__name__)
        raise ConfigError(
            key,
            f"{value!r} is {type(value).__name__}, expected {wanted}",
            f"set {setting.name} to {wanted} ({setting.help or 'see the plugin docs'})",
        )
    if setting.choices and value not in setting.choices:
        options = " | ".join(str(c) for c in setting.choices)
        raise ConfigError(key, f"{value!r} is not one of {options}", f"use one of {options}")
    return value


def validate_table(
    plugin: str, settings: Sequence[Setting], table: Mapping[str, Any]
) -> Mapping[str, Any]:
    """Check ``table`` against ``settings``; return the values with defaults filled in.

    Raises :class:`ConfigError` naming the plugin, the key and the fix for an unknown key, a
    wrong type, a value outside ``choices`` or a missing required setting.
    """
    by_name = {s.name: s for s in settings}
    for key in table:
        if key not in by_name:
            known = ", ".join(sorted(by_name)) or "none"
            raise ConfigError(
                f"[rules.{plugin}] {key}",
                "is not a setting of this plugin",
                f"remove it or use one of: {known}",
            )
    values: dict[str, Any] = {}
    for setting in settings:
        if setting.name in table:
            values[setting.name] = _coerce(plugin, setting, table[setting.name])
        elif setting.required:
            raise ConfigError(
                f"[rules.{plugin}] {setting.name}",
                "is required and missing",
                f"add {setting.name} = ... ({setting.help})",
            )
        else:
            values[setting.name] = setting.default
    return MappingProxyType(values)
