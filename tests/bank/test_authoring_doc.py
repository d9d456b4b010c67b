"""Every YAML example in docs/authoring.md is a complete bank file that validates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.validate import validate

DOC = Path(__file__).parents[2] / "docs" / "authoring.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_doc_has_examples_of_every_type():
    text = "\n".join(BLOCKS)
    for qtype in ("choice", "multi", "numeric", "symbolic", "matrix_expr", "flashcard", "code", "derivation"):
        assert f"type: {qtype}" in text


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_example_validates(tmp_path, index):
    (tmp_path / "example.yaml").write_text(BLOCKS[index], encoding="utf-8")
    bank = load_bank([tmp_path], include_shipped=False)
    report = validate(bank, deep=True, require_zh=True)
    assert report.ok, [str(p) for p in report.problems]
    assert report.checked >= 1
