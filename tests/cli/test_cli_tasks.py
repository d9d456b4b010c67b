"""`mlvc-review tasks`: the contract in the terminal, as Markdown and as JSON, in English and Chinese."""

from __future__ import annotations

import json
import os
import re

import pytest
from import_probe import imported_after
from typer.testing import CliRunner

from mlvc_review.cli import app
from mlvc_review.grading.contract import CHAPTERS, CONTRACT, CONVENTIONS, chapter_entries
from mlvc_review.grading.contract_doc import DOCS, documents
from mlvc_review.grading.spec import load_all
from mlvc_review.grading.taskinfo import code_tasks

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, ["tasks", *args], terminal_width=200)


def _graded() -> set[str]:
    return set(load_all()) & set(CONTRACT)


def _shown(output: str) -> list[str]:
    """Contract names whose entry heading (a line "name(...)" after a blank line or a chapter rule) is shown, in order."""
    lines = output.splitlines()
    heads = [re.match(r"(\w+)\(", line) for i, line in enumerate(lines) if i and (not lines[i - 1].strip() or "─" in lines[i - 1])]
    return [m.group(1) for m in heads if m and m.group(1) in CONTRACT]


def test_text_lists_every_entry_after_the_conventions():
    out = invoke()
    assert out.exit_code == 0, out.output
    assert _shown(out.output) == list(CONTRACT)
    assert "Conventions for every task" in out.output and "Chapter 9 — Visual data" in out.output
    assert all(c.en.split("`")[0][:30] in out.output for c in CONVENTIONS)
    assert "`" not in out.output  # inline code is styled, not shown with backticks


def test_text_of_one_function_shows_every_field_its_status_and_its_bank_id():
    out = invoke("softmax")
    assert out.exit_code == 0, out.output
    assert _shown(out.output) == ["softmax"]
    text = out.output
    assert "softmax(z, axis=-1) -> p" in text and "NumPy function" in text
    for label, value in (("meaning", "The softmax of z along axis."), ("required", "stable for |z| <= 1e4."),
                         ("tolerance", "rtol=1e-6, atol=1e-8 against the reference"), ("graded", "yes"),
                         ("bank task", "opt.code.softmax")):
        assert re.search(rf"^\s+{label}\s+{re.escape(value)}", text, re.M), (label, text)
    assert "docs/contract.md" in text  # points at the conventions


def test_text_of_a_class_shows_its_heavy_check_and_whether_it_is_graded():
    out = invoke("VAE")
    assert out.exit_code == 0, out.output
    assert "VAE(data_dim, latent_dim); encode(x) -> (mu, logvar); decode(z) -> logits" in out.output
    assert re.search(r"heavy check\s+trains on a synthetic binary data set", out.output)
    assert re.search(r"graded\s+yes" if "VAE" in _graded() else r"graded\s+not yet", out.output)
    assert "no bank question yet" in out.output or any(t.function == "VAE" for t in code_tasks())


def test_chinese_text():
    out = invoke("chapter", "8", "--lang", "zh")
    assert out.exit_code == 0, out.output
    assert _shown(out.output) == [e.name for e in chapter_entries(8)]
    assert "第 8 章 — 扩散模型" in out.output and "NumPy 函数" in out.output
    assert re.search(r"含义\s+1 - betas 的累积乘积。", out.output)
    assert "题库任务" in out.output and "dif.code.q-sample" in out.output and "docs/contract.zh.md" in out.output


@pytest.mark.parametrize("args", [("chapter", "3"), ("ch", "3"), ("3",)])
def test_chapter_filter(args):
    out = invoke(*args)
    assert out.exit_code == 0, out.output
    assert _shown(out.output) == [e.name for e in chapter_entries(3)]
    assert "How a submission is read" not in out.output and "Batches are rows" not in out.output


def test_several_targets_and_bank_ids_keep_their_order_without_repeats():
    out = invoke("opt.code.ridge-regression", "softmax", "ridge_regression")
    assert out.exit_code == 0, out.output
    assert _shown(out.output) == ["ridge_regression", "softmax"]


