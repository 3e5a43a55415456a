"""The detectors the rules and the evaluation share, on realistic helpdesk tickets."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from helpdesk_loyalty.evaluation import load_rows, run_eval
from helpdesk_loyalty.signals import CustomerSignals, Signals, TicketSignals
from helpdesk_loyalty.signals.compute import text_signals
from helpdesk_loyalty.signals.detectors import (
    EscalationPolicy,
    HardshipPolicy,
    assess_escalation,
    assess_hardship,
    credit_failures,
    detect,
    ordinal,
    signed,
)

DATA = Path(__file__).parent / "data"


def test_negation_a_customer_who_was_not_charged_twice() -> None:
    text = (
        "Quick update on my earlier message: I was not charged twice after all, the second line "
        "was a pending authorisation that has dropped off. No action needed, thanks."
    )
    assert detect(text) == set()


def test_sarcasm_great_charged_twice_again_is_a_billing_error_and_negative() -> None:
    text = "Great, charged twice again. This is the second month in a row."
    assert "credit" in detect(text)
    assert text_signals(text).sentiment < -0.4


def test_a_hardship_story_inside_a_billing_complaint_fires_both() -> None:
    text = (
        "You charged me twice for October, and the timing could not be worse. I was laid off "
        "three weeks ago and that extra $80 has put me behind on rent. Can you refund the "
        "duplicate and let me pay the rest of this month's bill in instalments?"
    )
    assert detect(text) == {"credit", "flex"}


def test_quoted_apologies_and_html_do_not_trigger_anything() -> None:
    text = (
        "<p>How do I export my data to CSV?</p>"
        "<blockquote>We're sorry you were charged twice. Let me get a supervisor.</blockquote>"
    )
    assert detect(text) == set()


def test_top_customers_are_escalated_on_mild_annoyance_new_customers_are_not() -> None:
    text = text_signals("The dashboard logged me out again this morning, a bit annoying.")
    assert -0.6 < text.sentiment <= EscalationPolicy.mild_sentiment
    top = Signals(text=text, customer=CustomerSignals(tier="gold", top_customer=True))
    new = Signals(text=text, customer=CustomerSignals(new_customer=True))
    assert assess_escalation(top, EscalationPolicy()).fires
    assert not assess_escalation(new, EscalationPolicy()).fires


def test_escalation_evidence_reads_like_the_note() -> None:
    signals = Signals(
        text=text_signals("Charged twice AGAIN. This is ridiculous and I'm furious."),
        ticket=TicketSignals(contacts_in_window=3, window_days=7),
    )
    assessment = assess_escalation(signals, EscalationPolicy())
    assert assessment.fires
    texts = [e.text for e in assessment.evidence]
    assert "3rd contact in 7 days" in texts
    assert any(t.startswith("sentiment \u2212") for t in texts)
    assert "'Charged twice'" in texts


def test_hardship_counts_kinds_of_evidence_including_the_customer_fields() -> None:
    text = text_signals("I lost my job in March.")
    alone = Signals(text=text)
    overdue = Signals(text=text, customer=CustomerSignals(days_overdue=45))
    assert not assess_hardship(alone, HardshipPolicy()).fires
    assessment = assess_hardship(overdue, HardshipPolicy())
    assert assessment.fires
    assert [e.text for e in assessment.evidence] == ["'lost my job'", "45 days overdue"]


def test_hardship_weights_come_from_the_policy() -> None:
    signals = Signals(text=text_signals("I lost my job last month. Can I pay next month?"))
    assert assess_hardship(signals, HardshipPolicy()).score == 2.0
    lighter = assess_hardship(signals, HardshipPolicy(cause_weight=0.5, model_threshold=0))
    assert (lighter.score, lighter.fires) == (1.5, False)


def test_two_concepts_reading_the_same_words_are_one_failure() -> None:
    signals = Signals(text=text_signals("Our internet has been down for three days."))
    failures = credit_failures(signals)
    assert [f.phrase for f in failures] == ["internet has been down"]


def test_ordinal_and_signed_format_numbers_for_agents() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
    assert signed(-0.714) == "\u22120.71"
    assert signed(0.2) == "+0.20"


@pytest.mark.parametrize(
    "name",
    [
        "helpdesk_tickets.csv",
        "helpdesk_holdout1.csv",
        "helpdesk_holdout2.csv",
        "helpdesk_holdout3.csv",
        "helpdesk_holdout4.csv",
        "helpdesk_holdout5.csv",
        "helpdesk_holdout6.csv",
        "helpdesk_holdout7.csv",
        "helpdesk_holdout8.csv",
        "helpdesk_holdout9.csv",
        "helpdesk_holdout10.csv",
        "helpdesk_holdout11.csv",
        "helpdesk_holdout12.csv",
        "helpdesk_holdout14.csv",
        "helpdesk_holdout15.csv",
    ],
)
def test_own_helpdesk_tickets_are_classified(name: str) -> None:
    rows = load_rows(DATA / name)
    wrong = [
        (row.id, sorted(row.labels or ()), sorted(detect(row.text)))
        for row in rows
        if frozenset(detect(row.text)) != row.labels
    ]
    # A floor, not a target: at most one ticket in ten may disagree with its label.
    assert len(wrong) <= len(rows) // 10, wrong


def test_paraphrases_of_the_public_sources_are_classified() -> None:
    # Text written in the form of BANKING77, NLU++, Bitext and CFPB with the same labels, whose
    # errors were read while the concepts were written: a floor against regressions.
    names = ["paraphrase_banking1.csv", "paraphrase_banking2.csv", "paraphrase_bitext_cfpb1.csv"]
    report = run_eval([DATA / name for name in names], out=io.StringIO())
    floors = {"escalate": (0.93, 0.92), "credit": (0.92, 0.91), "flex": (0.93, 0.88)}
    for detector, (precision, recall) in floors.items():
        counts = report.totals[detector]
        assert counts.precision is not None and counts.precision >= precision, detector
        assert counts.recall is not None and counts.recall >= recall, detector


def test_near_misses_rarely_fire() -> None:
    # Questions about fees and refunds, accepted charges, retracted claims, fixes that arrived,
    # hardship that is over, other people's stories and hypotheticals: none is a case.
    rows = load_rows(DATA / "hard_negatives1.csv")
    fired = [(row.id, sorted(detect(row.text))) for row in rows if detect(row.text)]
    assert len(fired) <= len(rows) // 20, fired


def test_a_billing_error_told_with_hardship_but_no_ask_for_terms_is_a_credit_only() -> None:
    text = (
        "You have charged me more than our agreement three times now. I am on a low income and "
        "this overcharge means I cannot afford groceries this week. Refund the difference."
    )
    assert detect(text) == {"credit"}
