"""Deciding one event: loop guard, context, signals, rules, plan, and what to make durable.

The result is a :class:`Decision`: the per-rule runs, the planned update and the store
:class:`~helpdesk_loyalty.store.base.Completion` (ledger rows, credits, the ``write`` job and
follow-ups) that the worker commits in one transaction. ``receive`` calls the same code and
prints the decision instead of committing it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .clock import Clock
from .codec import ticket_to_json
from .context import EnrichmentContext, RuleContext
from .contexts import ContextBuilder, Gathered
from .engine import Engine, RuleRun
from .host import PluginHost
from .ids import new_decision_id
from .planner import DEFAULT_PRECEDENCE, Plan, plan_update
from .signals import Signals
from .signals.compute import SignalsConfig, compute_signals
from .store.base import Completion, Job, LedgerEntry, NewJob, Store
from .update import find_marker

__all__ = ["Decider", "Decision", "is_own_write"]

SOLVED = ("solved", "closed")


def is_own_write(
    event_actor: str | None, comment_body: str | None, api_user_id: str | None
) -> str | None:
    """Why an event was caused by our own write (so it must be skipped), or ``None``."""
    if api_user_id and event_actor and event_actor == api_user_id:
        return "caused by our API user"
    if comment_body and find_marker(comment_body):
        return "carries our decision marker"
    return None


def _fingerprint(run: RuleRun) -> str:
    actions = sorted(repr(a) for a in (run.result.actions if run.result else ()))
    return hashlib.sha256(json.dumps([run.rule, actions]).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Decision:
    """Everything decided for one event."""

    decision_id: str
    runs: tuple[RuleRun, ...]
    plan: Plan
    gathered: Gathered | None
    signals: Signals | None
    completion: Completion
    skipped: str | None = None


class Decider:
    """Turns an event into a :class:`Decision`."""

    def __init__(
        self,
        store: Store,
        host: PluginHost,
        engine: Engine,
        builder: ContextBuilder,
        clock: Clock,
        *,
        signals_config: SignalsConfig,
        api_user_ids: Mapping[str, str | None],
        precedence: Sequence[str] = DEFAULT_PRECEDENCE,
    ) -> None:
        self.store = store
        self.host = host
        self.engine = engine
        self.builder = builder
        self.clock = clock
        self.signals_config = signals_config
        self.api_user_ids = dict(api_user_ids)
        self.precedence = tuple(precedence)

    async def decide(self, event: Any, job: Job | None = None) -> Completion:
        """The store completion for ``event`` (the worker's entry point)."""
        return (await self.decision(event, job)).completion

    def _entry(
        self, what: str, event: Any, decision_id: str | None, job: Job | None, **detail: Any
    ) -> LedgerEntry:
        return LedgerEntry(
            what=what,
            account=event.account,
            ticket_id=event.ticket_id,
            event_key=event.event_id,
            decision_id=decision_id,
            job_id=job.id if job else None,
            detail={"event": event.kind, "type": event.raw_type, **detail},
        )

    async def decision(self, event: Any, job: Job | None = None) -> Decision:
        """Decide ``event``: loop guard, follow-ups on solve, or the rules."""
        decision_id = new_decision_id(self.clock.time())
        comment = event.comment.body if event.comment else None
        own = is_own_write(event.actor_id, comment, self.api_user_ids.get(event.helpdesk))
        if own:
            entry = self._entry("skipped", event, None, job, reason=f"own write: {own}")
            return Decision(
                decision_id, (), Plan(None), None, None, Completion(ledger=(entry,)), own
            )

        history = await self.store.ledger_for_ticket(event.ticket_id, account=event.account)
        status_change = event.changes.get("status")
        if status_change is not None:
            solved_now = str(status_change[1]).lower() in SOLVED
        else:
            # Trigger bodies carry no change list; the "ticket solved" trigger fires on the
            # change to solved, and a customer's reply reopens a solved ticket first.
            solved_now = event.kind == "ticket.updated" and event.ticket.status in SOLVED
        if solved_now:
            return self._follow_ups(event, job, decision_id, history)

        gathered = await self.builder.gather(event)
        now = self.clock.now()

        def enrichment_ctx(plugin: str) -> EnrichmentContext:
            return EnrichmentContext(
                event,
                gathered.ticket,
                gathered.requester,
                gathered.organization,
                gathered.customer_key,
                self.host.settings_of(plugin),
                now,
            )

        extra = await self.engine.enrich(enrichment_ctx)
        signals = compute_signals(
            event,
            gathered.ticket,
            gathered.requester,
            gathered.organization,
            gathered.history,
            self.signals_config,
            now,
            enrichment=extra,
        )

        def rule_ctx(rule: str, mode: str) -> RuleContext:
            return RuleContext(
                rule,
                event,
                gathered.ticket,
                gathered.requester,
                gathered.organization,
                gathered.history,
                gathered.credits,
                signals,
                self.host.settings_of(rule),
                now,
                gathered.customer_key,
                mode,
            )

        runs = await self.engine.run_rules(rule_ctx)
        runs = self._mark_repeats(runs, history)
        plan = plan_update(
            decision_id,
            runs,
            customer_key=gathered.customer_key,
            ticket_id=event.ticket_id,
            now=now,
            precedence=self.precedence,
        )
        return Decision(
            decision_id,
            tuple(runs),
            plan,
            gathered,
            signals,
            self._completion(event, job, decision_id, runs, plan, gathered),
        )

    def _mark_repeats(self, runs: list[RuleRun], history: Sequence[LedgerEntry]) -> list[RuleRun]:
        written: dict[str, str] = {}
        for entry in history:
            if entry.what == "decided":
                written.update(entry.detail.get("fingerprints", {}))
        marked = []
        for run in runs:
            if (
                run.status == "matched"
                and run.mode in ("suggest", "act")
                and written.get(run.rule) == _fingerprint(run)
            ):
                run = dataclasses.replace(run, status="repeat")
            marked.append(run)
        return marked

    def _completion(
        self,
        event: Any,
        job: Job | None,
        decision_id: str,
        runs: Sequence[RuleRun],
        plan: Plan,
        gathered: Gathered,
    ) -> Completion:
        update = plan.update
        outcome = (
            "write planned"
            if update
            else (
                "already on the ticket"
                if any(r.status == "repeat" for r in runs)
                else "nothing to write"
            )
        )
        ledger = [
            self._entry(
                "decided",
                event,
                decision_id,
                job,
                outcome=outcome,
                reads=gathered.reads,
                rules=[r.to_json() for r in runs],
                update=update.to_json() if update else None,
                fingerprints={
                    r.rule: _fingerprint(r) for r in runs if r.rule in plan.writing_rules
                },
                customer_key=gathered.customer_key,
            )
        ]
        ledger += [
            self._entry(
                "follow_up_requested",
                event,
                decision_id,
                job,
                rule=f.rule,
                days=f.days,
                check=f.check,
            )
            for f in plan.follow_ups
        ]
        write: NewJob | None = None
        if update is not None:
            # The write continues this job in place, so it goes out before the ticket's next
            # event is decided (per-ticket order holds for writes and decisions alike).
            write = NewJob(
                kind="write",
                account=event.account,
                ordering_key=event.ordering_key,
                dedupe_key=f"write:{event.account}:{event.event_id}",
                payload={
                    **_job_ids(event, decision_id),
                    "update": update.to_json(),
                    "ticket": ticket_to_json(gathered.ticket),
                },
            )
        return Completion(ledger=tuple(ledger), credits=plan.credits, then=write)

    def _follow_ups(
        self, event: Any, job: Job | None, decision_id: str, history: Sequence[LedgerEntry]
    ) -> Decision:
        """On a solve, schedule one follow-up note per distinct delay for the checks still owed."""

        def key(entry: LedgerEntry) -> tuple[str | None, Any]:
            return entry.decision_id, entry.detail.get("rule")

        scheduled = {key(e) for e in history if e.what == "follow_up_scheduled"}
        pending = [
            e for e in history if e.what == "follow_up_requested" and key(e) not in scheduled
        ]
        by_days: dict[int, list[LedgerEntry]] = {}
        for request in pending:
            by_days.setdefault(int(request.detail.get("days", 3)), []).append(request)
        jobs, ledger = [], []
        for days, requests in sorted(by_days.items()):
            due = self.clock.time() + days * 86400
            jobs.append(
                NewJob(
                    kind="follow_up",
                    account=event.account,
                    ordering_key=f"{event.ordering_key}:follow-up",
                    dedupe_key=f"follow_up:{event.account}:{event.event_id}:{days}",
                    payload={
                        **_job_ids(event, decision_id),
                        "days": days,
                        "checks": [
                            {
                                "rule": r.detail.get("rule"),
                                "check": r.detail.get("check", ""),
                                "decision_id": r.decision_id,
                            }
                            for r in requests
                        ],
                    },
                    available_at=due,
                )
            )
            ledger += [
                self._entry(
                    "follow_up_scheduled",
                    event,
                    r.decision_id,
                    job,
                    rule=r.detail.get("rule"),
                    due_at=due,
                )
                for r in requests
            ]
        if not ledger:
            ledger.append(
                self._entry("skipped", event, None, job, reason="solved; no follow-up owed")
            )
        return Decision(
            decision_id,
            (),
            Plan(None),
            None,
            None,
            Completion(new_jobs=tuple(jobs), ledger=tuple(ledger)),
            "solved",
        )


def _job_ids(event: Any, decision_id: str) -> dict[str, str]:
    """What every job a decision leaves names: the helpdesk, account, ticket, event and decision."""
    return {
        "helpdesk": event.helpdesk,
        "account": event.account,
        "ticket_id": event.ticket_id,
        "event_id": event.event_id,
        "decision_id": decision_id,
    }
