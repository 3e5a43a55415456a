"""An open-loop load generator: requests at a fixed rate, latency from the scheduled send time.

``python bench/openloop.py --port P --requests REQS.tsv --rate 2000 --duration 10``

Closed-loop tools (wrk) send the next request only when an answer came back, so a slow server
is offered less load and its queueing delay disappears from the figures (coordinated omission).
Here the n-th request is due at ``start + n / rate`` whatever happened before; it is written on
the next free connection of a pool, and its latency runs from the time it was *due*, so time
spent waiting for a free connection counts. With ``--rate 0`` every connection sends back to
back instead (a closed-loop throughput run for machines without wrk).

Raw asyncio streams on uvloop, requests pre-built as bytes: httpx and friends cannot generate
thousands of requests a second from one core (docs/performance.md). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from time import perf_counter

__all__ = ["build_requests", "percentile", "run"]


def build_requests(path: Path, target: str, limit: int | None = None) -> list[bytes]:
    """Raw HTTP/1.1 requests from a ``timestamp<TAB>signature<TAB>body`` file."""
    out: list[bytes] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            ts, sig, body = line.rstrip("\n").split("\t", 2)
            raw = body.encode()
            head = (
                f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/json\r\n"
                f"X-Zendesk-Webhook-Signature-Timestamp: {ts}\r\n"
                f"X-Zendesk-Webhook-Signature: {sig}\r\n"
                f"Content-Length: {len(raw)}\r\n\r\n"
            )
            out.append(head.encode() + raw)
            if limit is not None and len(out) >= limit:
                break
    return out


def percentile(sorted_values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of an ascending list, nearest rank; 0 for an empty list."""
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


async def _status(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def run(
    port: int, requests: list[bytes], rate: float, duration: float, conns: int
) -> dict[str, object]:
    """Offer ``rate`` requests/s for ``duration`` s (``rate`` 0: closed loop); the figures."""
    queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    closed = rate <= 0
    cursor = 0
    stop_at = 0.0
    go = asyncio.Event()

    async def worker() -> None:
        nonlocal errors, cursor
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await go.wait()
        try:
            while True:
                if closed:
                    if perf_counter() >= stop_at or cursor >= len(requests):
                        return
                    due, payload = perf_counter(), requests[cursor]
                    cursor += 1
                else:
                    item = await queue.get()
                    if item is None:
                        return
                    due, payload = item
                writer.write(payload)
                try:
                    status = await _status(reader)
                except (asyncio.IncompleteReadError, ConnectionError):
                    errors += 1
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                latencies.append(perf_counter() - due)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(conns)]
    await asyncio.sleep(0.3)  # connections open before the clock starts
    # perf_counter, not loop.time(): uvloop's clock has millisecond steps.
    start = perf_counter()
    stop_at = start + duration
    go.set()
    if not closed:
        total = min(int(rate * duration), len(requests))
        for n in range(total):
            due = start + n / rate
            wait = due - perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            queue.put_nowait((due, requests[n]))
        for _ in workers:
            queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = perf_counter() - start
    latencies.sort()
    ms = 1000.0
    return {
        "mode": "closed" if closed else "open",
        "offered_rate": rate,
        "duration_s": round(elapsed, 3),
        "sent": len(latencies) + errors,
        "achieved_rate": round(len(latencies) / elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": errors,
        "p50_ms": round(percentile(latencies, 0.50) * ms, 3),
        "p90_ms": round(percentile(latencies, 0.90) * ms, 3),
        "p99_ms": round(percentile(latencies, 0.99) * ms, 3),
        "p999_ms": round(percentile(latencies, 0.999) * ms, 3),
        "max_ms": round((latencies[-1] if latencies else 0.0) * ms, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/webhooks/zendesk")
    parser.add_argument("--requests", type=Path, required=True, help="bench/events.py output")
    parser.add_argument("--rate", type=float, default=1000.0, help="requests/s; 0 = closed loop")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--conns", type=int, default=256)
    parser.add_argument("--skip", type=int, default=0, help="start at this line of the file")
    args = parser.parse_args()
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    needed = int(args.rate * args.duration) if args.rate > 0 else None
    limit = None if needed is None else args.skip + needed
    requests = build_requests(args.requests, args.path, limit)[args.skip :]
    result = asyncio.run(run(args.port, requests, args.rate, args.duration, args.conns))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
