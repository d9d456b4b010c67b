"""Chapter 1 task specs through the real grader and sandbox: least squares, ridge, softmax,
quadratic features, momentum, kNN and the cross-entropy."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest


sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade, grade_source  # noqa: E402
from test_tasks_common import diagnosis_name as _diagnosis, failed_checks as _failed_checks  # noqa: E402
from test_tasks_common import grade_many as _graded  # noqa: E402

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


# ---- polynomial_features, momentum_step, knn_predict, cross_entropy ---------------------------


def test_knn_draws_integer_points_with_ties_at_the_kth_neighbour_and_k_up_to_n():
    cases = drawn(check_named("knn_predict", "values").strategy(), n=60)
    tied = 0
    for case in cases:
        X_train, y_train, X_test, k = case.args
        assert 1 <= k <= len(X_train) and y_train.dtype.kind == "i"
        assert np.array_equal(X_train, np.round(X_train)) and np.array_equal(X_test, np.round(X_test))
        d2 = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(-1)
        if k < len(X_train):
            ranked = np.sort(d2, axis=1)
            tied += int(np.any(ranked[:, k - 1] == ranked[:, k]))
    assert tied >= 5  # the lower-index rule decides real cases, not only the fixed ones
    assert any(case.args[3] == len(case.args[0]) for case in cases)


def test_knn_edge_cases_isolate_each_tie_rule():
    from mlvc_reference.knn import knn_predict
    from mlvc_reference.mistakes.knn import knn_manhattan, knn_ties_by_label, knn_vote_tie_to_nearest

    edges = check_named("knn_predict", "edge shapes").examples()
    by_label = {case.label.split(":")[0]: case.args for case in edges}
    for rule, wrong in [("equal distances", knn_ties_by_label), ("a tied vote (1 against 1)", knn_vote_tie_to_nearest),
                        ("Euclidean distance", knn_manhattan)]:
        args = by_label[rule]
        assert knn_predict(*args).tolist() != wrong(*args).tolist(), rule


KNN_FLOAT = """
def knn_predict(X_train, y_train, X_test, k):
    out = np.zeros(len(X_test))
    for i, q in enumerate(X_test):
        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))
        nearest = np.argsort(d, kind="stable")[:k]
        out[i] = np.bincount(y_train[nearest]).argmax()
    return out
"""

KNN_COUNTER = """
from collections import Counter
def knn_predict(X_train, y_train, X_test, k):
    labels = []
    for q in X_test:
        order = np.argsort(np.linalg.norm(X_train - q, axis=1), kind="stable")
        labels.append(Counter(y_train[order[:k]].tolist()).most_common(1)[0][0])
    return np.array(labels)
"""


@pytest.mark.parametrize("source, diagnosis", [(KNN_FLOAT, "labels returned as floats"), (KNN_COUNTER, "tied vote goes to the nearest")])
def test_hand_written_knn_mistakes_are_named(tmp_path, source, diagnosis):
    task = _graded(tmp_path, source, ["knn_predict"])["knn_predict"]
    assert task["status"] == "failed" and _diagnosis(task) == diagnosis
    if diagnosis == "labels returned as floats":
        messages = " ".join(c.get("message", "") for c in task["checks"])
        assert "integer" in messages


def test_in_place_momentum_fails_only_the_mutation_check_and_a_folded_lr_is_named(tmp_path):
    source = """
def momentum_step(w, v, grad, lr, rho):
    v *= rho
    v += grad
    w -= lr * v
    return w, v
"""
    task = _graded(tmp_path, source, ["momentum_step"])["momentum_step"]
    assert _failed_checks(task) == {"no mutation"}
    folded = "def momentum_step(w, v, grad, lr, rho):\n    v = rho * v + lr * grad\n    return w - v, v\n"
    assert _diagnosis(_graded(tmp_path, folded, ["momentum_step"])["momentum_step"]) == "learning rate inside the velocity"


def test_cross_entropy_naive_fails_stability_only_and_is_named_while_a_vector_of_losses_fails_on_shape(tmp_path):
    naive = """
def cross_entropy(logits, labels):
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(labels)), labels]))
"""
    task = _graded(tmp_path, naive, ["cross_entropy"])["cross_entropy"]
    assert _failed_checks(task) == {"stability"} and _diagnosis(task) == "no max subtraction"
    per_sample = """
def cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    return np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(labels)), labels]
"""
    task = _graded(tmp_path, per_sample, ["cross_entropy"])["cross_entropy"]
    assert task["status"] == "failed" and "shape" in task["checks"][0]["message"]


def test_polynomial_features_unpacking_rows_is_named(tmp_path):
    source = "def polynomial_features(P):\n    x, y = P\n    return np.stack([x*x, x*y, y*y, x, y, np.ones_like(x)], axis=1)\n"
    task = _graded(tmp_path, source, ["polynomial_features"])["polynomial_features"]
    assert task["status"] == "failed" and _diagnosis(task) == "unpacked rows instead of columns"


# Wrong versions that are in no catalogue: they must fail, and no known mistake may be named for them.
UNKNOWN_CH1 = """
def cross_entropy(logits, labels):  # clips instead of working in log space: -log(1e-12) caps the loss
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(labels)), labels] + 1e-12))

def knn_predict(X_train, y_train, X_test, k):  # argpartition ignores the lower-index rule
    d = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(-1)
    return np.array([np.bincount(y_train[np.argpartition(row, k - 1)[:k]]).argmax() for row in d])

def momentum_step(w, v, grad, lr, rho):  # Nesterov's look-ahead step
    v_new = rho * v + grad
    return w - lr * (grad + rho * v_new), v_new

def polynomial_features(P):  # degree-major but with x and y squared before the cross term
    x, y = P[:, 0], P[:, 1]
    return np.stack([x * x, y * y, x * y, x, y, np.ones_like(x)], axis=1)
"""


def test_wrong_versions_outside_the_catalogue_fail_without_a_wrong_diagnosis(tmp_path):
    functions = ["cross_entropy", "knn_predict", "momentum_step", "polynomial_features"]
    tasks = _graded(tmp_path, UNKNOWN_CH1, functions)
    assert {f: (t["status"], _diagnosis(t)) for f, t in tasks.items()} == {f: ("failed", None) for f in functions}
