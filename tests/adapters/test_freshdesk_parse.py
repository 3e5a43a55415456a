"""Freshdesk automation bodies to ticket events: display strings, triggered_event, dedupe keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from helpdesk_loyalty.adapters.base import HelpdeskSettings
from helpdesk_loyalty.adapters.freshdesk.parse import parse_freshdesk
from helpdesk_loyalty.adapters.freshdesk.triggered import parse_triggered_event
from helpdesk_loyalty.errors import PayloadError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{ticket_action:created}", {"ticket_action": "created"}),
        ("{status:{from:4,to:6}}", {"status": {"from": "4", "to": "6"}}),
        ("{priority:{from:1,to:3}}", {"priority": {"from": "1", "to": "3"}}),
        ("{note_type:private}", {"note_type": "private"}),
        (" { status : { from : 2 , to : 3 } } ", {"status": {"from": "2", "to": "3"}}),
        ("{group_id:{from:,to:43000123456}}", {"group_id": {"from": "", "to": "43000123456"}}),
        (
            "{status:{from:Open,to:Waiting on Customer}}",
            {"status": {"from": "Open", "to": "Waiting on Customer"}},
        ),
        ('{"note_type":"public"}', {"note_type": "public"}),
        ("{}", {}),
    ],
)
def test_triggered_event_parser(text: str, expected: dict[str, Any]) -> None:
    assert parse_triggered_event(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ticket_action:created",
        "{status:{from:4,to:6}",
        "{:x}",
        "{a:b} trailing",
        "{a b}",
        "{" * 20 + "}" * 20,
    ],
)
def test_triggered_event_parser_rejects_garbage(text: str) -> None:
    with pytest.raises(PayloadError, match="triggered_event"):
        parse_triggered_event(text)


def test_ticket_created_with_html_and_non_ascii(
    freshdesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_freshdesk({}, payload("freshdesk/ticket_created"), freshdesk_settings)
    assert (event.helpdesk, event.account) == ("freshdesk", "freshdesk:acme")
    assert event.kind == "ticket.created"
    assert event.ticket_id == "11"
    ticket = event.ticket
    assert ticket.status == "open"
    assert ticket.priority == "low"
    assert ticket.tags == ("billing", "double charge", "vip")
    assert ticket.description == (
        "Hallo,\nmir wurde die Rechnung zweimal abgebucht. Bitte erstatten!\n\nGrüße, Jürgen Groß"
    )
    assert ticket.subject == "Doppelte Abbuchung im Januar"
    assert ticket.via == "portal"
    assert ticket.updated_at == datetime(2026, 1, 5, 9, 14, 22, tzinfo=UTC)
    assert ticket.updated_stamp is None
    assert event.occurred_at == ticket.updated_at
    assert event.event_id.startswith(
        "11:2026-01-05T09:14:22Z:ticket.created:{ticket_action:created}:"
    )
    assert event.complete is True
    assert dict(event.changes) == {}


def test_custom_status_is_open_with_the_raw_kept(
    freshdesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_freshdesk({}, payload("freshdesk/status_changed_custom"), freshdesk_settings)
    assert event.kind == "ticket.updated"
    assert event.ticket.status == "open"
    assert event.ticket.priority == "normal"
    assert event.ticket.tags == ()
    assert event.changes["status"] == ("solved", "open")
    assert event.changes["status_raw"] == ("4", "6")


def test_priority_change_and_pending(
    freshdesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_freshdesk({}, payload("freshdesk/priority_changed"), freshdesk_settings)
    assert event.changes["priority"] == ("low", "high")
    assert event.ticket.status == "pending"
    assert event.ticket.priority == "high"


def test_public_note_is_a_comment(
    freshdesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_freshdesk({}, payload("freshdesk/note_public"), freshdesk_settings)
    assert event.kind == "comment.added"
    assert event.ticket.status == "solved"
    assert event.ticket.priority == "urgent"
    assert event.comment is not None
    assert event.comment.body.startswith("I've asked three times")
    assert "cancelling" in event.ticket.customer_text()


def test_private_note_without_text_or_update_time(
    freshdesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_freshdesk({}, payload("freshdesk/note_private_no_text"), freshdesk_settings)
    assert event.kind == "comment.added"
    assert event.comment is None
    assert event.complete is False
    assert event.ticket.status == "closed"
    assert event.ticket.priority is None
    assert event.event_id.startswith("sha256:")
    again = parse_freshdesk({}, payload("freshdesk/note_private_no_text"), freshdesk_settings)
    assert again.event_id == event.event_id


def _body(payload_json: Callable[[str], Any], **fields: Any) -> bytes:
    data = payload_json("freshdesk/ticket_created")
    for key, value in fields.items():
        if value is ...:
            del data["freshdesk_webhook"][key]
        else:
            data["freshdesk_webhook"][key] = value
    return json.dumps(data).encode()


def test_the_dedupe_key_tells_changes_apart(
    freshdesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    first = parse_freshdesk({}, _body(payload_json), freshdesk_settings)
    redelivery = parse_freshdesk({}, _body(payload_json), freshdesk_settings)
    later = parse_freshdesk(
        {}, _body(payload_json, ticket_updated_at="2026-01-05T10:00:00Z"), freshdesk_settings
    )
    same_minute_reply = parse_freshdesk(
        {}, _body(payload_json, ticket_latest_public_comment="Any news?"), freshdesk_settings
    )
    assert first.event_id == redelivery.event_id
    assert later.event_id != first.event_id
    assert same_minute_reply.event_id != first.event_id


def test_event_falls_back_to_the_triggered_event(
    freshdesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    created = parse_freshdesk({}, _body(payload_json, event="{{hl.event}}"), freshdesk_settings)
    assert created.kind == "ticket.created"
    noted = parse_freshdesk(
        {}, _body(payload_json, event="", triggered_event="{note_type:public}"), freshdesk_settings
    )
    assert noted.kind == "comment.added"


def test_unreadable_update_time_keeps_the_composite_key(
    freshdesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    body = _body(payload_json, ticket_updated_at="Mon, 5 Jan, 2026 at 9:14 AM")
    event = parse_freshdesk({}, body, freshdesk_settings)
    assert event.ticket.updated_at == datetime(2026, 1, 5, 9, 14, tzinfo=UTC)
    assert event.event_id.startswith("11:Mon, 5 Jan, 2026")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ticket_id": "{{ticket.id}}"}, "freshdesk_webhook.ticket_id"),
        ({"ticket_id": ...}, "freshdesk_webhook.ticket_id"),
        ({"ticket_priority": "Critical"}, "freshdesk_webhook.ticket_priority"),
        ({"ticket_status": "1"}, "freshdesk_webhook.ticket_status"),
        ({"ticket_tags": ["a", 3]}, "freshdesk_webhook.ticket_tags"),
        ({"ticket_subject": {"x": 1}}, "freshdesk_webhook.ticket_subject"),
        ({"triggered_event": "{status:{from:4"}, "triggered_event"),
        ({"triggered_event": "{priority:{from:1,to:9}}"}, "triggered_event.priority"),
        ({"schema": "someone-else@1"}, "freshdesk_webhook.schema"),
    ],
)
def test_malformed_bodies_name_the_field(
    freshdesk_settings: HelpdeskSettings,
    payload_json: Callable[[str], Any],
    fields: dict[str, Any],
    field: str,
) -> None:
    with pytest.raises(PayloadError, match=field.replace(".", r"\.")) as caught:
        parse_freshdesk({}, _body(payload_json, **fields), freshdesk_settings)
    assert caught.value.status_code == 400


def test_unknown_event_is_a_422(
    freshdesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    with pytest.raises(PayloadError) as caught:
        parse_freshdesk({}, _body(payload_json, event="ticket.vanished"), freshdesk_settings)
    assert caught.value.status_code == 422


@pytest.mark.parametrize(
    ("body", "expected"),
    [(b"<xml/>", "not valid JSON"), (b'{"ticket_id": "11"}', "freshdesk_webhook is missing")],
)
def test_bodies_of_the_wrong_shape(
    freshdesk_settings: HelpdeskSettings, body: bytes, expected: str
) -> None:
    with pytest.raises(PayloadError, match=expected):
        parse_freshdesk({}, body, freshdesk_settings)
