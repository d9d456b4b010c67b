"""Chapter 1 task specs (normal equation, ridge, softmax) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest


sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade_source  # noqa: E402

CHAPTER = 1
FUNCTIONS = HEADLINE[CHAPTER]


@pytest.mark.parametrize("function", ["normal_equation", "ridge_regression"])
def test_drawn_X_is_well_conditioned_and_both_y_forms_are_drawn(function):
    cases = drawn(check_named(function, "values").strategy(), n=40)
    ndims = set()
    for case in cases:
        X, y = case.args[0], case.args[1]
        s = np.linalg.svd(X, compute_uv=False)
        assert X.shape[0] >= X.shape[1] and s.min() > 0.4 and s.max() < 2.1, case.label
        ndims.add(y.ndim)
    assert ndims == {1, 2}


def test_ridge_draws_lambda_zero_and_positive_lambdas():
    lams = {case.args[2] for case in drawn(check_named("ridge_regression", "values").strategy(), n=40)}
    assert 0.0 in lams and any(lam > 0 for lam in lams) and all(lam >= 0 for lam in lams)


def test_softmax_axes_are_drawn_positive_negative_and_default():
    axes = {c.kwargs.get("axis", "default") for c in drawn(check_named("softmax", "values").strategy(), n=40)}
    assert "default" in axes and any(a != "default" and a < 0 for a in axes) and any(a != "default" and a >= 0 for a in axes)


def test_a_softmax_without_the_max_shift_fails_stability_only(tmp_path):
    task = grade_source(tmp_path, "import numpy as np\ndef softmax(z, axis=-1):\n    e = np.exp(z)\n    return e / e.sum(axis=axis, keepdims=True)\n", "softmax")
    assert {c["name"] for c in task["checks"] if c["status"] != "passed"} == {"stability"}
