"""What an accepted webhook leaves in the store for the worker, and what happens when the worker
cannot read it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk_loyalty.update import find_marker

from .rig import FD_HEADER, Rig, open_rig

pytestmark = pytest.mark.anyio


async def _evaluate_payload(rig: Rig) -> dict[str, object]:
    [job] = await rig.runtime.store.list_jobs(kind="evaluate")
    return dict(job.payload)


async def test_a_zendesk_event_is_kept_as_its_raw_body_without_the_signature(rig: Rig) -> None:
    user = rig.seed.zendesk["users"]["top"]
    ticket_id = rig.sandbox.zendesk_create_ticket(user, "Charged twice", "Charged twice!").id
    request = rig.zendesk_trigger(ticket_id)
    assert (await rig.post(request)).status_code == 202

    payload = await _evaluate_payload(rig)
    assert payload["helpdesk"] == "zendesk"
    assert json.loads(str(payload["raw"])) == json.loads(request.body)
    headers = payload["headers"]
    assert isinstance(headers, dict)
    assert "x-zendesk-webhook-signature" not in headers
    assert set(headers) <= {
        "x-zendesk-webhook-invocation-id",
        "x-zendesk-webhook-signature-timestamp",
    }

    await rig.drain()
    notes = [c for c in rig.sandbox.zendesk_ticket(ticket_id).comments if not c.public]
    assert len(notes) == 1 and find_marker(notes[0].body) is not None


async def test_a_freshdesk_event_keeps_no_header_at_all(rig: Rig) -> None:
    contact = rig.seed.freshdesk["contacts"]["top"]
    ticket_id = rig.sandbox.freshdesk_create_ticket(contact, "Charged twice", "Charged twice!").id
    assert (await rig.post(rig.freshdesk_webhook(ticket_id), "freshdesk")).status_code == 202
    payload = await _evaluate_payload(rig)
    assert payload["headers"] == {}
    assert FD_HEADER.lower() not in json.dumps(payload).lower()


async def test_an_event_this_process_cannot_read_back_is_dead_lettered_with_the_reason(
    tmp_path: Path,
) -> None:
    """A receiver with Freshdesk configured and a worker without it (as after a change of
    configuration between the two): the job is a dead letter that says what to set."""
    (tmp_path / "service").mkdir()
    receiver = await open_rig(tmp_path / "service")
    contact = receiver.seed.freshdesk["contacts"]["top"]
    ticket_id = receiver.sandbox.freshdesk_create_ticket(contact, "Charged twice", "Twice!").id
    assert (
        await receiver.post(receiver.freshdesk_webhook(ticket_id), "freshdesk")
    ).status_code == (202)
    await receiver.close()

    unset = ("HL_FRESHDESK_BASE_URL", "HL_FRESHDESK_API_KEY", "HL_FRESHDESK_WEBHOOK_SECRET")
    worker = await open_rig(tmp_path / "service", env=dict.fromkeys(unset))  # type: ignore[arg-type]
    try:
        await worker.drain()
        [dead] = await worker.runtime.store.list_jobs(status="dead")
        assert dead.kind == "evaluate"
        assert "set the HL_FRESHDESK_* variables" in (dead.last_error or "")
    finally:
        await worker.close()
