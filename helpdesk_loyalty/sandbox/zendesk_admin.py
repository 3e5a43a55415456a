"""Zendesk Webhooks and Triggers API routes of the sandbox: what ``setup zendesk`` calls.

Webhooks: list (``filter[name_contains]``, ``filter[status]``, cursor ``meta``/``links``),
create (201, a generated signing secret unless one is supplied), show, replace (``PUT``) and
patch (``PATCH``) answering 204, delete (204), reveal and reset the signing secret. Triggers:
list, create (201), show, update (``PUT``, fields given replace), delete (204).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .gate import api_base
from .sandbox import Sandbox
from .triggers import check_trigger
from .zendesk_audit import ZdInvalid
from .zendesk_hooks import WebhookInvalid, ZdTrigger, ZdWebhook, check_webhook
from .zendesk_http import not_found, read_body, zd_json
from .zendesk_records import ZdUser

__all__ = ["admin_routes"]


def _missing_webhook() -> Response:
    return zd_json(
        {"errors": [{"code": "NotFound", "title": "Not Found", "detail": "Webhook not found"}]}, 404
    )


def _secret(hook: ZdWebhook, status: int = 200) -> Response:
    return zd_json(
        {"signing_secret": {"algorithm": "SHA256", "secret": hook.signing_secret}}, status
    )


def admin_routes(sandbox: Sandbox) -> list[tuple[str, Any, list[str]]]:
    """``(path, handler, methods)`` of the webhooks and triggers endpoints."""

    async def list_webhooks(request: Request, caller: ZdUser) -> Response:
        name = request.query_params.get("filter[name_contains]", "").lower()
        status = request.query_params.get("filter[status]")
        rows = [
            h.to_json()
            for h in sandbox.zendesk.webhooks.values()
            if name in h.name.lower() and status in (None, h.status)
        ]
        return zd_json(
            {
                "webhooks": rows,
                "meta": {"has_more": False, "after_cursor": None, "before_cursor": None},
                "links": {"next": None, "prev": None},
            }
        )

    async def create_webhook(request: Request, caller: ZdUser) -> Response:
        data = await read_body(request, "webhook")
        if isinstance(data, Response):
            return data
        try:
            fields = check_webhook(data)
        except WebhookInvalid as exc:
            return zd_json({"errors": exc.errors}, 400)
        now = sandbox.now()
        fields.setdefault("signing_secret", sandbox.zendesk.new_signing_secret())
        hook = ZdWebhook(
            id=sandbox.new_webhook_id(),
            created_at=now,
            updated_at=now,
            created_by=caller.id,
            **fields,
        )
        sandbox.zendesk.webhooks[hook.id] = hook
        return zd_json({"webhook": hook.to_json()}, 201)

    async def show_webhook(request: Request, caller: ZdUser) -> Response:
        hook = sandbox.zendesk.webhooks.get(request.path_params["webhook_id"])
        return zd_json({"webhook": hook.to_json()}) if hook else _missing_webhook()

    async def change_webhook(request: Request, caller: ZdUser) -> Response:
        hook = sandbox.zendesk.webhooks.get(request.path_params["webhook_id"])
        if hook is None:
            return _missing_webhook()
        data = await read_body(request, "webhook")
        if isinstance(data, Response):
            return data
        try:
            fields = check_webhook(data, partial=request.method == "PATCH", current=hook)
        except WebhookInvalid as exc:
            return zd_json({"errors": exc.errors}, 400)
        if request.method == "PUT":
            hook.authentication = None
            hook.custom_headers = {}
        for key, value in fields.items():
            setattr(hook, key, value)
        hook.updated_at = sandbox.now()
        return Response(status_code=204)

    async def delete_webhook(request: Request, caller: ZdUser) -> Response:
        if sandbox.zendesk.webhooks.pop(request.path_params["webhook_id"], None) is None:
            return _missing_webhook()
        return Response(status_code=204)

    async def signing_secret(request: Request, caller: ZdUser) -> Response:
        hook = sandbox.zendesk.webhooks.get(request.path_params["webhook_id"])
        if hook is None:
            return _missing_webhook()
        if request.method == "POST":
            hook.signing_secret = sandbox.zendesk.new_signing_secret()
            return _secret(hook, 201)
        return _secret(hook)

    async def list_triggers(request: Request, caller: ZdUser) -> Response:
        rows = sorted(sandbox.zendesk.triggers.values(), key=lambda t: (t.position, t.id))
        active = request.query_params.get("active")
        if active in ("true", "false"):
            rows = [t for t in rows if t.active == (active == "true")]
        return zd_json(
            {
                "triggers": [t.to_json(api_base(request)) for t in rows],
                "next_page": None,
                "previous_page": None,
                "count": len(rows),
            }
        )

    async def create_trigger(request: Request, caller: ZdUser) -> Response:
        data = await read_body(request, "trigger")
        if isinstance(data, Response):
            return data
        try:
            fields = check_trigger(data, sandbox.zendesk.webhooks)
        except ZdInvalid as exc:
            return zd_json(exc.body(), 422)
        now = sandbox.now()
        position = fields.pop("position", None)
        if position is None:
            position = max((t.position for t in sandbox.zendesk.triggers.values()), default=0) + 1
        trigger = ZdTrigger(
            id=sandbox.zendesk.next_id("trigger"),
            created_at=now,
            updated_at=now,
            position=position,
            **fields,
        )
        sandbox.zendesk.triggers[trigger.id] = trigger
        return zd_json({"trigger": trigger.to_json(api_base(request))}, 201)

    async def show_trigger(request: Request, caller: ZdUser) -> Response:
        trigger = sandbox.zendesk.triggers.get(int(request.path_params["trigger_id"]))
        return zd_json({"trigger": trigger.to_json(api_base(request))}) if trigger else not_found()

    async def update_trigger(request: Request, caller: ZdUser) -> Response:
        trigger = sandbox.zendesk.triggers.get(int(request.path_params["trigger_id"]))
        if trigger is None:
            return not_found()
        data = await read_body(request, "trigger")
        if isinstance(data, Response):
            return data
        try:
            fields = check_trigger(data, sandbox.zendesk.webhooks, partial=True)
        except ZdInvalid as exc:
            return zd_json(exc.body(), 422)
        for key, value in fields.items():
            setattr(trigger, key, value)
        trigger.updated_at = sandbox.now()
        return zd_json({"trigger": trigger.to_json(api_base(request))})

    async def delete_trigger(request: Request, caller: ZdUser) -> Response:
        if sandbox.zendesk.triggers.pop(int(request.path_params["trigger_id"]), None) is None:
            return not_found()
        return Response(status_code=204)

    hook_path = "/api/v2/webhooks/{webhook_id}"
    trigger_path = "/api/v2/triggers/{trigger_id:int}"
    return [
        ("/api/v2/webhooks", list_webhooks, ["GET"]),
        ("/api/v2/webhooks", create_webhook, ["POST"]),
        (f"{hook_path}/signing_secret", signing_secret, ["GET", "POST"]),
        (hook_path, show_webhook, ["GET"]),
        (hook_path, change_webhook, ["PUT", "PATCH"]),
        (hook_path, delete_webhook, ["DELETE"]),
        ("/api/v2/triggers", list_triggers, ["GET"]),
        ("/api/v2/triggers", create_trigger, ["POST"]),
        (trigger_path, show_trigger, ["GET"]),
        (trigger_path, update_trigger, ["PUT"]),
        (trigger_path, delete_trigger, ["DELETE"]),
    ]
