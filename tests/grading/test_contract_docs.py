"""docs/contract.md and docs/contract.zh.md are the contract data, rendered; they must not go stale."""

from __future__ import annotations

from pathlib import Path

from mlvc_review.grading.contract import CHAPTERS, CONTRACT, CONVENTIONS, RULES
from mlvc_review.grading.contract_doc import DOCS, documents, markdown, usage, write_documents
from mlvc_review.grading.contract_status import Status

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "python -m mlvc_review.grading.contract_doc"


def test_the_checked_in_documents_are_fresh():
    for rel, text in documents().items():
        path = ROOT / rel
        assert path.is_file(), f"{rel} is missing: run `{REGENERATE}`"
        assert path.read_text(encoding="utf-8") == text, f"{rel} is stale: run `{REGENERATE}` and commit it"


def test_each_document_holds_the_whole_contract_in_its_language():
    for lang, rel in DOCS.items():
        text = documents()[rel]
        assert all(t.get(lang) in text for t in (*RULES, *CONVENTIONS, *CHAPTERS.values()))
        for entry in CONTRACT.values():
            assert f"### `{entry.name}`\n\n`{usage(entry)}`" in text
            assert all(section in text for _, section in entry.sections(lang)), entry.name
    assert "编程任务契约" in documents()[DOCS["zh"]] and "含义" in documents()[DOCS["zh"]]


def test_the_documents_carry_no_grading_status():
    # a new task module or bank question must not make the checked-in files stale
    assert "**graded**" not in documents()[DOCS["en"]]


def test_status_adds_graded_and_bank_lines():
    entries = [CONTRACT["softmax"], CONTRACT["knn_predict"]]
    text = markdown(entries, "en", {"softmax": Status(True, ("opt.code.softmax",)), "knn_predict": Status(False)},
                    preamble=False)
    assert text.startswith("## Chapter 1 — Optimization and linear models\n")
    assert "- **graded**: yes\n- **bank task**: `opt.code.softmax`" in text
    assert "- **graded**: not yet\n- **bank task**: no bank question yet" in text
    zh = markdown(entries, "zh", {"softmax": Status(True), "knn_predict": Status(False)}, preamble=False)
    assert "- **评分**：是" in zh and "- **评分**：尚未评分" in zh and "第 1 章" in zh


def test_write_documents_writes_both_files(tmp_path):
    written = write_documents(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(DOCS.values())
    assert all(p.read_text(encoding="utf-8") == documents()[p.relative_to(tmp_path).as_posix()] for p in written)
