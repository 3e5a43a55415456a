"""``python -m helpdesk_loyalty.sandbox --port 8900``: the sandbox helpdesk, standalone."""

from __future__ import annotations

import argparse
import asyncio

from ..clock import Clock, FakeClock, SystemClock
from .config import SandboxConfig
from .sandbox import Sandbox
from .seed import seed_demo
from .serve import serve_sandbox


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, print how to reach the sandbox, serve it."""
    parser = argparse.ArgumentParser(
        prog="python -m helpdesk_loyalty.sandbox",
        description="A Zendesk + Freshdesk stand-in on loopback.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--no-seed", action="store_true", help="start with empty accounts")
    parser.add_argument("--no-limits", action="store_true", help="turn the rate limits off")
    parser.add_argument(
        "--fake-clock",
        action="store_true",
        help="time moves only through POST /_sandbox/clock/advance",
    )
    parser.add_argument(
        "--manual-flush",
        action="store_true",
        help="queue webhooks until POST /_sandbox/webhooks/flush",
    )
    args = parser.parse_args(argv)

    clock: Clock = FakeClock() if args.fake_clock else SystemClock()
    sandbox = Sandbox(SandboxConfig(limits_enabled=not args.no_limits), clock=clock)
    if not args.no_seed:
        seed_demo(sandbox)
    config = sandbox.config
    root = f"http://{args.host}:{args.port}"
    print(f"Zendesk   base URL {root}/zendesk")
    print(f"          email {config.zendesk_email}  API token {config.zendesk_token.reveal()}")
    print(f"Freshdesk base URL {root}/freshdesk")
    print(f"          API key {config.freshdesk_key.reveal()}")
    print(f"Control   {root}/_sandbox/", flush=True)
    asyncio.run(
        serve_sandbox(
            sandbox,
            host=args.host,
            port=args.port,
            flush_interval=None if args.manual_flush else 0.5,
        )
    )


if __name__ == "__main__":
    main()
