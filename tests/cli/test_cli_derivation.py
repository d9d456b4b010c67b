"""Derivations through the CLI (CliRunner, temporary home): quiz, show, list, stats, new."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mlvc_review.cli import app

runner = CliRunner()
FIXTURE = str(Path(__file__).parents[1] / "fixtures" / "derivation_bank")
QUIZ = ["quiz", "chapter", "1", "--bank", FIXTURE, "--only-bank", "--seed", "1", "--limit", "1", "--type", "derivation"]


def _first_id(lang: str = "en") -> str:
    result = runner.invoke(app, [*QUIZ, "--lang", lang], input="")
    return next(qid for qid in ("d-ls", "d-sig", "d-s") if qid in result.output)


ANSWERS = {"d-ls": "2 X^T (X w - y)\ninv(X^T X) X^T y\n2\n", "d-sig": "-1/p\np*(1-p)\np-1\n", "d-s": "1\ns\n"}


def test_a_scripted_derivation_runs_to_its_summary():
    qid = _first_id()
    result = runner.invoke(app, QUIZ, input=ANSWERS[qid])
    assert result.exit_code == 0, result.output
    assert "derivation · step 1/" in result.output and "derivation · all " in result.output
    assert "✓ correct" in result.output
    assert "session over: 1 answered, 1 correct, 0 skipped, score 1.0/1" in result.output


def test_a_wrong_step_is_revealed_and_partly_scored_in_chinese():
    qid = _first_id("zh")
    lines = ANSWERS[qid].splitlines()
    lines[0] = ":s"
    result = runner.invoke(app, [*QUIZ, "--lang", "zh"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "推导 · 第 2/" in result.output and "（放弃）" in result.output and "部分正确" in result.output


def test_show_lists_the_steps_and_their_answers():
    result = runner.invoke(app, ["bank", "show", "d-sig", "--bank", FIXTURE])
    assert result.exit_code == 0, result.output
    assert "step 2 (symbolic)" in result.output and "p*(1 - p)" in result.output


def test_list_and_stats_know_the_type():
    result = runner.invoke(app, ["bank", "list", "--type", "derivation", "--bank", FIXTURE, "--format", "json"])
    assert {"d-ls", "d-sig", "d-s"} <= {row["id"] for row in json.loads(result.output)}
    with_fixture = json.loads(runner.invoke(app, ["bank", "stats", "--format", "json", "--bank", FIXTURE]).output)
    shipped = json.loads(runner.invoke(app, ["bank", "stats", "--format", "json"]).output)
    assert with_fixture["1"]["derivation"] == shipped["1"]["derivation"] + 3
    assert runner.invoke(app, ["bank", "stats", "--bank", FIXTURE]).exit_code == 0


def test_new_derivation_template_is_a_derivation():
    result = runner.invoke(app, ["bank", "new", "--type", "derivation", "--chapter", "8"])
    assert result.exit_code == 0 and "type: derivation" in result.output and "steps:" in result.output
