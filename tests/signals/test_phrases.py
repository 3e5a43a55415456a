"""Phrase detectors: concepts, negation scope, guards and extra phrases."""

from __future__ import annotations

import pytest

from helpdesk_loyalty.signals.phrases import (
    compile_lexicon,
    find_phrases,
    find_phrases_by_sentence,
    is_negated,
)


def kinds(text: str) -> set[tuple[str, str]]:
    return {(m.category, m.kind) for m in find_phrases(text)}


def categories(text: str) -> set[str]:
    return {m.category for m in find_phrases(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You've taken my monthly payment twice this month.", "double_charge"),
        ("I see two identical charges of $18 on my card.", "double_charge"),
        ("The March invoice shows up twice on my statement.", "double_charge"),
        ("I was overcharged on my last invoice.", "overcharge"),
        ("Why is my bill £20 higher than usual?", "overcharge"),
        ("The amount on the invoice is wrong, please correct it.", "wrong_amount"),
        ("I don't think the exchange rate you used is correct.", "wrong_amount"),
        ("The 10% discount was supposed to apply for a year.", "wrong_amount"),
        ("Why was I charged a £12 late fee?", "unexpected_fee"),
        ("There's a $2.99 'service charge' on every invoice now.", "unexpected_fee"),
        ("My direct debit has gone up from £31 to £47.", "unexpected_fee"),
        ("I cancelled in March but you keep charging my card.", "billed_after_cancel"),
        ("There's a charge on my account I don't recognise.", "unrecognised_charge"),
        ("You've been taking £15 a month for an add-on I never asked for.", "unrecognised_charge"),
        ("I haven't received the refund you promised.", "refund_owed"),
        ("The £89 still hasn't been credited back to my card.", "refund_owed"),
        ("I want my money back.", "refund_owed"),
        ("Your system marked my payment as late but I paid on time.", "payment_not_applied"),
    ],
)
def test_billing_errors_are_concepts_not_sentences(text: str, kind: str) -> None:
    assert ("billing_error", kind) in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Our internet has been down for three days.", "outage"),
        ("We've had no dial tone since Monday morning.", "outage"),
        ("Three weeks without a working line.", "outage"),
        ("The connection drops every half hour.", "outage"),
        ("Mobile data hasn't worked for a week.", "outage"),
        ("The engineer was booked for this morning and never arrived.", "missed_appointment"),
        ("The technician installed it wrong and left.", "faulty_install"),
    ],
)
def test_service_failures(text: str, kind: str) -> None:
    assert ("service_failure", kind) in kinds(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'm cancelling my contract and moving to another provider.", "cancel_threat"),
        ("Please close my account.", "cancel_threat"),
        ("Let me out of my contract.", "cancel_threat"),
        ("Can I speak to a real person please?", "wants_human"),
        ("Put me through to a supervisor now.", "wants_human"),
        ("Could someone ring me back today?", "wants_human"),
        ("I want to make a formal complaint.", "complaint"),
        ("I'll be going to the ombudsman if this isn't resolved.", "complaint"),
        ("This is the third time I've called about this.", "repeat_contact"),
        ("It's still not fixed.", "repeat_contact"),
    ],
)
def test_intents(text: str, category: str) -> None:
    assert category in categories(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I lost my job last month.", "lost_job"),
        ("I got made redundant on Friday.", "lost_job"),
        ("The medical bills have piled up.", "medical"),
        ("I'm on a fixed income.", "low_income"),
        ("I can't afford the plan anymore.", "cannot_pay"),
        ("I'm struggling to pay this month.", "cannot_pay"),
        ("We're three months behind.", "arrears"),
        ("Could we set up a payment plan?", "payment_plan"),
        ("Could we spread the arrears over a few months?", "payment_plan"),
        ("Can I get an extension until payday?", "extension"),
        ("Can I push my payment back a few weeks?", "extension"),
    ],
)
def test_hardship(text: str, kind: str) -> None:
    assert ("hardship", kind) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "I was not charged twice, the second line was a pending authorisation.",
        "I have never been charged twice by you.",
        "No problem with my bill this month.",
        "I don't want to cancel my account, just update the card.",
        "No, you don't need to transfer me to a real person.",
        "I wasn't overcharged after all.",
    ],
)
def test_a_negator_in_the_same_clause_cancels_the_hit(text: str) -> None:
    hits = categories(text)
    assert not hits & {"billing_error", "cancel_threat", "wants_human"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'm not sure why I was charged twice.", "billing_error"),
        ("I don't know why there is a fee on my statement.", "billing_error"),
        ("I didn't expect a fee on my transfer.", "billing_error"),
        ("I wasn't told about the extra charge on my bill.", "billing_error"),
        ("I haven't received my refund.", "billing_error"),
        ("I'm not paying this transfer fee.", "billing_error"),
        ("Not happy, I was charged twice.", "billing_error"),
    ],
)
def test_negation_does_not_reach_past_its_scope(text: str, category: str) -> None:
    assert category in categories(text)


