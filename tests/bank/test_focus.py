"""The notes' priority list (重点): items and ranks, the exam_rank field, coverage in `bank stats`."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from mlvc_review.bank import model
from mlvc_review.bank.focus import BY_NAME, ITEMS, coverage, item_of
from mlvc_review.bank.loader import load_bank
from mlvc_review.cli import app
from mlvc_review.errors import BankError
from mlvc_review.quiz import weights

BANK = load_bank()
runner = CliRunner()


def test_the_items_are_the_notes_list():
    # the notes rank nine items 1, seven 1.5, four 2, five 2.5, four 3 and two 4
    assert Counter(i.rank for i in ITEMS) == {1: 9, 1.5: 7, 2: 4, 2.5: 5, 3: 4, 4: 2}
    assert len({i.key for i in ITEMS}) == len(ITEMS)
    assert all(i.en and i.zh and i.names for i in ITEMS)
    assert ITEMS[0].weight == 1.0 and ITEMS[-1].weight == 0.25


def test_every_name_ranks_as_the_quiz_ranks_it():
    for item in ITEMS:
        for name in item.names:
            assert weights.RANK.get(name) == item.rank, (item.key, name)


def _question(topic: str, tags: list[str], exam_rank: float | None = None) -> model.QuestionBase:
    return model.question_from_dump({
        "id": "t.q", "chapter": 1, "topic": topic, "tags": tags, "difficulty": 2, "prompt": {"en": "p", "zh": None},
        "explanation": {"en": "e", "zh": None}, "hints": [], "notes_ref": None, "notes_slip": None, "params": {},
        "derived": {}, "constraint": None, "exam_rank": exam_rank, "type": "flashcard",
        "answer": {"en": "a", "zh": None}})


def test_a_question_covers_its_topics_item_else_its_best_tag():
    assert item_of(_question("gradient-ascent", ["backprop", "cnn"])).key == "inversion"
    assert item_of(_question("history", ["pca", "backprop"])).key == "backprop"  # rank 1 beats rank 2
    assert item_of(_question("history", ["adversarial"])) is None
    assert BY_NAME["unet"].rank == 2.5


def test_an_explicit_exam_rank_overrides_the_topic():
    assert weights.exam_rank(_question("normal-equation", [])) == 1.0
    assert weights.exam_rank(_question("normal-equation", [], exam_rank=4)) == 4.0
    assert weights.exam_rank(_question("history", [])) == weights.UNLISTED


def test_an_exam_rank_off_the_list_is_a_located_error(write_bank):
    directory = write_bank("""
        chapter: 1
        questions:
          - id: opt.ranked
            type: flashcard
            topic: normal-equation
            exam_rank: 5
            prompt: "p"
            answer: "a"
            explanation: "e"
        """)
    with pytest.raises(BankError) as info:
        load_bank([directory], include_shipped=False)
    (problem,) = info.value.problems
    assert "questions.yaml:7:" in problem and "exam_rank 5 is not a rank of the notes' priority list" in problem


def test_coverage_shares_add_up_and_code_questions_are_left_out():
    rows = coverage(BANK.questions)
    covered = [r for r in rows if r.item is not None]
    assert sum(r.share for r in covered) == pytest.approx(1.0)
    assert sum(r.target for r in covered) == pytest.approx(1.0)
    assert sum(r.questions for r in rows) == sum(1 for q in BANK.questions if q.type != "code")
    assert rows[-1].item is None and rows[-1].share == 0.0


def test_every_priority_item_is_covered_in_proportion_to_its_rank():
    for row in coverage(BANK.questions):
        if row.item is not None:
            assert row.ratio >= 0.5, f"{row.item.key}: {row.questions} questions, {row.share:.1%} < half of {row.target:.1%}"


def test_the_gaps_the_audit_named_are_filled():
    by_item = {r.item.key: r.questions for r in coverage(BANK.questions) if r.item}
    for key, at_least in {"mlp": 6, "supervised": 3, "unet": 3, "denoising": 3, "semantic": 3, "polynomial": 2,
                          "neural-texture": 3, "sequences": 5}.items():
        assert by_item[key] >= at_least, (key, by_item[key])
    ids = set(BANK.by_id)
    assert {"cnn.densenet-growth", "cnn.alexnet-conv1", "seq.stacked-lstm", "cnn.rcnn-proposals"} <= ids


def test_stats_shows_the_priority_list():
    result = runner.invoke(app, ["bank", "stats"])
    assert result.exit_code == 0 and "priority item of the notes" in result.output
    assert "Linear fitting" in result.output and "per chapter and type" in result.output
    zh = runner.invoke(app, ["bank", "stats", "--focus", "--lang", "zh"])
    assert zh.exit_code == 0 and "线性拟合" in zh.output and "per chapter and type" not in zh.output


def test_stats_json_keeps_its_shape_and_adds_the_focus_rows():
    assert set(json.loads(runner.invoke(app, ["bank", "stats", "--format", "json"]).output)) == {
        str(n) for n in range(1, 10)}
    rows = json.loads(runner.invoke(app, ["bank", "stats", "--focus", "--format", "json"]).output)
    assert len(rows) == len(ITEMS) + 1 and rows[-1]["item"] is None
    assert rows[0] == {**rows[0], "item": "linear-fitting", "rank": 1}
    assert all(r["questions"] >= 0 for r in rows)
