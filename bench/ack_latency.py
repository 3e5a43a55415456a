"""Ack latency at fixed offered rates: p50, p99 and p99.9 from the scheduled send time.

``python bench/ack_latency.py`` (options: ``--rates 1000,2000,3000 --reps 3 --seconds 10
--backends sqlite,postgres``)

Open loop (bench/openloop.py, 256 connections, pinned to core 1) against ``serve`` pinned to
core 0 with the worker on (running the rules on every event, giving way during the burst
as ``serve`` does by default; ``HL_WORKER_YIELD_RATE=0`` in the environment: never; see
``services.busy_server``), a fresh database per run, and the bare endpoint at the same rates
for reference. Each run also records the server's CPU per request and how busy its core was
at that rate (CPU per request times the achieved rate). Writes ``results/ack_latency.json`` and
``.md`` (``ack_latency_no_worker`` with ``--no-worker``); ``bench/plot.py`` draws latency
against rate.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from typing import Any

from events import write_requests
from load import open_loop, warm_up
from procs import cpu_jiffies
from results import Foreign, add_run_options, median_spread, write_load_result
from services import (
    bare_endpoint,
    busy_server,
    demo_requesters,
    postgres_available,
    workdir,
    worker_mode,
)

GOAL_P99_MS_AT_2K = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="1000,2000,3000")
    add_run_options(parser)
    parser.add_argument("--backends", default="bare,sqlite,postgres")
    parser.add_argument("--no-worker", action="store_true", help="serve --no-worker")
    parser.add_argument(
        "--name", default="", help="results/<name>.json (default: ack_latency[_no_worker])"
    )
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    backends = [b for b in args.backends.split(",") if b]
    if "postgres" in backends and not postgres_available():
        print("PostgreSQL is not reachable (HL_BENCH_POSTGRES_URL); its runs are skipped")
        backends.remove("postgres")
    where = workdir("latency")
    needed = int(max(rates) * args.seconds) + 10
    requests = write_requests(where / "requests.tsv", needed, requesters=demo_requesters(where))
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {b: {} for b in backends}

    def one(backend: str, rate: float) -> dict[str, Any]:
        with contextlib.ExitStack() as stack:
            if backend == "bare":
                proc, port = stack.enter_context(bare_endpoint(where))
                path = "/bare"
            else:
                proc, port = stack.enter_context(
                    busy_server(backend, where, worker=not args.no_worker)
                )
                path = "/webhooks/zendesk"
            warm_up(port)
            foreign = Foreign([proc.pid])
            cpu_before = cpu_jiffies(proc.pid)
            with foreign.measure():
                result = open_loop(port, requests, rate, args.seconds, path=path)
            cpu_s = (cpu_jiffies(proc.pid) - cpu_before) / os.sysconf("SC_CLK_TCK")
            result["foreign_cpu"] = foreign.share()
            answered = sum(result["statuses"].values())
            per_request = cpu_s / answered if answered else 0.0
            result["server_cpu_us_per_request"] = round(per_request * 1e6, 1)
            # How busy the server's core was while the load ran: near 1.0, a slow commit or a
            # collection leaves a queue that takes long to clear.
            result["server_cores"] = round(per_request * float(result["achieved_rate"]), 2)
            return result

    for rep in range(args.reps):
        for rate in rates:
            for backend in backends:
                try:
                    result = one(backend, rate)
                except Exception as exc:  # a database restarted by someone else: once more
                    print(f"{backend} {rate:.0f}/s failed ({exc}); once more in 10 s")
                    time.sleep(10)
                    result = one(backend, rate)
                for _ in range(args.retries):
                    if float(result["foreign_cpu"]) <= args.max_foreign:
                        break
                    print(f"{backend} {rate:.0f}/s: other load {result['foreign_cpu']}, again")
                    again = one(backend, rate)
                    if float(again["foreign_cpu"]) < float(result["foreign_cpu"]):
                        result = again
                runs[backend].setdefault(str(int(rate)), []).append(result)
                print(
                    f"rep {rep + 1} {backend:8s} {rate:>6.0f}/s  achieved {result['achieved_rate']}"
                    f"  p50 {result['p50_ms']}  p99 {result['p99_ms']}  p99.9 {result['p999_ms']}"
                    f" ms  server {result['server_cores']} cores,"
                    f" {result['server_cpu_us_per_request']} us/req"
                    f"  statuses {result['statuses']}  foreign {result['foreign_cpu']}"
                )
    summary: dict[str, dict[str, Any]] = {}
    rows = [
        "| endpoint | offered/s | achieved/s | p50 ms | p99 ms median (min-max) | p99.9 ms "
        "| server cores busy | server CPU us/request | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for backend, by_rate in runs.items():
        summary[backend] = {}
        for rate_key, results in by_rate.items():
            s = {
                "achieved_rate": median_spread([float(r["achieved_rate"]) for r in results]),
                "p50_ms": median_spread([float(r["p50_ms"]) for r in results]),
                "p99_ms": median_spread([float(r["p99_ms"]) for r in results]),
                "p999_ms": median_spread([float(r["p999_ms"]) for r in results]),
                "server_cores": median_spread([float(r["server_cores"]) for r in results]),
                "server_cpu_us_per_request": median_spread(
                    [float(r["server_cpu_us_per_request"]) for r in results]
                ),
                "non_2xx": sum(
                    n
                    for r in results
                    for code, n in r["statuses"].items()
                    if not code.startswith("2")
                )
                + sum(int(r["errors"]) for r in results),
            }
            summary[backend][rate_key] = s
            rows.append(
                f"| {backend} | {rate_key} | {s['achieved_rate']['median']:.0f} | "
                f"{s['p50_ms']['median']} | {s['p99_ms']['median']} "
                f"({s['p99_ms']['min']}-{s['p99_ms']['max']}) | {s['p999_ms']['median']} | "
                f"{s['server_cores']['median']} | {s['server_cpu_us_per_request']['median']:.0f} | "
                f"{s['non_2xx']} |"
            )
    default_name = "ack_latency_no_worker" if args.no_worker else "ack_latency"
    settings = {
        "rates": rates,
        "reps": args.reps,
        "seconds": args.seconds,
        "connections": 256,
        "worker": "off" if args.no_worker else worker_mode(),
        "goal": f"p99 <= {GOAL_P99_MS_AT_2K} ms at 2000/s",
    }
    write_load_result(args.name or default_name, settings, where, summary, runs, rows)


if __name__ == "__main__":
    main()
