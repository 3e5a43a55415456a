"""The helpdesk groups and ticket fields a rules file names, and whether a helpdesk has them.

Rules name groups and fields in their settings (``supervisor_group_id``, ``credit_field``,
``dunning_hold_field``...), and a rules file may list more in ``[groups]`` / ``[fields]``
tables. They are found generically, by key: in any ``[rules.*]`` table, a key ending in
``group_id`` is a group and one ending in ``field`` or ``field_id`` a ticket field; an empty
value means "not used". A rule writes a Zendesk field by its numeric id and a Freshdesk field
by its ``cf_`` name (the two APIs key custom fields that way), so a title or label that only
names the field is reported with the value to use instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .config import RulesFile

__all__ = ["Match", "Reference", "match_field", "match_group", "rule_references"]

Kind = Literal["group", "field"]
_SHOWN = 8


@dataclass(frozen=True)
class Reference:
    """A group or field the rules file names: where (``[rules.x] key``) and the value."""

    kind: Kind
    where: str
    value: str


@dataclass(frozen=True)
class Match:
    """Whether a reference exists in the helpdesk; ``fix`` says what to set when it does not."""

    ok: bool
    detail: str
    fix: str = ""


def _kind(key: str) -> Kind | None:
    if key == "group_id" or key.endswith("_group_id"):
        return "group"
    if key in ("field", "field_id") or key.endswith(("_field", "_field_id")):
        return "field"
    return None


def _values(raw: Any) -> Iterator[str]:
    items = raw if isinstance(raw, list) else [raw]
    for item in items:
        if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
            yield str(item).strip()


def _walk(table: Mapping[str, Any], where: str) -> Iterator[Reference]:
    for key, value in table.items():
        if isinstance(value, Mapping):
            yield from _walk(value, f"{where}.{key}")
            continue
        kind = _kind(key)
        if kind is not None:
            for item in _values(value):
                yield Reference(kind, f"[{where}] {key}", item)


def rule_references(rules: RulesFile) -> list[Reference]:
    """Every group and field the rules file names, in file order, without duplicates."""
    found: list[Reference] = []
    for name, table in rules.rules.items():
        found.extend(_walk(table, f"rules.{name}"))
    sections: tuple[tuple[str, Kind], ...] = (("groups", "group"), ("fields", "field"))
    for section, kind in sections:
        for key, value in rules.section(section).items():
            found.extend(Reference(kind, f"[{section}] {key}", v) for v in _values(value))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for ref in found:
        if (ref.kind, ref.where, ref.value) not in seen:
            seen.add((ref.kind, ref.where, ref.value))
            unique.append(ref)
    return unique


def _choices(rows: Sequence[tuple[str, str]]) -> str:
    shown = ", ".join(f"{key} ({label})" for key, label in rows[:_SHOWN])
    more = f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
    return shown + more if shown else "none exist yet: create one first"


def match_group(ref: Reference, groups: Sequence[Mapping[str, Any]]) -> Match:
    """Whether a group with the id ``ref.value`` exists (by name: the id to use instead)."""
    for group in groups:
        if str(group.get("id")) == ref.value:
            return Match(True, f"{ref.where} = {ref.value}: group {group.get('name')!r}")
    for group in groups:
        if str(group.get("name", "")).lower() == ref.value.lower():
            return Match(
                False,
                f"{ref.where} = {ref.value!r} is a group name, not its id",
                f'set {ref.where.split("] ")[-1]} = "{group.get("id")}"',
            )
    rows = [(str(g.get("id")), str(g.get("name"))) for g in groups]
    return Match(
        False,
        f"{ref.where} = {ref.value}: no group has this id",
        f"set it to one of: {_choices(rows)}",
    )


def match_field(ref: Reference, fields: Sequence[Mapping[str, Any]], helpdesk: str) -> Match:
    """Whether the ticket field exists under the key rules must use: the id on Zendesk, the
    ``cf_`` name on Freshdesk."""
    key = "id" if helpdesk == "zendesk" else "name"
    other = ("title", "raw_title") if helpdesk == "zendesk" else ("label", "id")
    setting = ref.where.split("] ")[-1]
    for item in fields:
        if str(item.get(key)) == ref.value:
            label = item.get("title") or item.get("label")
            return Match(True, f"{ref.where} = {ref.value}: field {label!r}")
    for item in fields:
        if any(str(item.get(k, "")).lower() == ref.value.lower() for k in other):
            return Match(
                False,
                f"{ref.where} = {ref.value!r} names a field, but rules need its {key}",
                f'set {setting} = "{item.get(key)}"',
            )
    custom = [f for f in fields if f.get("removable", not f.get("default", False))]
    rows = [(str(f.get(key)), str(f.get("title") or f.get("label"))) for f in custom]
    return Match(
        False,
        f"{ref.where} = {ref.value}: no ticket field has this {key}",
        f"create the field in {helpdesk}, or set {setting} to one of: {_choices(rows)}",
    )
