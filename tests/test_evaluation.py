"""helpdesk-loyalty eval: scores, lenient rows, unlabelled files, predictions, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.evaluation import Counts, in_half, load_config, load_rows, main, run_eval
from helpdesk_loyalty.signals.compute import SignalsConfig
from helpdesk_loyalty.signals.detectors import DetectorConfig

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"

LABELLED = """source,id,text,original_label,detector
shop,1,"I was charged twice for my order, please refund one.",double,credit
shop,2,"Please let me speak to a manager.",handoff,escalate
shop,3,"How do I change my address?",address,none
shop,4,"I lost my job and can't afford the bill, can I get a payment plan?",hardship,flex
shop,5,"The exchange rate looks fine to me.",rate,credit
shop,6,"Why was I charged a fee?",fee,none
cfpb_complaints,7,"I want to close my account, this bank is a disgrace.",complaint,none
cfpb_complaints,8,"Close my account now.",complaint,credit
"""


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.csv"
    path.write_text(LABELLED, encoding="utf-8")
    return path


def test_counts_give_precision_recall_and_f1() -> None:
    counts = Counts(tp=8, fp=2, fn=2)
    assert (counts.precision, counts.recall) == (0.8, 0.8)
    assert counts.f1 == pytest.approx(0.8)
    assert Counts().precision is None and Counts().f1 is None


def test_scores_per_detector_with_misses_and_lenient_complaint_rows(labelled: Path) -> None:
    out = io.StringIO()
    report = run_eval([labelled], out=out, show_errors=True)
    credit, escalate, flex = (report.totals[d] for d in ("credit", "escalate", "flex"))
    assert (credit.tp, credit.fp, credit.fn) == (1, 1, 2)
    assert (escalate.tp, escalate.fp, escalate.fn, escalate.ignored) == (1, 1, 0, 1)
    assert (flex.tp, flex.fp, flex.fn) == (1, 0, 0)
    kinds = {(m.detector, m.kind, m.row.id) for m in report.misses}
    assert ("credit", "missed", "5") in kinds and ("credit", "false alarm", "6") in kinds
    assert ("escalate", "false alarm", "8") in kinds
    text = out.getvalue()
    assert "Misclassified rows" in text and "shop:6" in text
    assert "lenient" in text


def test_strict_counts_the_complaint_database_rows_too(labelled: Path) -> None:
    report = run_eval([labelled], out=io.StringIO(), strict=True)
    assert (report.totals["escalate"].fp, report.totals["escalate"].ignored) == (2, 0)


def test_a_file_without_labels_is_run_not_scored(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("id,text\na,I was charged twice.\nb,Hello\n", encoding="utf-8")
    out = io.StringIO()
    report = run_eval([path], out=out)
    result = report.files[0]
    assert not result.labelled and result.rows == 2
    assert result.fired["credit"] == 1
    assert report.totals["credit"].tp == 0
    assert "no labels: fired escalate 0, credit 1, flex 0" in out.getvalue()


def test_predictions_are_one_json_object_per_row(labelled: Path, tmp_path: Path) -> None:
    sink = tmp_path / "out" / "predictions.jsonl"
    sink.parent.mkdir()
    run_eval([labelled], out=io.StringIO(), predictions=sink)
    lines = [json.loads(line) for line in sink.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 8
    assert lines[0] == {"source": "shop", "id": "1", "detectors": ["credit"]}
    assert lines[3]["detectors"] == ["flex"]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("source,id,detector\nx,1,credit\n", "labels.csv"),
        ("source,id,text,detector\nx,1,hello,refund\n", "labels.csv:2 detector"),
    ],
)
def test_bad_files_name_the_problem(tmp_path: Path, content: str, key: str) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rows(path)
    assert caught.value.key.endswith(key)


def test_several_labels_per_row(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text("id,text,detector\n1,x,credit|escalate\n2,y,none\n", encoding="utf-8")
    rows = load_rows(path)
    assert rows[0].labels == frozenset({"credit", "escalate"})
    assert rows[1].labels == frozenset()
    assert rows[0].source == "multi"


def test_the_rules_file_thresholds_are_used(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[rules.escalate_to_supervisor]\nwants_human_weight = 0.5\n", encoding="utf-8")
    config = load_config(rules)
    assert config.escalation.wants_human_weight == 0.5
    assert load_config(None) == DetectorConfig()
    rules.write_text("[rules.suggest_bill_credit]\nshare = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(rules)


def test_main_exit_codes(
    labelled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(labelled), "--errors"]) == 0
    assert "All labelled files" in capsys.readouterr().out
    assert main([str(tmp_path / "missing.csv")]) == 2
    assert "cannot be read" in capsys.readouterr().err


@pytest.mark.skipif(
    not SHARED.is_dir(), reason="the shared evaluation set is not checked out beside the project"
)
def test_shared_evaluation_set_does_not_regress() -> None:
    report = run_eval(sorted(SHARED.glob("*.csv")), out=io.StringIO())
    floors = {"escalate": (0.90, 0.97), "credit": (0.90, 0.88), "flex": (0.85, 0.80)}
    for detector, (precision, recall) in floors.items():
        counts = report.totals[detector]
        assert counts.precision is not None and counts.precision >= precision, detector
        assert counts.recall is not None and counts.recall >= recall, detector


def test_a_bare_signals_config_runs_the_rules_at_their_defaults(labelled: Path) -> None:
    report = run_eval([labelled], config=SignalsConfig(), out=io.StringIO())
    assert report.totals["flex"].tp == 1


def test_halves_split_every_row_into_exactly_one_half(labelled: Path) -> None:
    assert in_half("3107672", "even") and not in_half("3107672", "odd")
    assert in_half("test-2239", "odd") and in_half("row-3030", "even")
    assert in_half("abc", "even") != in_half("abc", "odd")
    even = run_eval([labelled], out=io.StringIO(), half="even")
    odd = run_eval([labelled], out=io.StringIO(), half="odd")
    assert (even.files[0].rows, odd.files[0].rows) == (4, 4)
    with pytest.raises(ConfigError):
        run_eval([labelled], out=io.StringIO(), half="third")


def test_the_command_takes_the_same_options_as_the_module(
    labelled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpdesk_loyalty.cli import main as cli

    rules = tmp_path / "rules.toml"
    rules.write_text('[rules.escalate_to_supervisor]\nmode = "act"\n', encoding="utf-8")
    predictions = tmp_path / "out.jsonl"
    args = [
        str(labelled),
        "--rules",
        str(rules),
        "--half",
        "odd",
        "--predictions",
        str(predictions),
    ]
    assert cli(["eval", *args]) == 0
    from_command = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == from_command
    assert predictions.read_text(encoding="utf-8").strip()


def test_phrases_only_leaves_the_text_model_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Phrases fall short here; the text model reads an escalation.
    path = tmp_path / "one.csv"
    path.write_text(
        "source,id,text,original_label,detector\n"
        'own,1,"I don\'t know, can someone actually help me",handoff,escalate\n',
        encoding="utf-8",
    )
    predictions = tmp_path / "p.jsonl"
    assert main([str(path), "--predictions", str(predictions)]) == 0
    assert '"escalate"' in predictions.read_text(encoding="utf-8")
    assert main([str(path), "--phrases-only", "--predictions", str(predictions)]) == 0
    assert '"detectors": []' in predictions.read_text(encoding="utf-8")
    capsys.readouterr()
