"""Memory: resident set size of ``serve`` idle and under load.

``python bench/memory.py`` (options: ``--rate 2000 --seconds 30``)

``serve`` (SQLite, worker on: ``services.busy_server``) is started, left
idle for 5 s, then offered ``--rate`` signed unique events/s for ``--seconds`` (open loop), then
saturated with wrk for 10 s. RSS (VmRSS, all threads) is sampled every 0.2 s. Goal: at most
100 MB under load.
"""

from __future__ import annotations

import argparse
import contextlib
import time

from ack_throughput import RssSampler
from events import write_requests
from load import open_loop, throughput
from procs import rss_mb
from results import write_result
from services import busy_server, demo_requesters, workdir, worker_mode

GOAL_MB = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=2000.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    where = workdir("memory")
    requests = write_requests(
        where / "requests.tsv",
        int(args.rate * args.seconds) + 150_000,
        requesters=demo_requesters(where),
    )
    with contextlib.ExitStack() as stack:
        proc, port = stack.enter_context(busy_server("sqlite", where))
        time.sleep(5)
        idle = rss_mb(proc.pid)
        steady = RssSampler(proc.pid)
        with steady.sampling():
            paced = open_loop(port, requests, args.rate, args.seconds)
        # The rest of the file: events not sent yet, so none is a duplicate.
        rest = where / "rest.tsv"
        with requests.open() as src, rest.open("w") as dst:
            for n, line in enumerate(src):
                if n >= int(args.rate * args.seconds) + 10:
                    dst.write(line)
        saturated = RssSampler(proc.pid)
        with saturated.sampling():
            flat_out = throughput(port, rest, 10.0)
        after = rss_mb(proc.pid)
    peak = max(steady.peak, saturated.peak)
    table = "\n".join(
        [
            "| state | RSS MB |",
            "|---|---:|",
            f"| idle (5 s after start) | {idle:.1f} |",
            f"| {args.rate:.0f} events/s for {args.seconds:.0f} s, peak | {steady.peak:.1f} |",
            f"| saturated ({flat_out['events_per_s']} events/s), peak | {saturated.peak:.1f} |",
            f"| after the load | {after:.1f} |",
        ]
    )
    write_result(
        "memory",
        {
            "settings": {"rate": args.rate, "seconds": args.seconds, "worker": worker_mode()},
            "rss_mb": {
                "idle": round(idle, 1),
                "paced_peak": round(steady.peak, 1),
                "saturated_peak": round(saturated.peak, 1),
                "after": round(after, 1),
                "peak": round(peak, 1),
            },
            "goal_mb": GOAL_MB,
            "paced_run": paced,
            "saturated_run": flat_out,
        },
        table,
    )


if __name__ == "__main__":
    main()
