"""`mlvc-review quiz/review/exam/stats/progress` through Typer's CliRunner, on temporary banks."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from mlvc_review.cli import app
from mlvc_review.errors import UnknownQuestion, UsageError
from mlvc_review.quiz.store import open_store

# one topic: new questions of one rank and topic come in bank order, so the scripted answers line up
BANK = """
chapter: 1
questions:
  - id: c-choice
    type: choice
    topic: optimization
    tags: [gd]
    prompt: {en: "Which step size converges?", zh: "哪个步长收敛？"}
    explanation: {en: "A small step converges.", zh: "小步长收敛。"}
    hints: [{en: "Think small.", zh: "想想小的。"}]
    notes_slip: {en: "The course notes write eta^2 here.", zh: "讲义此处写成 eta^2。"}
    shuffle: false
    options:
      - {id: small, text: {en: "small", zh: "小"}}
      - {id: big, text: {en: "big", zh: "大"}}
    answer: small
  - id: c-multi
    type: multi
    topic: optimization
    prompt: "Which are optimizers?"
    explanation: "SGD and Adam."
    hints: ["Not an activation."]
    shuffle: false
    options:
      - {id: sgd, text: "SGD"}
      - {id: adam, text: "Adam"}
      - {id: relu, text: "ReLU"}
    answer: [sgd, adam]
  - id: c-numeric
    type: numeric
    topic: optimization
    prompt: "Parameters of a 3x3 conv from 2 to 4 channels with bias?"
    explanation: "3*3*2*4 + 4 = 76."
    hints: ["Count the bias."]
    answer: 76
    tolerance: {abs: 0.5}
  - id: c-symbolic
    type: symbolic
    topic: optimization
    tags: [sigmoid]
    prompt: "d sigma / dx in terms of s = sigma(x)?"
    explanation: "s (1 - s)."
    hints: ["Differentiate 1/(1+e^-x)."]
    variables: {s: {}}
    answer: "s*(1 - s)"
  - id: c-flash
    type: flashcard
    topic: optimization
    prompt: "Why scale by sqrt(d_k)?"
    explanation: "Keeps the softmax out of saturation."
    hints: ["Variance of a dot product."]
    answer: "Dot products grow with d_k."
  - id: c-matrix
    type: matrix_expr
    topic: optimization
    prompt: "Least-squares weights w for X (n x d) and y (n)?"
    explanation: "The normal equation."
    hints: ["Set the gradient X^T (X w - y) to zero."]
    symbols:
      X: {shape: [n, d]}
      y: {shape: [n]}
    answer: "inv(X^T X) X^T y"
  - id: c-param
    type: numeric
    topic: optimization
    prompt: "Output size of a 3x3 valid convolution on {{I}} pixels?"
    explanation: "I - K + 1."
    params: {I: {low: 5, high: 99}}
    answer: "I - 2"
    tolerance: {abs: 0.5}
