"""The loyalty practice end to end: one update for several rules, credit caps, follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpdesk_loyalty.writeback import FOLLOW_UP_TAG

from .rig import ZD_SECRET, Rig, open_rig

pytestmark = pytest.mark.anyio
DAY = 86_400.0


def _notes(rig: Rig, ticket_id: int) -> list[str]:
    return [c.body for c in rig.sandbox.zendesk_ticket(ticket_id).comments if not c.public]


async def test_a_hardship_story_inside_a_billing_complaint_gets_both_rules_in_one_update(
    rig: Rig,
) -> None:
    user = rig.seed.zendesk["users"]["overdue"]
    ticket_id = rig.sandbox.zendesk_create_ticket(
        user,
        "Double charge and I can't pay",
        "You charged me twice for March. I was laid off last month and I genuinely can't afford "
        "to lose that money right now. Could I get the duplicate refunded and pay the rest in "
        "installments?",
    ).id
    assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
    await rig.drain()
    writes = rig.sandbox.calls.select(ticket_id=ticket_id, kind="write")
    assert [(w.method, w.status) for w in writes] == [("PUT", 200)]
    [note] = _notes(rig, ticket_id)
    tags = set(rig.sandbox.zendesk_ticket(ticket_id).tags)
    assert {"loyalty-credit-suggested", "struggling-payer", "dunning-hold"} <= tags
    [decided] = [e for e in await rig.ledger(ticket_id) if e.what == "decided"]
    matched = {r["rule"] for r in decided.detail["rules"] if r["status"] == "matched"}
    assert {"suggest_bill_credit", "flag_struggling_payer"} <= matched
    assert "no threats" in note.lower() or "no blame" in note.lower()


async def test_a_customer_at_the_periods_credit_cap_gets_no_further_credit_with_the_reason(
    tmp_path: Path,
) -> None:
    rig = await open_rig(
        tmp_path,
        rules={
            "suggest_bill_credit": {
                "cap_per_ticket": 40.0,
                "cap_per_period": 40.0,
                "period_days": 30,
            }
        },
    )
    try:
        user = rig.seed.zendesk["users"]["clinic"]
        first = rig.sandbox.zendesk_create_ticket(
            user, "Outage", "Our internet has been down for three days."
        ).id
        assert (await rig.post(rig.zendesk_trigger(first))).status_code == 202
        await rig.drain()
        rig.clock.advance(DAY)
        second = rig.sandbox.zendesk_create_ticket(
            user, "Charged twice", "You charged us twice for the business line this month."
        ).id
        assert (await rig.post(rig.zendesk_trigger(second))).status_code == 202
        await rig.drain()

        first_rules = {
            r["rule"]: r
            for e in await rig.ledger(first)
            if e.what == "decided"
            for r in e.detail["rules"]
        }
        assert any("40.00" in a for a in first_rules["suggest_bill_credit"]["actions"])
        second_rules = {
            r["rule"]: r
            for e in await rig.ledger(second)
            if e.what == "decided"
            for r in e.detail["rules"]
        }
        credit = second_rules["suggest_bill_credit"]
        assert credit["status"] == "not_matched"
        assert "cap" in credit["reason"] and "40.00" in credit["reason"]
        assert "loyalty-credit-suggested" not in rig.sandbox.zendesk_ticket(second).tags
        assert [
            c.amount
            for c in await rig.runtime.store.credits_since(
                f"{rig.runtime.helpdesks['zendesk'].account}:org:"
                f"{rig.sandbox.zendesk_ticket(first).organization_id}",
                0,
            )
        ] == [40.0]
    finally:
        await rig.close()


async def test_the_follow_up_note_arrives_after_a_restart_once_its_days_have_passed(
    rig: Rig,
) -> None:
    user = rig.seed.zendesk["users"]["new"]
    ticket_id = rig.sandbox.zendesk_create_ticket(
        user, "Furious", "Third time writing! Nothing works, I want a manager now or I cancel."
    ).id
    assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
    await rig.drain()
    assert len(_notes(rig, ticket_id)) == 1

    agent = rig.sandbox.zendesk.users[rig.seed.zendesk["agents"]["supervisor"]]
    rig.clock.advance(3600)
    rig.sandbox.zendesk_update(
        rig.sandbox.zendesk_ticket(ticket_id),
        {"status": "solved", "comment": {"body": "Fixed!", "public": True}},
        agent,
    )
    solved = rig.sandbox.render_zendesk_event(
        ticket_id, "status_changed", secret=ZD_SECRET, previous="open"
    )
    assert (await rig.post(solved)).status_code == 202
    await rig.drain()
    assert [e.what for e in await rig.ledger(ticket_id)].count("follow_up_scheduled") == 1

    await rig.restart()
    rig.clock.advance(2 * DAY)
    await rig.drain()
    assert len(_notes(rig, ticket_id)) == 1  # not due yet
    rig.clock.advance(DAY + 60)
    await rig.drain()
    notes = _notes(rig, ticket_id)
    assert len(notes) == 2 and "check the fix held" in notes[1]
    assert FOLLOW_UP_TAG in rig.sandbox.zendesk_ticket(ticket_id).tags
    assert [e.what for e in await rig.ledger(ticket_id)].count("follow_up_written") == 1


async def test_shadow_mode_decisions_reach_only_the_ledger(tmp_path: Path) -> None:
    rig = await open_rig(
        tmp_path,
        rules={
            name: {"mode": "shadow"}
            for name in ("escalate_to_supervisor", "suggest_bill_credit", "flag_struggling_payer")
        },
    )
    try:
        user = rig.seed.zendesk["users"]["top"]
        ticket_id = rig.sandbox.zendesk_create_ticket(
            user, "Charged twice", "I was charged twice and I want a manager."
        ).id
        assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
        await rig.drain()
        assert rig.sandbox.calls.select(ticket_id=ticket_id, kind="write") == []
        [decided] = [e for e in await rig.ledger(ticket_id) if e.what == "decided"]
        assert {r["rule"]: r["status"] for r in decided.detail["rules"]}[
            "suggest_bill_credit"
        ] == "matched"
        assert decided.detail["update"] is None
    finally:
        await rig.close()


async def test_the_same_suggestion_is_not_written_twice_on_a_ticket(rig: Rig) -> None:
    user = rig.seed.zendesk["users"]["top"]
    ticket_id = rig.sandbox.zendesk_create_ticket(
        user, "Charged twice", "I was charged twice this month."
    ).id
    assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
    await rig.drain()
    rig.sandbox.zendesk_end_user_update(ticket_id, "Any news? I was charged twice.")
    assert (await rig.post(rig.zendesk_trigger(ticket_id, "ticket.updated"))).status_code == 202
    await rig.drain()
    assert len(_notes(rig, ticket_id)) == 1
    outcomes = [e.detail["outcome"] for e in await rig.ledger(ticket_id) if e.what == "decided"]
    assert outcomes == ["write planned", "already on the ticket"]
