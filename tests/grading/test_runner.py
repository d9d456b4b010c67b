"""The runner and check kinds, on an in-process fake sandbox (trusted test sources only)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_review.grading import spec as spec_mod
from mlvc_review.grading.checks.compare import compare
from mlvc_review.grading.discovery import discover_source
from mlvc_review.grading.checks.explore import NEEDS_GPU
from mlvc_review.grading.runner import NO_CHECKS, Options, grade_submission
from mlvc_review.grading.spec import Case, Check, TaskSpec
from mlvc_review.grading.taskinfo import TaskInfo

sys.path.insert(0, str(Path(__file__).parent))
from _fake_sandbox import FakePool  # noqa: E402

WRONG_NE = "def normal_equation(X, y):\n    return X.T @ y\n"
RIGHT_NE = "import numpy as np\ndef normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n"


def grade(source: str, requested: dict | None = None, **options):
    sub = discover_source(source, Path("sub.py"))
    return grade_submission(sub, FakePool(), requested or {}, Options(**({"seed": 5, "examples": 30} | options)))


def ints(lo: int, hi: int):
    def strategy():
        return st.integers(lo, hi).map(lambda n: Case((n,), label=f"n={n}"))

    return strategy


@pytest.fixture
def custom_task(monkeypatch):
    """Register a TaskSpec for a contract function for the duration of one test."""
    spec_mod.load_all()

    def put(function: str, reference: str, *checks: Check, **kw) -> None:
        monkeypatch.setitem(spec_mod.TASKS, function, TaskSpec(function, reference, tuple(checks), **kw))

    return put


def test_wrong_answer_fails_with_a_shrunk_input_and_the_diagnosis():
    task = grade(WRONG_NE).tasks[0]
    assert task.function == "normal_equation" and task.status == "failed" and task.score == 0.0  # no partial credit
    values = next(c for c in task.checks if c.name == "values")
    ce = values.counterexample()
    assert values.status == "failed" and ce["expected"] is not None and ce["got"] is not None
    assert ce["args"][0]["shape"] == [1, 1]  # shrunk to the smallest problem
    assert ce["max_abs_err"] > 0 and ce["max_rel_err"] > 0
    assert task.diagnosis["name"] == "forgot the inverse"


def test_right_answer_passes_in_full():
    task = grade(RIGHT_NE).tasks[0]
    assert task.status == "passed" and task.score == task.max_score == 1.0
    assert all(c.status == "passed" and c.examples > 0 for c in task.checks)


def test_same_seed_same_report():
    def shown(seed):
        task = grade(WRONG_NE, seed=seed).tasks[0]
        return [(c.name, c.status, c.message, c.examples, repr(c.counterexample())) for c in task.checks]

    assert shown(11) == shown(11)


def test_contract_function_without_spec_is_skipped_never_passed(monkeypatch):
    spec_mod.load_all()
    monkeypatch.delitem(spec_mod.TASKS, "xor_network", raising=False)
    task = grade("def xor_network():\n    return 1\n").tasks[0]
    assert task.status == "skipped" and task.message == NO_CHECKS and task.max_score == 0


def test_requested_function_missing_and_near_miss():
    result = grade("def normal_eqn(X, y):\n    return X\n")
    assert result.tasks[0].status == "error" and "did you mean `normal_equation`" in result.tasks[0].message
    requested = {"ridge_regression": TaskInfo("ch1-ridge", "ridge_regression")}
    task = grade(RIGHT_NE, requested).tasks[0]
    assert task.task == "ch1-ridge" and task.status == "error" and "not defined" in task.message


def test_uncallable_signature_is_an_error_before_running():
    task = grade("def normal_equation(X):\n    return X\n").tasks[0]
    assert task.status == "error" and "takes 1 parameter" in task.message and task.checks == []


def test_renamed_parameters_are_a_note_never_a_failure():
    result = grade(RIGHT_NE.replace("(X, y)", "(A, b)").replace("X.T @ X, X.T @ y", "A.T @ A, A.T @ b"))
    task = result.tasks[0]
    assert "signature" not in {c.name for c in task.checks} and task.status == "passed"
    assert any("('A' for 'X', 'b' for 'y')" in n for n in result.notes)


def test_a_wrong_default_still_fails_a_signature_check():
    source = "import numpy as np\ndef softmax(z, axis=0):\n    e = np.exp(z - z.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n"
    task = grade(source).tasks[0]
    names = {c.name: c.status for c in task.checks}
    assert names["signature"] == "failed" and task.status == "failed"


def test_keyword_cases_are_passed_by_position():
    from mlvc_review.grading.checks.kinds import positional

    x = object()
    assert positional("softmax", [x], {"axis": 0}) == ([x, 0], {})
    assert positional("conv2d", [x, x], {"padding": 2}) == ([x, x, None, 1, 2], {})
    assert positional("softmax", [x], {}) == ([x], {})
    assert positional("softmax", [x], {"unknown": 1}) == ([x], {"unknown": 1})
    assert positional("not_a_task", [x], {"axis": 0}) == ([x], {"axis": 0})


def test_question_checks_select_and_hidden_checks_withhold_expected():
    info = TaskInfo("ch1-ne", "normal_equation", checks=("values",), hidden=("values",), hints=())
    task = grade(WRONG_NE, {"normal_equation": info}).tasks[0]
    assert [c.name for c in task.checks] == ["values"]
    ce = task.checks[0].counterexample()
    assert ce["hidden"] is True and ce["expected"] is None and ce["args"]


def test_import_failure_reports_every_task():
    result = grade("raise RuntimeError('boom')\n" + RIGHT_NE)
    task = result.tasks[0]
    assert task.status == "error" and all("importing the file failed" in c.message for c in task.checks)


def test_raises_kind(custom_task):
    custom_task("conv_output_size", "mlvc_reference.convolution:conv_output_size",
                Check("errors", "raises", strategy=ints(-5, 0), raises=ValueError, max_examples=20))
    good = "def conv_output_size(I, K, P=0, S=1, D=1):\n    raise ValueError('I < 1')\n"
    silent = "def conv_output_size(I, K, P=0, S=1, D=1):\n    return -1\n"
    wrong_type = "def conv_output_size(I, K, P=0, S=1, D=1):\n    raise TypeError('no')\n"
    src = lambda body: body.replace("(I, K, P=0, S=1, D=1)", "(I, K=1, P=0, S=1, D=1)")  # noqa: E731
    assert grade(src(good)).tasks[0].status == "passed"
    failed = grade(src(silent)).tasks[0].checks[0]
    assert failed.status == "failed" and "instead of raising ValueError" in failed.message
    assert "the contract requires ValueError" in grade(src(wrong_type)).tasks[0].checks[0].message


def test_mutation_kind_catches_in_place_changes(custom_task):
    def cases():
        return [Case((np.arange(4.0),), label="vector")]

    custom_task("sigmoid", "mlvc_reference.activations:sigmoid", Check("no mutation", "mutation", examples=cases))
    clean = "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
    dirty = "import numpy as np\ndef sigmoid(x):\n    x *= -1\n    np.exp(x, out=x)\n    x += 1\n    return 1 / x\n"
    assert grade(clean).tasks[0].status == "passed"
    check = grade(dirty).tasks[0].checks[0]
    assert check.status == "failed" and "modified in place" in check.message


def test_property_kind(custom_task):
    def positive(case, got):
        return None if np.all(np.asarray(got) > 0) else "values must be positive"

    custom_task("sigmoid", "mlvc_reference.activations:sigmoid",
                Check("positive", "property", examples=lambda: [Case((np.array([-3.0, 0.0, 3.0]),))], prop=positive))
    assert grade("import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n").tasks[0].status == "passed"
    assert grade("def sigmoid(x):\n    return -x\n").tasks[0].checks[0].message == "values must be positive"


def test_timeout_stops_the_check_without_shrinking(custom_task):
    custom_task("sigmoid", "mlvc_reference.activations:sigmoid",
                Check("values", "compare", strategy=lambda: st.just(Case((np.zeros(3),))), max_examples=50))
    check = grade("def sigmoid(x):\n    raise TimeoutError\n").tasks[0].checks[0]
    assert check.status == "timeout" and check.examples == 1


def test_reference_failure_is_a_grader_error_not_the_students(custom_task):
    custom_task("sigmoid", "mlvc_reference.convolution:conv_output_size",
                Check("values", "compare", examples=lambda: [Case((np.zeros(3),))]))
    check = grade("def sigmoid(x):\n    return x\n").tasks[0].checks[0]
    assert check.status == "error" and check.message.startswith("grader error")


def test_heavy_checks_skip_without_a_device_and_never_pass(custom_task):
    custom_task("sigmoid", "mlvc_reference.activations:sigmoid",
                Check("values", "compare", examples=lambda: [Case((np.zeros(3),))]),
                Check("large", "compare", examples=lambda: [Case((np.zeros(3),))], heavy=True))
    source = "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
    task = grade(source).tasks[0]
    heavy = task.checks[1]
    assert heavy.status == "skipped" and heavy.message == NEEDS_GPU and task.status == "passed"
    assert grade(source, heavy_ok=True).tasks[0].checks[1].status == "passed"


def test_nondeterministic_submission_does_not_crash_the_grader():
    src = "import numpy as np\ndef normal_equation(X, y):\n    w = np.linalg.solve(X.T @ X, X.T @ y)\n    return w + (np.random.rand() < 0.5)\n"
    task = grade(src).tasks[0]
    assert task.status in ("failed", "error")


@settings(max_examples=40)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=6), st.floats(1e-3, 1.0))
def test_compare_accepts_equal_and_rejects_perturbed(values, bump):
    a = np.array(values)
    assert compare(a, a.copy()) is None
    assert compare(a, [float(v) for v in values]) is None
    b = a.copy()
    b[0] += bump * (1 + abs(b[0]))
    found = compare(a, b)
    assert found is not None and found.max_abs_err > 0


def test_compare_structure_shape_dtype_and_nan_rules():
    a = np.ones((2, 3))
    assert "shape (3, 2)" in compare(a, a.T).message
    assert compare((a, a), [a, a]) is None
    assert "expected a tuple of 2" in compare((a, a), a).message
    assert "integer type" in compare(np.array([1, 2]), np.array([1.0, 2.0])).message
    assert compare(np.array([np.nan, 1.0]), np.array([np.nan, 1.0])) is None
    assert compare(np.array([1.0]), np.array([np.nan])) is not None
    assert "finite" in compare(np.array([1.0]), np.array([np.inf]), nan_policy="forbid").message
    assert "boolean" in compare(np.eye(2) > 0, np.eye(2)).message
    assert "None" in compare(a, None).message


def test_code_tasks_come_from_the_bank_file_cache_without_pydantic(tmp_path):
    from import_probe import imported_after

    from mlvc_review.bank.loader import load_bank

    expected = sorted(q.id for q in load_bank().select(qtype="code"))  # fills the file cache
    code = (
        "from mlvc_review.grading import taskinfo\n"
        "print(sorted(i.id for i in taskinfo.code_tasks()))\n"
        "i = taskinfo.for_function('normal_equation'); print(len(i.mistakes), i.hints_for(['no mutation'], False, 1, 'zh'))\n"
    )
    # cwd away from a checkout, so the child imports the same installed package as this test
    imported, proc = imported_after(code, ("pydantic",), cwd=tmp_path)
    out = proc.stdout.splitlines()
    assert out[0] == str(expected)
    assert imported == []
    assert int(out[1].split()[0]) >= 3 and "[]" not in out[1]


def test_an_incomplete_file_cache_falls_back_to_the_bank(monkeypatch):
    from mlvc_review.bank import filecache
    from mlvc_review.grading import taskinfo

    monkeypatch.setattr(taskinfo, "_INFOS", None)
    monkeypatch.setattr(filecache, "get", lambda path: None)
    infos = taskinfo.code_tasks()
    assert any(i.function == "scaled_dot_product_attention" and i.mistakes for i in infos)


def test_drawn_cases_are_shared_by_later_submissions_without_hypothesis(monkeypatch):
    from mlvc_review.grading.checks import explore, sampling

    monkeypatch.setattr(explore, "_SAMPLES", {})

    def shown(source):
        task = grade(source, seed=21).tasks[0]
        return [(c.name, c.status, c.message, c.examples, repr(c.counterexample())) for c in task.checks]

    fresh_wrong = shown(WRONG_NE)
    fresh_right = shown(RIGHT_NE)
    assert explore._SAMPLES  # the drawn cases were kept
    draws, engine = [], []
    real_draws = sampling.draws
    monkeypatch.setattr(sampling, "draws", lambda *a, **k: draws.append(1) or real_draws(*a, **k))
    import hypothesis

    real_given = hypothesis.given
    monkeypatch.setattr(hypothesis, "given", lambda *a, **k: engine.append(1) or real_given(*a, **k))
    assert shown(RIGHT_NE) == fresh_right and shown(WRONG_NE) == fresh_wrong  # same cases, same shrunk report
    assert draws == [] and engine == []  # nothing drawn again, and no hypothesis engine at all
    monkeypatch.setattr(explore, "_SAMPLES", {})
    assert shown(WRONG_NE) == fresh_wrong and draws  # drawn afresh: the same sequence


def test_replayed_hypothesis_cases_give_the_same_reports_as_fresh_runs(custom_task, monkeypatch):
    from mlvc_review.grading.checks import explore

    monkeypatch.setattr(explore, "_REPLAY", {})
    custom_task("sigmoid", "mlvc_reference.activations:sigmoid",
                Check("values", "compare", strategy=lambda: st.integers(-5, 5).map(lambda n: Case((np.full(3, float(n)),))), max_examples=20))
    right = "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
    wrong = "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x)) if x[0] < 2 else x\n"

    def shown(source):
        task = grade(source, seed=21).tasks[0]
        return [(c.name, c.status, c.message, c.examples, repr(c.counterexample())) for c in task.checks]

    fresh_wrong = shown(wrong)
    fresh_right = shown(right)
    assert explore._REPLAY  # the passing run was recorded
    calls = []
    import hypothesis

    real_given = hypothesis.given
    monkeypatch.setattr(hypothesis, "given", lambda *a, **k: calls.append(1) or real_given(*a, **k))
    assert shown(right) == fresh_right and calls == []  # replayed, no engine
    assert shown(wrong) == fresh_wrong and calls  # failure: the real run, same shrunk report


def test_gradient_kind_through_the_real_sandbox(custom_task):
    from mlvc_review.grading.sandbox.pool import WorkerPool

    def cases():
        return [Case((np.linspace(-2.0, 2.0, 6).reshape(2, 3),), label="2x3")]

    custom_task("sigmoid", "torch:sigmoid", Check("gradient", "gradient", examples=cases, mode="torch"), framework="torch")
    right = "import torch\ndef sigmoid(x):\n    return 1 / (1 + torch.exp(-x))\n"
    detached = "import torch\ndef sigmoid(x):\n    return torch.sigmoid(x.detach() * 2).requires_grad_()\n"
    with WorkerPool(torch=True) as pool:
        for source, status in ((right, "passed"), (detached, "failed")):
            sub = discover_source(source, Path("sub.py"))
            task = grade_submission(sub, pool, {}, Options(seed=1)).tasks[0]
            assert task.checks[0].status == status, task.checks[0].message


def test_a_replayed_timeout_is_reported_once_at_the_same_case(custom_task, monkeypatch):
    from mlvc_review.grading.checks import explore

    monkeypatch.setattr(explore, "_REPLAY", {})
    custom_task("sigmoid", "mlvc_reference.activations:sigmoid",
                Check("values", "compare", strategy=lambda: st.integers(0, 9).map(lambda n: Case((np.full(3, float(n)),))), max_examples=10))
    grade("import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n")  # records the sequence
    slow = "def sigmoid(x):\n    if x[0] == 0:\n        return x * 0 + 0.5\n    raise TimeoutError\n"
    replayed = grade(slow).tasks[0].checks[0]
    monkeypatch.setattr(explore, "_REPLAY", {})
    fresh = grade(slow).tasks[0].checks[0]
    assert replayed.status == fresh.status == "timeout" and replayed.failure.case.args[0][0] != 0
    assert (replayed.examples, repr(replayed.counterexample())) == (fresh.examples, repr(fresh.counterexample()))


def test_fixed_examples_are_built_and_answered_once_for_a_batch(custom_task, monkeypatch):
    built, answered = [], []

    def examples():
        built.append(1)
        return [Case((np.full(3, float(n)),), label=f"n={n}") for n in range(4)]

    def reference(x):
        answered.append(1)
        return 1 / (1 + np.exp(-x))

    real = spec_mod.resolve
    monkeypatch.setattr(spec_mod, "resolve", lambda path: reference if path == "counting:sigmoid" else real(path))
    custom_task("sigmoid", "counting:sigmoid", Check("edge shapes", "compare", examples=examples))
    source = "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
    for _ in range(3):  # three submissions graded by one process
        assert grade(source).tasks[0].status == "passed"
    assert (len(built), len(answered)) == (1, 4)


def test_hints_follow_what_failed_and_none_is_better_than_a_wrong_one():
    from mlvc_review.grading.taskinfo import TaskInfo

    info = TaskInfo("t", "softmax", hints=({"en": "Subtract the max first.", "zh": None},),
                    check_hints=(("stability", {"en": "Subtract the max before exp.", "zh": "先减去最大值。"}),))
    assert info.hints_for(["stability"], False, 2, "zh") == ["先减去最大值。"]
    assert info.hints_for(["values"], False, 2, "en") == []  # the quiz's hints never stand in for the grader's
    assert info.hints_for(["stability"], True, 2, "en") == []  # a named mistake explains itself
    both = info.hints_for(["no mutation", "stability"], False, 2, "en")
    assert both[0].startswith("Your function changed an argument in place") and both[1] == "Subtract the max before exp."
    assert info.hints_for(["no mutation", "stability"], False, 1, "en") == both[:1]


def test_the_stability_hint_is_shown_only_where_its_premise_holds():
    """'the result overflows at the extreme inputs': not for per-example losses (a finite vector
    where a number is due), nor for any finite wrong value there."""
    from mlvc_review.grading.checks.explore import CheckResult
    from mlvc_review.grading.checks.kinds import Failure
    from mlvc_review.grading.runner import _hint_premise_holds

    def result(name, status, got=None):
        evidence = [Failure("failed", "x", Case((np.zeros(2),)), got=got)] if status == "failed" else []
        return CheckResult(name, "compare", status, evidence=evidence)

    overflow = result("stability", "failed", got=np.array([np.nan, 1.0]))
    finite = result("stability", "failed", got=np.array([1.1, 1.1]))
    nested = result("stability", "failed", got=(np.array([1.0]), [np.inf]))
    fine = [result("values", "passed"), result("edge shapes", "passed")]
    assert _hint_premise_holds(overflow, [*fine, overflow])
    assert _hint_premise_holds(nested, [*fine, nested])
    assert not _hint_premise_holds(finite, [*fine, finite])
    assert _hint_premise_holds(overflow, [result("values", "failed", got=np.ones(2)), fine[1], overflow])  # two bugs
    assert _hint_premise_holds(result("no mutation", "failed"), [])


def test_per_example_losses_get_no_overflow_hint(tmp_path):
    from _grade_cli import grade_json

    path = tmp_path / "sol.py"
    path.write_text("import numpy as np\n\n\ndef cross_entropy(logits, labels):\n"
                    "    z = logits - logits.max(axis=1, keepdims=True)\n"
                    "    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
                    "    return -log_p[np.arange(len(labels)), labels]\n")
    _, doc = grade_json(path, tmp_path, examples=5)
    task = doc["submissions"][0]["tasks"][0]
    assert {c["name"] for c in task["checks"] if c["status"] == "failed"} >= {"values", "stability"}
    assert not any("overflow" in h for h in task["hints"])


def test_a_crash_shows_type_message_and_the_students_own_line_and_no_unrelated_hint(tmp_path):
    from _grade_cli import grade_json

    path = tmp_path / "sol.py"
    path.write_text("import numpy as np\n\n\ndef conv_output_size(I, K, P=0, S=1, D=1):\n    n = np.int(I)\n    return n\n")
    _, doc = grade_json(path, tmp_path, examples=3)
    task = doc["submissions"][0]["tasks"][0]
    message = next(c["message"] for c in task["checks"] if c["name"] == "values")
    assert message.startswith("raised AttributeError: module 'numpy' has no attribute 'int'")
    assert message.splitlines()[-1].strip() == "at line 5 of sol.py: n = np.int(I)"
    assert task["hints"] == []
