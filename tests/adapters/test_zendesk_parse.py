"""Zendesk bodies to ticket events: both shapes, Zendesk's quirks, and clear errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from helpdesk_loyalty.adapters.base import HelpdeskSettings
from helpdesk_loyalty.adapters.zendesk.parse import parse_zendesk
from helpdesk_loyalty.codec import event_from_json, event_to_json
from helpdesk_loyalty.errors import PayloadError

INVOCATION = {"x-zendesk-webhook-invocation-id": "8350205582"}


def test_trigger_body_for_a_new_ticket(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk(INVOCATION, payload("zendesk/trigger_created"), zendesk_settings)
    assert event.event_id == "8350205582"
    assert (event.helpdesk, event.account) == ("zendesk", "zendesk:acme")
    assert event.kind == "ticket.created"
    assert event.ticket_id == "4821"
    ticket = event.ticket
    assert ticket.status == "new"
    assert ticket.priority == "normal"
    assert ticket.tags == ("billing", "double_charge", "web_form")
    assert ticket.group_id == "360012345671"
    assert ticket.assignee_id is None
    assert ticket.requester_id == "381155501"
    assert ticket.via == "web_form"
    assert ticket.satisfaction is None
    assert ticket.created_at == datetime(2026, 1, 5, 9, 14, tzinfo=UTC)
    # Minute-precision trigger times are not the stamp safe_update compares.
    assert ticket.updated_stamp is None
    assert "charged twice" in ticket.description
    assert event.complete is True
    assert event.actor_id == "381155501"
    assert event.occurred_at == datetime(2026, 1, 5, 9, 14, tzinfo=UTC)


def test_trigger_placeholders_dashes_and_non_ascii(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk(
        INVOCATION, payload("zendesk/trigger_updated_placeholders"), zendesk_settings
    )
    ticket = event.ticket
    assert event.kind == "ticket.updated"
    assert ticket.status == "hold"
    assert ticket.priority is None
    assert ticket.tags == ()
    assert ticket.group_id is None
    assert ticket.assignee_id is None
    assert ticket.organization_id is None
    assert ticket.satisfaction == "bad"
    assert ticket.subject == "Réclamation: facture erronée"
    assert ticket.comments[0].body.endswith("Zoë Ångström")
    assert "résilier" in ticket.customer_text()


def test_trigger_without_any_text_asks_the_worker_to_read(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk(INVOCATION, payload("zendesk/trigger_ids_only"), zendesk_settings)
    assert event.complete is False
    assert event.ticket.priority == "urgent"
    assert event.ticket.tags == ("vip",)
    assert event.actor_id is None


def test_trigger_body_needs_the_invocation_header(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    with pytest.raises(PayloadError, match="x-zendesk-webhook-invocation-id"):
        parse_zendesk({}, payload("zendesk/trigger_created"), zendesk_settings)


def test_envelope_comment_added(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk({}, payload("zendesk/event_comment_added"), zendesk_settings)
    assert event.event_id == "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52"
    assert event.kind == "comment.added"
    assert event.raw_type == "zen:event-type:ticket.comment_added"
    assert event.ticket_id == "5158"
    assert event.ticket.status == "open"
    assert event.ticket.priority == "high"
    assert event.ticket.tags == ("mobile", "login")
    # The envelope's updated_at is the ticket's exact stamp.
    assert event.ticket.updated_stamp == "2025-01-08T14:25:30Z"
    assert event.comment is not None
    assert event.comment.body == (
        "Still can't log in. This is the third time I'm asking & I need a manager."
    )
    assert event.comment.author_role == "end_user"
    assert event.comment.public is True
    assert event.ticket.comments == (event.comment,)
    assert event.actor_id == "8447388090494"
    assert event.actor_role == "end_user"
    assert event.complete is True
    assert event.occurred_at.year == 2025


def test_envelope_status_changed(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk({}, payload("zendesk/event_status_changed"), zendesk_settings)
    assert event.kind == "ticket.updated"
    assert dict(event.changes) == {"status": ("open", "solved")}
    assert event.ticket.status == "solved"


def test_envelope_tags_changed_with_space_separated_tags_and_empty_ids(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk({}, payload("zendesk/event_tags_changed"), zendesk_settings)
    assert event.ticket.tags == ("outage", "vip")
    assert event.changes["tags"] == (("outage", "new_customer"), ("outage", "vip"))
    assert event.ticket.assignee_id is None
    assert event.ticket.organization_id is None
    assert event.ticket.priority == "urgent"


def test_envelope_with_a_partial_detail_is_incomplete(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk({}, payload("zendesk/event_agent_assignment_changed"), zendesk_settings)
    assert event.changes["assignee_id"] == ("8447388090494", "8447388090496")
    assert event.complete is False


def test_envelope_created_with_nulls(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk({}, payload("zendesk/event_created"), zendesk_settings)
    assert event.kind == "ticket.created"
    assert event.ticket.priority is None
    assert event.ticket.group_id is None
    assert "payment plan" in event.ticket.description


def test_events_survive_the_store_codec(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    event = parse_zendesk({}, payload("zendesk/event_tags_changed"), zendesk_settings)
    again = event_from_json(json.loads(json.dumps(event_to_json(event))))
    assert again.ticket == event.ticket
    assert again.event_id == event.event_id


def _envelope(payload_json: Callable[[str], Any], **changes: Any) -> bytes:
    data = payload_json("zendesk/event_comment_added")
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[key]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return json.dumps(data).encode()


def test_unknown_event_type_is_a_422_listing_the_supported_ones(
    zendesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    body = _envelope(payload_json, type="zen:event-type:ticket.teleported")
    with pytest.raises(PayloadError) as caught:
        parse_zendesk({}, body, zendesk_settings)
    assert caught.value.status_code == 422
    assert "ticket.teleported" in caught.value.detail
    assert "comment_added" in caught.value.detail


def test_user_events_are_not_ticket_events(
    zendesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    body = _envelope(payload_json, type="zen:event-type:user.created")
    with pytest.raises(PayloadError) as caught:
        parse_zendesk({}, body, zendesk_settings)
    assert caught.value.status_code == 422


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ...}, "id"),
        ({"detail": ...}, "detail"),
        ({"detail": "not an object"}, "detail"),
        ({"detail__priority": "SOMEWHAT"}, "detail.priority"),
        ({"detail__tags": 7}, "detail.tags"),
        ({"detail__created_at": "last tuesday"}, "detail.created_at"),
        ({"detail__requester_id": 1.5}, "detail.requester_id"),
        ({"detail__id": "abc", "subject": "zen:ticket:abc"}, "detail.id"),
        ({"event__comment": ["x"]}, "event.comment"),
        ({"event__comment__is_public": "yes"}, "event.comment.is_public"),
    ],
)
def test_malformed_envelopes_name_the_field(
    zendesk_settings: HelpdeskSettings,
    payload_json: Callable[[str], Any],
    changes: dict[str, Any],
    field: str,
) -> None:
    with pytest.raises(PayloadError, match=field.replace(".", r"\.")) as caught:
        parse_zendesk({}, _envelope(payload_json, **changes), zendesk_settings)
    assert caught.value.status_code == 400


def _trigger(payload_json: Callable[[str], Any], **ticket: Any) -> bytes:
    data = payload_json("zendesk/trigger_created")
    for key, value in ticket.items():
        if key == "event":
            data["event"] = value
        elif value is ...:
            del data["ticket"][key]
        else:
            data["ticket"][key] = value
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": "{{ticket.id}}"}, "ticket.id"),
        ({"id": ...}, "ticket.id"),
        ({"priority": "Very high"}, "ticket.priority"),
        ({"tags": {"a": 1}}, "ticket.tags"),
        ({"updated_at": "5 minutes ago"}, "ticket.updated_at"),
        ({"event": "{{hl.event}}"}, "event"),
    ],
)
def test_malformed_trigger_bodies_name_the_field(
    zendesk_settings: HelpdeskSettings,
    payload_json: Callable[[str], Any],
    changes: dict[str, Any],
    field: str,
) -> None:
    with pytest.raises(PayloadError, match=field.replace(".", r"\.")):
        parse_zendesk(INVOCATION, _trigger(payload_json, **changes), zendesk_settings)


def test_unknown_trigger_event_is_a_422(
    zendesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    with pytest.raises(PayloadError) as caught:
        parse_zendesk(INVOCATION, _trigger(payload_json, event="ticket.exploded"), zendesk_settings)
    assert caught.value.status_code == 422


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "UTF-8"),
        (b"[1, 2]", "JSON object"),
        (b'{"hello": "world"}', "neither"),
        (b'{"schema": "someone-else@2"}', "schema"),
    ],
)
def test_bodies_of_the_wrong_shape(
    zendesk_settings: HelpdeskSettings, body: bytes, expected: str
) -> None:
    with pytest.raises(PayloadError, match=expected):
        parse_zendesk(INVOCATION, body, zendesk_settings)


def test_enums_are_case_insensitive(
    zendesk_settings: HelpdeskSettings, payload_json: Callable[[str], Any]
) -> None:
    body = _envelope(payload_json, detail__status="Pending", detail__priority="Low")
    event = parse_zendesk({}, body, zendesk_settings)
    assert (event.ticket.status, event.ticket.priority) == ("pending", "low")
