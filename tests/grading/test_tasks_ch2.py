"""Chapter 2 task specs through the real grader and sandbox: sigmoid, the backprop gates, the linear
layer, ReLU and tanh backward, the sigmoid MLP, XOR, and positional and Fourier encodings."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest


sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade, grade_source  # noqa: E402
from test_tasks_common import diagnosis_name as _diagnosis, failed_checks as _failed_checks  # noqa: E402
from test_tasks_common import grade_many as _graded  # noqa: E402

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


# ---- relu/tanh backward, the MLP, xor_network, positional and Fourier encodings ---------------


def test_every_drawn_relu_input_holds_exact_zeros_of_both_signs_somewhere():
    cases = drawn(check_named("relu_backward", "values").strategy(), n=30)
    assert all(np.any(case.args[0] == 0.0) for case in cases)
    zeros = np.concatenate([case.args[0][case.args[0] == 0.0] for case in cases])
    assert np.any(np.signbit(zeros)) and not np.all(np.signbit(zeros))
    assert all(np.abs(case.args[1]).min() >= 0.2 for case in cases)


def test_relu_with_ge_is_named_and_an_in_place_relu_fails_only_the_mutation_check(tmp_path):
    source = "def relu_backward(x, dout):\n    return dout * (x >= 0)\n\ndef tanh_backward(x, dout):\n    return dout * (1 - x ** 2)\n"
    tasks = _graded(tmp_path, source, ["relu_backward", "tanh_backward"])
    assert _diagnosis(tasks["relu_backward"]) == "gradient passed at x = 0"
    assert _diagnosis(tasks["tanh_backward"]) == "derivative taken at x"
    in_place = "def relu_backward(x, dout):\n    dout[x <= 0] = 0\n    return dout\n"
    assert _failed_checks(_graded(tmp_path, in_place, ["relu_backward"])["relu_backward"]) == {"no mutation"}


def test_an_mlp_backward_from_a_mean_squared_error_is_named(tmp_path):
    source = """
def mlp_backward(x, t, W1, b1, W2, b2):
    sig = lambda z: 1 / (1 + np.exp(-z))
    h = sig(x @ W1.T + b1)
    y = sig(h @ W2.T + b2)
    dy = (y - t) / y.size            # from L = 0.5 * np.mean((y - t) ** 2)
    d2 = dy * y * (1 - y)
    d1 = d2 @ W2 * h * (1 - h)
    return d1.T @ x, d1.sum(0), d2.T @ h, d2.sum(0)
"""
    task = _graded(tmp_path, source, ["mlp_backward"])["mlp_backward"]
    assert task["status"] == "failed" and _diagnosis(task) == "divided by n·o"


def test_xor_is_judged_by_its_truth_table_and_a_network_computing_or_is_named(tmp_path):
    # weights unlike the catalogue's (scale 8, lists), but the network computes OR
    source = "def xor_network():\n    return [[8., 8.], [8., 8.]], [-4., -12.], [[8., 8.]], [-4.]\n"
    task = _graded(tmp_path, source, ["xor_network"])["xor_network"]
    assert task["status"] == "failed" and _diagnosis(task) == "AND unit added, not subtracted"
    values = next(c for c in task["checks"] if c["name"] == "values")
    assert "[0, 1, 1, 1]" in values["message"] and "[0, 1, 1, 0]" in values["message"]
    edge = next(c for c in task["checks"] if c["name"] == "edge shapes")
    assert "x = (1, 1)" in edge["message"]


def test_xor_weights_of_the_wrong_shapes_fail_with_the_shapes_named(tmp_path):
    source = "def xor_network():\n    return np.array([[20., 20.], [-20., -20.]]), np.array([-10., 30.]), np.array([20., 20.]), -30.0\n"
    task = _graded(tmp_path, source, ["xor_network"])["xor_network"]
    assert task["status"] == "failed" and _diagnosis(task) is None
    assert "W2 (1, 2)" in task["checks"][0]["message"] and "(2,), ()" in task["checks"][0]["message"]


def test_encoding_draws_avoid_the_sizes_where_ordering_slips_are_invisible():
    d_models = {case.args[1] for case in drawn(check_named("sinusoidal_positional_encoding", "values").strategy(), n=30)}
    assert min(d_models) >= 4
    Ds = [case.args[0].shape[-1] for case in drawn(check_named("fourier_features", "values").strategy(), n=30)]
    assert sum(D >= 2 for D in Ds) > len(Ds) / 2


def test_hand_written_encoding_mistakes_are_named(tmp_path):
    source = """
def sinusoidal_positional_encoding(n_pos, d_model):
    pe = np.zeros((n_pos, d_model))
    for p in range(n_pos):
        for i in range(d_model // 2):
            pe[p, 2 * i] = np.sin(p / 10000 ** (i / d_model))
            pe[p, 2 * i + 1] = np.cos(p / 10000 ** (i / d_model))
    return pe

def fourier_features(p, L):
    feats = []
    for l in range(L):
        for j in range(p.shape[-1]):
            feats += [np.sin(2 ** l * np.pi * p[..., j]), np.cos(2 ** l * np.pi * p[..., j])]
    return np.stack(feats, axis=-1)
"""
    tasks = _graded(tmp_path, source, ["sinusoidal_positional_encoding", "fourier_features"])
    assert _diagnosis(tasks["sinusoidal_positional_encoding"]) == "exponent i instead of 2i"
    assert _diagnosis(tasks["fourier_features"]) == "grouped by frequency"


# Wrong versions that are in no catalogue: they must fail, and no known mistake may be named for them.
UNKNOWN_CH2 = """
def tanh_backward(x, dout):  # squares the wrong thing
    return dout * (1 - np.tanh(x)) ** 2

def mlp_backward(x, t, W1, b1, W2, b2):  # forgets the hidden slope h(1 - h) entirely
    s = lambda z: 1 / (1 + np.exp(-z))
    h = s(x @ W1.T + b1)
    y = s(h @ W2.T + b2)
    d2 = (y - t) / len(x) * y * (1 - y)
    d1 = d2 @ W2
    return d1.T @ x, d1.sum(0), d2.T @ h, d2.sum(0)

def xor_network():  # output bias sign slip: the network says 1 everywhere
    return np.array([[20., 20.], [-20., -20.]]), np.array([-10., 30.]), np.array([[20., 20.]]), np.array([30.])

def fourier_features(p, L):  # per coordinate, but all sines before all cosines
    a = p[..., None] * (2.0 ** np.arange(L) * np.pi)
    return np.concatenate([np.sin(a), np.cos(a)], axis=-1).reshape(*p.shape[:-1], -1)

def sinusoidal_positional_encoding(n_pos, d_model):  # zeroes the row of position 0
    pos = np.arange(n_pos)[:, None]
    div = np.exp(np.arange(0, d_model, 2) * -(np.log(10000.0) / d_model))
    pe = np.zeros((n_pos, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos * div), np.cos(pos * div)
    pe[0] = 0.0
    return pe
"""


def test_wrong_versions_outside_the_catalogue_fail_without_a_wrong_diagnosis(tmp_path):
    functions = ["tanh_backward", "mlp_backward", "xor_network", "fourier_features", "sinusoidal_positional_encoding"]
    tasks = _graded(tmp_path, UNKNOWN_CH2, functions)
    assert {f: (t["status"], _diagnosis(t)) for f, t in tasks.items()} == {f: ("failed", None) for f in functions}
