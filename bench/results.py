"""Where results go, and what is recorded next to them: the machine, the disk's fsync latency,
the load other processes put on the machine while a run measured, medians and spreads."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from procs import cpu_jiffies

__all__ = [
    "RESULTS",
    "Foreign",
    "fsync_probe",
    "machine",
    "median_spread",
    "write_result",
]

RESULTS = Path(__file__).resolve().parent / "results"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "uvicorn": _version("uvicorn"),
        "starlette": _version("starlette"),
        "httptools": _version("httptools"),
        "uvloop": _version("uvloop"),
        "psycopg": _version("psycopg"),
        "load_average": os.getloadavg(),
    }


def fsync_probe(where: Path, count: int = 1000) -> dict[str, float]:
    """Latency of a 512-byte ``write`` + ``fsync`` in ``where`` (what a FULL commit waits for)."""
    path = where / "fsync.probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    samples = []
    try:
        for _ in range(count):
            start = time.perf_counter()
            os.write(fd, b"x" * 512)
            os.fsync(fd)
            samples.append(time.perf_counter() - start)
    finally:
        os.close(fd)
        path.unlink()
    samples.sort()
    return {
        "p50_ms": round(samples[len(samples) // 2] * 1000, 3),
        "p99_ms": round(samples[int(len(samples) * 0.99)] * 1000, 3),
        "max_ms": round(samples[-1] * 1000, 3),
    }


class Foreign:
    """CPU the rest of the machine used during a measurement: the busy time of all cores minus
    the time of this benchmark's own process tree (servers, sandbox, load generator) and of the
    PostgreSQL server. Other tenants of a shared machine show up here and explain outliers; the
    benchmarks measure a run again when it is high."""

    def __init__(self, pids: Sequence[int] = ()) -> None:
        self.pids = list(pids)
        self.busy = 0
        self.ours = 0
        self.seconds = 0.0

    @contextmanager
    def measure(self) -> Iterator[Foreign]:
        start_busy = cpu_jiffies()
        start_ours = _ours()
        start = time.monotonic()
        yield self
        self.seconds = time.monotonic() - start
        self.busy = cpu_jiffies() - start_busy
        end_ours = _ours()
        self.ours = sum(end_ours[p] - start_ours.get(p, 0) for p in end_ours)

    def share(self) -> float:
        """Other processes' CPU over the measurement, in cores."""
        if not self.seconds:
            return 0.0
        ticks = os.sysconf("SC_CLK_TCK")
        return round(max(0, self.busy - self.ours) / ticks / self.seconds, 3)


def _ours() -> dict[int, int]:
    """CPU ticks so far of this process, its descendants and the PostgreSQL server processes;
    key -1 holds the ticks of children already reaped."""
    parents: dict[int, int] = {}
    comms: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        comms[pid] = stat[stat.index("(") + 1 : stat.rindex(")")]
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
    me = os.getpid()
    ours = {}
    for pid in parents:
        node, hops = pid, 0
        while node > 1 and node != me and hops < 50:
            node, hops = parents.get(node, 0), hops + 1
        if node == me or comms[pid] == "postgres":
            ours[pid] = _safe_jiffies(pid)
    ours[-1] = _children_jiffies()
    return ours


def _safe_jiffies(pid: int) -> int:
    try:
        return cpu_jiffies(pid)
    except (OSError, IndexError, ValueError):
        return 0


def _children_jiffies() -> int:
    usage = os.times()
    return int((usage.children_user + usage.children_system) * os.sysconf("SC_CLK_TCK"))


def median_spread(values: Sequence[float]) -> dict[str, float]:
    """Median, minimum and maximum of the repetitions."""
    if not values:
        return {"median": 0.0, "min": 0.0, "max": 0.0}
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


def write_result(name: str, data: dict[str, Any], table: str) -> Path:
    """``bench/results/<name>.json`` (with the machine) and ``<name>.md`` (the table)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    payload: dict[str, Any] = {"benchmark": name, "at": at}
    payload.update(data)
    payload.setdefault("machine", machine())
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(table.rstrip() + "\n", encoding="utf-8")
    print(table)
    return path


def write_load_result(
    name: str,
    settings: dict[str, Any],
    where: Path,
    summary: dict[str, Any],
    runs: dict[str, Any],
    rows: list[str],
) -> Path:
    """A load benchmark's results: its settings with the cores the server and the load were
    pinned to, the disk's fsync latency, the summary, every run, and the table."""
    pinned = {"server_cpus": "0", "load_cpus": "1"}
    data = {
        "settings": {**settings, **pinned},
        "fsync": fsync_probe(where),
        "summary": summary,
        "runs": runs,
    }
    return write_result(name, data, "\n".join(rows))


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options every load benchmark shares: repetitions, run length, and when a run taken
    while other processes were busy is measured again."""
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--max-foreign",
        type=float,
        default=0.25,
        help="other processes' CPU (cores) above which a run is measured again",
    )
    parser.add_argument("--retries", type=int, default=2)
