"""The honest alternative submissions pass the contract; the stub has the contract's shape.

These files are fixtures of the grader's tests (tests/fixtures/submissions/); here
they are imported in-process and compared with the references directly.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
import inspect
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from ref_cases import call, extreme_cases, generic_cases, outcome, outcomes_differ, same

from known_mistakes import MISTAKES
from mlvc_reference.registry import REFERENCES, load_impl, reference

# the contract: "NumPy warnings (overflow in exp with a finite, correct result) are not failures"
pytestmark = pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")

SUBMISSIONS = Path(__file__).resolve().parents[1] / "fixtures" / "submissions"
HONEST = ["honest_loops", "honest_torch", "honest_einsum"]  # the first wave's styles; later tasks: ch<N>/honest_*.py


def _load(stem: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_submission_{stem.replace('/', '_')}", SUBMISSIONS / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _honest_files() -> list[str]:
    """The first wave's files, checked here in-process on every function they define. The later tasks'
    honest styles (ch<N>/honest_*.py) are proven through the real grader in tests/grading/test_tasks_common.py,
    which also judges tasks whose answer is not unique (PCA, xor_network) and tasks that take a model."""
    return HONEST


def _defined(stem: str) -> list[str]:
    import ast

    tree = ast.parse((SUBMISSIONS / f"{stem}.py").read_text())
    return sorted({n.name for n in tree.body if isinstance(n, ast.FunctionDef)} & set(REFERENCES))


def _unique_answer(function: str) -> bool:
    """Whether the grader judges `function` by equality with the reference (not by properties: xor_network, PCA, ...)."""
    from mlvc_review.grading.spec import get_task, has_task

    return not has_task(function) or all(c.kind == "compare" for c in get_task(function).checks if c.name == "values")


# (honest file, function) for every reference function each honest file defines
PAIRS = [(stem, f) for stem in _honest_files() for f in _defined(stem)]
EQUAL = [(stem, f) for stem, f in PAIRS if _unique_answer(f)]


@lru_cache(maxsize=None)
def _module(stem: str) -> ModuleType:
    return _load(stem)


def _all_cases() -> dict[str, list]:
    cases: dict[str, list] = {name: [] for name in REFERENCES}
    for source in [generic_cases(seed) for seed in (20260127, 1, 2)] + [extreme_cases()]:
        for name, items in source.items():
            cases[name].extend(items)
    return cases


CASES = _all_cases()


def test_every_honestly_implemented_function_has_cases_to_compare_on():
    assert sorted({f for _, f in PAIRS if not CASES[f]}) == []


@pytest.mark.parametrize("stem, function", EQUAL)
def test_honest_submission_matches_reference(stem, function):
    student, ref = getattr(_module(stem), function), reference(function)
    for i, case in enumerate(CASES[function]):
        expected, got = call(ref, case), call(student, case)
        assert same(expected, got), f"{stem}.{function} differs on case {i}"


@pytest.mark.parametrize("stem, function", PAIRS)
def test_honest_submission_has_contract_arity_and_keeps_inputs(stem, function):
    # parameter names are advice (the grader passes arguments by position): only their number counts
    ref_params = list(inspect.signature(reference(function)).parameters)
    assert len(inspect.signature(getattr(_module(stem), function)).parameters) == len(ref_params)
    for args, kwargs in CASES[function]:
        before = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        getattr(_module(stem), function)(*args, **kwargs)
        for a, b in zip(args, before):
            if isinstance(a, np.ndarray):
                np.testing.assert_array_equal(a, b)


@pytest.fixture(scope="module", params=HONEST)
def honest(request) -> ModuleType:
    return _module(request.param)


def test_honest_conv_output_size_returns_int_and_raises(honest):
    assert type(honest.conv_output_size(10, 3, 2, 2, 3)) is int
    for bad in [(0, 3), (5, 3, -1), (5, 3, 0, 0), (2, 3), (4, 3, 0, 1, 2)]:
        with pytest.raises(ValueError):
            honest.conv_output_size(*bad)


def test_torch_submission_really_returns_tensors_and_lists():
    import torch

    module = _load("honest_torch")
    (args, kwargs), *_ = generic_cases()["linear_backward"]
    grads = module.linear_backward(*args, **kwargs)
    assert isinstance(grads, list) and all(isinstance(g, torch.Tensor) for g in grads)
    assert isinstance(module.softmax(np.zeros(3)), torch.Tensor)


@pytest.mark.parametrize("stem, function", EQUAL)
def test_honest_submission_is_never_taken_for_a_known_mistake(stem, function):
    student = getattr(_module(stem), function)
    for m in MISTAKES.get(function, []):
        wrong = load_impl(m["impl"])
        assert any(
            outcomes_differ(outcome(wrong, c), outcome(student, c)) for c in CASES[function]
        ), f"{stem}.{function} would be diagnosed as {m['name']!r}"


def _params(fn) -> list[tuple[str, object]]:
    return [(p.name, p.default) for p in inspect.signature(fn).parameters.values()]


def test_starter_stubs_have_the_references_signatures_and_raise():
    from mlvc_review.grading.contract import CONTRACT
    from mlvc_review.grading.starter import starter_source

    functions = sorted(f for f in REFERENCES if f in CONTRACT and CONTRACT[f].kind == "function")
    namespace: dict = {}
    exec(starter_source([CONTRACT[f] for f in functions]), namespace)  # trusted: our own starter file
    cases = generic_cases()
    for function in functions:
        fn = namespace[function]
        assert [name for name, _ in _params(fn)] == [name for name, _ in _params(reference(function))], function
        for args, kwargs in cases.get(function, [])[:1]:
            with pytest.raises(NotImplementedError):
                fn(*args, **kwargs)
