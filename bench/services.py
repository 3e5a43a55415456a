"""The services a benchmark runs against: the server (SQLite or PostgreSQL, fresh each run), the
bare endpoint, and the sandbox helpdesk, each a real process started the way a user would.
"""

from __future__ import annotations

import json
import os
import tempfile
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from events import SECRET
from procs import Proc, free_port, python, running, start

__all__ = [
    "SANDBOX_EMAIL",
    "SANDBOX_TOKEN",
    "Sandbox",
    "bare_endpoint",
    "busy_server",
    "demo_requesters",
    "fresh_database",
    "postgres_url",
    "sandbox",
    "server",
    "workdir",
]

SANDBOX_EMAIL = "api@sandbox.example"
SANDBOX_TOKEN = "zd-sandbox-token"
FRESHDESK_KEY = "fd-sandbox-key"
FRESHDESK_SECRET = "bench-freshdesk-secret-0123456789"
SERVER_CPUS = "0"
RULES = Path(__file__).resolve().parents[1] / "rules" / "rules.toml"
LOAD_CPUS = "1"


def workdir(prefix: str) -> Path:
    """A new temporary folder for one run (databases, logs, rules, request files)."""
    return Path(tempfile.mkdtemp(prefix=f"hl-bench-{prefix}-"))


def postgres_url() -> str:
    """The PostgreSQL server to benchmark against (``HL_BENCH_POSTGRES_URL``, else the test
    suite's ``HL_TEST_POSTGRES_URL``, else the local default)."""
    return os.environ.get("HL_BENCH_POSTGRES_URL") or os.environ.get(
        "HL_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
    )


def postgres_available() -> bool:
    """Whether the PostgreSQL server answers (the PostgreSQL runs are skipped otherwise)."""
    try:
        import psycopg

        with psycopg.connect(postgres_url(), connect_timeout=3):
            return True
    except Exception:
        return False


@contextmanager
def fresh_database(kind: str, where: Path) -> Iterator[str]:
    """A database URL nobody used before: a new SQLite file in ``where``, or a new PostgreSQL
    database (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{where / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        return
    import psycopg
    from psycopg import sql

    name = f"hl_bench_{uuid.uuid4().hex[:10]}"
    admin = postgres_url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base, _, _ = admin.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


class Sandbox:
    """The running sandbox and its control API."""

    def __init__(self, proc: Proc, port: int) -> None:
        self.proc = proc
        self.port = port
        self.root = f"http://127.0.0.1:{port}"
        self.seed: dict[str, Any] = {}

    def requesters(self) -> list[int]:
        """The seeded Zendesk users (the demo customers), after ``seed=True``."""
        return sorted(int(v) for v in self.seed["zendesk"]["users"].values())

    def write_rules(self, path: Path, helpdesk: str = "zendesk") -> Path:
        """The demo's rules (escalation and credit in ``act`` mode) with this sandbox's ids."""
        from helpdesk_loyalty.demo import demo_rules

        ids = self.seed[helpdesk]
        field = (
            str(ids["fields"]["credit_suggested"])
            if helpdesk == "zendesk"
            else "cf_credit_suggested"
        )
        path.write_text(demo_rules(RULES, ids["groups"], field), encoding="utf-8")
        return path

    def call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        """A control API call (``/_sandbox`` + ``path``); the decoded JSON answer."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.root}/_sandbox{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null")


@contextmanager
def sandbox(where: Path, *, limits: bool = True, seed: bool = False) -> Iterator[Sandbox]:
    """The standalone sandbox (with the demo data when ``seed``), with Zendesk's and
    Freshdesk's limits unless ``limits`` is false; pinned to the load generator's core."""
    port = free_port()
    cmd = [python(), "-m", "helpdesk_loyalty.sandbox", "--port", str(port), "--no-seed"]
    if not limits:
        cmd.append("--no-limits")
    # Webhooks are sent by the benchmarks, not by the sandbox's own flusher.
    cmd.append("--manual-flush")
    proc = start("sandbox", cmd, logdir=where, cpus=LOAD_CPUS)
    with running(proc):
        proc.wait_http(port, "/_sandbox/")
        box = Sandbox(proc, port)
        if seed:
            box.seed = box.call("POST", "/seed")
        yield box


