"""The read-only ``/ops`` endpoints: behind the token, read-only, and bad queries get a 4xx.

Before the fix, ``?status=`` with an unknown status and a job id beyond 64 bits reached the store
and came back as 503 ``internal_error``; ``?limit=-1`` listed every job on SQLite (``LIMIT -1``
is unlimited) and failed on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .service import OPS_TOKEN, Service, open_service

BEARER = {"authorization": f"Bearer {OPS_TOKEN}"}
PATHS = ["/ops/stats", "/ops/jobs", "/ops/jobs/1", "/ops/tickets/1/why"]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with open_service(tmp_path_factory.mktemp("ops")) as opened:
        yield opened


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer wrong-token", f"Basic {OPS_TOKEN}", f"Bearer {OPS_TOKEN}x"],
)
def test_without_the_token_nothing_is_shown(
    service: Service, path: str, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"authorization": authorization}
    answer = service.request("GET", path, headers=headers)
    assert answer.status == 401
    assert answer.json()["error"] == "unauthenticated"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", PATHS)
def test_the_endpoints_are_read_only(service: Service, method: str, path: str) -> None:
    assert service.request(method, path, headers=BEARER).status == 405


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/ops/jobs?status=bogus", 400, "bad_status"),
        ("/ops/jobs?kind=bogus", 400, "bad_kind"),
        ("/ops/jobs?limit=-1", 400, "bad_limit"),
        ("/ops/jobs?limit=0", 400, "bad_limit"),
        ("/ops/jobs?limit=ten", 400, "bad_limit"),
        ("/ops/jobs/ten", 400, "bad_job_id"),
        ("/ops/jobs/99999999999999999999999", 404, "not_found"),
        ("/ops/jobs/-5", 404, "not_found"),
    ],
)
def test_bad_queries_get_a_4xx(service: Service, path: str, status: int, error: str) -> None:
    answer = service.request("GET", path, headers=BEARER)
    assert (answer.status, answer.json()["error"]) == (status, error)
    assert answer.json()["detail"]


def test_with_the_token_the_stats_are_shown(service: Service) -> None:
    answer = service.request("GET", "/ops/stats", headers=BEARER)
    assert answer.status == 200
    assert {"inbox_events", "jobs_by_status", "dead_jobs"} <= set(answer.json())


def test_without_a_configured_token_the_endpoints_are_off(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with open_service(tmp_path_factory.mktemp("no-ops"), {"HL_OPS_TOKEN": ""}) as service:
        for authorization in ("", "Bearer ", f"Bearer {OPS_TOKEN}"):
            answer = service.request("GET", "/ops/stats", headers={"authorization": authorization})
            assert (answer.status, answer.json()["error"]) == (404, "ops_disabled")
