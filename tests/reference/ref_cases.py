"""Fixed generic inputs per contract function, and a comparison that follows the contract.

Shared by the mistake tests (every known mistake must differ from the reference,
and from every other mistake of its task, on at least one of these inputs) and
by the honest-alternative tests. Inputs are drawn from a fixed seed, so they
are generic (no accidental symmetry) yet reproducible.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from ref_cases_ch1_2 import ch1_2_cases, ch1_2_extreme_cases
from ref_cases_ch3_4 import ch3_4_cases
from ref_cases_ch5_6 import ch5_6_cases
from ref_cases_ch7_9 import ch7_9_cases, ch7_9_extreme_cases

Case = tuple[tuple, dict]


def _eps_model(x_t: np.ndarray, t: np.ndarray) -> np.ndarray:
    """A fixed, non-trivial stand-in for ε_θ: depends on both x_t and t."""
    t = np.asarray(t, dtype=np.float64)
    return 0.5 * np.asarray(x_t) + 0.1 * t.reshape(t.shape + (1,) * (np.ndim(x_t) - t.ndim))


def generic_cases(seed: int = 20260127) -> dict[str, list[Case]]:
    """function name -> list of (args, kwargs); built fresh so tests cannot share mutated arrays."""
    rng = np.random.default_rng(seed)
    n = rng.normal
    X = n(size=(8, 3))
    betas = np.linspace(0.01, 0.2, 6)
    ab = np.cumprod(1 - betas)
    tril45 = np.tril(np.ones((4, 5), dtype=bool))
    x_bin = (rng.random((3, 6)) < 0.5).astype(np.float64)
    logits_big = 3 * n(size=(3, 6))
    logits_big[0, 0], x_bin[0, 0] = 60.0, 0.0  # saturates a naive sigmoid
    W6 = [n(size=(6, 6)) for _ in range(4)]
    return {
        "sigmoid": [((3 * n(size=(3, 4)),), {})],
        "softmax": [((2 * n(size=(3, 4)),), {}), ((2 * n(size=(4, 3)),), {"axis": 0})],
        "normal_equation": [((X, n(size=8)), {}), ((X, n(size=(8, 2))), {})],
        "ridge_regression": [((X, n(size=8), 0.7), {}), ((X, n(size=(8, 2)), 2.5), {})],
        "add_backward": [((n(size=(3, 4)),), {})],
        "mul_backward": [((n(size=(3, 4)), n(size=(3, 4)), n(size=(3, 4))), {})],
        "sigmoid_backward": [((2 * n(size=(3, 4)), n(size=(3, 4))), {})],
        "linear_forward": [
            ((n(size=(3, 4)), n(size=(4, 4)), n(size=4)), {}),
            ((n(size=(5, 3)), n(size=(2, 3)), n(size=2)), {}),
        ],
        "linear_backward": [
            ((n(size=(3, 4)), n(size=(4, 4)), n(size=4), n(size=(3, 4))), {}),
            ((n(size=(5, 3)), n(size=(2, 3)), n(size=2), n(size=(5, 2))), {}),
        ],
        "conv_output_size": [((10, 3, 2, 2, 3), {}), ((7, 3), {}), ((9, 2), {"P": 1, "S": 2})],
        "conv2d": [
            ((n(size=(2, 3, 6, 5)), n(size=(4, 3, 3, 2)), n(size=4)), {"stride": 2, "padding": 1}),
            ((n(size=(1, 2, 5, 5)), n(size=(3, 2, 2, 3))), {}),
        ],
        "residual_block": [  # x, w1, b1, w2, b2: F = 4 hidden channels != C = 3, then F == C
            ((n(size=(2, 3, 5, 4)), n(size=(4, 3, 3, 3)), n(size=4), n(size=(3, 4, 3, 3)), n(size=3)), {}),
            ((n(size=(1, 2, 4, 4)), n(size=(2, 2, 3, 3)), n(size=2), n(size=(2, 2, 3, 3)), n(size=2)), {}),
        ],
        "scaled_dot_product_attention": [
            ((n(size=(2, 4, 3)), n(size=(2, 5, 3)), n(size=(2, 5, 2))), {}),
            ((n(size=(2, 4, 3)), n(size=(2, 5, 3)), n(size=(2, 5, 2)), tril45), {}),
        ],
        "causal_mask": [((5,), {})],
        "multi_head_attention": [
            ((n(size=(2, 4, 6)), n(size=(2, 5, 6)), *W6, 2), {}),
            ((n(size=(4, 6)), n(size=(5, 6)), *W6, 3), {"mask": tril45}),
        ],
        "reparameterize": [((n(size=(3, 4)), n(size=(3, 4)), n(size=(3, 4))), {})],
        "kl_standard_normal": [((n(size=(3, 4)), n(size=(3, 4))), {})],
        "negative_elbo": [
            ((x_bin, 3 * n(size=(3, 6)), n(size=(3, 2)), n(size=(3, 2))), {}),
            ((x_bin, logits_big, n(size=(3, 2)), n(size=(3, 2))), {}),
        ],
        "linear_beta_schedule": [((10,), {}), ((7, 1e-3, 0.05), {})],
        "alpha_bar": [((betas,), {})],
        "q_sample": [((n(size=(4, 3)), np.array([0, 2, 5, 1]), n(size=(4, 3)), ab), {})],
        "ddpm_simple_loss": [((_eps_model, n(size=(4, 3)), np.array([0, 2, 5, 1]), n(size=(4, 3)), ab), {})],
        "ddpm_reverse_step": [
            ((n(size=(3, 2)), 0, n(size=(3, 2)), betas, ab, n(size=(3, 2))), {}),
            ((n(size=(3, 2)), 3, n(size=(3, 2)), betas, ab, n(size=(3, 2))), {}),
        ],
        **ch1_2_cases(seed),
        **ch3_4_cases(seed),
        **ch5_6_cases(seed),
        **ch7_9_cases(seed),
    }


def extreme_cases() -> dict[str, list[Case]]:
    """Inputs at the contract's stated stability limits ("Required: stable")."""
    rng = np.random.default_rng(7)
    Q = rng.normal(size=(3, 4))
    Q *= 1e4 * 2 / np.abs(Q @ Q.T).max()  # scores Q Q^T / sqrt(4) reach 1e4 in magnitude
    x = (rng.random((2, 5)) < 0.5).astype(np.float64)
    logits = np.where(rng.random((2, 5)) < 0.5, 100.0, -100.0)
    return {
        "sigmoid": [((np.array([-1e3, -50.0, 0.0, 50.0, 1e3]),), {})],
        "softmax": [((np.array([[1e4, -1e4, 0.0], [-1e4, -1e4 + 1, -1e4]]),), {})],
        "sigmoid_backward": [((np.array([-1e3, -30.0, 0.0, 30.0, 1e3]), np.ones(5)), {})],
        "scaled_dot_product_attention": [((Q, Q, rng.normal(size=(3, 2)), np.tril(np.ones((3, 3), bool))), {})],
        "negative_elbo": [((x, logits, rng.normal(size=(2, 3)), rng.normal(size=(2, 3))), {})],
        **ch1_2_extreme_cases(),
        **ch7_9_extreme_cases(),
    }


