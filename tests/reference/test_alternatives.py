"""The honest alternative submissions pass the contract; the stub has the contract's shape.

These files are fixtures of the grader's tests (tests/fixtures/submissions/); here
they are imported in-process and compared with the references directly.
"""

from __future__ import annotations

import importlib.util
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
HONEST = ["honest_loops", "honest_torch", "honest_einsum"]


def _load(stem: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_submission_{stem}", SUBMISSIONS / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=HONEST)
def honest(request) -> ModuleType:
    return _load(request.param)


def _all_cases() -> dict[str, list]:
    cases: dict[str, list] = {name: [] for name in REFERENCES}
    for source in [generic_cases(seed) for seed in (20260127, 1, 2)] + [extreme_cases()]:
        for name, items in source.items():
            cases[name].extend(items)
    return cases


CASES = _all_cases()


@pytest.mark.parametrize("function", sorted(REFERENCES))
def test_honest_submission_matches_reference(honest, function):
    student, ref = getattr(honest, function), reference(function)
    for i, case in enumerate(CASES[function]):
        expected, got = call(ref, case), call(student, case)
        assert same(expected, got), f"{honest.__name__}.{function} differs on case {i}"


@pytest.mark.parametrize("function", sorted(REFERENCES))
def test_honest_submission_has_contract_signature_and_keeps_inputs(honest, function):
    ref_params = list(inspect.signature(reference(function)).parameters)
    assert list(inspect.signature(getattr(honest, function)).parameters) == ref_params
    for args, kwargs in CASES[function]:
        before = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        getattr(honest, function)(*args, **kwargs)
        for a, b in zip(args, before):
            if isinstance(a, np.ndarray):
                np.testing.assert_array_equal(a, b)


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


@pytest.mark.parametrize("function", sorted(REFERENCES))
def test_honest_submission_is_never_taken_for_a_known_mistake(honest, function):
    student = getattr(honest, function)
    for m in MISTAKES[function]:
        wrong = load_impl(m["impl"])
        assert any(
            outcomes_differ(outcome(wrong, c), outcome(student, c)) for c in CASES[function]
        ), f"{honest.__name__}.{function} would be diagnosed as {m['name']!r}"


def _params(fn) -> list[tuple[str, object]]:
    return [(p.name, p.default) for p in inspect.signature(fn).parameters.values()]


def test_stub_defines_every_function_with_contract_signature_and_raises():
    stub = _load("stub_all")
    for function in REFERENCES:
        fn = getattr(stub, function)
        assert _params(fn) == _params(reference(function)), function
        (args, kwargs), *_ = generic_cases()[function]
        with pytest.raises(NotImplementedError):
            fn(*args, **kwargs)
