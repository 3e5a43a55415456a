"""Processes under test: started pinned to a core, waited for, measured, stopped by pid.

Every benchmark runs the code as a user would: ``python -m helpdesk_loyalty serve``, the
standalone sandbox (``python -m helpdesk_loyalty.sandbox``) and the bare app are separate
processes, each pinned with ``taskset`` (the server to core 0, load generators to core 1), as
the set-up rules in docs/performance.md ask. Only processes started here are ever stopped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

__all__ = [
    "ROOT",
    "Proc",
    "cpu_jiffies",
    "free_port",
    "python",
    "rss_mb",
    "start",
]

ROOT = Path(__file__).resolve().parents[1]


def python() -> str:
    """The interpreter running the benchmarks (the project's venv when started from it)."""
    return sys.executable


_GIVEN: set[int] = set()
_GIVEN_LOCK = threading.Lock()


def free_port() -> int:
    """A TCP port nobody listens on right now and not handed out before by this process (two
    servers started at once must not be given the same port between its release here and
    their bind)."""
    with _GIVEN_LOCK:
        while True:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = int(s.getsockname()[1])
            if port not in _GIVEN:
                _GIVEN.add(port)
                return port


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` in MiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_jiffies(pid: int | None = None) -> int:
    """CPU time used so far (user + system, clock ticks): the whole machine's busy time when
    ``pid`` is ``None``, else that process's (all its threads)."""
    if pid is None:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        values = [int(v) for v in fields]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values[:8]) - idle
    stat = Path(f"/proc/{pid}/stat").read_text()
    after = stat.rsplit(")", 1)[1].split()
    return int(after[11]) + int(after[12])  # utime, stime


class Proc:
    """A started process: its pid, its log file, and a clean stop."""

    def __init__(self, name: str, popen: subprocess.Popen[bytes], log: Path) -> None:
        self.name = name
        self.popen = popen
        self.log = log

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def wait_http(self, port: int, path: str = "/", timeout: float = 30.0) -> None:
        """Wait until ``GET path`` on ``port`` gets any HTTP answer."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"{self.name} exited at start:\n{self.tail()}")
            probe = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), timeout=1) as s,
            ):
                s.sendall(probe)
                if s.recv(16).startswith(b"HTTP/1.1"):
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer on port {port}:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (uvicorn shuts down cleanly: the writer commits, the worker stops), then
        SIGKILL if it does not exit in time."""
        if not self.alive():
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(5)


def _pinned(cmd: Sequence[str], cpus: str | None) -> list[str]:
    if cpus is None or shutil.which("taskset") is None:
        return list(cmd)
    return ["taskset", "-c", cpus, *cmd]


def start(
    name: str,
    cmd: Sequence[str],
    *,
    logdir: Path,
    cpus: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Proc:
    """Start ``cmd`` (pinned to ``cpus`` when taskset exists), output to ``logdir/name.log``."""
    logdir.mkdir(parents=True, exist_ok=True)
    log = logdir / f"{name}.log"
    full_env = {**os.environ, **(env or {})}
    # A PYTHONPATH given by the caller comes first, so another copy of the package (an older
    # version, for a before/after comparison) can be measured with the same scripts. The
    # process starts in ``logdir``, not in the checkout: ``python -m`` puts its working
    # directory ahead of PYTHONPATH, which would import the checkout's package instead.
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (full_env.get("PYTHONPATH", ""), str(ROOT)) if p
    )
    with log.open("wb") as out:
        popen = subprocess.Popen(
            _pinned(cmd, cpus), stdout=out, stderr=subprocess.STDOUT, env=full_env, cwd=logdir
        )
    return Proc(name, popen, log)


@contextlib.contextmanager
def running(proc: Proc) -> Iterator[Proc]:
    """Stop ``proc`` when the block ends, whatever happens inside."""
    try:
        yield proc
    finally:
        proc.stop()
