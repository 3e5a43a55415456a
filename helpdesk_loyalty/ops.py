"""Read-only operations over HTTP: store stats, jobs, and "why" for a ticket, behind a token.

Disabled unless ``HL_OPS_TOKEN`` is set; callers send ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .reports import job_to_json, ledger_to_json
from .store.base import JOB_KINDS, JOB_STATUSES

if TYPE_CHECKING:
    from .runtime import Runtime

__all__ = ["ops_routes"]


def _denied(request: Request, runtime: Runtime) -> JSONResponse | None:
    token = runtime.settings.ops_token
    if token is None:
        return JSONResponse(
            {"error": "ops_disabled", "detail": "set HL_OPS_TOKEN to enable the /ops endpoints"},
            status_code=404,
        )
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not token.matches(value.strip()):
        return JSONResponse(
            {"error": "unauthenticated", "detail": "send Authorization: Bearer <HL_OPS_TOKEN>"},
            status_code=401,
        )
    return None


def ops_routes(runtime_ref: Callable[[], Runtime]) -> list[Route]:
    """The ``/ops`` routes, bound to the runtime the app builds at start-up."""

    def guarded(handler: Callable[[Request, Runtime], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> JSONResponse:
            runtime = runtime_ref()
            denied = _denied(request, runtime)
            if denied is not None:
                return denied
            result: JSONResponse = await handler(request, runtime)
            return result

        return endpoint

    async def stats(request: Request, runtime: Runtime) -> JSONResponse:
        s = await runtime.store.stats()
        health = {name: vars(h) for name, h in runtime.engine.health.items()}
        return JSONResponse(
            {
                "inbox_events": s.inbox_events,
                "jobs_by_status": dict(s.jobs_by_status),
                "jobs_by_kind": dict(s.jobs_by_kind),
                "oldest_pending_age": s.oldest_pending_age,
                "dead_jobs": s.dead_jobs,
                "throttled_accounts": dict(s.throttled_accounts),
                "ledger_rows": s.ledger_rows,
                "plugin_health": health,
            }
        )

    async def jobs(request: Request, runtime: Runtime) -> JSONResponse:
        q = request.query_params
        try:
            limit = min(1000, int(q.get("limit", "100")))
        except ValueError:
            limit = 0
        if limit < 1:
            return JSONResponse(
                {"error": "bad_limit", "detail": "limit must be a whole number from 1 to 1000"},
                status_code=400,
            )
        for name, known in (("status", JOB_STATUSES), ("kind", JOB_KINDS)):
            if q.get(name) not in (None, *known):
                return JSONResponse(
                    {"error": f"bad_{name}", "detail": f"{name} must be one of {', '.join(known)}"},
                    status_code=400,
                )
        rows = await runtime.store.list_jobs(
            status=q.get("status"), kind=q.get("kind"), account=q.get("account"), limit=limit
        )
        return JSONResponse({"jobs": [job_to_json(j) for j in rows]})

    async def job(request: Request, runtime: Runtime) -> JSONResponse:
        try:
            job_id = int(request.path_params["job_id"])
        except ValueError:
            return JSONResponse(
                {"error": "bad_job_id", "detail": "job ids are whole numbers"}, status_code=400
            )
        # Job ids are positive 64-bit integers on both backends; a larger number names none.
        found = await runtime.store.get_job(job_id) if 0 < job_id < 2**63 else None
        if found is None:
            return JSONResponse(
                {"error": "not_found", "detail": f"no job {job_id}"}, status_code=404
            )
        return JSONResponse(job_to_json(found))

    async def why(request: Request, runtime: Runtime) -> JSONResponse:
        rows = await runtime.store.ledger_for_ticket(
            request.path_params["ticket_id"], account=request.query_params.get("account")
        )
        return JSONResponse(
            {
                "ticket_id": request.path_params["ticket_id"],
                "ledger": [ledger_to_json(r) for r in rows],
            }
        )

    return [
        Route("/ops/stats", guarded(stats), methods=["GET"]),
        Route("/ops/jobs", guarded(jobs), methods=["GET"]),
        Route("/ops/jobs/{job_id}", guarded(job), methods=["GET"]),
        Route("/ops/tickets/{ticket_id}/why", guarded(why), methods=["GET"]),
    ]
