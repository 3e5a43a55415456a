"""Issue: the whole pipeline on Zendesk. Signed webhook in, one update out, every guarantee."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk_loyalty import RuleContext, RuleResult, hookimpl
from helpdesk_loyalty.sandbox import SandboxConfig, WebhookRequest, sign_zendesk
from helpdesk_loyalty.update import find_marker

from .rig import ZD_SECRET, Rig, open_rig

pytestmark = pytest.mark.anyio

DOUBLE_CHARGE = (
    "Charged twice this month",
    "Hi, I was charged twice for my March bill and I'm really annoyed. Please fix it.",
)


def _notes(rig: Rig, ticket_id: int) -> list[str]:
    return [c.html_body for c in rig.sandbox.zendesk_ticket(ticket_id).comments if not c.public]


def _writes(rig: Rig, ticket_id: int) -> list[tuple[str, int]]:
    return [
        (c.method, c.status) for c in rig.sandbox.calls.select(ticket_id=ticket_id, kind="write")
    ]


def _open(
    rig: Rig, customer: str = "top", subject_body: tuple[str, str] = DOUBLE_CHARGE, **fields: object
) -> int:
    user = rig.seed.zendesk["users"][customer]
    return rig.sandbox.zendesk_create_ticket(user, *subject_body, **fields).id


async def test_a_signed_webhook_becomes_one_put_with_merged_tags_and_a_private_note(
    rig: Rig,
) -> None:
    ticket_id = _open(rig, tags=["billing", "vip"])
    response = await rig.post(rig.zendesk_trigger(ticket_id))
    assert response.status_code == 202 and response.json()["status"] == "accepted"
    await rig.drain()

    ticket = rig.sandbox.zendesk_ticket(ticket_id)
    assert _writes(rig, ticket_id) == [("PUT", 200)]
    assert {"billing", "vip", "loyalty-credit-suggested", "loyalty-escalated"} <= set(ticket.tags)
    [note] = _notes(rig, ticket_id)
    assert "Charged twice" in note or "charged twice" in note
    assert find_marker(note) is not None
    assert [c.public for c in ticket.comments] == [True, False]


async def test_a_redelivered_event_is_acknowledged_and_processed_once(rig: Rig) -> None:
    ticket_id = _open(rig)
    request = rig.zendesk_trigger(ticket_id)
    first, second = await rig.post(request), await rig.post(request)
    assert (first.status_code, second.status_code) == (202, 200)
    assert second.json()["status"] == "duplicate"
    await rig.drain()
    assert len(_notes(rig, ticket_id)) == 1
    decided = [e for e in await rig.ledger(ticket_id) if e.what == "decided"]
    assert len(decided) == 1


def _resign(
    request: WebhookRequest, *, secret: str = ZD_SECRET, timestamp: str | None = None
) -> WebhookRequest:
    headers = dict(request.headers)
    stamp = timestamp or headers["X-Zendesk-Webhook-Signature-Timestamp"]
    headers["X-Zendesk-Webhook-Signature-Timestamp"] = stamp
    headers["X-Zendesk-Webhook-Signature"] = sign_zendesk(secret, stamp, request.body)
    return WebhookRequest(request.method, headers, request.body)


@pytest.mark.parametrize(
    "case",
    [
        "wrong secret",
        "stale timestamp",
        "future timestamp",
        "missing signature",
        "missing timestamp",
        "tampered body",
    ],
)
async def test_forged_or_stale_signatures_get_401_and_nothing_is_stored(
    rig: Rig, case: str
) -> None:
    request = rig.zendesk_trigger(_open(rig))
    headers = dict(request.headers)
    body = request.body
    if case == "wrong secret":
        headers = dict(_resign(request, secret="not-the-secret").headers)
    elif case == "stale timestamp":
        headers = dict(_resign(request, timestamp="2026-05-28T19:00:00Z").headers)
    elif case == "future timestamp":
        headers = dict(_resign(request, timestamp="2026-05-29T05:00:00Z").headers)
    elif case == "missing signature":
        headers.pop("X-Zendesk-Webhook-Signature")
    elif case == "missing timestamp":
        headers.pop("X-Zendesk-Webhook-Signature-Timestamp")
    else:
        body = body.replace(b"Charged twice", b"Charged once")
    response = await rig.client.post("/webhooks/zendesk", content=body, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] and response.json()["detail"]
    assert (await rig.runtime.store.stats()).inbox_events == 0


async def test_with_no_secret_configured_the_endpoint_refuses_everything(tmp_path: Path) -> None:
    rig = await open_rig(tmp_path, env={"HL_ZENDESK_WEBHOOK_SECRET": ""})
    try:
        response = await rig.post(rig.zendesk_trigger(_open(rig)))
        assert response.status_code == 401
        assert response.json()["error"] == "not_configured"
        assert "HL_ZENDESK_WEBHOOK_SECRET" in response.json()["detail"]
        assert (await rig.runtime.store.stats()).inbox_events == 0
    finally:
        await rig.close()


def _signed(body: bytes, rig: Rig, **extra: str) -> dict[str, str]:
    stamp = "2026-05-28T20:26:40Z"  # the rig's clock
    return {
        "Content-Type": "application/json",
        "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        "X-Zendesk-Webhook-Signature": sign_zendesk(ZD_SECRET, stamp, body),
        "X-Zendesk-Webhook-Invocation-Id": "1234",
        **extra,
    }


async def test_bad_input_gets_a_4xx_json_answer_and_is_not_stored(rig: Rig) -> None:
    valid = rig.zendesk_trigger(_open(rig))
    envelope = json.loads(rig.sandbox.render_zendesk_event(_open(rig), secret=ZD_SECRET).body)
    envelope["type"] = "zen:event-type:ticket.teleported"
    trigger = json.loads(valid.body)
    del trigger["ticket"]["id"]
    cases = {
        "not json": (b"{not json", {}, 400),
        "unknown event type": (json.dumps(envelope).encode(), {}, 422),
        "missing ticket id": (json.dumps(trigger).encode(), {}, 400),
        "wrong content type": (valid.body, {"Content-Type": "text/plain"}, 415),
        "body over the limit": (b"{" + b" " * 300_000 + b"}", {}, 413),
    }
    for name, (body, extra, status) in cases.items():
        response = await rig.client.post(
            "/webhooks/zendesk", content=body, headers=_signed(body, rig, **extra)
        )
        assert response.status_code == status, name
        problem = response.json()
        assert problem["error"] and problem["detail"], name
    assert (await rig.runtime.store.stats()).inbox_events == 0
    unknown = await rig.client.post(
        "/webhooks/helpscout", content=b"{}", headers={"Content-Type": "application/json"}
    )
    assert unknown.status_code == 404 and "zendesk" in unknown.json()["detail"]


async def test_events_of_one_ticket_are_decided_and_written_in_order(rig: Rig) -> None:
    ticket_id = _open(rig, "new", ("It stopped working", "My service stopped working today."))
    other = _open(rig, "overdue", ("Hello", "How do I change my address?"))
    replies = (
        "Still broken, this is ridiculous.",
        "Third time asking. I want a manager.",
        "Cancel my account if you can't fix it.",
    )
    sent = []
    for text in replies:
        rig.sandbox.zendesk_end_user_update(ticket_id, text)
        request = rig.zendesk_trigger(ticket_id, "ticket.updated")
        sent.append(request.headers["X-Zendesk-Webhook-Invocation-Id"])
        assert (await rig.post(request)).status_code == 202
        assert (await rig.post(rig.zendesk_trigger(other, "ticket.updated"))).status_code == 202
    await rig.drain()
    decided = [e.event_key for e in await rig.ledger(ticket_id) if e.what == "decided"]
    assert decided == sent
    rows = [
        (e.what, e.event_key)
        for e in await rig.ledger(ticket_id)
        if e.what in ("decided", "applied")
    ]
    for i, (what, _) in enumerate(rows[:-1]):
        if what == "decided" and rows[i + 1][0] == "decided":
            continue  # nothing to write for that event
        assert rows[i + 1][1] == rows[i][1] or what == "applied"


async def test_a_conflict_is_re_read_and_re_planned_without_losing_the_agents_change(
    rig: Rig,
) -> None:
    # A first ticket warms the requester cache, so the second event is decided from its own
    # snapshot with no read, and the agent's change below makes its stamp stale.
    assert (await rig.post(rig.zendesk_trigger(_open(rig)))).status_code == 202
    await rig.drain()
    ticket_id = _open(rig, tags=["billing"])
    request = rig.sandbox.render_zendesk_event(ticket_id, "created", secret=ZD_SECRET)
    assert (await rig.post(request)).status_code == 202
    agent = rig.sandbox.zendesk.users[rig.seed.zendesk["agents"]["agent"]]
    rig.clock.advance(2)
    rig.sandbox.zendesk_update(
        rig.sandbox.zendesk_ticket(ticket_id), {"tags": ["billing", "callback-requested"]}, agent
    )
    await rig.drain()
    assert _writes(rig, ticket_id) == [("PUT", 409), ("PUT", 200)]
    tags = set(rig.sandbox.zendesk_ticket(ticket_id).tags)
    assert {"billing", "callback-requested", "loyalty-credit-suggested"} <= tags
    assert len(_notes(rig, ticket_id)) == 1


async def test_a_429_pauses_the_account_until_retry_after_then_the_write_succeeds(
    tmp_path: Path,
) -> None:
    rig = await open_rig(tmp_path, sandbox_config=SandboxConfig(zendesk_updates_per_minute=1))
    try:
        first, second = (
            _open(rig),
            _open(rig, "clinic", ("Internet down", "Our internet has been down for two days.")),
        )
        for ticket_id in (first, second):
            assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
        await rig.drain()
        throttled = rig.sandbox.calls.select(status=429)
        assert len(throttled) >= 1
        assert len(_notes(rig, first)) + len(_notes(rig, second)) == 1
        until = await rig.runtime.store.throttled_until(rig.runtime.helpdesks["zendesk"].account)
        retry_after = until - throttled[-1].time if until else 0
        assert retry_after > 0
        assert await rig.drain() == 0  # nothing runs while the account is paused
        rig.clock.advance(retry_after + 1)
        await rig.drain()
        assert len(_notes(rig, first)) == 1 and len(_notes(rig, second)) == 1
        puts = [c for c in rig.sandbox.calls.select(method="PUT") if c.status == 200]
        assert puts[-1].time >= throttled[-1].time + retry_after
    finally:
        await rig.close()


class Raises:
    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        raise RuntimeError("this rule is broken")


class Hangs:
    def __init__(self) -> None:
        import threading

        self.release = threading.Event()

    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        self.release.wait(10)
        return RuleResult(matched=False)


async def test_a_raising_rule_and_a_hanging_rule_do_not_stop_the_others(tmp_path: Path) -> None:
    hangs = Hangs()
    rig = await open_rig(tmp_path, extras={"zz_raises": Raises(), "zz_hangs": hangs})
    try:
        ticket_id = _open(rig)
        assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
        await rig.drain()
        assert len(_notes(rig, ticket_id)) == 1
        [decided] = [e for e in await rig.ledger(ticket_id) if e.what == "decided"]
        status = {r["rule"]: r["status"] for r in decided.detail["rules"]}
        assert status["zz_raises"] == "error" and status["zz_hangs"] == "timeout"
        assert status["suggest_bill_credit"] == "matched"
        errors = {r["rule"]: r["error"] for r in decided.detail["rules"]}
        assert "this rule is broken" in errors["zz_raises"]
    finally:
        hangs.release.set()
        await rig.close()


async def test_our_own_writes_coming_back_as_events_are_skipped(rig: Rig) -> None:
    ticket_id = _open(rig)
    assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
    await rig.drain()
    # The note we wrote comes back as a comment_added envelope, and a trigger fired by our
    # API user comes back too: both are skipped, nothing more is written.
    echo = rig.sandbox.render_zendesk_event(ticket_id, "comment_added", secret=ZD_SECRET)
    api_user = rig.runtime.api_user_ids["zendesk"]
    assert api_user is not None
    by_us = rig.zendesk_trigger(ticket_id, "ticket.updated", actor_id=int(api_user))
    for request in (echo, by_us):
        assert (await rig.post(request)).status_code == 202
    await rig.drain()
    assert len(_notes(rig, ticket_id)) == 1
    skipped = [e for e in await rig.ledger(ticket_id) if e.what == "skipped"]
    assert len(skipped) == 2 and all("own write" in e.detail["reason"] for e in skipped)
