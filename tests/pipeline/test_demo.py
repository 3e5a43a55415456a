"""The README's main command: ``demo`` on either helpdesk prints what was written back and why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpdesk_loyalty.cli import main

RULES = Path(__file__).resolve().parents[2] / "rules" / "rules.toml"


def _blocks(text: str) -> dict[str, str]:
    """Each ticket's block of the demo's output, by subject."""
    parts = re.split(r"^━━ ", text, flags=re.MULTILINE)[1:]
    blocks = {}
    for part in parts:
        subject = re.match(r"#\d+ “([^”]+)”", part)
        assert subject is not None, part[:80]
        blocks[subject.group(1)] = part
    return blocks


@pytest.mark.parametrize(("helpdesk", "calls"), [("zendesk", 1), ("freshdesk", 2)])
def test_demo_prints_each_ticket_s_write_back_and_the_happy_customer_gets_nothing(
    helpdesk: str, calls: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--helpdesk", helpdesk, "--rules", str(RULES)]) == 0
    blocks = _blocks(capsys.readouterr().out)

    assert len(blocks) == 5
    double = blocks["Charged twice for the March invoice"]
    assert f"written back in {calls} API call(s)" in double
    assert "priority: high   group: Supervisors" in double
    assert "loyalty-escalated" in double and "credit-needs-approval" in double
    assert "Suggested credit: USD 50.00, needs approval" in double
    assert re.search(r"helpdesk-loyalty decision \w+", double)

    outage = blocks["Internet down for three days"]
    assert "loyalty-credit-suggested" in outage and "'Internet down'" in outage

    payer = blocks["Can I pay the rest next month?"]
    assert "tags: struggling-payer, dunning-hold" in payer
    # Nothing set them, so the demo says so rather than showing the ticket's old values.
    assert "priority: unchanged   group: unchanged" in payer
    assert "no threats, deadlines, late fees, collections or blame" in payer

    repeat = blocks["STILL not working - third time writing"]
    assert "priority: high   group: Supervisors" in repeat
    assert "asks for a person: 'speak to a manager'" in repeat

    happy = blocks["Thank you!"]
    assert "written back: nothing" in happy
    assert "internal note" not in happy
