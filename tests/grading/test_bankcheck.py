"""`bank validate` for code tasks, through the real sandbox and the real task specs."""

from __future__ import annotations

import sys

import pytest

from mlvc_review.bank.schema import CodeQuestion
from mlvc_review.grading import bankcheck
from mlvc_review.grading.bundle import bundle
from mlvc_review.grading.spec import load_all

from known_mistakes import MISTAKES

REFS = {
    "normal_equation": "mlvc_reference.linear_models:normal_equation",
    "ridge_regression": "mlvc_reference.linear_models:ridge_regression",
    "mul_backward": "mlvc_reference.backprop:mul_backward",
}


def question(function: str, mistakes: list[dict] | None = None, **extra) -> CodeQuestion:
    listed = MISTAKES.get(function, []) if mistakes is None else mistakes
    return CodeQuestion(
        id=f"test-{function.replace('_', '-')}", chapter=1, topic="t", type="code", prompt="p", explanation="e",
        function=function, reference=extra.pop("reference", REFS.get(function, "mlvc_reference.linear_models:normal_equation")),
        mistakes=[{"name": m["name"], "impl": m["impl"], "explain": {"en": m["explain_en"]}} for m in listed], **extra,
    )


@pytest.mark.parametrize("function", sorted(REFS))
def test_headline_tasks_prove_their_checks(function):
    assert MISTAKES[function], "the bank lists known mistakes"
    assert bankcheck.check_code_question(question(function)) == []


def test_a_mistake_that_is_really_correct_is_reported():
    fake = {"name": "not a mistake", "impl": REFS["normal_equation"], "explain_en": "x"}
    problems = bankcheck.check_code_question(question("normal_equation", [fake]))
    assert problems == [f"known mistake 'not a mistake' ({REFS['normal_equation']}) passes every check"]


def test_a_mistake_diagnosed_as_another_is_reported():
    first = MISTAKES["normal_equation"][0]
    twin = dict(first, name="same code, other name")
    problems = bankcheck.check_code_question(question("normal_equation", [first, twin]))
    assert len(problems) == 1 and "'same code, other name'" in problems[0] and f"diagnosed as '{first['name']}'" in problems[0]


def test_a_wrong_reference_is_reported():
    q = question("ridge_regression", [], reference="mlvc_reference.linear_models:normal_equation")
    problems = bankcheck.check_code_question(q)
    assert any("differs from the task spec" in p for p in problems)
    assert any("the reference does not pass its own checks" in p for p in problems)


def test_unknown_checks_and_functions():
    assert "is not one of" in bankcheck.check_code_question(question("normal_equation", [], checks=["speed"]))[0]
    assert "not in the coding-task contract" in bankcheck.check_code_question(question("normal_equation_v2", []))[0]


def test_one_shared_pool_serves_every_question():
    bankcheck.check_code_question(question("ridge_regression", []))
    pool = bankcheck.shared_pool(False)
    bankcheck.check_code_question(question("normal_equation", []))
    assert bankcheck.shared_pool(False) is pool


def test_every_reference_and_known_mistake_bundles():
    for function, spec in load_all().items():
        for impl in [spec.reference, *(m["impl"] for m in MISTAKES.get(function, []))]:
            source = bundle(impl, function)
            compile(source, f"{function}.py", "exec")
            assert source.rstrip().endswith(f"as {function}")


@pytest.mark.parametrize("impl", [
    "mlvc_reference.mistakes.linear_models:normal_equation_forgot_inverse",
    "mlvc_reference.attention:multi_head_attention",  # imports other reference modules
])
def test_bundle_is_self_contained(impl):
    source = bundle(impl, "f")
    assert "\nimport mlvc_reference" not in source and source.rstrip().endswith("as f")
    saved = dict(sys.modules)
    try:
        for name in [m for m in sys.modules if m.startswith("mlvc_reference")]:
            del sys.modules[name]
        namespace: dict = {}
        exec(compile(source, "bundle.py", "exec"), namespace)
        assert namespace["f"].__module__ == impl.split(":")[0]
        assert sys.modules["mlvc_reference"].__file__ == "<mlvc_reference>"  # loaded from the bundle, not the package
    finally:
        sys.modules.clear()
        sys.modules.update(saved)


def test_every_registered_task_has_a_resolvable_reference():
    from mlvc_review.grading.spec import resolve

    for function, spec in load_all().items():
        assert callable(resolve(spec.reference)), function
