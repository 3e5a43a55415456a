"""Example enrichment plugin: customer value and payment status from a CSV of accounts.

Drop a file like this in ``rules/`` to bring signals from outside the helpdesk (here, an export
of a billing system) to the rules. It implements ``enrich_signals``; what it returns lands in
``ctx.signals.extra["accounts_enrichment"]`` and fills the customer signals (monthly spend, tier,
plan, payment status, days overdue, failed payments, currency) the helpdesk fields left empty.

The CSV has a header line and one account per row::

    key,email,monthly_spend,tier,plan,payment_status,days_overdue,failed_payments,currency
    org-1001,billing@acme.example,1200.00,gold,business,current,0,0,USD

A row matches when ``key`` is the event's customer key, the organization id or the requester
id, or when ``email`` is the requester's email. The engine gives every enrichment call a time
budget (``enrich_timeout``); reading a file this size takes a millisecond, and the file is read
again only when it changes.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from helpdesk_loyalty.context import EnrichmentContext
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.hookspecs import hookimpl
from helpdesk_loyalty.pluginconfig import Setting

__version__ = "1.0.0"

SETTINGS: tuple[Setting, ...] = (
    Setting("path", str, "accounts.csv", "CSV of accounts; relative paths are from this folder"),
)
_NUMBERS = ("monthly_spend",)
_COUNTS = ("days_overdue", "failed_payments")
_TEXT = ("tier", "plan", "payment_status", "currency")

_lock = threading.Lock()
_cache: dict[Path, tuple[float, dict[str, dict[str, str]]]] = {}


@hookimpl
def declare_settings() -> Sequence[Setting]:
    """The settings of ``[rules.accounts_enrichment]``."""
    return SETTINGS


def _resolve(config: Mapping[str, Any]) -> Path:
    path = Path(str(config.get("path") or "accounts.csv"))
    return path if path.is_absolute() else Path(__file__).parent / path


def _read(path: Path) -> dict[str, dict[str, str]]:
    """Accounts by lower-cased key and email, re-read only when the file changes."""
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise ConfigError(
            "[rules.accounts_enrichment] path",
            f"{path} cannot be read ({exc})",
            "point path at the CSV of accounts",
        ) from exc
    with _lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        index: dict[str, dict[str, str]] = {}
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in ("key", "email"):
                    value = (row.get(column) or "").strip().lower()
                    if value:
                        index.setdefault(value, row)
        _cache[path] = (mtime, index)
        return index


def _signals(row: Mapping[str, str]) -> dict[str, Any]:
    """The row's values as JSON-compatible signals; empty or unreadable cells are left out."""
    result: dict[str, Any] = {}
    for column in _NUMBERS + _COUNTS + _TEXT:
        raw = (row.get(column) or "").strip()
        if not raw:
            continue
        try:
            if column in _NUMBERS:
                result[column] = float(raw)
            elif column in _COUNTS:
                result[column] = int(float(raw))
            else:
                result[column] = raw
        except ValueError:
            continue
    return result


@hookimpl
def enrich_signals(ctx: EnrichmentContext) -> Mapping[str, Any] | None:
    """The account of the event's customer, or ``None`` when the CSV does not know them."""
    accounts = _read(_resolve(ctx.config))
    candidates = [ctx.customer_key]
    if ctx.organization is not None:
        candidates.append(ctx.organization.id)
    if ctx.requester is not None:
        candidates.append(ctx.requester.id)
        if ctx.requester.email:
            candidates.append(ctx.requester.email)
    for candidate in candidates:
        row = accounts.get(str(candidate).strip().lower())
        if row is not None:
            return _signals(row)
    return None