@pytest.mark.parametrize("args, message", [
    (("sofmax",), "'sofmax' is not a contract function, class or bank task id; did you mean 'softmax'?"),
    (("normal",), "did you mean 'normal_equation'"),
    (("xyzzy",), "'xyzzy' is not a contract function, class or bank task id ('mlvc-review tasks' lists"),
    (("chapter", "12"), "no chapter 12 in the contract (chapters 1-9)"),
])
def test_unknown_names_and_chapters_are_usage_errors(args, message):
    out = invoke(*args)
    assert out.exit_code == 2
    assert message in " ".join(out.output.split()), out.output
    assert "Traceback" not in out.output


@pytest.mark.parametrize("args", [("--format", "html"), ("--lang", "fr")])
def test_bad_options_are_usage_errors(args):
    out = invoke(*args)
    assert out.exit_code == 2 and "Traceback" not in out.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_is_the_checked_in_document_plus_grading_status(lang):
    out = invoke("--format", "markdown", "--lang", lang)
    assert out.exit_code == 0, out.output
    graded, bank = ("评分", "题库任务") if lang == "zh" else ("graded", "bank task")
    status = [line for line in out.output.splitlines() if line.startswith((f"- **{graded}**", f"- **{bank}**"))]
    assert len(status) == 2 * len(CONTRACT)
    without = "\n".join(line for line in out.output.splitlines() if line not in status) + "\n"
    assert without == documents()[DOCS[lang]]


def test_markdown_of_one_chapter_has_no_preamble():
    out = invoke("chapter", "1", "-f", "markdown")
    assert out.exit_code == 0, out.output
    assert out.output.startswith("## Chapter 1 — Optimization and linear models\n\n### `normal_equation`")
    assert "- **bank task**: `opt.code.normal-equation`" in out.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json_carries_every_field_and_the_live_status(lang):
    out = invoke("--format", "json", "--lang", lang)
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["lang"] == lang and len(doc["conventions"]) == len(CONVENTIONS) and len(doc["rules"]) == 5
    assert [c["number"] for c in doc["chapters"]] == sorted(CHAPTERS)
    rows = {row["name"]: row for row in doc["entries"]}
    assert list(rows) == list(CONTRACT)
    assert {n for n, row in rows.items() if row["graded"]} == _graded()
    bank: dict[str, list[str]] = {}
    for task in code_tasks():
        bank.setdefault(task.function, []).append(task.id)
    assert {n: row["bank_ids"] for n, row in rows.items() if row["bank_ids"]} == bank
    for name, row in rows.items():
        entry = CONTRACT[name]
        assert row["meaning"] == entry.definition.get(lang) and row["tolerance"]
        assert row["tolerance_is_default"] == (entry.tolerance is None)
        assert [p["name"] for p in row["params"]] == [p.name for p in entry.params]
    conv = rows["conv_output_size"]
    assert conv["signature"] == "conv_output_size(I, K, P=0, S=1, D=1) -> int" and conv["kind"] == "function"
    assert conv["params"][2] == {"name": "P", "default": "0"}
    assert ("ValueError" in conv["required"]) and (("抛出" in conv["required"]) == (lang == "zh"))
    assert rows["UNet"]["kind"] == "class" and rows["UNet"]["heavy"]


def test_json_of_one_function():
    doc = json.loads(invoke("causal_mask", "-f", "json").output)
    assert [row["name"] for row in doc["entries"]] == ["causal_mask"] and doc["chapters"][0]["number"] == 6


def test_help_lists_tasks():
    out = runner.invoke(app, ["--help"], terminal_width=120)
    assert " tasks " in out.output


def test_text_imports_no_task_module_nor_numpy_and_with_a_warm_bank_cache_no_pydantic(tmp_path):
    code = "import sys\nfrom mlvc_review.cli import app\napp(sys.argv[1:], standalone_mode=False)\n"
    env = {**os.environ, "MLVC_REVIEW_HOME": str(tmp_path)}
    env.pop("MLVC_REVIEW_BANK", None)
    heavy = ["numpy", "torch", "hypothesis", "pydantic", "mlvc_review.grading.tasks.strategies",
             "mlvc_review.grading.tasks.ch1_softmax"]
    imported_after(code, heavy, argv=["tasks", "softmax"], env=env)  # fills the bank's file cache
    second, proc = imported_after(code, heavy, argv=["tasks", "chapter", "2"], env=env)
    assert second == [] and "sigmoid(x) -> s" in proc.stdout
