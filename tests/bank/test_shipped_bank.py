"""The shipped bank is exam-ready: nine chapters, enough questions and types, bilingual, explained."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.stats import counts
from mlvc_review.bank.validate import validate
from mlvc_review.cli import app

BANK = load_bank()


def test_shipped_bank_validates_structurally_with_both_languages():
    report = validate(BANK, deep=False, require_zh=True)
    assert report.ok, [str(p) for p in report.problems]


@pytest.mark.parametrize("chapter", range(1, 10))
def test_every_chapter_has_twenty_questions_of_five_types(chapter):
    row = counts(BANK)[str(chapter)]
    assert row["total"] >= 20, row
    assert row["types"] >= 5, row


@pytest.mark.parametrize("chapter", range(1, 10))
def test_a_third_of_each_chapter_is_parameterised(chapter):
    questions = BANK.select(chapter=chapter)
    drawn = [q for q in questions if q.params]
    assert len(drawn) * 3 >= len([q for q in questions if q.type != "code"]), (len(drawn), len(questions))


def test_every_question_is_bilingual_and_explained():
    for q in BANK.questions:
        assert q.languages == ["en", "zh"], q.id
        assert len(q.explanation.en) > 20 and q.explanation.zh, q.id
        assert q.notes_ref, q.id


def test_known_slips_of_the_notes_are_taught():
    slips = " ".join(q.notes_slip.en for q in BANK.questions if q.notes_slip)
    assert "alpha" in slips.lower() or "ᾱ" in slips  # alpha_t vs alpha-bar_t in q(x_t|x_0)
    assert any("Gram" in (q.notes_slip.en if q.notes_slip else "") for q in BANK.questions)
    assert any("layernorm" in (q.notes_slip.en.lower().replace(" ", "") if q.notes_slip else "") for q in BANK.questions)


@pytest.mark.parametrize("chapter", range(1, 10))
def test_scripted_quiz_runs_to_its_summary(chapter, tmp_path):
    # end of input after the first answer ends the session cleanly with a summary; a code question
    # writes its starter file into --workdir, never into the checkout
    result = CliRunner().invoke(app, ["quiz", "chapter", str(chapter), "--seed", "1", "--limit", "3", "--workdir", str(tmp_path)],
                                input=":s\n")
    assert result.exit_code == 0, result.output
    assert "session over: 0 answered, 0 correct, 1 skipped, score 0.0/3" in result.output


def test_question_ids_named_in_the_readme_exist():
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"bank show ([a-z0-9][a-z0-9_.-]+)", readme)
    assert named
    for qid in named:
        assert qid in BANK.by_id, qid
