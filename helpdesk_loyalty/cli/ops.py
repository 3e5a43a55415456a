"""``jobs list|show|retry`` and ``inbox stats``: look after the queue from the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from ..config import Settings
from ..reports import job_to_json
from ..store import open_store
from ..store.base import JOB_KINDS, JOB_STATUSES, Store

__all__ = ["register"]


def register(sub: Any) -> None:
    jobs = sub.add_parser("jobs", help="list, show and retry jobs (dead letters included)")
    jsub = jobs.add_subparsers(dest="jobs_command", metavar="ACTION")
    lst = jsub.add_parser("list", help="list jobs, newest first")
    lst.add_argument("--status", choices=JOB_STATUSES)
    lst.add_argument("--kind", choices=JOB_KINDS)
    lst.add_argument("--account", help="e.g. zendesk:acme")
    lst.add_argument("--limit", type=int, default=50)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(run=_run(_list))
    show = jsub.add_parser("show", help="one job in full, as JSON")
    show.add_argument("job_id", type=int)
    show.set_defaults(run=_run(_show))
    retry = jsub.add_parser("retry", help="put dead jobs back in the queue")
    retry.add_argument("job_ids", type=int, nargs="+")
    retry.set_defaults(run=_run(_retry))

    inbox = sub.add_parser("inbox", help="inbox and queue statistics")
    isub = inbox.add_subparsers(dest="inbox_command", metavar="ACTION")
    stats = isub.add_parser(
        "stats", help="counts per status and kind, oldest pending age, throttles"
    )
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(run=_run(_stats))


def _run(
    action: Callable[[Store, argparse.Namespace], Awaitable[int]],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        settings = Settings.from_env()

        async def main() -> int:
            store = open_store(settings.database_url)
            await store.open()
            try:
                return await action(store, args)
            finally:
                await store.close()

        return asyncio.run(main())

    return run


async def _list(store: Store, args: argparse.Namespace) -> int:
    rows = await store.list_jobs(
        status=args.status, kind=args.kind, account=args.account, limit=args.limit
    )
    if args.json:
        print(json.dumps([job_to_json(j) for j in rows], indent=2))
        return 0
    print(f"{'ID':>8}  {'KIND':<9}  {'STATUS':<8}  {'TRIES':>5}  {'TICKET':<28}  LAST ERROR")
    for j in rows:
        print(
            f"{j.id:>8}  {j.kind:<9}  {j.status:<8}  {j.attempts:>5}  {j.ordering_key:<28}  "
            f"{(j.last_error or '')[:60]}"
        )
    return 0


async def _show(store: Store, args: argparse.Namespace) -> int:
    job = await store.get_job(args.job_id)
    if job is None:
        print(f"no job {args.job_id}")
        return 1
    print(json.dumps(job_to_json(job), indent=2, ensure_ascii=False))
    return 0


async def _retry(store: Store, args: argparse.Namespace) -> int:
    count = await store.requeue(args.job_ids)
    print(f"requeued {count} of {len(args.job_ids)} job(s) (only dead jobs can be retried)")
    return 0 if count == len(args.job_ids) else 1


async def _stats(store: Store, args: argparse.Namespace) -> int:
    s = await store.stats()
    data = {
        "inbox_events": s.inbox_events,
        "jobs_by_status": dict(s.jobs_by_status),
        "jobs_by_kind": dict(s.jobs_by_kind),
        "oldest_pending_age_s": s.oldest_pending_age,
        "dead_jobs": s.dead_jobs,
        "throttled_accounts": dict(s.throttled_accounts),
        "ledger_rows": s.ledger_rows,
    }
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        for key, value in data.items():
            print(f"{key:<22} {value}")
    return 0
