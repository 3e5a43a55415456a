"""The sandbox helpdesk: a faithful in-memory stand-in for the Zendesk and Freshdesk APIs
helpdesk-loyalty uses, which also sends their webhooks.

It is the fake the test suite drives (in-process through ``httpx.ASGITransport`` on
:func:`create_sandbox_app`, or on loopback with ``python -m helpdesk_loyalty.sandbox``) and the
helpdesk the demo runs against. :class:`Sandbox` holds the state and is the Python API.
"""

from __future__ import annotations

from .app import create_sandbox_app
from .calllog import CallLog, CallRecord
from .config import SandboxConfig, basic_auth
from .faults import Faults
from .outbox import Delivery
from .sandbox import SANDBOX_WEBHOOK_ID, Sandbox
from .seed import DemoSeed, seed_demo
from .serve import serve_sandbox
from .webhooks import WebhookRequest, deliver, sign_zendesk

__all__ = [
    "SANDBOX_WEBHOOK_ID",
    "CallLog",
    "CallRecord",
    "Delivery",
    "DemoSeed",
    "Faults",
    "Sandbox",
    "SandboxConfig",
    "WebhookRequest",
    "basic_auth",
    "create_sandbox_app",
    "deliver",
    "seed_demo",
    "serve_sandbox",
    "sign_zendesk",
]
