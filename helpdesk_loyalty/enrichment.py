"""Folding enrichment plugins' signals into the computed signals."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .signals import Signals
from .signals.compute import SignalsConfig

__all__ = ["CUSTOMER_KEYS", "apply_enrichment"]

CUSTOMER_KEYS = (
    "monthly_spend",
    "tier",
    "plan",
    "payment_status",
    "days_overdue",
    "failed_payments",
)


def _coerce(key: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if key == "monthly_spend":
        return float(value)
    if key in ("days_overdue", "failed_payments"):
        return int(float(value))
    return str(value)


def apply_enrichment(
    signals: Signals, extra: Mapping[str, Mapping[str, Any]], config: SignalsConfig
) -> Signals:
    """``signals`` with ``extra`` under ``signals.extra`` and customer values filled in where the
    helpdesk had none (the helpdesk's own fields win); top/new customer are re-derived."""
    customer = signals.customer
    filled: dict[str, Any] = {}
    for values in extra.values():
        for key in CUSTOMER_KEYS:
            if getattr(customer, key) is None and key not in filled and key in values:
                try:
                    coerced = _coerce(key, values[key])
                except (TypeError, ValueError):
                    continue
                if coerced is not None:
                    filled[key] = coerced
    if filled:
        customer = config.rederive(dataclasses.replace(customer, **filled))
    merged = {**signals.extra, **{k: MappingProxyType(dict(v)) for k, v in extra.items()}}
    return dataclasses.replace(signals, customer=customer, extra=MappingProxyType(merged))
