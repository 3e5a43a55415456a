"""Customer signals: value tier, monthly spend, plan, payment status, days overdue, failed payments.

Every company keeps these in different custom fields, so nothing here knows a field name: the
``[customer_fields]`` table maps each signal to field paths on the requester (``user.``) and the
organization (``organization.``). Values an enrichment plugin returns (a billing system) fill
what the helpdesk did not have. Unreadable values count as missing, so one badly typed field
in the helpdesk never stops the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from ..models import Organization, Person
from . import CustomerSignals
from .config import SignalsConfig

__all__ = ["customer_signals", "field_value", "parse_amount", "parse_count"]

_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*")


def field_value(path: str, requester: Person | None, organization: Organization | None) -> Any:
    """The value at ``organization.<key>`` or ``user.<key>``; ``None`` when absent or empty."""
    scope, _, key = path.partition(".")
    holder = organization if scope == "organization" else requester
    if holder is None:
        return None
    value = holder.fields.get(key)
    return None if value in (None, "") else value


def parse_amount(value: Any) -> float | None:
    """A money amount from ``120``, ``"120.50"``, ``"$1,200"`` or ``"USD 80"``; else ``None``."""
    if isinstance(value, bool | dict | list) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    match = _NUMBER.search(str(value))
    if not match:
        return None
    text = match.group(0)
    if "," in text and "." in text:
        # The separator that comes last is the decimal one: "1,200.50" and "1.200,50".
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = f"{head.replace(',', '')}.{tail}" if len(tail) == 2 else text.replace(",", "")
    return float(text)


def parse_count(value: Any) -> int | None:
    """A whole number from ``3``, ``"3"`` or ``"3 days"``; else ``None``."""
    amount = parse_amount(value)
    return None if amount is None else int(amount)


def _label(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip().lower()
    return text or None


def _currency(value: Any) -> str | None:
    label = _label(value)
    return label.upper() if label else None


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "tier": _label,
    "plan": _label,
    "payment_status": _label,
    "monthly_spend": parse_amount,
    "days_overdue": parse_count,
    "failed_payments": parse_count,
    "currency": _currency,
}


def _lookup(
    name: str,
    config: SignalsConfig,
    requester: Person | None,
    organization: Organization | None,
    enrichment: Mapping[str, Mapping[str, Any]],
) -> Any:
    parse = _PARSERS[name]
    for path in config.fields.paths.get(name, ()):
        parsed = parse(field_value(path, requester, organization))
        if parsed is not None:
            return parsed
    for plugin in sorted(enrichment):
        parsed = parse(enrichment[plugin].get(name))
        if parsed is not None:
            return parsed
    return None


def customer_signals(
    requester: Person | None,
    organization: Organization | None,
    config: SignalsConfig,
    *,
    now: datetime,
    enrichment: Mapping[str, Mapping[str, Any]] | None = None,
) -> CustomerSignals:
    """The customer signals, from mapped fields first and enrichment plugins (by name) second.

    A customer is *top* when their tier is one of ``top_tiers``, they or their organization
    carry one of ``top_tags``, or they spend at least ``top_monthly_spend`` a month; *new* when
    the requester was created less than ``new_customer_days`` ago.
    """
    extra = enrichment or {}
    values = {name: _lookup(name, config, requester, organization, extra) for name in _PARSERS}
    tags = {t.lower() for t in (requester.tags if requester else ())}
    tags |= {t.lower() for t in (organization.tags if organization else ())}
    spend = values["monthly_spend"]
    top = (
        (values["tier"] in config.top_tiers)
        or bool(tags & set(config.top_tags))
        or (
            config.top_monthly_spend > 0 and spend is not None and spend >= config.top_monthly_spend
        )
    )
    created = requester.created_at if requester else None
    new = created is not None and now - created < timedelta(days=config.new_customer_days)
    return CustomerSignals(
        tier=values["tier"],
        monthly_spend=spend,
        plan=values["plan"],
        payment_status=values["payment_status"],
        days_overdue=values["days_overdue"],
        failed_payments=values["failed_payments"],
        top_customer=top,
        new_customer=new,
        currency=values["currency"] or config.default_currency,
        payment_overdue=values["payment_status"] in config.overdue_statuses,
    )
