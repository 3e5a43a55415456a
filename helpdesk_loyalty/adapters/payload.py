"""Reading values out of vendor webhook bodies, defensively.

Helpdesk placeholders render as strings, and not always nicely: an empty relation renders as
``""`` or ``"-"``, an unknown placeholder may arrive verbatim (``"{{ticket.organization.id}}"``),
ids come as strings or numbers. Every reader here turns those into ``None`` or a clean value, or
raises :class:`~helpdesk_loyalty.errors.PayloadError` naming the field and what was expected, so
a bad body is a 4xx with a useful message, never a ``KeyError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..errors import PayloadError
from ..models import parse_time
from .htmltext import html_to_text

__all__ = [
    "is_blank",
    "load_object",
    "opt_id",
    "opt_object",
    "opt_str",
    "opt_text",
    "opt_time",
    "require_ticket_id",
    "split_tags",
]

_PLACEHOLDER_RE = re.compile(r"^\{\{.*\}\}$", re.DOTALL)
_TICKET_ID_RE = re.compile(r"^[0-9]{1,20}$")
# Whitespace or a control character: neither belongs in an id (PostgreSQL cannot even store NUL).
_NOT_IN_ID_RE = re.compile(r"[\s\x00-\x1f\x7f]")


def load_object(body: bytes, helpdesk: str) -> dict[str, Any]:
    """The JSON object in ``body``, or a :class:`PayloadError` saying why it is not one."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PayloadError(f"{helpdesk} webhook body is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise PayloadError(
            f"{helpdesk} webhook body is not valid JSON ({exc.msg} at line {exc.lineno} column "
            f"{exc.colno}); send the body template from connectors/{helpdesk}/ with request "
            "format JSON"
        ) from exc
    if not isinstance(data, dict):
        raise PayloadError(
            f"{helpdesk} webhook body must be a JSON object, got {type(data).__name__}"
        )
    return data


def is_blank(value: object) -> bool:
    """Whether ``value`` means "nothing": missing, empty, ``"-"`` or an unrendered placeholder."""
    if value is None:
        return True
    if isinstance(value, str):
        text = value.strip()
        return text in ("", "-") or _PLACEHOLDER_RE.match(text) is not None
    return False


def opt_object(data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
    """``data[key]`` when it is an object; empty when missing or null."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PayloadError(f"{path} must be a JSON object, got {type(value).__name__}")
    return value


def opt_str(value: object, path: str) -> str | None:
    """A trimmed string, or ``None`` when blank."""
    if type(value) is str:
        # The common case, read once per field of every webhook: a plain string.
        text = value.strip()
        if text and text != "-" and not (text[0] == "{" and _PLACEHOLDER_RE.match(text)):
            return text
        return None
    if is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PayloadError(f"{path} must be a string, got {type(value).__name__}")
    return str(value).strip()


def opt_text(value: object, path: str) -> str:
    """Plain text (HTML stripped); ``""`` when blank."""
    text = opt_str(value, path)
    return html_to_text(text) if text else ""


def opt_id(value: object, path: str) -> str | None:
    """An id as a string (helpdesks send ids as numbers or strings), or ``None`` when blank."""
    if isinstance(value, bool | float):
        raise PayloadError(f"{path} must be an id (a string or an integer), got {value!r}")
    if isinstance(value, int):
        return str(value)
    if type(value) is str and value.isdigit():
        return value  # the common case: digits only, so neither blank nor spaced
    text = opt_str(value, path)
    if text is not None and _NOT_IN_ID_RE.search(text):
        raise PayloadError(f"{path} must be a single id, got {text!r}")
    return text


def require_ticket_id(value: object, path: str) -> str:
    """The ticket number as a string of digits; a :class:`PayloadError` otherwise."""
    text = value if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    if text is None or not _TICKET_ID_RE.match(text.strip()):
        shown = "missing" if value is None else repr(value)[:80]
        raise PayloadError(f"{path} must be the ticket number (digits), got {shown}")
    return text.strip()


def split_tags(value: object, path: str, *, separator: str | None) -> tuple[str, ...]:
    """Tags from a JSON list or one string (``separator=None`` splits on whitespace)."""
    if is_blank(value):
        return ()
    if isinstance(value, list):
        items = value
    elif isinstance(value, str):
        items = value.split(separator)
    else:
        raise PayloadError(
            f"{path} must be a list of tags or one string of tags, got {type(value).__name__}"
        )
    tags: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise PayloadError(f"{path} must contain only strings, got {item!r}")
        tag = item.strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def opt_time(value: object, path: str) -> datetime | None:
    """An aware datetime from an ISO-8601 string, or ``None`` when blank."""
    text = opt_str(value, path)
    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError as exc:
        raise PayloadError(
            f"{path} must be an ISO-8601 time such as 2026-01-08T14:25:30Z, got {text!r}"
        ) from exc
