"""Event to write-back latency against the sandbox on loopback: p50 and p99.

``python bench/writeback_latency.py`` (options: ``--events 200 --rate 10``)

Actionable events (the demo's double charge, each on a new ticket of one of the four demo
customers) are posted at a fixed rate; the latency of an event runs from its send time to the
time the sandbox answered the write (``PUT`` of the ticket, from its call log). The sandbox runs
without rate limits and the server's own limiter is off (``HL_ZENDESK_UPDATE_LIMIT=0``), so the
figure is the pipeline's own overhead: store, wake-up, context read (cached after each
customer's first event), rules, planning, store again, the write. Both Zendesk shapes are run.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from openloop import percentile
from pipeline import ACTIONABLE, pipeline
from results import write_result
from services import workdir

CUSTOMERS = ("top", "new", "overdue", "clinic")


def run_shape(shape: str, events: int, rate: float) -> dict[str, Any]:
    where = workdir(f"writeback-{shape}")
    with pipeline(where, limits=False, HL_ZENDESK_UPDATE_LIMIT="0") as pipe:
        prepared = []
        for n in range(events):
            ticket = pipe.open_ticket(
                "zendesk", CUSTOMERS[n % len(CUSTOMERS)], ACTIONABLE.subject, ACTIONABLE.body
            )
            prepared.append((ticket, *pipe.webhook("zendesk", ticket, shape)))
        pipe.calls()  # settle the sandbox
        sent: dict[int, float] = {}
        start = time.time() + 0.2
        for n, (ticket, headers, body) in enumerate(prepared):
            due = start + n / rate
            wait = due - time.time()
            if wait > 0:
                time.sleep(wait)
            sent[ticket] = time.time()
            pipe.post("zendesk", headers, body)
        for ticket in sent:
            pipe.wait_settled(ticket, timeout=120)
        writes: dict[int, float] = {}
        for call in pipe.calls(helpdesk="zendesk", method="PUT")["calls"]:
            if call["ticket_id"] is not None and int(call["ticket_id"]) in sent:
                writes.setdefault(int(call["ticket_id"]), call["time"])
    latencies = sorted((writes[t] - sent[t]) * 1000 for t in sent if t in writes)
    return {
        "events": events,
        "rate": rate,
        "written": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p90_ms": round(percentile(latencies, 0.9), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(latencies[-1], 1) if latencies else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--rate", type=float, default=10.0)
    args = parser.parse_args()
    results = {shape: run_shape(shape, args.events, args.rate) for shape in ("event", "trigger")}
    rows = [
        "| Zendesk shape | events | offered/s | written | p50 ms | p90 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for shape, r in results.items():
        rows.append(
            f"| {shape} | {r['events']} | {r['rate']:g} | {r['written']} | {r['p50_ms']} | "
            f"{r['p90_ms']} | {r['p99_ms']} | {r['max_ms']} |"
        )
    write_result(
        "writeback_latency",
        {
            "settings": {
                "sandbox": "--no-limits",
                "HL_ZENDESK_UPDATE_LIMIT": 0,
                "worker": "in the server process",
            },
            "shapes": results,
        },
        "\n".join(rows),
    )


if __name__ == "__main__":
    main()
