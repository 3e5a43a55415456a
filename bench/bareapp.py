"""The bare endpoint the receiver is compared with: Starlette, one route, nothing read.

``python bench/bareapp.py --port 8765`` serves ``POST /bare`` (and ``POST /webhooks/zendesk``,
so the same request file and wrk script drive it) with the uvicorn settings ``serve`` uses
(:func:`helpdesk_loyalty.cli.serve.server_config`): what the framework and the server cost
before any verification or storage, on the same machine in the same run.
"""

from __future__ import annotations

import argparse

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from helpdesk_loyalty.cli.serve import server_config


async def bare(request: Request) -> Response:
    """200, empty body, the request body left unread."""
    return Response(b"", status_code=200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    app = Starlette(
        routes=[
            Route("/bare", bare, methods=["POST", "GET"]),
            Route("/healthz", bare, methods=["GET"]),
            Route("/webhooks/zendesk", bare, methods=["POST"]),
        ]
    )
    uvicorn.Server(server_config(app, args.host, args.port, "warning")).run()


if __name__ == "__main__":
    main()