def test_is_negated_stops_at_clause_breaks_and_verbs_of_knowing() -> None:
    assert is_negated("i was not ")
    assert is_negated("i have not been ")
    assert not is_negated("i'm not sure why i was ")
    assert not is_negated("i didn't expect to be ")
    assert not is_negated("no, i was ")
    assert not is_negated("this is not the first time and i was ")


@pytest.mark.parametrize(
    "text",
    [
        "What is your refund policy?",
        "In what cases can I request a refund?",
        "Is there a fee for transfers to Spain?",
        "How much does it cost to upgrade?",
        "Thanks for sorting the refund so quickly, it arrived yesterday.",
        "I was refunded last week, all good.",
        "Is there an outage in Bristol?",
    ],
)
def test_guards_keep_questions_and_resolved_issues_out(text: str) -> None:
    assert not categories(text) & {"billing_error", "service_failure"}


@pytest.mark.parametrize(
    "text",
    [
        "I asked to speak to a supervisor and was put on hold.",
        "They told me they would need to delete my online account.",
        "In speaking to the agent, we were convinced the charge was fraud.",
    ],
)
def test_a_past_story_is_not_a_request_now(text: str) -> None:
    assert not categories(text) & {"wants_human", "cancel_threat"}


def test_late_or_delinquent_as_reported_is_a_credit_report_dispute() -> None:
    assert "hardship" not in categories("My credit report shows the account as delinquent.")
    assert "hardship" in categories("I fell behind on my payments after my surgery.")


def test_extra_phrases_extend_a_category_and_are_negated_like_built_ins() -> None:
    lexicon = compile_lexicon({"billing_error": ["ghost subscription"]})
    found = find_phrases("They sold me a ghost subscription.", lexicon)
    assert [(m.category, m.kind) for m in found] == [("billing_error", "custom")]
    assert not find_phrases("They sold me a ghost subscription.")
    assert not find_phrases("It was never a ghost subscription.", lexicon)


def test_an_extra_phrase_that_holds_a_negation_is_never_negated_by_it() -> None:
    lexicon = compile_lexicon({"service_failure": ["no dial tone"]}, builtin=False)
    hits = find_phrases("We have had no dial tone since Monday.", lexicon)
    assert [(m.category, m.phrase) for m in hits] == [("service_failure", "no dial tone")]


def test_matches_keep_the_customers_words_and_are_reported_once() -> None:
    hits = find_phrases("I was CHARGED TWICE. Really, charged twice!")
    doubles = [m for m in hits if m.kind == "double_charge"]
    assert doubles[0].phrase == "CHARGED TWICE"
    assert len(doubles) == 1


def test_matches_by_sentence_pair_each_sentence_with_its_hits() -> None:
    pairs = find_phrases_by_sentence("Hello there. I was charged twice.")
    assert [s for s, _ in pairs] == ["Hello there.", "I was charged twice."]
    assert pairs[0][1] == ()
    assert pairs[1][1][0].kind == "double_charge"
