"""The quiz CLI's settings, suspensions, stats (narrow, forecast, weakest topics), languages and completion."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mlvc_review.cli import app
from mlvc_review.quiz.settings import load_settings
from mlvc_review.quiz.store import Attempt, open_store

runner = CliRunner()

BANK = """
chapter: 1
questions:
  - id: k-one
    type: choice
    topic: optimization
    tags: [gradient-descent]
    prompt: {en: "Which step size converges?", zh: "哪个步长收敛？"}
    explanation: {en: "A small one.", zh: "小步长。"}
    shuffle: false
    options: [{id: a, text: {en: "small", zh: "小"}}, {id: b, text: {en: "big", zh: "大"}}]
    answer: a
  - id: k-two
    type: numeric
    topic: optimization
    prompt: {en: "Two?", zh: "二？"}
    explanation: {en: "2.", zh: "2。"}
    answer: 2
    tolerance: {abs: 0.1}
  - id: k-three
    type: numeric
    topic: momentum
    prompt: {en: "Three?", zh: "三？"}
    explanation: {en: "3.", zh: "3。"}
    answer: 3
    tolerance: {abs: 0.1}
"""


@pytest.fixture
def bank(write_bank):
    return str(write_bank(BANK))


@pytest.fixture
def width():
    """width(n): the shared Rich console renders at n columns for the rest of the test."""
    from mlvc_review.ui import console

    before = console._width
    yield lambda n: setattr(console, "width", n)
    console._width = before


def quiz(bank, *args, input="", command=("quiz", "chapter", "1")):
    return runner.invoke(app, [*command, "--bank", bank, "--only-bank", *args], input=input)


def test_new_per_day_is_stored_and_caps_later_sessions(bank):
    first = quiz(bank, "--new-per-day", "1", "--seed", "1", input="a\n")
    assert first.exit_code == 0, first.output
    assert load_settings().new_per_day == 1
    assert "1 answered" in first.output and "2 new question(s) wait for another day" in first.output
    second = quiz(bank, "--seed", "1")  # the day's one new question is done; nothing else is due
    assert "nothing to ask" in second.output and "2 new question(s) wait" in second.output
    third = quiz(bank, "--new-per-day", "5", "--seed", "1", "--limit", "1", input="2\n")
    assert "1 answered" in third.output and load_settings().new_per_day == 5


def test_progress_settings_shows_and_changes_retention(bank):
    shown = runner.invoke(app, ["progress", "settings"])
    assert shown.exit_code == 0 and "desired retention: 0.90" in shown.output and "new questions a day: 20" in shown.output
    changed = runner.invoke(app, ["progress", "settings", "--retention", "0.85", "--format", "json"])
    assert json.loads(changed.output)["retention"] == 0.85 and load_settings().retention == 0.85
    bad = runner.invoke(app, ["progress", "settings", "--retention", "0.3"])
    assert bad.exit_code == 2 and "between 0.70 and 0.99" in bad.output


def test_a_suspended_question_is_not_asked_until_unsuspended(bank):
    result = quiz(bank, "--seed", "1", input="!\nq\n")
    assert "k-one is suspended" in result.output and load_settings().suspended == ("k-one",)
    again = quiz(bank, "--seed", "1", input="q\n")
    assert "k-one" not in again.output.split("session over")[0]
    listed = runner.invoke(app, ["progress", "unsuspend"])
    assert listed.output.strip() == "k-one"
    back = runner.invoke(app, ["progress", "unsuspend", "k-one", "nope"])
    assert "unsuspended 1: k-one" in back.output and back.exit_code == 2 and "not suspended: nope" in back.output
    assert load_settings().suspended == ()


def test_optimise_says_how_much_history_it_needs(bank):
    quiz(bank, "--seed", "1", input="a\n2\n3\n")
    result = runner.invoke(app, ["progress", "optimise"])
    assert result.exit_code == 2 and "at least 400 rated answers; you have 3" in result.output
    assert load_settings().parameters is None


@pytest.mark.slow
def test_optimise_fits_a_real_history_and_stores_the_weights_for_later_sessions():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "quiz"))
    from test_scheduling_settings import _simulated_history

    history = _simulated_history(seed=1, forgetting=2.0)
    with open_store() as store:
        for a in history:
            store.record(Attempt(a["question_id"], 1, "choice", 0, "x", float(a["rating"] > 1), a["rating"] > 1,
                                 a["rating"], 0, a["seconds"], ts=a["ts"]))
    dry = runner.invoke(app, ["progress", "optimise", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"to {len(history)} reviews of 70 questions" in dry.output and load_settings().parameters is None
    done = runner.invoke(app, ["progress", "optimise", "--lang", "zh"])
    assert done.exit_code == 0 and "已保存" in done.output
    weights = load_settings().parameters
    assert weights is not None and len(weights) == 21
    shown = runner.invoke(app, ["progress", "settings"])
    assert shown.exit_code == 0 and "optimised" in shown.output


def test_stats_show_weakest_topics_and_a_forecast(bank, width):
    quiz(bank, "--seed", "1", input="b\n5\n5\n")
    with open_store() as store:  # two more answers to each question, so each topic has three
        for qid, topic_right in (("k-one", False), ("k-two", True), ("k-three", True)):
            for _ in range(2):
                store.record(Attempt(qid, 1, "choice", 0, "x", float(topic_right), topic_right, 3, 0, 5.0))
    width(80)
    result = runner.invoke(app, ["stats", "--bank", bank, "--only-bank", "--forecast", "--days", "7"])
    assert result.exit_code == 0, result.output
    weakest = result.output.split("weakest topics")[1].split("reviews due per day")[0]
    assert weakest.index("optimization") < weakest.index("momentum")  # 2 of 6 right before 2 of 3
    assert result.output.count("█") > 0
    data = json.loads(runner.invoke(app, ["stats", "--bank", bank, "--only-bank", "--forecast", "--format",
                                          "json"]).output)
    assert len(data["forecast"]) == 21 and data["settings"]["new_per_day"] == 20
    assert [(w["topic"], w["answered"]) for w in data["weakest_topics"]] == [("optimization", 6), ("momentum", 3)]


@pytest.mark.parametrize("cols", [40, 30])
def test_stats_at_a_narrow_width_stack_instead_of_dropping_columns(bank, width, cols):
    quiz(bank, "--seed", "1", input="a\n2\n3\n")
    width(cols)
    result = runner.invoke(app, ["stats", "--bank", bank, "--only-bank", "--lang", "zh"], terminal_width=width)
    assert result.exit_code == 0, result.output
    for label in ("已学", "已答", "正确率", "记忆保持", "待复习", "顽固题"):
        assert label in result.output
    assert "…" not in result.output and "每章分块显示" in result.output


def test_an_unknown_topic_suggests_the_closest_few(bank):
    result = quiz(bank, command=("quiz", "topic", "momentun"))
    assert result.exit_code == 2 and "closest: momentum" in result.output
    assert "gradient-descent" not in result.output  # not the whole list
    zh = quiz(bank, "--lang", "zh", command=("quiz", "topic", "momentun"))
    assert "错误：没有题目带有标签 'momentun'；最接近的：momentum" in zh.output


def test_errors_of_a_chinese_session_are_in_chinese(bank):
    wrong_type = quiz(bank, "--lang", "zh", "--type", "essay")
    assert wrong_type.exit_code == 2 and "错误：--type 'essay'：应为" in wrong_type.output
    wrong_chapter = quiz(bank, "--lang", "zh", command=("quiz", "chapter", "42"))
    assert wrong_chapter.exit_code == 2 and "没有章节 '42'" in wrong_chapter.output


def test_bank_list_search_and_chapters_take_lang(bank, width):
    width(140)
    listed = runner.invoke(app, ["bank", "list", "--bank", bank, "--lang", "zh", "--chapter", "1"], terminal_width=140)
    assert "编号" in listed.output and "题型" in listed.output
    width(40)
    narrow = runner.invoke(app, ["bank", "list", "--bank", bank, "--chapter", "1"])
    assert "k-three" in narrow.output and "momentum" in narrow.output and "…" not in narrow.output
    width(100)
    chapters = runner.invoke(app, ["chapters", "--lang", "zh"])
    assert "标题" in chapters.output and "题数" in chapters.output
    found = runner.invoke(app, ["bank", "search", "步长", "--bank", bank, "--lang", "zh"])
    assert found.exit_code == 0 and "k-one" in found.output and "哪个步长收敛？" in found.output
    data = json.loads(runner.invoke(app, ["bank", "search", "momentum", "--bank", bank, "--format", "json"]).output)
    mine = [h for h in data if h["id"] == "k-three"]  # the shipped bank has momentum questions too
    assert mine and mine[0]["matched_in"] == "tags"


def test_start_writes_chinese_docstrings(tmp_path):
    out = tmp_path / "s.py"
    result = runner.invoke(app, ["start", "normal_equation", "--lang", "zh", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "最小二乘" in out.read_text(encoding="utf-8")


def test_completion_scripts_are_generated_and_complete_chapters_topics_and_tasks(monkeypatch):
    shown = runner.invoke(app, ["--show-completion", "bash"], prog_name="mlvc-review")
    assert shown.exit_code == 0 and "_mlvc_review_completion" in shown.output
    from mlvc_review.cli.completion import chapters, tasks, topics

    assert ("6", "Sequence models and attention") in chapters("6") or any(v == "6" for v, _ in chapters("6"))
    assert any(v == "sequence" for v, _ in chapters("seq"))
    assert any(v == "attention" for v, _ in topics("atten"))
    assert any(v == "conv2d" for v, _ in tasks("conv"))
