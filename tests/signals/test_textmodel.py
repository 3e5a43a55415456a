"""The text model: a second opinion on the wording as a whole, used when phrases fall short."""

from __future__ import annotations

import json

from helpdesk_loyalty.evaluation import Row
from helpdesk_loyalty.signals import Signals
from helpdesk_loyalty.signals.compute import text_signals
from helpdesk_loyalty.signals.config import SignalsConfig
from helpdesk_loyalty.signals.detectors import (
    EscalationPolicy,
    HardshipPolicy,
    assess_escalation,
    assess_hardship,
)
from helpdesk_loyalty.signals.textmodel import TextModel, default_model, features, tokens
from helpdesk_loyalty.signals.train_textmodel import train


def test_words_amounts_and_redactions_become_tokens() -> None:
    assert tokens("I paid $40.00 on XX/XX/2019 to XXXX, ref 1234!") == [
        "i",
        "paid",
        "<money>",
        "on",
        "<redacted>",
        "<num>",
        "to",
        "<redacted>",
        "ref",
        "<num>",
        "!",
    ]
    assert "charged twice" in features("You charged twice")


def test_the_shipped_model_reads_the_wording() -> None:
    model = default_model()
    manager = model.opinion("Can I speak to someone in charge please", "escalate")
    how_to = model.opinion("How do I change my PIN?", "escalate")
    hardship = model.opinion(
        "I lost my job and can't pay this month, can I have more time?", "flex"
    )
    assert manager is not None and how_to is not None and hardship is not None
    assert manager.probability > 0.6 > how_to.probability
    assert hardship.probability > 0.55
    # The words shown to an agent are words that say something, not "a" or "my".
    assert hardship.words and not {"a", "my", "i", "and"} & set(hardship.words)


def test_the_shipped_model_was_not_trained_on_the_sets_it_is_measured_on() -> None:
    from importlib import resources

    meta = json.loads(
        resources.files("helpdesk_loyalty.signals").joinpath("textmodel.json").read_text()
    )
    held_out = {
        "helpdesk_holdout13.csv",
        "helpdesk_holdout16.csv",
        "helpdesk_holdout17.csv",
        "paraphrase_bitext_cfpb2.csv",
    }
    assert held_out.isdisjoint(meta["trained_on"])
    assert meta["even_half_left_out"] == ["other_sources1.csv"]


def test_escalation_asks_the_model_only_when_the_phrases_fall_short() -> None:
    text = "I don't know, can someone actually help me"
    signals = Signals(text=text_signals(text))
    with_model = assess_escalation(signals, EscalationPolicy())
    assert with_model.fires
    assert with_model.evidence[-1].signal == "text_model"
    assert with_model.evidence[-1].text.startswith("reads like an escalation (0.")
    assert not assess_escalation(signals, EscalationPolicy(model_threshold=0)).fires
    # A clear ask for a manager is the lexicon's; the model adds nothing to the evidence.
    clear = assess_escalation(
        Signals(text=text_signals("Get me a manager now!")), EscalationPolicy()
    )
    assert all(e.signal != "text_model" for e in clear.evidence)


def test_words_saying_the_customer_can_pay_outweigh_the_model() -> None:
    text = "I fell behind in 2019 and lost my job then. I have been current since, every month."
    assert not assess_hardship(Signals(text=text_signals(text)), HardshipPolicy()).fires


def test_the_model_can_be_turned_off_for_all_rules() -> None:
    text = "I lost my job and can't pay this month, can I have more time?"
    assert text_signals(text).opinions
    assert text_signals(text, SignalsConfig(text_model=False)).opinions == ()


def _row(i: int, text: str, label: str) -> Row:
    return Row("t", str(i), text, frozenset({label}) if label else frozenset(), label)


def test_training_is_deterministic_and_learns_and_round_trips() -> None:
    rows = [
        _row(i, text, label)
        for i, (text, label) in enumerate(
            [("please get me a manager", "escalate"), ("manager now", "escalate")] * 6
            + [("how do i reset my pin", ""), ("where is the nearest branch", "")] * 6
        )
    ]
    first, second = train(rows), train(rows)
    assert first.weights == second.weights and first.bias == second.bias
    manager = first.opinion("i want a manager", "escalate")
    branch = first.opinion("branch opening hours", "escalate")
    assert manager is not None and branch is not None
    assert manager.probability > branch.probability
    again = TextModel.from_json(json.loads(json.dumps(first.to_json({}))))
    assert again.opinion("i want a manager", "escalate") == manager
