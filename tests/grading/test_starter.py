"""Starter files: contract signatures and docstrings; every stub fails every check."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from mlvc_review.errors import UsageError
from mlvc_review.grading import api
from mlvc_review.grading.contract import CONTRACT, chapter_entries
from mlvc_review.grading.discovery import discover_source
from mlvc_review.grading.runner import Options, grade_submission
from mlvc_review.grading.spec import load_all
from mlvc_review.grading.starter import select, starter_source, stub

sys.path.insert(0, str(Path(__file__).parent))
from _fake_sandbox import FakePool  # noqa: E402


@pytest.mark.parametrize("chapter", range(1, 10))
def test_each_chapter_starter_parses_and_matches_the_contract(chapter):
    entries = chapter_entries(chapter)
    source = starter_source(entries)
    tree = ast.parse(source)
    sub = discover_source(source, Path("starter.py"))
    assert set(sub.found) == {e.name for e in entries}
    assert all(f.fatal is None and f.problems == [] for f in sub.found.values())
    docs = {n.name: ast.get_docstring(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert all(docs[e.name] and f"Chapter {chapter}" in docs[e.name] for e in entries)


def test_stub_docstring_carries_the_contract_text():
    text = stub(CONTRACT["conv_output_size"])
    assert "ValueError" in text and "raise NotImplementedError" in text and "def conv_output_size(I, K, P=0, S=1, D=1):" in text


def test_select_targets():
    assert [e.name for e in select(["softmax", "chapter", "1"])][:1] == ["softmax"]
    assert len(select(["chapter", "1"])) == len(select(["1"])) == len(chapter_entries(1))
    with pytest.raises(UsageError, match="chapter 12"):
        select(["chapter", "12"])
    with pytest.raises(UsageError, match="did you mean 'softmax'"):
        select(["sofmax"])


def test_every_stub_fails_every_check_of_every_declared_task():
    tasks = load_all()
    entries = [CONTRACT[f] for f in tasks if f in CONTRACT and CONTRACT[f].framework == "numpy"]
    assert entries, "no task specs are registered"
    sub = discover_source(starter_source(entries), Path("starter.py"))
    result = grade_submission(sub, FakePool(), {}, Options(seed=1, examples=3, heavy_ok=True))
    for task in result.tasks:
        assert task.status not in ("passed", "skipped"), task.function
        assert all(c.status != "passed" for c in task.checks), task.function


def test_api_write_starter_keeps_existing_work(tmp_path):
    path = tmp_path / "solution.py"
    assert api.write_starter(["normal_equation"], path) == path
    path.write_text("# my work\n")
    api.write_starter(["normal_equation"], path)
    assert path.read_text() == "# my work\n"


def test_api_grade_file_returns_the_json_document(tmp_path):
    path = tmp_path / "solution.py"
    api.write_starter(["normal_equation"], path)
    doc = api.grade_file(path, ["normal_equation"], seed=9, examples=5)
    assert doc["seed"] == 9 and doc["submissions"][0]["tasks"][0]["status"] == "error"
