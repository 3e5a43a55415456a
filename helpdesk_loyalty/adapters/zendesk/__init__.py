"""The Zendesk adapter: signed webhooks in (trigger template or event envelopes), API out."""

from __future__ import annotations

from .client import ZendeskClient
from .parse import parse_zendesk
from .webhook import sign_zendesk, verify_zendesk

__all__ = ["ZendeskClient", "parse_zendesk", "sign_zendesk", "verify_zendesk"]
