"""The Freshdesk adapter: shared-secret webhooks in (automation rules), API out."""

from __future__ import annotations

from .auth import verify_freshdesk
from .client import FreshdeskClient
from .parse import parse_freshdesk
from .triggered import parse_triggered_event

__all__ = ["FreshdeskClient", "parse_freshdesk", "parse_triggered_event", "verify_freshdesk"]
