"""Freshdesk API v2 request validation: every problem reported at once, in its error shape.

``{"description": "Validation failed", "errors": [{"field", "message", "code"}]}`` with codes
``invalid_field`` (a field the endpoint does not take), ``invalid_value``, ``missing_field`` and
``datatype_mismatch`` (messages like ``Value set is of type String.It should be a/an
Integer``), as Freshdesk's own KB example and python-freshdesk's parser show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .freshdesk_records import PRIORITY_NAMES, SOURCE_NAMES, FdTicketField

__all__ = [
    "TICKET_TYPES",
    "FdInvalid",
    "check_custom_fields",
    "check_note",
    "check_ticket",
    "mismatch",
    "unexpected",
]

TICKET_TYPES = ("Question", "Incident", "Problem", "Feature Request", "Refund")
_NOTE_FIELDS = {"body", "private", "incoming", "user_id", "notify_emails", "attachments"}
_JSON_TYPE = {
    bool: "Boolean",
    int: "Integer",
    float: "Number",
    str: "String",
    list: "Array",
    dict: "key/value pair",
}
_CUSTOM_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "custom_number": (int, "Integer"),
    "custom_decimal": ((int, float), "Number"),
    "custom_checkbox": (bool, "Boolean"),
    "custom_text": (str, "String"),
    "custom_paragraph": (str, "String"),
    "custom_dropdown": (str, "String"),
    "custom_date": (str, "date format"),
}


class FdInvalid(Exception):
    """A 400 ``Validation failed`` with all its ``errors``."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__(str(errors))

    def body(self) -> dict[str, Any]:
        """The JSON error body."""
        return {"description": "Validation failed", "errors": self.errors}


def mismatch(name: str, value: Any, wanted: str) -> dict[str, str]:
    """A ``datatype_mismatch`` error."""
    got = _JSON_TYPE.get(type(value), "Null" if value is None else type(value).__name__)
    return {
        "field": name,
        "message": f"Value set is of type {got}.It should be a/an {wanted}",
        "code": "datatype_mismatch",
    }


def _choice(name: str, allowed: Any) -> dict[str, str]:
    values = ",".join(str(a) for a in allowed)
    return {
        "field": name,
        "message": f"It should be one of these values: '{values}'",
        "code": "invalid_value",
    }


def unexpected(data: Mapping[str, Any], allowed: set[str]) -> list[dict[str, str]]:
    """``invalid_field`` errors for every key of ``data`` not in ``allowed``."""
    return [
        {"field": k, "message": "Unexpected/invalid field in request", "code": "invalid_field"}
        for k in data
        if k not in allowed
    ]


def check_ticket(
    data: Mapping[str, Any],
    allowed: set[str],
    *,
    pools: Mapping[str, Mapping[int, object]],
    fields: Mapping[str, FdTicketField],
) -> list[dict[str, str]]:
    """Errors of a ticket body; ``pools`` holds the ids that exist (``status`` codes,
    ``group_id``, ``responder_id``, ``company_id``, ``requester_id``)."""
    errors = unexpected(data, allowed)
    ints: dict[str, Mapping[int, object]] = {
        "priority": PRIORITY_NAMES,
        "source": SOURCE_NAMES,
        **pools,
    }
    nouns = {"responder_id": "agent", "requester_id": "contact"}
    for name, pool in ints.items():
        if name not in data or (data[name] is None and name not in ("priority", "status")):
            continue
        value = data[name]
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(mismatch(name, value, "Integer"))
        elif value not in pool and name in ("priority", "status", "source"):
            errors.append(_choice(name, sorted(pool)))
        elif value not in pool:
            noun = nouns.get(name, name.removesuffix("_id"))
            errors.append(
                {
                    "field": name,
                    "code": "invalid_value",
                    "message": f"There is no {noun} matching the given {name}",
                }
            )
    if data.get("type") is not None and data["type"] not in TICKET_TYPES:
        errors.append(_choice("type", TICKET_TYPES))
    for name in ("subject", "description"):
        if name in data and not isinstance(data[name], str):
            errors.append(mismatch(name, data[name], "String"))
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        errors.append(mismatch("tags", tags, "Array"))
    if "custom_fields" in data:
        errors.extend(check_custom_fields(data["custom_fields"], fields))
    return errors


def check_custom_fields(raw: Any, fields: Mapping[str, FdTicketField]) -> list[dict[str, str]]:
    """Errors of a ``custom_fields`` object: unknown ``cf_`` names, wrong types, bad choices."""
    if not isinstance(raw, Mapping):
        return [mismatch("custom_fields", raw, "key/value pair")]
    errors = []
    for key, value in raw.items():
        spec = fields.get(key)
        if spec is None:
            errors.extend(unexpected({key: value}, set()))
            continue
        if value is None:
            continue
        kinds, label = _CUSTOM_TYPES.get(spec.type, (str, "String"))
        bad_bool = isinstance(value, bool) and spec.type != "custom_checkbox"
        if bad_bool or not isinstance(value, kinds):
            errors.append(mismatch(key, value, label))
        elif spec.choices and value not in spec.choices:
            errors.append(_choice(key, spec.choices))
    return errors


def check_note(data: Mapping[str, Any], users: set[int]) -> list[dict[str, str]]:
    """Errors of a note body; ``users`` are the agent and contact ids a note may come from."""
    errors = unexpected(data, _NOTE_FIELDS)
    body = data.get("body")
    if body is None:
        errors.append(
            {"field": "body", "message": "It should be a/an String", "code": "missing_field"}
        )
    elif not isinstance(body, str):
        errors.append(mismatch("body", body, "String"))
    for name in ("private", "incoming"):
        if name in data and not isinstance(data[name], bool):
            errors.append(mismatch(name, data[name], "Boolean"))
    if "user_id" in data and data["user_id"] not in users:
        errors.append(
            {
                "field": "user_id",
                "code": "invalid_value",
                "message": "There is no contact matching the given user_id",
            }
        )
    return errors
