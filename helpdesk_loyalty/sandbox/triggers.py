"""Zendesk triggers: checking their definition and running them after a ticket update.

Zendesk runs every active trigger, in position order, after each ticket create or update (API
updates included); when one fires the cycle starts again from the top, and each trigger fires
at most once per update. Webhook notifications are rendered after the cycle, so their
placeholders see the final ticket.

Conditions modelled (anything else is refused with 422 rather than silently ignored):

- ``update_type`` is / is_not ``Create`` | ``Change``
- ``role`` (the current user) is / is_not ``end_user`` | ``agent`` | ``admin``
- ``current_tags`` includes / not_includes (space-separated tags)
- ``status``, ``priority``: is, is_not, less_than, greater_than, changed, not_changed,
  value (changed to), value_previous (changed from), not_value, not_value_previous
- ``comment_is_public``: ``true`` (public comment), ``false`` (private comment),
  ``not_relevant``
- ``group_id``: is, is_not, changed, not_changed

Actions modelled: ``notification_webhook`` (``[webhook_id, body_template]``), ``current_tags``
(add), ``remove_tags``, ``set_tags``, ``status``, ``priority``, ``group_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .zendesk_audit import ZdAudit, invalid
from .zendesk_hooks import ZdTrigger, ZdWebhook
from .zendesk_records import PRIORITIES, STATUSES, ZdTicket, ZdUser

__all__ = ["Notification", "check_trigger", "run_triggers"]

_ORDERED = (
    "is",
    "is_not",
    "less_than",
    "greater_than",
    "changed",
    "not_changed",
    "value",
    "value_previous",
    "not_value",
    "not_value_previous",
)
CONDITIONS: dict[str, tuple[str, ...]] = {
    "update_type": ("is", "is_not"),
    "role": ("is", "is_not"),
    "current_tags": ("includes", "not_includes"),
    "status": _ORDERED,
    "priority": _ORDERED,
    "comment_is_public": ("is",),
    "group_id": ("is", "is_not", "changed", "not_changed"),
}
ACTIONS = (
    "notification_webhook",
    "current_tags",
    "remove_tags",
    "set_tags",
    "status",
    "priority",
    "group_id",
)


@dataclass(frozen=True)
class Notification:
    """A webhook call a trigger asked for: the webhook and the body template to render."""

    trigger_id: int
    webhook_id: str
    template: str


def check_trigger(
    data: Mapping[str, Any], webhooks: Mapping[str, ZdWebhook], *, partial: bool = False
) -> dict[str, Any]:
    """The validated fields of a ``{"trigger": data}`` body; raises
    :class:`~.zendesk_audit.ZdInvalid` (a 422 naming what the sandbox does not model)."""
    out: dict[str, Any] = {}
    if "title" in data or not partial:
        if not isinstance(data.get("title"), str) or not data["title"].strip():
            raise invalid("title", "Title: cannot be blank", "BlankValue")
        out["title"] = data["title"]
    if "conditions" in data or not partial:
        out["conditions"] = _conditions(data.get("conditions"))
    if "actions" in data or not partial:
        out["actions"] = _actions(data.get("actions"), webhooks)
    for key, kind in (
        ("active", bool),
        ("position", int),
        ("description", str),
        ("category_id", str),
    ):
        if isinstance(data.get(key), kind):
            out[key] = data[key]
    return out


def _conditions(raw: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(raw, Mapping):
        raise invalid("conditions", "Conditions: must be an object with all and any")
    out: dict[str, list[dict[str, Any]]] = {"all": [], "any": []}
    for group in ("all", "any"):
        for cond in raw.get(group) or []:
            if not isinstance(cond, Mapping):
                raise invalid("conditions", "Conditions: each must be {field, operator, value}")
            operators = CONDITIONS.get(str(cond.get("field")))
            if operators is None:
                raise invalid(
                    "conditions",
                    f"Conditions: {cond.get('field')!r} is not modelled"
                    f" by the sandbox (modelled: {sorted(CONDITIONS)})",
                )
            if cond.get("operator") not in operators:
                raise invalid(
                    "conditions",
                    f"Conditions: operator {cond.get('operator')!r} is"
                    f" invalid for {cond['field']} (use one of {operators})",
                )
            out[group].append(dict(cond))
    if not out["all"] and not out["any"]:
        raise invalid("conditions", "Conditions: at least one is required", "BlankValue")
    return out


def _actions(raw: Any, webhooks: Mapping[str, ZdWebhook]) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        raise invalid("actions", "Actions: at least one is required", "BlankValue")
    out = []
    for action in raw:
        if not isinstance(action, Mapping) or action.get("field") not in ACTIONS:
            field = action.get("field") if isinstance(action, Mapping) else action
            raise invalid(
                "actions",
                f"Actions: {field!r} is not modelled by the sandbox (modelled: {list(ACTIONS)})",
            )
        if action["field"] == "notification_webhook":
            value = action.get("value")
            if not isinstance(value, list) or len(value) != 2 or not isinstance(value[1], str):
                raise invalid(
                    "actions",
                    "Notification webhook: value must be"
                    " [webhook_id, body as a JSON-encoded string]",
                )
            hook = webhooks.get(str(value[0]))
            if hook is None or not hook.connected_to_triggers:
                raise invalid(
                    "actions",
                    f"Notification webhook: {value[0]!r} is not a webhook connected to triggers",
                )
        out.append(dict(action))
    return out


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _rank(name: str, value: Any) -> int:
    scale = STATUSES if name == "status" else PRIORITIES
    return scale.index(value) if value in scale else -1


def _holds(cond: Mapping[str, Any], ticket: ZdTicket, audit: ZdAudit, actor: ZdUser) -> bool:
    name, op, value = cond["field"], cond["operator"], cond.get("value")
    if name == "update_type":
        hit = (value == "Create") == audit.is_create
        return hit if op == "is" else not hit
    if name == "role":
        hit = actor.trigger_role == value
        return hit if op == "is" else not hit
    if name == "current_tags":
        wanted = str(value or "").split()
        hit = any(tag in ticket.tags for tag in wanted)
        return hit if op == "includes" else not hit
    if name == "comment_is_public":
        comment = audit.comment
        if str(value) == "not_relevant":
            return True
        want_public = str(value).lower() == "true"
        return comment is not None and comment.public == want_public
    current = getattr(ticket, name)
    change = audit.changes.get(name)
    text = _text(current)
    wanted_text = None if value in (None, "") else str(value)
    checks = {
        "is": lambda: text == wanted_text,
        "is_not": lambda: text != wanted_text,
        "less_than": lambda: _rank(name, current) < _rank(name, value),
        "greater_than": lambda: _rank(name, current) > _rank(name, value),
        "changed": lambda: change is not None,
        "not_changed": lambda: change is None,
        "value": lambda: change is not None and text == wanted_text,
        "value_previous": lambda: change is not None and _text(change.previous) == wanted_text,
        "not_value": lambda: change is not None and text != wanted_text,
        "not_value_previous": lambda: change is not None and _text(change.previous) != wanted_text,
    }
    return checks[op]()


def _matches(trigger: ZdTrigger, ticket: ZdTicket, audit: ZdAudit, actor: ZdUser) -> bool:
    every = all(_holds(c, ticket, audit, actor) for c in trigger.conditions.get("all", []))
    some = trigger.conditions.get("any", [])
    return every and (not some or any(_holds(c, ticket, audit, actor) for c in some))


def _apply(trigger: ZdTrigger, ticket: ZdTicket, audit: ZdAudit, notes: list[Notification]) -> None:
    rule = (trigger.id, trigger.title)
    for action in trigger.actions:
        name, value = action["field"], action.get("value")
        if name == "notification_webhook" and isinstance(value, list):
            notes.append(Notification(trigger.id, str(value[0]), str(value[1])))
            continue
        if name in ("current_tags", "remove_tags", "set_tags"):
            given = str(value or "").split()
            if name == "current_tags":
                tags = ticket.tags + [t for t in given if t not in ticket.tags]
            elif name == "remove_tags":
                tags = [t for t in ticket.tags if t not in given]
            else:
                tags = list(dict.fromkeys(given))
            audit.record("tags", list(ticket.tags), tags, rule)
            ticket.tags = tags
            continue
        if name == "group_id":
            value = int(str(value)) if str(value or "").isdigit() else None
        audit.record(name, getattr(ticket, name), value, rule)
        setattr(ticket, name, value)


def run_triggers(
    triggers: Iterable[ZdTrigger], ticket: ZdTicket, audit: ZdAudit, actor: ZdUser
) -> list[Notification]:
    """Run the trigger cycle for one update; returns the webhook notifications to send."""
    ordered = sorted((t for t in triggers if t.active), key=lambda t: (t.position, t.id))
    fired: set[int] = set()
    notes: list[Notification] = []
    restart = True
    while restart:
        restart = False
        for trigger in ordered:
            if trigger.id not in fired and _matches(trigger, ticket, audit, actor):
                fired.add(trigger.id)
                _apply(trigger, ticket, audit, notes)
                restart = True
                break
    return notes