"""

# question type -> (id, a right answer, a wrong answer, a malformed answer)
CASES = {
    "choice": ("c-choice", "a", "b", "zz"),
    "multi": ("c-multi", "a b", "c", "q9"),
    "numeric": ("c-numeric", "76", "72", "seventy"),
    "symbolic": ("c-symbolic", "s*(1-s)", "s^2", "s.__class__"),
    "matrix_expr": ("c-matrix", "inv(T(X)*X)*T(X)*y", "X^T y", "inv(X"),
}

runner = CliRunner()


@pytest.fixture
def bank(write_bank):
    return str(write_bank(BANK))


def quiz(bank: str, *args: str, input: str = "", command: tuple[str, ...] = ("quiz", "chapter", "1")):
    result = runner.invoke(app, [*command, "--bank", bank, "--only-bank", "--only-bank", *args], input=input)
    return result


def stored():
    with open_store() as store:
        return store.attempts(), store.cards()


@pytest.mark.parametrize("qtype", list(CASES))
def test_right_answer(bank, qtype):
    qid, right, _, _ = CASES[qtype]
    result = quiz(bank, "--type", qtype, "--seed", "1", input=right + "\n")
    assert result.exit_code == 0, result.output
    assert "✓ correct" in result.output and "session over: 1 answered, 1 correct" in result.output
    attempts, cards = stored()
    assert [(a["question_id"], a["correct"]) for a in attempts] == [(qid, 1)] and qid in cards


@pytest.mark.parametrize("qtype", list(CASES))
def test_wrong_answer_shows_the_answer_and_explanation(bank, qtype):
    qid, _, wrong, _ = CASES[qtype]
    result = quiz(bank, "--type", qtype, input=wrong + "\n")
    assert result.exit_code == 0, result.output
    assert "✗ wrong" in result.output
    assert "correct answer:" in result.output and "explanation" in result.output
    attempts, _ = stored()
    assert attempts[0]["correct"] == 0 and attempts[0]["rating"] == 1


@pytest.mark.parametrize("qtype", list(CASES))
def test_malformed_then_right_counts_once(bank, qtype):
    qid, right, _, bad = CASES[qtype]
    result = quiz(bank, "--type", qtype, input=f"{bad}\n{right}\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("✗ ") == 1  # the malformed line, shown back once
    attempts, _ = stored()
    assert [a["correct"] for a in attempts] == [1]


@pytest.mark.parametrize("qtype", [*CASES, "flashcard"])
def test_hint_then_right_is_rated_hard(bank, qtype):
    right = CASES[qtype][1] if qtype in CASES else "\nhard"
    result = quiz(bank, "--type", qtype, input=f":h\n{right}\n")
    assert result.exit_code == 0, result.output
    assert "hint 1/1" in result.output
    attempts, _ = stored()
    assert attempts[0]["hints"] == 1 and attempts[0]["rating"] == 2


@pytest.mark.parametrize("qtype", [*CASES, "flashcard"])
def test_skip_and_quit(bank, qtype):
    # 's' and 'q' are commands unless they are answers here: s is the symbolic question's variable
    prefix = ":" if qtype == "symbolic" else ""
    result = quiz(bank, "--type", qtype, input=f"{prefix}s\n")
    assert "skipped" in result.output and "1 skipped" in result.output
    result = quiz(bank, "--type", qtype, input=f"{prefix}q\n")
    assert result.exit_code == 0 and "0 answered" in result.output
    attempts, cards = stored()
    assert [a["skipped"] for a in attempts] == [1] and cards == {}


def test_flashcard_reveal_and_rating(bank):
    result = quiz(bank, "--type", "flashcard", input="grows with d\nsometimes\n4\n")
    assert result.exit_code == 0, result.output
    assert "Dot products grow with d_k." in result.output
    attempts, _ = stored()
    assert attempts[0]["rating"] == 4


def test_a_whole_chapter_in_chinese_and_the_notes_slip(bank):
    result = quiz(bank, "--lang", "zh", "--limit", "1", input="a\n")
    assert "哪个步长收敛？" in result.output and "正确" in result.output
    assert "讲义此处写成 eta^2。" in result.output and "小步长收敛。" in result.output


def test_seed_reproduces_variants_and_order(bank, tmp_path, monkeypatch):
    outputs = []
    for home in ("h1", "h2"):
        monkeypatch.setenv("MLVC_REVIEW_HOME", str(tmp_path / home))
        outputs.append(quiz(bank, "--seed", "42", "--limit", "7", input=":s\n" * 7).output)
    assert outputs[0] == outputs[1] and "pixels" in outputs[0]
    # another seed draws other variants (over a few seeds, at least one differs)
    monkeypatch.setenv("MLVC_REVIEW_HOME", str(tmp_path / "h3"))
    shown = {line for line in outputs[0].splitlines() if "pixels" in line}
    others = [quiz(bank, "--seed", str(s), "--type", "numeric", input=":s\n:s\n").output for s in (1, 2, 3)]
    assert any(shown.isdisjoint(o.splitlines()) for o in others)


def test_due_questions_come_back_and_new_only_skips_them(bank, monkeypatch):
    quiz(bank, "--limit", "2", "--seed", "1", input="b\nc\n")  # both wrong
    import mlvc_review.quiz.store as store_mod

    later = store_mod.utc_now() + timedelta(days=1)
    monkeypatch.setattr(store_mod, "utc_now", lambda: later)
    due = quiz(bank, "--due", input=":s\n:s\n:s\n")
    assert "c-choice" in due.output and "c-multi" in due.output and "c-numeric" not in due.output
    new = quiz(bank, "--new", "--limit", "1", input="")
    assert "c-numeric" in new.output and "c-choice" not in new.output
    review = runner.invoke(app, ["review", "--bank", bank, "--only-bank"], input=":s\n:s\n:s\n")
    assert review.exit_code == 0 and "c-choice" in review.output and "c-numeric" not in review.output


def test_review_by_exam_date_asks_the_weakest_first(bank):
    quiz(bank, "--limit", "2", "--seed", "1", input="b\n\na b\n")  # choice wrong, multi right
    result = runner.invoke(app, ["review", "--bank", bank, "--only-bank", "--exam-date", "2030-06-01", "--limit", "1"], input="")
    assert result.exit_code == 0 and "c-choice" in result.output and "c-multi" not in result.output
    bad = runner.invoke(app, ["review", "--bank", bank, "--only-bank", "--exam-date", "June"], input="")
    assert bad.exit_code == UsageError.exit_code and "YYYY-MM-DD" in bad.output
    past = runner.invoke(app, ["review", "--bank", bank, "--only-bank", "--exam-date", "2020-01-01"], input="")
    assert past.exit_code == UsageError.exit_code and "2020-01-01 is in the past" in past.output


def test_nothing_due_says_so(bank):
    result = runner.invoke(app, ["review", "--bank", bank, "--only-bank"], input="")
    assert result.exit_code == 0 and "nothing to ask" in result.output


def test_stats_reflect_answers(bank):
    quiz(bank, "--limit", "3", "--seed", "1", input="a\nc\n76\n")
    result = runner.invoke(app, ["stats", "--bank", bank, "--only-bank", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["chapter"]: r for r in json.loads(result.output)["chapters"]}
    row = rows[1]
    assert (row["answered"], row["correct"], row["seen"], row["questions"]) == (3, 2, 3, 7)
    assert row["accuracy"] == pytest.approx(2 / 3) and 0 < row["retrievability"] <= 1 and row["leeches"] == 0
    table = runner.invoke(app, ["stats", "--bank", bank, "--only-bank"])
    assert table.exit_code == 0 and "Optimization" in table.output and "67%" in table.output


def test_exam_reports_per_chapter_and_excludes_code_and_flashcards(bank):
    from mlvc_review.bank.loader import load_bank
    from mlvc_review.quiz.exam import plan_exam

    items, _ = plan_exam(load_bank([bank], include_shipped=False).questions, count=2, seed=3)
    right = {qid: answer for qid, answer, _, _ in CASES.values()}
    answers = "".join(right.get(item.question.id, ":s") + "\n" for item in items)
    result = runner.invoke(app, ["exam", "--bank", bank, "--only-bank", "--chapters", "1", "--questions", "2", "--seed", "3"],
                           input=answers)
    assert result.exit_code == 0, result.output
    assert "1 code/flashcard question(s) are left out" in result.output
    assert "exam report" in result.output and "✓ correct" not in result.output
    attempts, _ = stored()
    assert [a["mode"] for a in attempts] == ["exam", "exam"]
    bad = runner.invoke(app, ["exam", "--bank", bank, "--only-bank", "--chapters", "1-99"])
    assert bad.exit_code == UsageError.exit_code and "no chapter" in bad.output


def test_progress_export_and_reset_with_confirmation(bank, tmp_path):
    quiz(bank, "--limit", "1", input="a\n")
    out = tmp_path / "progress.json"
    result = runner.invoke(app, ["progress", "export", str(out)])
    assert result.exit_code == 0
    data = json.loads(out.read_text())
    assert len(data["attempts"]) == 1 and data["cards"][0]["question_id"] == "c-choice"
    declined = runner.invoke(app, ["progress", "reset", "--chapter", "1"], input="n\n")
    assert declined.exit_code == 1 and len(stored()[0]) == 1
    confirmed = runner.invoke(app, ["progress", "reset", "--chapter", "1"], input="y\n")
    assert confirmed.exit_code == 0 and stored() == ([], {})
    quiz(bank, "--limit", "1", input="a\n")
    unasked = runner.invoke(app, ["progress", "reset", "--yes"])
    assert unasked.exit_code == 0 and "deleted ALL progress: 1 attempts" in unasked.output and stored() == ([], {})
    assert "suspended" not in unasked.output


def test_a_reset_says_that_suspended_questions_stay_suspended(bank):
    from mlvc_review.quiz.settings import load_settings, suspend

    quiz(bank, "--limit", "1", input="a\n")
    suspend("c-choice")
    for lang, words in (("en", "1 suspended questions stay suspended"), ("zh", "1 道已暂停的题目仍保持暂停")):
        result = runner.invoke(app, ["progress", "reset", "--yes", "--lang", lang])
        assert result.exit_code == 0 and words in result.output and "progress unsuspend --all" in result.output
    assert load_settings().suspended == ("c-choice",)


def test_unknown_chapter_topic_and_type_are_usage_errors(bank):
    for result, message in [
        (quiz(bank, command=("quiz", "chapter", "42")), "no chapter '42'"),
        (quiz(bank, command=("quiz", "topic", "nope")), "no question has the tag 'nope'"),
        (quiz(bank, "--type", "essay"), "--type 'essay'"),
    ]:
        assert result.exit_code == UnknownQuestion.exit_code == UsageError.exit_code
        assert message in result.output
    topic = quiz(bank, "--limit", "1", command=("quiz", "topic", "sigmoid"), input="s*(1-s)\n")
    assert "✓ correct" in topic.output


def test_corrupt_store_is_reported_and_replaced(bank, _isolated_home):
    (_isolated_home / "progress.db").write_bytes(b"garbage" * 1000)
    result = quiz(bank, "--limit", "1", input="a\n")
    assert result.exit_code == 0
    assert "moved to progress.db.corrupt-" in result.output
    assert len(stored()[0]) == 1


CODE_BANK = """
chapter: 1
questions:
  - id: c-code
    type: code
    topic: linear-models
    prompt: "Implement normal_equation(X, y)."
    explanation: "Solve X^T X w = X^T y."
    function: normal_equation
    reference: mlvc_reference.linear_models:normal_equation
