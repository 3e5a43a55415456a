"""API calls per event: helpdesk reads and writes for actionable and non-actionable events, with
the requester's context cold (first event of that requester since start) and warm (seen within
``HL_CACHE_TTL``).

``python bench/api_calls.py``

For each webhook shape — Zendesk trigger template, Zendesk event-subscription envelope,
Freshdesk automation webhook — a fresh server (empty cache) receives, one at a time and each
on a new ticket: an actionable event of customer A (the demo's double charge: a write is
planned), a second one of A (warm), a non-actionable event of customer B (a thank-you: nothing
to write), a second one of B (warm). The sandbox's call log between "event posted" and "event
settled" gives the reads and writes; the decision in the ledger says whether a write was
planned. The sandbox runs without rate limits here: only the count matters.
"""

from __future__ import annotations

import argparse
from typing import Any

from pipeline import ACTIONABLE, QUIET, Pipeline, pipeline
from results import write_result
from services import workdir

SHAPES = (("zendesk", "trigger"), ("zendesk", "event"), ("freshdesk", "automation"))
# What the goals allow (docs/performance.md): Zendesk at most 1 write per actionable event and
# at most 1 read per event, 0 reads when warm; Freshdesk at most 2 writes.
MAX_WRITES = {"zendesk": 1, "freshdesk": 2}


def count(
    pipe: Pipeline, helpdesk: str, shape: str, customer: str, actionable: bool
) -> dict[str, Any]:
    text = ACTIONABLE if actionable else QUIET
    ticket = pipe.open_ticket(helpdesk, customer, text.subject, text.body)
    headers, body = pipe.webhook(helpdesk, ticket, shape)
    before = pipe.calls(helpdesk=helpdesk)["calls"]
    status = pipe.post(helpdesk, headers, body)
    decision = pipe.wait_settled(ticket)
    after = pipe.calls(helpdesk=helpdesk)["calls"]
    new = after[len(before) :]
    reads = [c for c in new if c["kind"] == "read"]
    writes = [c for c in new if c["kind"] == "write"]
    planned = decision["detail"].get("update") is not None
    return {
        "ticket": ticket,
        "status": status,
        "write_planned": planned,
        "outcome": decision["detail"].get("outcome", decision["what"]),
        "reads": len(reads),
        "writes": len(writes),
        "calls": [f"{c['method']} {c['path']}" for c in new],
    }


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    results: dict[str, Any] = {}
    rows = [
        "| shape | event | cache | write planned | reads | writes | calls |",
        "|---|---|---|---|---:|---:|---|",
    ]
    for helpdesk, shape in SHAPES:
        where = workdir(f"calls-{shape}")
        with pipeline(where, helpdesk=helpdesk, limits=False) as pipe:
            cases = {}
            for label, customer, actionable in (
                ("actionable", "top", True),
                ("non-actionable", "new", False),
            ):
                for cache in ("cold", "warm"):
                    case = count(pipe, helpdesk, shape, customer, actionable)
                    cases[f"{label}/{cache}"] = case
                    rows.append(
                        f"| {helpdesk} {shape} | {label} | {cache} | "
                        f"{'yes' if case['write_planned'] else 'no'} | {case['reads']} | "
                        f"{case['writes']} | {', '.join(case['calls']) or '-'} |"
                    )
            results[f"{helpdesk}:{shape}"] = cases
    checks = {}
    for key, cases in results.items():
        helpdesk = key.split(":")[0]
        checks[key] = {
            "max_writes_per_actionable": max(
                c["writes"] for c in cases.values() if c["write_planned"]
            )
            if any(c["write_planned"] for c in cases.values())
            else 0,
            "max_reads_per_event": max(c["reads"] for c in cases.values()),
            "max_reads_warm": max(c["reads"] for k, c in cases.items() if k.endswith("/warm")),
            "write_goal": MAX_WRITES[helpdesk],
        }
    write_result("api_calls", {"shapes": results, "checks": checks}, "\n".join(rows))


if __name__ == "__main__":
    main()