def call(fn: Callable[..., Any], case: Case) -> Any:
    """fn(*args, **kwargs) on deep copies of the case's arrays."""
    args, kwargs = case
    copy = lambda v: v.copy() if isinstance(v, np.ndarray) else v  # noqa: E731
    return fn(*(copy(a) for a in args), **{k: copy(v) for k, v in kwargs.items()})


def _plain(value: Any) -> Any:
    """Torch tensors and lists to NumPy / tuples, as the contract's comparison does."""
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    if hasattr(value, "detach"):  # a torch tensor, without importing torch here
        return value.detach().cpu().numpy()
    return value


def same(expected: Any, got: Any, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """Contract equality: same structure, same shapes, allclose values (NaN equals NaN)."""
    expected, got = _plain(expected), _plain(got)
    if isinstance(expected, tuple) or isinstance(got, tuple):
        if not (isinstance(expected, tuple) and isinstance(got, tuple)) or len(expected) != len(got):
            return False
        return all(same(e, g, rtol, atol) for e, g in zip(expected, got))
    e, g = np.asarray(expected), np.asarray(got)
    if e.shape != g.shape:
        return False
    if e.dtype.kind in "iu" and g.dtype.kind not in "iu":  # integer results must have an integer type
        return False
    try:
        return bool(np.allclose(g.astype(np.float64), e.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True))
    except (TypeError, ValueError):
        return False


def outcome(fn: Callable[..., Any], case: Case) -> Any:
    """fn's result on case, or the exception type name when it raises (a distinct outcome)."""
    try:
        return call(fn, case)
    except Exception as exc:  # noqa: BLE001 - any failure is an observable outcome here
        return f"raised {type(exc).__name__}"


def outcomes_differ(a: Any, b: Any) -> bool:
    """Whether two outcomes (values or 'raised X' strings) are observably different."""
    if isinstance(a, str) or isinstance(b, str):
        return not (isinstance(a, str) and isinstance(b, str))
    return not same(a, b)
