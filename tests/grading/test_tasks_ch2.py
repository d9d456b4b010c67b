"""Chapter 2 task specs (sigmoid, backprop gates, linear layer) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest


sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade_source  # noqa: E402

CHAPTER = 2
FUNCTIONS = HEADLINE[CHAPTER]


@pytest.mark.parametrize("function", ["add_backward", "mul_backward", "sigmoid_backward"])
def test_upstream_gradients_are_never_near_zero(function):
    for case in drawn(check_named(function, "values").strategy()):
        assert np.abs(case.args[-1]).min() >= 0.2, case.label


@pytest.mark.parametrize("function", ["linear_forward", "linear_backward"])
def test_the_first_edge_case_has_a_square_W_so_a_transpose_slip_returns_numbers(function):
    first = check_named(function, "edge shapes").examples()[0]
    W = first.args[1]
    assert W.shape[0] == W.shape[1]
    shapes = {case.args[1].shape[0] == case.args[1].shape[1] for case in check_named(function, "edge shapes").examples()}
    assert shapes == {True, False}


def test_a_backward_pass_that_forgets_the_batch_sum_of_db_is_caught_and_named(tmp_path):
    source = (
        "def linear_backward(x, W, b, dout):\n"
        "    return dout @ W, dout.T @ x, dout.mean(axis=0)\n"
    )
    task = grade_source(tmp_path, source, "linear_backward")
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "db averaged"


def test_a_sigmoid_written_as_exp_over_one_plus_exp_fails_stability_only(tmp_path):
    task = grade_source(tmp_path, "import numpy as np\ndef sigmoid(x):\n    return np.exp(x) / (1 + np.exp(x))\n", "sigmoid")
    assert {c["name"] for c in task["checks"] if c["status"] != "passed"} == {"stability"}
