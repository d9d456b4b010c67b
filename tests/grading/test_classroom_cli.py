"""The class-scale commands through the CLI: grade DIR --output OUTDIR, gradebook, class-report, export."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from mlvc_review.cli import app

RUNNER = CliRunner()
HONEST = "import numpy as np\ndef normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n"
WRONG = "def normal_equation(X, y):\n    return X.T @ y\n"


def klass(tmp_path: Path) -> Path:
    root = tmp_path / "class"
    root.mkdir()
    (root / "ana.py").write_text(HONEST)
    (root / "ben.py").write_text(WRONG)
    return root


def invoke(*args: str):
    result = RUNNER.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    result.text = " ".join(result.output.split())  # rich wraps at the terminal width
    return result


def test_a_class_graded_into_a_directory_then_gradebook_and_report(tmp_path):
    root = klass(tmp_path)
    out = tmp_path / "out"
    first = invoke("grade", str(root), "--format", "junit", "--output", str(out), "--examples", "3", "--seed", "2")
    assert first.exit_code == 1 and "2 graded now, 0 already graded" in first.text
    assert sorted(p.name for p in out.glob("*.xml")) == ["ana.xml", "ben.xml"]
    again = invoke("grade", str(root), "--format", "junit", "--output", str(out), "--examples", "3")
    assert "0 graded now, 2 already graded" in again.text and "Seed 2" in again.text  # the seed is reused
    book = invoke("gradebook", str(out))
    rows = list(csv.DictReader(io.StringIO(book.output)))
    assert [(r["student"], r["normal_equation"], r["normal_equation mistake"]) for r in rows] == [
        ("ana", "1.0", ""), ("ben", "0.0", "forgot the inverse")]
    report = invoke("class-report", str(out), "--format", "markdown", "--output", str(tmp_path / "report.md"))
    assert report.exit_code == 0 and "1 student: forgot the inverse" in (tmp_path / "report.md").read_text()
    assert "normal_equation" in invoke("class-report", str(out)).output


def test_several_students_never_share_one_gradescope_document(tmp_path):
    result = invoke("grade", str(klass(tmp_path)), "--format", "gradescope")
    assert result.exit_code == 2 and "--output DIR" in result.text and "--combine" in result.text


def test_shards_need_an_output_directory_and_a_shared_seed(tmp_path):
    root = klass(tmp_path)
    assert "needs --output" in invoke("grade", str(root), "--shard", "0/2").text
    no_seed = invoke("grade", str(root), "--shard", "0/2", "--output", str(tmp_path / "o"))
    assert no_seed.exit_code == 2 and "same --seed" in no_seed.text
    assert "K/N" in invoke("grade", str(root), "--shard", "2/2", "--seed", "1", "--output", str(tmp_path / "o")).text


def test_gradebook_and_report_refuse_what_is_not_an_output_directory(tmp_path):
    for command in ("gradebook", "class-report"):
        missing = invoke(command, str(tmp_path / "nope"))
        assert missing.exit_code == 2 and "not a directory" in missing.text
        empty = invoke(command, str(tmp_path))
        assert empty.exit_code == 2 and "no graded submissions" in empty.text
    assert "--format" in invoke("gradebook", str(tmp_path), "--format", "xlsx").output


def test_export_gradescope_writes_a_bundle_for_a_chapter(tmp_path):
    out = tmp_path / "ag.zip"
    result = invoke("export", "gradescope", "--chapter", "1", "--hidden-after-due", "--out", str(out))
    assert result.exit_code == 0, result.output
    config = json.loads(zipfile.ZipFile(out).read("config.json"))
    assert "normal_equation" in config["tasks"] and config["hidden_after_due"] is True
    assert invoke("export", "gradescope", "--out", str(out)).exit_code == 2
    assert invoke("export", "gradescope", "--task", "softmax", "--out", str(tmp_path / "no" / "ag.zip")).exit_code == 2
