"""A burst and its backlog: acknowledgement latency during a burst with the worker inside
``serve``, and how long the worker then takes to evaluate what the burst left.

``python bench/burst_drain.py`` (options: ``--rate 2000 --seconds 10 --yield-rates 50,0
--reps 2``)

For each ``HL_WORKER_YIELD_RATE`` (50, the default: the worker gives way while webhooks arrive
that fast; 0: it never does), ``serve`` (SQLite, worker on, the seeded sandbox of
``services.busy_server`` behind it) is offered ``--rate`` signed unique events/s for
``--seconds`` (open loop, pinned to core 1), then the store is read every 0.25 s until every
accepted event has its ``decided`` ledger row. Reported: ack p50 / p99 / p99.9 during the
burst, the events decided by the end of the burst, and the seconds from the end of the burst
until the last one was.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import time
from pathlib import Path
from typing import Any

from events import write_requests
from load import open_loop, warm_up
from results import Foreign, median_spread, write_load_result
from services import busy_server, demo_requesters, workdir

# Every accepted event gets one "decided" ledger row when the worker has evaluated it (an
# evaluate job with something to write becomes that write job, so jobs are not counted).
_DECIDED = "SELECT count(*) FROM ledger WHERE what = 'decided'"
_ACCEPTED = "SELECT count(*) FROM inbox"


def _counts(db: Path) -> tuple[int, int]:
    """(accepted events not decided yet, accepted events), read beside the running server."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        accepted = conn.execute(_ACCEPTED).fetchone()[0]
        return accepted - conn.execute(_DECIDED).fetchone()[0], accepted
    finally:
        conn.close()


def one(
    requests: Path, rate: float, seconds: float, yield_rate: str, limit: float
) -> dict[str, Any]:
    run_dir = workdir("drain-run")
    with contextlib.ExitStack() as stack:
        proc, port = stack.enter_context(
            busy_server("sqlite", run_dir, extra={"HL_WORKER_YIELD_RATE": yield_rate})
        )
        [db] = run_dir.glob("bench-*.db")
        warm_up(port)
        foreign = Foreign([proc.pid])
        with foreign.measure():
            result = open_loop(port, requests, rate, seconds)
        ended = time.monotonic()
        left, total = _counts(db)
        result["evaluated_during_burst"] = total - left
        while left and time.monotonic() - ended < limit:
            time.sleep(0.25)
            left, total = _counts(db)
        result["drain_s"] = round(time.monotonic() - ended, 2) if not left else None
        result["left_unfinished"] = left
        result["accepted"] = total
        result["foreign_cpu"] = foreign.share()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=2000.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--yield-rates", default="50,0", help="HL_WORKER_YIELD_RATE values")
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--limit", type=float, default=600.0, help="longest wait for the drain")
    parser.add_argument("--name", default="burst_drain")
    args = parser.parse_args()
    where = workdir("drain")
    count = int(args.rate * args.seconds) + 10
    requests = write_requests(where / "requests.tsv", count, requesters=demo_requesters(where))
    yield_rates = [y for y in args.yield_rates.split(",") if y]
    runs: dict[str, list[dict[str, Any]]] = {y: [] for y in yield_rates}
    for rep in range(args.reps):
        for y in yield_rates:
            result = one(requests, args.rate, args.seconds, y, args.limit)
            runs[y].append(result)
            print(
                f"rep {rep + 1} yield_rate={y}: p50 {result['p50_ms']} p99 {result['p99_ms']} "
                f"p99.9 {result['p999_ms']} ms, evaluated during the burst "
                f"{result['evaluated_during_burst']} of {result['accepted']}, drained "
                f"{result['drain_s']} s after, foreign {result['foreign_cpu']}"
            )
    rows = [
        "| HL_WORKER_YIELD_RATE | offered/s | p50 ms | p99 ms median (min-max) | p99.9 ms "
        "| evaluated during the burst | backlog drained after s (min-max) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    summary: dict[str, Any] = {}
    for y, results in runs.items():
        drains = [float(r["drain_s"]) for r in results if r["drain_s"] is not None]
        s = {
            "p50_ms": median_spread([float(r["p50_ms"]) for r in results]),
            "p99_ms": median_spread([float(r["p99_ms"]) for r in results]),
            "p999_ms": median_spread([float(r["p999_ms"]) for r in results]),
            "evaluated_during_burst": median_spread(
                [float(r["evaluated_during_burst"]) for r in results]
            ),
            "drain_s": median_spread(drains),
            "undrained_runs": sum(1 for r in results if r["drain_s"] is None),
        }
        summary[y] = s
        label = f"{y} (gives way)" if float(y) > 0 else "0 (never gives way)"
        rows.append(
            f"| {label} | {args.rate:.0f} | {s['p50_ms']['median']} | {s['p99_ms']['median']} "
            f"({s['p99_ms']['min']}-{s['p99_ms']['max']}) | {s['p999_ms']['median']} | "
            f"{s['evaluated_during_burst']['median']:.0f} of {results[0]['sent']} | "
            f"{s['drain_s']['median']} ({s['drain_s']['min']}-{s['drain_s']['max']}) |"
        )
    settings = {
        "rate": args.rate,
        "seconds": args.seconds,
        "yield_rates": yield_rates,
        "reps": args.reps,
        "worker": "on (services.busy_server)",
    }
    write_load_result(args.name, settings, where, summary, runs, rows)


if __name__ == "__main__":
    main()
