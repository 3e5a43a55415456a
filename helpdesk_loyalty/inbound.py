"""What an accepted webhook leaves for the worker, and how the worker reads it back.

The receiver parses every body in full before it answers, so a malformed one is a 4xx at once
and never a dead letter later. Encoding that parsed event again for the ``evaluate`` job cost
about a fifth of the receiver's CPU per event, so for an adapter that names the headers its
parser reads (``HelpdeskSpec.replay_headers``) the job keeps the verified raw body and just
those headers (never a signature or a credential), and the worker parses them again with the
same parser and settings. Events of other adapters, and of ``receive``, are stored parsed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .adapters.base import HelpdeskSettings, HelpdeskSpec
from .codec import event_from_json, event_to_json
from .errors import PermanentHelpdeskError, WebhookError
from .models import TicketEvent

__all__ = ["EventReader", "job_payload"]


def job_payload(
    spec: HelpdeskSpec, headers: Mapping[str, str], body: bytes, event: TicketEvent
) -> dict[str, Any]:
    """The ``evaluate`` job's payload for ``event``, parsed by ``spec`` from ``body``."""
    if spec.replay_headers is None:
        return {"event": event_to_json(event)}
    kept = {name: headers[name] for name in spec.replay_headers if name in headers}
    # The body was read as UTF-8 JSON already, so it decodes.
    return {"helpdesk": spec.name, "raw": body.decode("utf-8"), "headers": kept}


class EventReader:
    """Reads the event out of an ``evaluate`` job's payload, in either form."""

    def __init__(
        self, specs: Mapping[str, HelpdeskSpec], helpdesks: Mapping[str, HelpdeskSettings]
    ) -> None:
        self._specs = specs
        self._helpdesks = helpdesks

    def __call__(self, payload: Mapping[str, Any]) -> TicketEvent:
        """The event; :class:`PermanentHelpdeskError` (a dead letter, with the reason) when a
        stored body no longer parses here."""
        if "event" in payload:
            return event_from_json(payload["event"])
        name = str(payload.get("helpdesk"))
        spec, settings = self._specs.get(name), self._helpdesks.get(name)
        if spec is None or settings is None:
            raise PermanentHelpdeskError(
                f"the event came from {name}, which this process has not configured; set the "
                f"HL_{name.upper()}_* variables here too, then retry the job"
            )
        try:
            return spec.parse(payload["headers"], payload["raw"].encode("utf-8"), settings)
        except (WebhookError, ValueError, RecursionError) as exc:
            raise PermanentHelpdeskError(
                f"the stored {name} event no longer parses ({exc}); was the adapter or its "
                "configuration changed since it was received?"
            ) from exc
