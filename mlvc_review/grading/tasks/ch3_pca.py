"""Chapter 3 task spec: PCA, judged up to the sign of each component.

Data are drawn with well-separated variances along random directions
(X = U diag(s) V^T + offset, s_{j+1} / s_j <= 1/1.3), so the components are
unique up to sign and any correct method (eigh of the covariance, SVD) agrees;
a large offset makes uncentred PCA obvious. Each submitted component (and its
column of scores) is flipped to the reference's sign before comparing; the
diagnosis compares known mistakes the same way.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.checks.compare import compare
from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import DECIMALS, cases, fixed, orthonormal


def _pca_case(rng: np.random.Generator, n: int, d: int, k: int, label: str = "") -> Case:
    """X (n, d) with r = min(n - 1, d) distinct variances, off-centre; k clipped to [1, r]."""
    r = min(n - 1, d)
    k = max(1, min(k, r))
    # centred scores: orthonormal columns orthogonal to the ones vector (QR of [1, gaussian]), (n, r)
    Q, _ = np.linalg.qr(np.column_stack([np.ones(n), rng.standard_normal((n, r))]))
    U = Q[:, 1:]
    # s_1 > s_2 > ... with ratios in [1.3, 2], (r,)
    s = 4.0 / np.cumprod(rng.uniform(1.3, 2.0, r))
    V = orthonormal(rng, d, d)[:, :r]  # (d, r)
    offset = rng.uniform(-5.0, 5.0, d)
    X = np.round((U * s) @ V.T * np.sqrt(n) + offset, DECIMALS)
    return Case((X, k), label=label or f"X {X.shape}, k={k}")


def _pca_edges() -> list[Case]:
    return fixed(
        _pca_case,
        dict(n=6, d=3, k=1, label="k = 1: the first component only"),
        dict(n=5, d=4, k=4, label="k = d = n - 1: every direction"),
        dict(n=3, d=5, k=2, label="fewer samples than dimensions (k = n - 1)"),
        dict(n=2, d=3, k=1, label="two samples: one direction"),
        dict(n=8, d=1, k=1, label="d = 1"),
        dict(n=10, d=2, k=2, label="n = 10, d = 2"),
    )


def _aligned(expected: Any, got: Any) -> Any:
    """got with each component (and its score column) flipped to the sign of expected's."""
    _, W_e, _ = (np.asarray(v, dtype=np.float64) for v in expected)
    Z_g, W_g, m_g = got
    W_g, Z_g = np.asarray(W_g, dtype=np.float64), np.asarray(Z_g, dtype=np.float64)
    if W_g.shape != W_e.shape or Z_g.ndim != 2 or Z_g.shape[1] != W_g.shape[0]:
        return got
    # s_j = sign(<w_j, ŵ_j>), +1 when orthogonal
    signs = np.where(np.sum(W_g * W_e, axis=1) < 0, -1.0, 1.0)  # (k,)
    return (Z_g * signs, W_g * signs[:, None], m_g)


def _same_up_to_sign(expected: Any, got: Any, case: Case) -> str | None:
    """Compare (Z, components, mean) after aligning each component's sign with expected's."""
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        found = compare(expected, got)
        return None if found is None else found.message
    found = compare(tuple(expected), _aligned(expected, got))
    if found is None:
        return None
    return f"each component's sign is free (yours were aligned with the expected ones first); {found.message}"


register(
    TaskSpec(
        function="pca",
        reference="mlvc_reference.pca:pca",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_pca_case, n=(2, 10), d=(1, 6), k=(1, 6)),
                  compare=_same_up_to_sign),
            Check("edge shapes", "compare", examples=_pca_edges, compare=_same_up_to_sign),
            Check("no mutation", "mutation", examples=lambda: _pca_edges()[1:3]),
        ),
    )
)