def server_env(
    database_url: str, where: Path, helpdesk_root: str | None, **extra: str
) -> dict[str, str]:
    """The ``HL_*`` environment of a benchmarked server."""
    rules = where / "rules.toml"
    if not rules.exists():
        rules.write_text("", encoding="utf-8")
    root = helpdesk_root or "http://127.0.0.1:9"  # nothing listens there: reads fail fast
    env = {
        "HL_DATABASE_URL": database_url,
        "HL_RULES_FILE": str(rules),
        "HL_RULES_DIR": "",
        "HL_LOG_LEVEL": "WARNING",
        "HL_ZENDESK_BASE_URL": f"{root}/zendesk",
        "HL_ZENDESK_EMAIL": SANDBOX_EMAIL,
        "HL_ZENDESK_API_TOKEN": SANDBOX_TOKEN,
        "HL_ZENDESK_WEBHOOK_SECRET": SECRET,
        # Request files are signed once and replayed over several runs.
        "HL_ZENDESK_SIGNATURE_TOLERANCE": "86400",
        "HL_ZENDESK_API_USER_ID": "1",
        "HL_FRESHDESK_BASE_URL": f"{root}/freshdesk",
        "HL_FRESHDESK_API_KEY": FRESHDESK_KEY,
        "HL_FRESHDESK_WEBHOOK_SECRET": FRESHDESK_SECRET,
    }
    env.update(extra)
    return env


@contextmanager
def server(
    database_url: str,
    where: Path,
    *,
    helpdesk_root: str | None = None,
    worker: bool = True,
    name: str = "server",
    extra: Mapping[str, str] | None = None,
) -> Iterator[tuple[Proc, int]]:
    """``helpdesk-loyalty serve`` on a free port, pinned to the server core; ``extra`` adds or
    overrides ``HL_*`` variables."""
    port = free_port()
    cmd = [python(), "-m", "helpdesk_loyalty", "serve", "--port", str(port)]
    if not worker:
        cmd.append("--no-worker")
    env = server_env(database_url, where, helpdesk_root, **(extra or {}))
    proc = start(name, cmd, logdir=where, cpus=SERVER_CPUS, env=env)
    with running(proc):
        proc.wait_http(port, "/healthz")
        yield proc, port


@contextmanager
def bare_endpoint(where: Path) -> Iterator[tuple[Proc, int]]:
    """bench/bareapp.py on a free port, pinned to the server core."""
    port = free_port()
    here = Path(__file__).resolve().parent
    cmd = [python(), str(here / "bareapp.py"), "--port", str(port)]
    proc = start("bare", cmd, logdir=where, cpus=SERVER_CPUS)
    with running(proc):
        proc.wait_http(port, "/bare")
        yield proc, port


@contextmanager
def busy_server(
    kind: str,
    where: Path,
    *,
    worker: bool = True,
    name: str = "server",
    extra: Mapping[str, str] | None = None,
) -> Iterator[tuple[Proc, int]]:
    """``serve`` on a fresh database of ``kind`` for the ack benchmarks. With the worker on, a
    seeded sandbox without rate limits stands behind it and the server's own limiter is off:
    the worker reads the demo customers, runs the rules on every event and writes (the tickets
    exist only in the events, so the writes are answered 404 and dead-lettered) and no rate
    limit ever pauses it. It gives way to the receiver during a burst as ``serve`` does by
    default; ``extra={"HL_WORKER_YIELD_RATE": "0"}`` makes it compete for the core all the time,
    the worst case for the receiver."""
    with ExitStack() as stack:
        root = None
        env: dict[str, str] = dict(extra or {})
        if worker:
            box = stack.enter_context(sandbox(where, limits=False, seed=True))
            root = box.root
            box.write_rules(where / "rules.toml")
            env["HL_ZENDESK_UPDATE_LIMIT"] = "0"
        url = stack.enter_context(fresh_database(kind, where))
        yield stack.enter_context(
            server(url, where, helpdesk_root=root, worker=worker, name=name, extra=env)
        )


def worker_mode() -> str:
    """How the worker inside a benchmarked ``serve`` behaves: ``HL_WORKER_YIELD_RATE`` of this
    environment, which the servers inherit (default 50)."""
    rate = os.environ.get("HL_WORKER_YIELD_RATE", "50")
    if float(rate) == 0:
        return "on, never gives way (HL_WORKER_YIELD_RATE=0): rules on every event"
    return f"on, gives way above {rate} webhooks/s (HL_WORKER_YIELD_RATE): rules on every event"


def demo_requesters(where: Path) -> list[int]:
    """The ids the seeded sandbox gives the demo customers (the same in every fresh sandbox)."""
    with sandbox(where, seed=True) as box:
        return box.requesters()
