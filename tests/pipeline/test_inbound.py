"""What an accepted webhook leaves in the store for the worker, and what happens when the worker
cannot read it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk_loyalty.reports import job_to_json
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


async def test_a_freshdesk_event_is_kept_parsed(rig: Rig) -> None:
    """Freshdesk's parser falls back to the clock when a body carries no time, so its events
    are stored as the receiver parsed them, never parsed again later."""
    contact = rig.seed.freshdesk["contacts"]["top"]
    ticket_id = rig.sandbox.freshdesk_create_ticket(contact, "Charged twice", "Charged twice!").id
    assert (await rig.post(rig.freshdesk_webhook(ticket_id), "freshdesk")).status_code == 202
    payload = await _evaluate_payload(rig)
    assert set(payload) == {"event"}
    assert FD_HEADER.lower() not in json.dumps(payload).lower()


async def test_jobs_show_summarises_a_stored_body_instead_of_printing_it(rig: Rig) -> None:
    user = rig.seed.zendesk["users"]["top"]
    ticket_id = rig.sandbox.zendesk_create_ticket(user, "Charged twice", "Charged twice!").id
    request = rig.zendesk_trigger(ticket_id)
    assert (await rig.post(request)).status_code == 202
    [job] = await rig.runtime.store.list_jobs(kind="evaluate")
    shown = job_to_json(job)["payload"]
    assert "raw" not in shown
    assert shown["raw_body"]["bytes"] == len(str(job.payload["raw"]).encode())
    assert "@" not in json.dumps(shown)  # no email address of the requester


@pytest.mark.parametrize("helpdesk", ["zendesk", "freshdesk"])
async def test_an_event_this_process_cannot_read_back_is_dead_lettered_with_the_reason(
    tmp_path: Path, helpdesk: str
) -> None:
    """A receiver with the helpdesk configured and a worker without it (as after a change of
    configuration between the two): the job is a dead letter at once, saying what to set."""
    (tmp_path / "service").mkdir()
    receiver = await open_rig(tmp_path / "service")
    if helpdesk == "zendesk":
        user = receiver.seed.zendesk["users"]["top"]
        ticket_id = receiver.sandbox.zendesk_create_ticket(user, "Charged twice", "Twice!").id
        request = receiver.zendesk_trigger(ticket_id)
    else:
        contact = receiver.seed.freshdesk["contacts"]["top"]
        ticket_id = receiver.sandbox.freshdesk_create_ticket(contact, "Charged twice", "Twice!").id
        request = receiver.freshdesk_webhook(ticket_id)
    assert (await receiver.post(request, helpdesk)).status_code == 202
    await receiver.close()

    prefix = f"HL_{helpdesk.upper()}_"
    unset = [k for k in receiver.env if k.startswith(prefix)]
    worker = await open_rig(tmp_path / "service", env=dict.fromkeys(unset))  # type: ignore[arg-type]
    try:
        await worker.drain()
        [dead] = await worker.runtime.store.list_jobs(status="dead")
        assert dead.kind == "evaluate" and dead.attempts == 1
        assert f"set the {prefix}* variables" in (dead.last_error or "")
    finally:
        await worker.close()
