"""Helpers for the plugin tests: subprocesses with a clean environment, installing a package
into another virtual environment, and servers on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import uvicorn

ROOT = Path(__file__).resolve().parents[2]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without ``HL_*`` or ``PYTEST_*`` variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HL_", "PYTEST_"))}
    env.update(extra)
    return env


def run(
    args: list[str], *, cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 90
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion, capturing its output as text."""
    return subprocess.run(
        args,
        cwd=cwd,
        env=dict(env) if env is not None else clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _builds_offline() -> bool:
    """Whether this interpreter's setuptools builds an editable wheel without downloading:
    70.1 and later carry ``bdist_wheel``; older ones need the ``wheel`` package beside them."""
    try:
        major, minor = (int(p) for p in importlib.metadata.version("setuptools").split(".")[:2])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    if (major, minor) >= (70, 1):
        return True
    try:
        importlib.metadata.version("wheel")
    except importlib.metadata.PackageNotFoundError:
        return False
    return major >= 64


def pip_install(python: Path, package: Path) -> None:
    """``pip install -e package`` into the environment of ``python``.

    Offline when this environment can build the package itself; otherwise pip fetches the
    build backend from the configured package index, as ``./dev`` does to install the project.
    """
    args = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
    if _builds_offline():
        args += ["--no-build-isolation", "--no-index"]
    result = run([*args, "-e", str(package)], cwd=package)
    assert result.returncode == 0, f"pip install failed:\n{result.stdout}\n{result.stderr}"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(app: Any, port: int) -> AsyncIterator[None]:
    """Serve ``app`` on ``127.0.0.1:port`` in this event loop while the block runs."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, lifespan="off", log_level="error", ws="none"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("the server stopped while starting")
        await asyncio.sleep(0.01)
    try:
        yield
    finally:
        server.should_exit = True
        await task
