"""A minimal subset of Zendesk's search syntax, for ``GET /api/v2/search.json``.

Modelled: ``type:ticket`` (the only type), ``requester_id:``, ``requester:`` (id or email),
``organization:`` / ``organization_id:``, ``assignee:``, ``group:`` / ``group_id:``,
``status:`` (also ``status<solved``, ``status>new``), ``priority:`` (also ``<``/``>``),
``ticket_type:``, ``tags:`` / ``tag:`` (and ``-tags:x`` to exclude), ``created`` / ``updated``
with ``>``/``<``/``:`` and ``7days``, ``2hours``, ``30minutes`` or ``2026-01-01``; other words
match the subject and comments. Anything else is refused with a message rather than ignored.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from datetime import UTC, datetime

from .zendesk_records import PRIORITIES, STATUSES, ZdTicket
from .zendesk_state import ZendeskState, as_id

__all__ = ["SearchError", "search_tickets"]

_TERM = re.compile(r"^(-?)([a-z_]+)(:|<=|>=|<|>)(.+)$")
_RELATIVE = re.compile(r"^(\d+)(minutes|hours|days|weeks)$")
_UNIT = {"minutes": 60, "hours": 3600, "days": 86_400, "weeks": 604_800}
Test = Callable[[ZdTicket], bool]


class SearchError(ValueError):
    """A query the sandbox cannot answer faithfully."""


def _when(value: str, now: float) -> float:
    relative = _RELATIVE.match(value)
    if relative:
        return now - int(relative.group(1)) * _UNIT[relative.group(2)]
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC).timestamp()
    except ValueError as exc:
        raise SearchError(f"cannot read the date {value!r}; use 7days or 2026-01-01") from exc


def _compare(op: str, left: float, right: float) -> bool:
    return {
        ":": left == right,
        "<": left < right,
        ">": left > right,
        "<=": left <= right,
        ">=": left >= right,
    }[op]


def _term(state: ZendeskState, key: str, op: str, value: str, now: float) -> Test:
    if key in ("created", "updated"):
        # "created>7days" is "created within the last seven days": the relative time is turned
        # into the instant it names and compared like a date.
        at = _when(value, now)
        attr = "created_at" if key == "created" else "updated_at"
        if op == ":":
            if _RELATIVE.match(value):
                return lambda t: getattr(t, attr) >= at
            return lambda t: at <= getattr(t, attr) < at + 86_400
        return lambda t: _compare(op, getattr(t, attr), at)
    if key in ("status", "priority"):
        scale = STATUSES if key == "status" else PRIORITIES
        if value not in scale:
            raise SearchError(f"{key} must be one of {scale}")
        return lambda t: _compare(
            op,
            float(scale.index(getattr(t, key))) if getattr(t, key) in scale else -1.0,
            float(scale.index(value)),
        )
    if op != ":":
        raise SearchError(f"{key} only takes ':'")
    if key in ("tags", "tag"):
        return lambda t: value in t.tags
    if key == "ticket_type":
        return lambda t: t.type == value
    if key == "requester":
        user = state.user_by_email(value) if "@" in value else state.users.get(as_id(value) or -1)
        wanted = user.id if user else -1
        return lambda t: t.requester_id == wanted
    ids = {
        "requester_id": "requester_id",
        "organization": "organization_id",
        "organization_id": "organization_id",
        "assignee": "assignee_id",
        "group": "group_id",
        "group_id": "group_id",
    }
    if key in ids:
        number = as_id(value)
        if number is None:
            raise SearchError(f"{key} takes a numeric id in the sandbox")
        return lambda t: getattr(t, ids[key]) == number
    raise SearchError(f"the sandbox does not model the search keyword {key!r}")


def _word(word: str) -> Test:
    return lambda t: word in t.subject.lower() or any(word in c.body.lower() for c in t.comments)


def _negated(test: Test) -> Test:
    return lambda t: not test(t)


def search_tickets(state: ZendeskState, query: str, now: float) -> list[ZdTicket]:
    """The tickets matching ``query``."""
    tests: list[Test] = []
    try:
        tokens = shlex.split(query)
    except ValueError as exc:
        raise SearchError(f"unbalanced quotes in {query!r}") from exc
    for token in tokens:
        match = _TERM.match(token)
        if match is None:
            tests.append(_word(token.lower()))
            continue
        negate, key, op, value = match.groups()
        if key == "type":
            if value != "ticket":
                raise SearchError("the sandbox searches tickets only (type:ticket)")
            continue
        test = _term(state, key, op, value.strip('"'), now)
        tests.append(_negated(test) if negate else test)
    return [t for t in state.tickets.values() if all(test(t) for test in tests)]
