"""Real subprocesses for the fault suite: start, wait until ready, SIGKILL, restart.

Every process writes its output to a log file in the test's temporary folder; a failing
readiness wait or an unexpected exit shows the end of that log in the assertion message.
Waiting is always for a condition with a deadline, never a sleep for luck.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path

import httpx

__all__ = ["ROOT", "Proc", "clean_env", "free_port", "wait_until"]

ROOT = Path(__file__).resolve().parents[2]
POLL = 0.05


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def wait_until(check: Callable[[], Awaitable[bool]], *, timeout: float, what: str) -> None:
    """Poll ``check`` until it is true; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if await check():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(POLL)


class Proc:
    """One subprocess: ``python -m <module> <args>`` with ``env``, its output in ``log``."""

    def __init__(
        self, name: str, module: str, args: Sequence[str], env: Mapping[str, str], log: Path
    ) -> None:
        self.name = name
        self.argv = [sys.executable, "-m", module, *args]
        self.env = {**env, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.log = log
        self.popen: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> Proc:
        """Start (or restart) the process."""
        assert self.popen is None or self.popen.poll() is not None, f"{self.name} is running"
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n=== start {self.starts}: {' '.join(self.argv[2:])}\n".encode())
            self.popen = subprocess.Popen(
                self.argv, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        return self

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash or an OOM kill."""
        if self.popen is not None and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it does not exit within 10 s."""
        if self.popen is None or self.popen.poll() is not None:
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def tail(self, lines: int = 40) -> str:
        """The end of the log, for assertion messages."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def log_text(self) -> str:
        """The whole log."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    async def wait_http(self, url: str, *, timeout: float = 30.0) -> None:
        """Wait until ``GET url`` answers 200, failing early if the process exits."""
        async with httpx.AsyncClient(trust_env=False, timeout=2.0) as client:

            async def ready() -> bool:
                if not self.alive:
                    raise AssertionError(f"{self.name} exited ({self.code()}):\n{self.tail()}")
                try:
                    return (await client.get(url)).status_code == 200
                except httpx.TransportError:
                    return False

            try:
                await wait_until(ready, timeout=timeout, what=f"{self.name} at {url}")
            except AssertionError as exc:
                raise AssertionError(f"{exc}\n{self.tail()}") from None

    def code(self) -> int | None:
        return None if self.popen is None else self.popen.poll()


def clean_env(extra: Mapping[str, str]) -> dict[str, str]:
    """The test's environment without any ``HL_*`` or proxy setting, plus ``extra``."""
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith("HL_") and "proxy" not in k.lower()
    }
    return {**keep, **extra}
