"""CliRunner tests of the bank commands, in a temporary home (tests/conftest.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from mlvc_review import __version__
from mlvc_review.bank.template import types
from mlvc_review.cli import app

runner = CliRunner()

SAMPLE = """\
chapter: 6
questions:
  - id: seq.sample-choice
    type: choice
    topic: attention
    tags: [transformer]
    prompt: {en: "Over which axis is the attention softmax taken?", zh: "注意力的 softmax 沿哪个轴计算?"}
    options:
      - {id: a, text: {en: keys, zh: 键}}
      - {id: b, text: {en: queries, zh: 查询}, why: {en: "Each query needs a distribution over keys.", zh: "每个查询需要一个在键上的分布。"}}
    answer: a
    explanation: {en: "Each query's weights over the keys sum to one.", zh: "每个查询对所有键的权重之和为一。"}
  - id: seq.sample-params
    type: numeric
    topic: attention
    params:
      d: {values: [64, 128, 256]}
    prompt: {en: "Weights of W_q, W_k, W_v, W_o (no bias) for d_model = {{d}}?", zh: "d_model = {{d}} 时 W_q, W_k, W_v, W_o 共有多少权重(无偏置)?"}
    answer: "4*d*d"
    tolerance: {abs: 0.5}
    explanation: {en: "Four d x d matrices.", zh: "四个 d x d 矩阵。"}
"""


@pytest.fixture
def bank_dir(tmp_path):
    directory = tmp_path / "extra"
    directory.mkdir()
    (directory / "sample.yaml").write_text(SAMPLE, encoding="utf-8")
    return directory


def test_version_and_help():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "bank" in result.output and "chapters" in result.output


def test_list_json_and_filters(bank_dir):
    result = runner.invoke(app, ["bank", "list", "--bank", str(bank_dir), "--chapter", "6", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert {"seq.sample-choice", "seq.sample-params"} <= set(rows)
    assert rows["seq.sample-choice"]["languages"] == ["en", "zh"]
    result = runner.invoke(app, ["bank", "list", "--bank", str(bank_dir), "--type", "numeric", "--tag", "attention",
                                 "--format", "json"])
    assert [r["id"] for r in json.loads(result.output) if r["id"].startswith("seq.sample")] == ["seq.sample-params"]


def test_list_rejects_unknown_type_and_chapter(bank_dir):
    assert runner.invoke(app, ["bank", "list", "--type", "essay"]).exit_code == 2
    result = runner.invoke(app, ["bank", "list", "--chapter", "12"])
    assert result.exit_code == 2 and "no chapter '12'" in result.output


@pytest.mark.parametrize("lang, words", [("en", "queries"), ("zh", "查询")])
def test_show_renders_both_languages(bank_dir, lang, words):
    result = runner.invoke(app, ["bank", "show", "seq.sample-choice", "--lang", lang, "--bank", str(bank_dir)])
    assert result.exit_code == 0, result.output
    assert words in result.output and "answer" in result.output


def test_show_draws_parameters(bank_dir):
    result = runner.invoke(app, ["bank", "show", "seq.sample-params", "--seed", "2", "--bank", str(bank_dir)])
    d = int(re.search(r"d_model = (\d+)", result.output).group(1))
    assert f"= {4 * d * d}" in result.output


def test_show_unknown_id_suggests(bank_dir):
    result = runner.invoke(app, ["bank", "show", "seq.sample-choise", "--bank", str(bank_dir)])
    assert result.exit_code == 2 and "did you mean seq.sample-choice" in result.output


def test_stats_json_counts(bank_dir):
    result = runner.invoke(app, ["bank", "stats", "--format", "json", "--bank", str(bank_dir)])
    table = json.loads(result.output)
    shipped = json.loads(runner.invoke(app, ["bank", "stats", "--format", "json"]).output)
    assert set(table) == {str(n) for n in range(1, 10)}
    # the extra bank adds one choice and one numeric question to chapter 6
    assert (table["6"]["choice"], table["6"]["numeric"]) == (shipped["6"]["choice"] + 1, shipped["6"]["numeric"] + 1)
    assert table["6"]["total"] == shipped["6"]["total"] + 2 == sum(table["6"][t] for t in types())


def test_chapters_lists_nine(bank_dir):
    result = runner.invoke(app, ["chapters", "--lang", "zh"])
    assert result.exit_code == 0
    assert "序列学习" in result.output and "扩散模型" in result.output


def test_env_bank_is_merged(bank_dir, monkeypatch):
    monkeypatch.setenv("MLVC_REVIEW_BANK", str(bank_dir))
    result = runner.invoke(app, ["bank", "list", "--format", "json"])
    assert "seq.sample-params" in result.output


FILLS = {"TODO-short-name": "short-name", "TODO-topic": "topic", "TODO-tag": "tag",
         "TODO_function_name": "forgot_transpose", "TODO": "filled"}


@pytest.mark.parametrize("qtype", types())
def test_new_template_validates_once_filled(tmp_path, qtype):
    result = runner.invoke(app, ["bank", "new", "--type", qtype, "--chapter", "6"])
    assert result.exit_code == 0
    unfilled = tmp_path / "unfilled"
    unfilled.mkdir()
    (unfilled / "q.yaml").write_text(result.output, encoding="utf-8")
    check = runner.invoke(app, ["bank", "validate", "--quick", "--bank", str(unfilled)])
    assert check.exit_code != 0 and "TODO" in check.output
    filled_text = result.output
    for placeholder, value in FILLS.items():
        filled_text = filled_text.replace(placeholder, value)
    filled = tmp_path / "filled"
    filled.mkdir()
    (filled / "q.yaml").write_text(filled_text, encoding="utf-8")
    check = runner.invoke(app, ["bank", "validate", "--quick", "--bank", str(filled)])
    assert check.exit_code == 0, check.output + filled_text


def test_new_rejects_unknown_type():
    result = runner.invoke(app, ["bank", "new", "--type", "essay", "--chapter", "6"])
    assert result.exit_code == 2 and "unknown type" in result.output


def test_module_entry_point_runs():
    out = subprocess.run([sys.executable, "-m", "mlvc_review", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout
