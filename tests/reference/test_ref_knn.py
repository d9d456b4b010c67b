"""knn_predict against a naive loop version (sorted by (distance, index), counted votes) and its limits."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.knn import knn_predict


def _naive(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> list[int]:
    out = []
    for q in X_test.tolist():
        ranked = sorted(range(len(X_train)), key=lambda j: (sum((a - b) ** 2 for a, b in zip(q, X_train[j])), j))
        votes = Counter(int(y_train[j]) for j in ranked[:k])
        best = max(votes.values())
        out.append(min(label for label, c in votes.items() if c == best))
    return out


@st.composite
def problems(draw, grid: bool):
    n, d, m = draw(st.integers(1, 9)), draw(st.integers(1, 3)), draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if grid:  # small integers: many exactly equal distances
        X_train, X_test = rng.integers(-2, 3, (n, d)).astype(float), rng.integers(-2, 3, (m, d)).astype(float)
    else:
        X_train, X_test = rng.normal(size=(n, d)), rng.normal(size=(m, d))
    y_train = rng.integers(0, draw(st.integers(1, 4)), n)
    return X_train, y_train, X_test, draw(st.integers(1, n))


@given(st.one_of(problems(grid=True), problems(grid=False)))
def test_knn_matches_a_naive_loop_with_the_contract_tie_rules(problem):
    X_train, y_train, X_test, k = problem
    copies = [a.copy() for a in (X_train, y_train, X_test)]
    labels = knn_predict(X_train, y_train, X_test, k)
    assert labels.shape == (len(X_test),) and labels.dtype.kind == "i"
    assert labels.tolist() == _naive(X_train, y_train, X_test, k)
    for a, c in zip((X_train, y_train, X_test), copies):
        np.testing.assert_array_equal(a, c)


def test_the_tie_rules_and_the_two_extremes_of_k():
    X = np.array([[1.0], [-1.0], [3.0], [4.0]])
    y = np.array([2, 0, 1, 1])
    assert knn_predict(X, y, np.array([[0.0]]), 1).tolist() == [2]  # equal distances: lower index
    assert knn_predict(X, y, np.array([[0.0]]), 2).tolist() == [0]  # tied vote 2 vs 0: smallest label
    assert knn_predict(X, y, np.array([[0.0], [9.0]]), 4).tolist() == [1, 1]  # k = n: global majority
    # k = 1 on the training set returns its own labels
    assert knn_predict(X, y, X, 1).tolist() == y.tolist()
