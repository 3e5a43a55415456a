"""``new-rule``: a plugin package that installs, passes its own tests, is listed by ``plugins``
and fires in the engine, in a virtual environment of its own."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from pluginkit import clean_env, pip_install, run

from helpdesk_loyalty.cli import main
from helpdesk_loyalty.testkit import LoyaltySandbox


def test_new_rule_writes_an_installable_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-rule", "refund-watch", "--dir", str(tmp_path)]) == 0
    root = tmp_path / "refund_watch"
    written = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert written == [
        ".gitignore",
        "README.md",
        "pyproject.toml",
        "src/refund_watch/__init__.py",
        "tests/test_refund_watch.py",
    ]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "helpdesk-loyalty-refund-watch"
    assert project["entry-points"]["helpdesk_loyalty"] == {"refund_watch": "refund_watch"}
    assert any(d.startswith("helpdesk-loyalty") for d in project["dependencies"])
    assert "pip install -e" in capsys.readouterr().out
    for path in (root / "src/refund_watch/__init__.py", root / "tests/test_refund_watch.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Refund", "is not a rule name"),
        ("9lives", "is not a rule name"),
        ("refund watch", "is not a rule name"),
        ("class", "is taken"),
        ("escalate_to_supervisor", "is taken"),
        ("adapters", "is taken"),
    ],
)
def test_a_name_that_cannot_be_a_rule_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, problem: str
) -> None:
    assert main(["new-rule", name, "--dir", str(tmp_path)]) == 2
    assert problem in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "refund_watch"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new-rule", "refund_watch", "--dir", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_a_generated_plugin_installs_passes_its_tests_is_listed_and_fires(
    tmp_path: Path, plugin_venv: Path
) -> None:
    assert main(["new-rule", "refund_watch", "--dir", str(tmp_path)]) == 0
    root = tmp_path / "refund_watch"
    pip_install(plugin_venv, root)

    tests = run([str(plugin_venv), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=root)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "4 passed" in tests.stdout

    workdir = tmp_path / "service"
    workdir.mkdir()
    env = clean_env(HL_DATABASE_URL=f"sqlite:///{workdir / 'state.db'}", HL_RULES_DIR="")
    listed = run(
        [str(plugin_venv), "-m", "helpdesk_loyalty", "plugins", "--json"], cwd=workdir, env=env
    )
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in json.loads(listed.stdout)}
    ours = rows["refund_watch"]
    assert (ours["source"], ours["version"], ours["mode"], ours["state"]) == (
        "entrypoint",
        "0.1.0",
        "suggest",
        "ok",
    )
    assert set(ours["hooks"]) == {"declare_settings", "evaluate_ticket"}
    assert not (workdir / "state.db").exists()  # listing creates no database

    kit = LoyaltySandbox()
    ticket = kit.open_ticket("Where is the refund for my last invoice?", customer="new")
    payload = kit.save_payload(ticket, workdir / "payload.json")
    replay = run(
        [str(plugin_venv), "-m", "helpdesk_loyalty", "receive", str(payload)], cwd=workdir, env=env
    )
    assert replay.returncode == 0, replay.stderr
    assert "refund_watch [suggest] matched — The customer wrote about 'invoice'" in replay.stdout
    [tags] = [line for line in replay.stdout.splitlines() if line.startswith("  tags: ")]
    assert "refund-watch" in tags.removeprefix("  tags: ").split(";")[0].split(", ")
