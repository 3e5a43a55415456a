"""Malformed and forged webhook requests: never a 5xx, nothing stored, the server keeps serving.

Hypothesis generates requests from several families and posts them to the app (real runtime,
real SQLite store, in-process):

- forged Zendesk requests: signature or timestamp header missing, a signature made with
  another secret or over another body, garbage in the signature, a correctly signed stale,
  future or unreadable timestamp;
- correctly signed Zendesk bodies that are not events: bytes that are not UTF-8, text that is
  not JSON, JSON of any shape, our template with fields of the wrong type, deep nesting, huge
  numbers, bodies over ``HL_MAX_BODY_BYTES``;
- Freshdesk requests without, with a wrong, or with the right shared secret and such bodies;
- unknown helpdesks, wrong methods and content types.

Every answer is below 500; every refusal of a POST has the ``{"error", "detail"}`` shape (other
methods get the router's plain 405); a refusal stores nothing; only a 202 adds one event.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpdesk_loyalty.adapters.zendesk.webhook import sign_zendesk

from .service import (
    FD_HEADER,
    FD_SECRET,
    MAX_BODY,
    PAYLOADS,
    ZD_SECRET,
    Service,
    open_service,
    signed_zendesk,
)

TOLERANCE = 300.0
ZD_BODY = (PAYLOADS / "zendesk" / "trigger_created.json").read_bytes()
FD_BODY = (PAYLOADS / "freshdesk" / "ticket_created.json").read_bytes()
Request = tuple[str, str, dict[str, str], bytes]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _replace_field(base: bytes, path: list[str], value: Any) -> bytes:
    data = json.loads(base)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(data).encode()


ZD_FIELDS = [
    ["event"],
    ["ticket"],
    ["ticket", "id"],
    ["ticket", "status"],
    ["ticket", "tags"],
    ["ticket", "requester_id"],
    ["ticket", "updated_at"],
    ["ticket", "latest_comment"],
    ["actor"],
    ["actor", "id"],
    ["schema"],
]
FD_FIELDS = [
    ["freshdesk_webhook"],
    ["freshdesk_webhook", "ticket_id"],
    ["freshdesk_webhook", "event"],
    ["freshdesk_webhook", "ticket_tags"],
    ["freshdesk_webhook", "ticket_status"],
    ["freshdesk_webhook", "ticket_updated_at"],
]


@st.composite
def bad_bodies(draw: st.DrawFn, base: bytes, fields: list[list[str]]) -> bytes:
    """A body that is not a well-formed event of this helpdesk (or, by chance, still one)."""
    kind = draw(st.sampled_from(["bytes", "text", "json", "field", "nested", "number", "huge"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "text":
        return draw(st.text(max_size=300)).encode("utf-8", "surrogatepass")
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    if kind == "field":
        return _replace_field(base, draw(st.sampled_from(fields)), draw(json_values))
    if kind == "nested":
        depth = draw(st.integers(min_value=50, max_value=5000))
        opening, closing = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return (opening * depth + "1" + closing * depth).encode()
    if kind == "number":
        return ('{"schema": ' + "9" * draw(st.integers(4000, 6000)) + "}").encode()
    return base[:-1] + b" " * (MAX_BODY + draw(st.integers(0, 100))) + base[-1:]


@st.composite
def forged_zendesk(draw: st.DrawFn, now: float) -> Request:
    body = draw(st.sampled_from([ZD_BODY, json.dumps(draw(json_values)).encode()]))
    headers = signed_zendesk(body, at=now, invocation=str(draw(st.uuids())))
    how = draw(
        st.sampled_from(
            ["no_sig", "no_stamp", "secret", "garbage", "stale", "future", "unreadable", "tampered"]
        )
    )
    if how == "no_sig":
        del headers["x-zendesk-webhook-signature"]
    elif how == "no_stamp":
        del headers["x-zendesk-webhook-signature-timestamp"]
    elif how == "secret":
        other = draw(st.text(min_size=1, max_size=40).filter(lambda s: s != ZD_SECRET))
        headers.update(
            signed_zendesk(body, at=now, secret=other.encode("utf-8", "replace").decode("utf-8"))
        )
    elif how == "garbage":
        headers["x-zendesk-webhook-signature"] = draw(
            st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
        )
    elif how in ("stale", "future"):
        skew = draw(st.floats(min_value=TOLERANCE + 2, max_value=10 * 365 * 86400))
        headers.update(signed_zendesk(body, at=now - skew if how == "stale" else now + skew))
    elif how == "unreadable":
        stamp = draw(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
        headers["x-zendesk-webhook-signature-timestamp"] = stamp
        headers["x-zendesk-webhook-signature"] = sign_zendesk(ZD_SECRET, stamp, body)
    else:
        body = body + b" "
    return "POST", "/webhooks/zendesk", headers, body


@st.composite
def signed_garbage(draw: st.DrawFn, now: float) -> Request:
    body = draw(bad_bodies(ZD_BODY, ZD_FIELDS))
    return (
        "POST",
        "/webhooks/zendesk",
        signed_zendesk(body, at=now, invocation=str(draw(st.uuids()))),
        body,
    )


@st.composite
def freshdesk(draw: st.DrawFn) -> Request:
    body = draw(st.one_of(st.just(FD_BODY), bad_bodies(FD_BODY, FD_FIELDS)))
    headers = {"content-type": "application/json"}
    secret = draw(st.sampled_from(["none", "wrong", "right"]))
    if secret == "wrong":
        headers[FD_HEADER] = draw(
            st.text(
                st.characters(min_codepoint=32, max_codepoint=255), min_size=1, max_size=40
            ).filter(lambda s: s.strip() != FD_SECRET)
        )
    elif secret == "right":
        headers[FD_HEADER] = FD_SECRET
    return "POST", "/webhooks/freshdesk", headers, body


@st.composite
def odd_requests(draw: st.DrawFn, now: float) -> Request:
    body = draw(st.sampled_from([ZD_BODY, b"", b"{}"]))
    headers = signed_zendesk(body, at=now, invocation=str(draw(st.uuids())))
    headers["content-type"] = draw(
        st.sampled_from(
            [
                "text/plain",
                "application/x-www-form-urlencoded",
                "",
                "application/json; charset=latin-1",
                "multipart/form-data; boundary=x",
            ]
        )
    )
    path = (
        draw(st.sampled_from(["/webhooks/zendesk", "/webhooks/freshdesk"]))
        if draw(st.booleans())
        else "/webhooks/" + draw(st.text("abcxyz_-0123456789", min_size=1, max_size=12))
    )
    method = draw(st.sampled_from(["POST", "PUT", "GET", "DELETE", "PATCH"]))
    return method, path, headers, body


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with open_service(tmp_path_factory.mktemp("security")) as opened:
        yield opened


def requests(now: float) -> st.SearchStrategy[Request]:
    return st.one_of(forged_zendesk(now), signed_garbage(now), freshdesk(), odd_requests(now))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_requests_get_a_4xx_and_store_nothing(service: Service, data: st.DataObject) -> None:
    method, path, headers, body = data.draw(requests(service.now()))
    before = service.stored()
    answer = service.request(method, path, content=body, headers=headers)
    after = service.stored()
    assert answer.status < 500, (answer.status, answer.body[:300])
    if answer.status >= 400 and method == "POST":
        error = answer.json()
        assert set(error) >= {"error", "detail"} and error["detail"], error
    assert after - before == (1 if answer.status == 202 else 0)


def test_the_server_keeps_serving(service: Service) -> None:
    body = ZD_BODY
    answer = service.request(
        "POST",
        "/webhooks/zendesk",
        content=body,
        headers=signed_zendesk(body, at=service.now(), invocation="after-the-storm"),
    )
    assert answer.status == 202, answer.body
    assert service.request("GET", "/healthz").status == 200
    assert service.request("GET", "/readyz").status == 200


def test_a_body_over_the_limit_is_refused_before_it_is_read(service: Service) -> None:
    huge = b"{" + b" " * (MAX_BODY * 64) + b"}"
    before = service.stored()
    answer = service.request(
        "POST",
        "/webhooks/zendesk",
        content=huge,
        headers=signed_zendesk(huge, at=service.now(), invocation="huge"),
    )
    assert answer.status == 413 and answer.json()["error"] == "body_too_large"
    assert service.stored() == before


@pytest.mark.parametrize(
    "body",
    [b"[" * 5_000 + b"]" * 5_000, b'{"ticket": {"id": ' + b"7" * 5000 + b"}}"],
    ids=["nested deeper than the recursion limit", "a number over int()'s digit limit"],
)
def test_signed_json_that_python_cannot_read_is_a_400(service: Service, body: bytes) -> None:
    # json.loads raises RecursionError / ValueError here, not JSONDecodeError; before the fix
    # the receiver answered 503, so the helpdesk would have delivered it again and again.
    before = service.stored()
    answer = service.request(
        "POST",
        "/webhooks/zendesk",
        content=body,
        headers=signed_zendesk(body, at=service.now(), invocation="unreadable"),
    )
    assert answer.status == 400 and answer.json()["error"] == "unreadable_body"
    assert service.stored() == before


def test_a_nul_character_in_an_id_is_a_400(service: Service) -> None:
    # SQLite would keep it, PostgreSQL refuses it: a 503 there would have the helpdesk deliver
    # the same event again and again.
    envelope = (PAYLOADS / "zendesk" / "event_comment_added.json").read_bytes()
    bodies = {
        "event id": _replace_field(envelope, ["id"], "01HX\u0000NUL"),
        "requester id": _replace_field(ZD_BODY, ["ticket", "requester_id"], "12\u00003"),
    }
    for what, body in bodies.items():
        before = service.stored()
        answer = service.request(
            "POST",
            "/webhooks/zendesk",
            content=body,
            headers=signed_zendesk(body, at=service.now(), invocation=f"nul-{what}"),
        )
        assert answer.status == 400, (what, answer.status, answer.body[:300])
        assert answer.json()["error"] == "invalid_payload"
        assert service.stored() == before
