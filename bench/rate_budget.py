"""Rate budget: a burst of 10x the account's update limit, with the limit configured and without.

``python bench/rate_budget.py`` (about 10 minutes: 900 updates at 90 a minute; options:
``--limit 90 --factor 10 --shape event``)

Zendesk's Update Ticket endpoint allows 100 calls a minute per account, and the sandbox enforces
exactly that with a sliding 60-second window, answering 429 with ``Retry-After``. Two servers run
side by side, each against its own sandbox:

- **configured**: ``HL_ZENDESK_UPDATE_LIMIT=90`` (the default). Figures: the share of the
  configured limit used in each full minute of the drain (goal: at least 95 %), the 429s
  received (goal: none), and the time until every update is written, against the ideal
  ``60 s x (burst / limit - 1)``.
- **unconfigured**: ``HL_ZENDESK_UPDATE_LIMIT=0``: only the helpdesk's 429s slow the server.
  Figures: 429s received, events lost (goal: none), time until every update is written.

Every event is actionable (the demo's double charge) on its own ticket, of one of the four demo
customers, so each costs exactly one update.
"""

from __future__ import annotations

import argparse
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pipeline import ACTIONABLE, pipeline
from results import write_result
from services import workdir

CUSTOMERS = ("top", "new", "overdue", "clinic")
HELPDESK_LIMIT = 100


def run_variant(name: str, limit: int, burst: int, shape: str, timeout: float) -> dict[str, Any]:
    where = workdir(f"budget-{name}")
    with pipeline(where, name=f"server-{name}", HL_ZENDESK_UPDATE_LIMIT=str(limit)) as pipe:
        prepared = []
        for n in range(burst):
            ticket = pipe.open_ticket(
                "zendesk", CUSTOMERS[n % len(CUSTOMERS)], ACTIONABLE.subject, ACTIONABLE.body
            )
            prepared.append((ticket, *pipe.webhook("zendesk", ticket, shape)))
        start = time.time()
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda p: pipe.post("zendesk", p[1], p[2]), prepared))
        sent_s = time.time() - start
        tickets = {p[0] for p in prepared}
        deadline = time.monotonic() + timeout
        written: dict[int, float] = {}
        throttled = 0
        while time.monotonic() < deadline:
            log = pipe.calls(helpdesk="zendesk", method="PUT")["calls"]
            written = {}
            for call in log:
                tid = int(call["ticket_id"]) if call["ticket_id"] else None
                if tid in tickets and call["status"] < 300:
                    written.setdefault(tid, call["time"])
            throttled = sum(1 for c in log if c["status"] == 429)
            if len(written) == len(tickets):
                break
            time.sleep(2)
        dead = [r for r in pipe.ledger() if r["what"] == "dead"]
        all_429 = pipe.calls(status="429")["count"]
    times = sorted(written.values())
    first = times[0] if times else start
    windows = []
    if times:
        k = 0
        while first + 60 * (k + 1) <= times[-1] + 1e-9:
            lo, hi = first + 60 * k, first + 60 * (k + 1)
            windows.append(sum(1 for t in times if lo <= t < hi))
            k += 1
    ideal = 60.0 * (burst / limit - 1) if limit else None
    drain = (times[-1] - first) if times else None
    return {
        "limit": limit,
        "burst": burst,
        "accepted": sum(1 for s in statuses if s < 300),
        "sent_in_s": round(sent_s, 1),
        "written": len(written),
        "lost": burst - len(written),
        "dead_letters": len(dead),
        "429s_on_updates": throttled,
        "429s_all_calls": all_429,
        "updates_per_full_minute": windows,
        "share_of_limit_per_full_minute": [round(w / limit, 3) for w in windows] if limit else [],
        "mean_share_of_limit": round(sum(windows) / (len(windows) * limit), 3)
        if limit and windows
        else None,
        "share_of_helpdesk_limit": round(sum(windows) / (len(windows) * HELPDESK_LIMIT), 3)
        if windows
        else None,
        "first_write_after_s": round(first - start, 1) if times else None,
        "all_written_after_s": round(times[-1] - start, 1) if times else None,
        "drain_s": round(drain, 1) if drain is not None else None,
        "ideal_drain_s": round(ideal, 1) if ideal is not None else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=90, help="HL_ZENDESK_UPDATE_LIMIT")
    parser.add_argument("--factor", type=int, default=10, help="burst = factor x limit")
    parser.add_argument("--shape", default="event", choices=("event", "trigger"))
    parser.add_argument("--timeout", type=float, default=1200.0)
    args = parser.parse_args()
    burst = args.factor * args.limit
    results: dict[str, Any] = {}
    lock = threading.Lock()

    def run(name: str, limit: int) -> None:
        result = run_variant(name, limit, burst, args.shape, args.timeout)
        with lock:
            results[name] = result

    threads = [
        threading.Thread(target=run, args=("configured", args.limit)),
        threading.Thread(target=run, args=("unconfigured", 0)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = [
        "| variant | burst | written | lost | 429s | mean share of limit (per full minute) "
        "| all written after s | ideal s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("configured", "unconfigured"):
        r = results.get(name)
        if r is None:
            continue
        share = r["mean_share_of_limit"]
        rows.append(
            f"| {name} (HL_ZENDESK_UPDATE_LIMIT={r['limit']}) | {r['burst']} | {r['written']} | "
            f"{r['lost']} | {r['429s_all_calls']} | "
            f"{'-' if share is None else f'{share:.1%}'} {r['updates_per_full_minute']} | "
            f"{r['all_written_after_s']} | {r['ideal_drain_s'] or '-'} |"
        )
    write_result(
        "rate_budget",
        {
            "settings": {
                "helpdesk_limit_per_min": HELPDESK_LIMIT,
                "shape": args.shape,
                "burst": burst,
            },
            "variants": results,
        },
        "\n".join(rows),
    )


if __name__ == "__main__":
    main()