"""

SOLUTIONS = {
    True: "import numpy as np\n\ndef normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n",
    False: "import numpy as np\n\ndef normal_equation(X, y):\n    return X.T @ y\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("right", [True, False])
def test_code_question_is_graded_by_the_real_grader(tmp_path, write_bank, right):
    directory = write_bank(CODE_BANK, "codebank")
    work = tmp_path / "work"
    work.mkdir()
    # the student's file already exists: the quiz keeps it and grades it on "ready"
    (work / "normal_equation.py").write_text(SOLUTIONS[right])
    result = runner.invoke(app, ["quiz", "chapter", "1", "--bank", str(directory), "--only-bank",
                                 "--workdir", str(work)], input="later\nready\n")
    assert result.exit_code == 0, result.output
    assert (work / "normal_equation.py").read_text() == SOLUTIONS[right]
    assert "when the file is saved" in result.output  # "later" was not an attempt
    assert "is kept and graded as it is" in result.output
    attempts, cards = stored()
    assert [a["correct"] for a in attempts] == [int(right)] and "c-code" in cards
    if right:
        assert "✓ correct" in result.output
    else:
        assert "forgot the inverse" in result.output and attempts[0]["rating"] == 1


def test_code_question_starter_is_written(tmp_path, write_bank):
    directory = write_bank(CODE_BANK, "codebank")
    result = runner.invoke(app, ["quiz", "chapter", "1", "--bank", str(directory), "--only-bank",
                                 "--workdir", str(tmp_path)], input=":s\n")
    assert result.exit_code == 0, result.output
    assert "def normal_equation" in (tmp_path / "normal_equation.py").read_text()
    assert "1 skipped" in result.output


def test_the_cli_imports_no_heavy_module_at_start_up():
    from import_probe import imported_after

    heavy = ("torch", "sympy", "hypothesis", "fsrs", "numpy", "mlvc_review.quiz.store", "mlvc_review.quiz.session")
    assert imported_after("import mlvc_review.cli.quiz", heavy)[0] == []
