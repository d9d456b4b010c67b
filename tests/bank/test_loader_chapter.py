"""`load_bank(chapter=...)`: only that chapter's questions are built, every id is still checked."""

from __future__ import annotations

import pytest

from mlvc_review.bank.loader import load_bank
from mlvc_review.errors import BankError, UnknownQuestion


@pytest.mark.parametrize("cached", [False, True], ids=["parsed", "cached"])
def test_one_chapter_is_the_full_bank_filtered(cached):
    # each test starts with an empty file cache (conftest): the first load parses the YAML
    if cached:
        load_bank()
    one = load_bank(chapter="sequence")
    full = load_bank()
    assert one.questions == full.select(chapter=6) and len(one.questions) > 15
    assert one.chapters == full.chapters
    assert one.sources == full.sources
    assert load_bank(chapter=1).questions == load_bank(chapter="1").questions == full.select(chapter=1)


def test_an_unknown_chapter_lists_the_chapters():
    with pytest.raises(UnknownQuestion, match=r"no chapter 'optics'; the chapters are 1 \(optimization\)"):
        load_bank(chapter="optics")


@pytest.mark.parametrize("cached", [False, True], ids=["parsed", "cached"])
def test_a_duplicate_id_in_another_chapter_is_still_an_error(tmp_path, cached):
    taken = "cnn.conv-output-size"  # a shipped chapter-3 question
    if cached:
        assert taken in {q.id for q in load_bank().select(chapter=3)}
    (tmp_path / "extra.yaml").write_text(
        "chapter: 2\nquestions:\n"
        f"  - id: {taken}\n    type: flashcard\n    topic: t\n    prompt: p\n    explanation: e\n    answer: a\n",
        encoding="utf-8",
    )
    with pytest.raises(BankError, match=f"extra.yaml:3: question '{taken}': duplicate id; first defined at question_bank/"):
        load_bank([tmp_path], chapter=1)
