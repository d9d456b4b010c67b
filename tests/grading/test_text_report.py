"""The text report: one block per submission, readable without colour, at 80 and 120 columns, in English and Chinese."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from rich.console import Console

from mlvc_review.grading.discovery import discover_source
from mlvc_review.grading.reports.document import document, render_json
from mlvc_review.grading.runner import Options, SubmissionResult, grade_submission
from mlvc_review.ui import THEME
from mlvc_review.ui.grade import render_report, render_report_text
from mlvc_review.ui.grade_strings import LABELS

sys.path.insert(0, str(Path(__file__).parent))
from _fake_sandbox import FakePool  # noqa: E402

LONG = "submissions/" + "a_very_long_student_directory_name_" * 4 + "/week_03/solution_final_v2.py"
SOURCE = (
    "import numpy as np\n"
    "def normal_equation(X, y):\n    return X.T @ y\n"
    "def ridge_regression(X, y, lam):\n    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)\n"
    "def sigmoid(x):\n    return 1 / (1 + np.exp(-x, dtype=np.int))\n"
    "def softmax(z, axis=-1):\n    e = np.exp(z)\n    return e / e.sum(axis=axis, keepdims=True)\n"
    "def cross_entropy(logits, labels):\n    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)\n"
    "    return -np.log(p[np.arange(len(labels)), labels]).sum()\n"
)


def doc_for(paths: tuple[str, ...] = ("student.py", LONG), seed: int = 5, lang: str = "en") -> dict:
    results = []
    for path in paths:
        sub = discover_source(SOURCE, Path(path))
        results.append(grade_submission(sub, FakePool(), {}, Options(seed=seed, examples=10, lang=lang)))
    results.append(SubmissionResult("broken.py", "broken.py:3: syntax error: invalid syntax"))
    return json.loads(render_json(document(results, seed=seed, isolation="test")))


@pytest.fixture(scope="module")
def doc() -> dict:
    return doc_for()


def render(doc: dict, width: int, lang: str = "en", encoding: str | None = None) -> str:
    class Buffer(io.StringIO):
        @property
        def encoding(self) -> str:  # type: ignore[override]
            return encoding or "utf-8"

    buffer = Buffer()
    render_report(doc, Console(file=buffer, width=width, no_color=True, theme=THEME, emoji=False, highlight=False), lang)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [80, 120])
def test_one_block_per_submission_with_its_path_once_as_a_heading(doc, width):
    text = render(doc, width)
    lines = text.splitlines()
    for path in ("student.py", LONG, "broken.py"):
        headings = [i for i, line in enumerate(lines) if line.startswith("── " + path + "  ·")]
        assert len(headings) == 1, path  # the whole path, on one line, however long
        others = [line for line in lines if path in line and not line.startswith("── ") and "mlvc-review grade" not in line
                  and f"{path}:3: syntax error" not in line]
        assert others == [], others  # nowhere else but the reproduce commands and located messages
    student, long_, broken = (next(i for i, line in enumerate(lines) if line.startswith("── " + p)) for p in ("student.py", LONG, "broken.py"))
    assert student < long_ < broken
    block = "\n".join(lines[student:long_])
    assert "normal_equation" in block and "forgot the inverse" in block and "mlvc-review grade student.py --task normal_equation --seed 5" in block
    assert "x unreadable" not in text and "✗ unreadable: broken.py:3: syntax error" in text


@pytest.mark.parametrize("width", [80, 120])
def test_nothing_but_the_path_headings_and_commands_is_wider_than_the_terminal(doc, width):
    for line in render(doc, width).splitlines():
        if not (line.startswith("── ") or "mlvc-review grade" in line):
            assert len(line) <= width, line


def test_status_words_and_symbols_read_without_colour(doc):
    text = render(doc, 120)
    rows = {line.split()[2]: line for line in text.splitlines() if line[:1] in "✓✗–" and len(line.split()) > 3}
    assert rows["normal_equation"].startswith("✗ failed") and rows["ridge_regression"].startswith("✓ passed")
    assert rows["sigmoid"].startswith("✗ error") and rows["softmax"].startswith("✗ failed") and len(rows) == 5
    assert "all 3 passed" in rows["ridge_regression"] and "failed: stability (3 of 4 passed)" in rows["softmax"]
    assert "error: values, edge shapes, stability, no mutation (0 of 4 passed)" in rows["sigmoid"]
    ascii_text = render(doc, 120, encoding="ascii")
    assert "x failed" in ascii_text and "+ passed" in ascii_text and "✓" not in ascii_text and "✗" not in ascii_text


def test_one_panel_per_distinct_failure_the_diagnosis_once_and_hints_beside_their_check(doc):
    full = render(doc, 120)
    text = full[: full.index("── " + LONG)]
    # the same crash in every check: one panel, naming the others
    assert text.count("AttributeError") == 1 and "the same in: edge shapes, stability, no mutation" in text
    panel = text[text.index("✗ softmax · stability"):]
    assert "diagnosis: overflow at extreme inputs" in panel[: panel.index("╰")]
    # two bugs, no diagnosis: the stability hint is in the stability panel, not in the first one
    values = text[text.index("✗ cross_entropy · values"):]
    stability = text[text.index("✗ cross_entropy · stability"):]
    assert "hint:" not in values[: values.index("╰")]
    assert "hint: At the extreme inputs of this check" in stability[: stability.index("╰")]
    ne = text[text.index("✗ normal_equation · values"):]
    ne = ne[: ne.index("reproduce:")]
    assert ne.count("diagnosis: forgot the inverse") == 1  # in the first panel only
    assert "input" in ne and "expected:" in ne and "got:" in ne
    assert "seed 5 (rerun with --seed 5 to reproduce)" in full and "sandbox: test" in full


def test_chinese_labels(doc):
    text = render(doc, 80, lang="zh")
    for key in ("col_task", "col_status", "col_score", "col_checks", "passed", "failed", "error", "reproduce", "diagnosis", "expected", "got"):
        assert LABELS[key][1] in text, key
    assert "随机种子 5" in text and "复现命令：mlvc-review grade student.py --task normal_equation --seed 5" in text
    assert "✗ 无法读取：broken.py:3" in text and " passed" not in text and "seed 5 (rerun" not in text
    for line in text.splitlines():
        if not (line.startswith("── ") or "mlvc-review grade" in line):
            from rich.cells import cell_len

            assert cell_len(line) <= 80, line


def test_a_task_that_never_ran_shows_its_message():
    sub = discover_source("def softmx(z):\n    return z\n", Path("s.py"))
    doc = document([grade_submission(sub, FakePool(), {}, Options(seed=1))], seed=1)
    text = render(json.loads(render_json(doc)), 80)
    assert "✗ error" in text and "did you mean `softmax`" in text and "0 of 1 tasks passed" in text


def test_a_passing_trained_model_shows_what_was_measured_and_on_which_budget():
    learns = ("negative ELBO 16.3 nats (<= 20 nats) after 1000 steps on the CPU budget; loss 44.5 -> 16.4")
    check = {"name": "learns", "status": "passed", "message": learns, "examples": 1, "hidden": False, "seconds": 1.8,
             "counterexample": None}
    task = {"task": "t", "function": "VAE", "status": "passed", "score": 1.0, "max_score": 1.0, "message": "", "line": 1,
            "diagnosis": None, "hints": [], "checks": [check, {**check, "name": "plain", "message": ""}]}
    doc = {"tool": "mlvc-review", "version": "0", "seed": 0, "isolation": "", "duration": 1.0,
           "submissions": [{"path": "m.py", "error": None, "notes": [], "seconds": 1.0, "tasks": [task]}]}
    for lang in ("en", "zh"):
        text = " ".join(render(doc, 200, lang).split())
        assert "VAE · learns" in text and "on the CPU budget" in text and "VAE · plain" not in text
    failing = {**task, "status": "failed", "checks": [check, {**check, "name": "other", "status": "failed", "message": "x"}]}
    assert "VAE · learns" not in render({**doc, "submissions": [{**doc["submissions"][0], "tasks": [failing]}]}, 200)


def test_report_text_for_files_is_plain_and_wide(doc):
    text = render_report_text(doc, "zh")
    assert "\x1b[" not in text and "未通过" in text and max(len(line) for line in text.splitlines() if "mlvc-review" not in line and not line.startswith("──")) <= 120


def test_cli_passes_the_language_to_the_text_report(tmp_path):
    from typer.testing import CliRunner

    from mlvc_review.cli import app

    path = tmp_path / "wrong.py"
    path.write_text("def normal_equation(X, y):\n    return X.T @ y\n")
    result = CliRunner().invoke(app, ["grade", str(path), "--lang", "zh", "--seed", "3", "--examples", "5"])
    assert result.exit_code == 1 and "未通过" in result.stdout and "随机种子 3" in result.stdout
