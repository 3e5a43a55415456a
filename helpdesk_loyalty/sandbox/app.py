"""The sandbox as one ASGI app: Zendesk under ``/zendesk``, Freshdesk under ``/freshdesk``,
the control API under ``/_sandbox``.

A client's base URL is ``http://127.0.0.1:8900/zendesk`` (it then calls
``{base_url}/api/v2/tickets/42.json``) or ``http://127.0.0.1:8900/freshdesk``.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount

from .control import control_routes
from .freshdesk import freshdesk_routes
from .sandbox import Sandbox
from .zendesk import zendesk_routes

__all__ = ["create_sandbox_app"]


def create_sandbox_app(sandbox: Sandbox) -> Starlette:
    """The HTTP face of ``sandbox``; state stays in ``sandbox`` (also on ``app.state``)."""
    app = Starlette(
        routes=[
            Mount("/zendesk", routes=zendesk_routes(sandbox)),
            Mount("/freshdesk", routes=freshdesk_routes(sandbox)),
            Mount("/_sandbox", routes=control_routes(sandbox)),
        ]
    )
    app.state.sandbox = sandbox
    return app
