"""Running the load generators pinned to the load core: wrk (closed loop, for throughput) and
bench/openloop.py (fixed rate, for latency; also the throughput fallback without wrk)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from procs import python
from services import LOAD_CPUS

__all__ = ["HERE", "has_wrk", "open_loop", "throughput", "warm_up", "wrk_hint"]

HERE = Path(__file__).resolve().parent


def has_wrk() -> bool:
    """Whether wrk is installed."""
    return shutil.which("wrk") is not None


def wrk_hint() -> str:
    """What to tell a user without wrk."""
    return (
        "wrk not found: throughput falls back to bench/openloop.py --rate 0 (a Python client "
        "that saturates below wrk); install wrk for the reference figures: "
        "apt-get install wrk (Debian/Ubuntu), brew install wrk (macOS)"
    )


def _pin(cmd: list[str]) -> list[str]:
    return ["taskset", "-c", LOAD_CPUS, *cmd] if shutil.which("taskset") else cmd


def _wrk(port: int, path: str, requests: Path, seconds: float, conns: int) -> dict[str, Any]:
    cmd = _pin(
        [
            "wrk",
            "-t1",
            f"-c{conns}",
            f"-d{seconds:g}s",
            "--latency",
            "-s",
            str(HERE / "wrk_post.lua"),
            f"http://127.0.0.1:{port}{path}",
            "--",
            str(requests),
        ]
    )
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    answers = re.search(r"ANSWERS (\d+) (\d+) (\d+)", out)
    ok, client_err, server_err = (int(g) for g in answers.groups()) if answers else (0, 0, 0)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    lat = {float(p): int(us) / 1000.0 for p, us in re.findall(r"LATENCY_US ([\d.]+) (\d+)", out)}
    total = ok + client_err + server_err
    return {
        "tool": "wrk",
        "requests_per_s": rate,
        "events_per_s": round(rate * ok / total, 1) if total else 0.0,
        "answers_2xx": ok,
        "answers_4xx": client_err,
        "answers_5xx": server_err,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "p50_ms": lat.get(50.0),
        "p99_ms": lat.get(99.0),
        "p999_ms": lat.get(99.9),
    }


def open_loop(
    port: int,
    requests: Path,
    rate: float,
    seconds: float,
    *,
    path: str = "/webhooks/zendesk",
    conns: int = 256,
) -> dict[str, Any]:
    """Run bench/openloop.py pinned to the load core; its JSON result."""
    cmd = _pin(
        [
            python(),
            str(HERE / "openloop.py"),
            "--port",
            str(port),
            "--path",
            path,
            "--requests",
            str(requests),
            "--rate",
            str(rate),
            "--duration",
            str(seconds),
            "--conns",
            str(conns),
        ]
    )
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def throughput(
    port: int, requests: Path, seconds: float, *, path: str = "/webhooks/zendesk", conns: int = 64
) -> dict[str, Any]:
    """Saturation throughput: wrk when installed, else the closed-loop Python client."""
    if has_wrk():
        return _wrk(port, path, requests, seconds, conns)
    result = open_loop(port, requests, 0, seconds, path=path, conns=conns)
    statuses: dict[str, int] = result["statuses"]
    ok = sum(n for code, n in statuses.items() if code.startswith("2"))
    total = sum(statuses.values())
    rate = float(result["achieved_rate"])
    return {
        "tool": "openloop --rate 0",
        "requests_per_s": rate,
        "events_per_s": round(rate * ok / total, 1) if total else 0.0,
        "answers_2xx": ok,
        "answers_4xx": sum(n for c, n in statuses.items() if c.startswith("4")),
        "answers_5xx": sum(n for c, n in statuses.items() if c.startswith("5")),
        "socket_errors": str(result["errors"]),
        "p50_ms": result["p50_ms"],
        "p99_ms": result["p99_ms"],
        "p999_ms": result["p999_ms"],
    }


def warm_up(port: int, seconds: float = 2.0) -> None:
    """Load ``GET /healthz`` or ``/bare`` for a while: warms the process and the CPU without
    storing anything (warming on the measured endpoint would turn its events into duplicates)."""
    if has_wrk():
        subprocess.run(
            _pin(["wrk", "-t1", "-c64", f"-d{seconds:g}s", f"http://127.0.0.1:{port}/healthz"]),
            capture_output=True,
            check=False,
        )
