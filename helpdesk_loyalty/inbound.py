"""What an accepted webhook leaves for the worker, and how the worker reads it back.

The receiver parses every body in full before it answers, so a malformed one is a 4xx at once
and never a dead letter later. Encoding that parsed event again for the ``evaluate`` job cost
about a fifth of the receiver's CPU per event, so for an adapter that names the headers its
parser reads (``HelpdeskSpec.replay_headers``; Zendesk) the job keeps the verified raw body and
just those headers (never a signature or a credential), and the worker parses them again with
the same parser and settings; the account and event id are kept as the receiver saw them.
Events of other adapters (Freshdesk, whose parser falls back to the clock when a body carries
no time), and of ``receive``, are stored parsed. ``jobs show`` and ``/ops`` summarise a stored
raw body by its size and hash: it holds customers' names and email addresses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .adapters.base import HelpdeskSettings, HelpdeskSpec
from .codec import event_from_json, event_to_json
from .errors import PermanentHelpdeskError, WebhookError
from .models import TicketEvent

__all__ = ["EventReader", "job_payload"]

# Headers that carry credentials or signatures are never stored, whatever an adapter names.
_NEVER_KEPT = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "x-zendesk-webhook-signature",
        "x-helpdesk-loyalty-secret",
    }
)


def job_payload(
    spec: HelpdeskSpec, headers: Mapping[str, str], body: bytes, event: TicketEvent
) -> dict[str, Any]:
    """The ``evaluate`` job's payload for ``event``, parsed by ``spec`` from ``body``."""
    if spec.replay_headers is None:
        return {"event": event_to_json(event)}
    names = {name.lower() for name in spec.replay_headers}
    kept = {name: headers[name] for name in sorted(names - _NEVER_KEPT) if name in headers}
    # The body was read as UTF-8 JSON already, so it decodes. The account and event id are
    # kept as the receiver saw them, whatever the worker's settings say later.
    return {
        "helpdesk": spec.name,
        "raw": body.decode("utf-8"),
        "headers": kept,
        "account": event.account,
        "event_id": event.event_id,
    }


class EventReader:
    """Reads the event out of an ``evaluate`` job's payload, in either form."""

    def __init__(
        self, specs: Mapping[str, HelpdeskSpec], helpdesks: Mapping[str, HelpdeskSettings]
    ) -> None:
        self._specs = specs
        self._helpdesks = helpdesks

    def _configured(self, name: str) -> None:
        if name not in self._specs or name not in self._helpdesks:
            raise PermanentHelpdeskError(
                f"the event came from {name}, which this process has not configured; set the "
                f"HL_{name.upper()}_* variables here too, then retry the job"
            )

    def __call__(self, payload: Mapping[str, Any]) -> TicketEvent:
        """The event; :class:`PermanentHelpdeskError` (a dead letter, with the reason) when a
        stored body no longer parses here."""
        if "event" in payload:
            event = event_from_json(payload["event"])
            self._configured(event.helpdesk)
            return event
        name = str(payload.get("helpdesk"))
        self._configured(name)
        spec, settings = self._specs[name], self._helpdesks[name]
        try:
            event = spec.parse(payload["headers"], payload["raw"].encode("utf-8"), settings)
        except (WebhookError, ValueError, RecursionError) as exc:
            raise PermanentHelpdeskError(
                f"the stored {name} event no longer parses ({exc}); was the adapter or its "
                "configuration changed since it was received?"
            ) from exc
        account = payload.get("account", event.account)
        event_id = payload.get("event_id", event.event_id)
        if (account, event_id) != (event.account, event.event_id):
            event = replace(event, account=account, event_id=event_id)
        return event
