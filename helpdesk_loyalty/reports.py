"""Human and JSON views of jobs and the decision ledger (``why``, ``jobs``, the ops endpoints)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from .store.base import Job, LedgerEntry

__all__ = ["format_why", "job_to_json", "ledger_to_json"]


def _when(ts: float | None) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%d %H:%M:%S")


def job_to_json(job: Job) -> dict[str, Any]:
    """A job as JSON data."""
    return {
        "id": job.id,
        "kind": job.kind,
        "account": job.account,
        "ordering_key": job.ordering_key,
        "dedupe_key": job.dedupe_key,
        "status": job.status,
        "attempts": job.attempts,
        "available_at": job.available_at,
        "created_at": job.created_at,
        "first_try_at": job.first_try_at,
        "last_error": job.last_error,
        "lease_owner": job.lease_owner,
        "lease_until": job.lease_until,
        "payload": _shown_payload(job.payload),
    }


def _shown_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload as ``jobs show`` and ``/ops`` print it: a stored raw webhook body (names and
    email addresses of customers and agents) is summarised by its size and hash, not shown."""
    shown = dict(payload)
    raw = shown.pop("raw", None)
    if isinstance(raw, str):
        data = raw.encode("utf-8")
        shown["raw_body"] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return shown


def ledger_to_json(entry: LedgerEntry) -> dict[str, Any]:
    """A ledger row as JSON data."""
    return {
        "id": entry.id,
        "at": entry.at,
        "what": entry.what,
        "account": entry.account,
        "ticket_id": entry.ticket_id,
        "event_key": entry.event_key,
        "decision_id": entry.decision_id,
        "job_id": entry.job_id,
        "detail": dict(entry.detail),
    }


def _evidence(items: Sequence[dict[str, Any]]) -> str:
    parts = []
    for e in items:
        text = e.get("text") or e.get("signal", "")
        if e.get("threshold") is not None:
            text += f" (value {e.get('value')}, threshold {e.get('threshold')})"
        parts.append(text)
    return "; ".join(parts)


def _rule_lines(rule: dict[str, Any]) -> list[str]:
    status = str(rule.get("status", "")).upper().replace("_", " ")
    head = f"    {rule.get('rule')} [{rule.get('mode')}] {status}"
    if rule.get("summary"):
        head += f" — {rule['summary']}"
    elif rule.get("reason"):
        head += f" — {rule['reason']}"
    elif rule.get("error"):
        head += f" — {rule['error']}"
    lines = [head]
    if rule.get("evidence"):
        lines.append("        evidence: " + _evidence(rule["evidence"]))
    if rule.get("actions"):
        lines.append("        actions: " + "; ".join(rule["actions"]))
    if rule.get("summary") and rule.get("reason"):
        lines.append("        reason: " + rule["reason"])
    return lines


def format_why(ticket_id: str, entries: Sequence[LedgerEntry]) -> str:
    """The ledger of one ticket as text: every event, every rule, matched or not, and why."""
    if not entries:
        return f"No ledger entries for ticket {ticket_id}. Has an event for it been received?"
    lines = [f"Ticket {ticket_id}"]
    for entry in entries:
        detail = dict(entry.detail)
        head = f"{_when(entry.at)}  {entry.what}"
        if detail.get("event"):
            head += f"  {detail['event']}"
        if entry.decision_id:
            head += f"  decision {entry.decision_id}"
        lines.append(head)
        if entry.what == "decided":
            for rule in detail.get("rules", ()):
                lines.extend(_rule_lines(rule))
            lines.append(f"    → {detail.get('outcome', '')} (API reads: {detail.get('reads', 0)})")
        else:
            extras = {k: v for k, v in detail.items() if k not in ("event", "type", "kind")}
            if extras:
                lines.append("    " + ", ".join(f"{k}={v}" for k, v in extras.items()))
    return "\n".join(lines)
