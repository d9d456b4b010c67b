"""Chapter 6 task specs: scaled dot-product attention, the causal mask, multi-head attention.

Masks are boolean with True = may attend and at least one allowed key per query
(random masks, causal masks, and (Lq, Lk) masks broadcast over batch axes).
"Stability" scales Q so the largest score is exactly 1e4 in magnitude, where a
softmax without the max-shift returns inf/inf = NaN.
The heavy float32 check (rtol 1e-3, atol 1e-4) holds for full-float32 CUDA
attention with about 100x margin on an H100; TF32 matmuls
(torch.backends.cuda.matmul.allow_tf32 = True, not torch's default) miss it
by up to 10x, since TF32 keeps 10 mantissa bits.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, HEAVY_TIMEOUT, cases, fixed, normal, random_mask

BATCHES = [(), (2,), (1,), (2, 3)]
MASKS = ["none", "random", "broadcast", "causal"]


def _mask(rng: np.random.Generator, kind: str, batch: tuple[int, ...], Lq: int, Lk: int) -> np.ndarray | None:
    """None, a full (..., Lq, Lk) random mask, a (Lq, Lk) one broadcast over the batch, or causal."""
    if kind == "random":
        return random_mask(rng, *batch, Lq, Lk)
    if kind == "broadcast":
        return random_mask(rng, Lq, Lk)
    if kind == "causal":
        # causal needs every query i to see key 0: True where j <= i (+ Lk - Lq when Lk > Lq)
        return np.tril(np.ones((Lq, Lk), dtype=bool), k=max(Lk - Lq, 0))
    return None


def _sdpa_case(
    rng: np.random.Generator, batch: tuple[int, ...], Lq: int, Lk: int, d: int, dv: int, mask: str,
    max_score: float | None = None, label: str = "",
) -> Case:
    Q, K, V = normal(rng, *batch, Lq, d), normal(rng, *batch, Lk, d), normal(rng, *batch, Lk, dv)
    if max_score is not None:
        # rescale Q so that max |Q K^T / sqrt(d)| == max_score
        scores = np.abs(Q @ np.swapaxes(K, -1, -2)) / np.sqrt(d)
        Q = Q * (max_score / max(scores.max(), 1e-12))
    m = _mask(rng, mask, batch, Lq, Lk)
    label = label or f"Q {Q.shape}, K {K.shape}, V {V.shape}, mask {'None' if m is None else m.shape}"
    return Case((Q, K, V) if m is None else (Q, K, V, m), label=label)


def _sdpa_edges() -> list[Case]:
    return fixed(
        _sdpa_case,
        dict(batch=(), Lq=1, Lk=1, d=1, dv=1, mask="none", label="one query, one key, d = 1"),
        dict(batch=(), Lq=3, Lk=5, d=4, dv=2, mask="none", label="Lq != Lk, d != dv"),
        dict(batch=(2,), Lq=4, Lk=4, d=3, dv=3, mask="causal", label="causal mask"),
        dict(batch=(2, 3), Lq=3, Lk=4, d=2, dv=5, mask="random", label="two batch axes, random mask"),
        dict(batch=(3,), Lq=4, Lk=3, d=4, dv=2, mask="broadcast", label="(Lq, Lk) mask broadcast over the batch"),
        dict(batch=(1,), Lq=1, Lk=6, d=8, dv=3, mask="random", label="batch of one, a single query"),
    )


def _every_score_minus_1e4() -> Case:
    """Every score is exactly -1e4 and the mask allows one key per query: all the weight goes to it.

    Filling masked scores with a finite -1e4 (a common shortcut) ties them with the allowed
    ones here and leaks weight to masked keys; -inf, -1e9 or np.where on the weights do not.
    """
    Q = np.full((2, 1), -100.0)  # (Lq, d) with d = 1: q . k / sqrt(1) = -100 * 100 = -1e4
    K = np.full((4, 1), 100.0)
    V = np.arange(8.0).reshape(4, 2)
    mask = np.zeros((2, 4), dtype=bool)
    mask[0, 1] = mask[1, 3] = True
    return Case((Q, K, V, mask), label="every score -1e4: masked keys get no weight")


def _stable() -> list[Case]:
    return [
        *fixed(
            _sdpa_case,
            dict(batch=(), Lq=3, Lk=4, d=4, dv=2, mask="none", max_score=1e4, label="scores up to 1e4"),
            dict(batch=(2,), Lq=4, Lk=4, d=2, dv=3, mask="causal", max_score=1e4, label="scores up to 1e4, causal"),
            dict(batch=(2,), Lq=2, Lk=5, d=3, dv=2, mask="random", max_score=-1e4, label="scores down to -1e4, masked"),
        ),
        _every_score_minus_1e4(),
    ]


register(
    TaskSpec(
        function="scaled_dot_product_attention",
        reference="mlvc_reference.attention:scaled_dot_product_attention",
        checks=(
            Check(
                "values",
                "compare",
                strategy=lambda: cases(_sdpa_case, batch=BATCHES, Lq=(1, 5), Lk=(1, 5), d=(1, 6), dv=(1, 4), mask=MASKS),
            ),
            Check("edge shapes", "compare", examples=_sdpa_edges),
            Check("stability", "compare", examples=_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _sdpa_edges()[2:4]),
        ),
    )
)


def _is_bool(case: Case, got: Any) -> str | None:
    dtype = getattr(got, "dtype", None)
    if dtype is not None and dtype.kind == "b":
        return None
    return f"returned {type(got).__name__} of dtype {dtype}; the mask must be boolean (dtype bool)"


def _n_cases() -> list[Case]:
    # n = 1 last: there "diagonal excluded" and "blocked positions" give the same [[False]],
    # so a first failure at n = 1 could not tell the two mistakes apart
    return [Case((n,), label=f"n = {n}") for n in (3, 2, 5, 8, 1)]


register(
    TaskSpec(
        function="causal_mask",
        reference="mlvc_reference.attention:causal_mask",
        checks=(
            Check("values", "compare", strategy=lambda: cases(lambda rng, n: Case((n,), label=f"n = {n}"), n=(1, 32))),
            Check("edge shapes", "compare", examples=_n_cases),
            Check("boolean output", "property", examples=_n_cases, prop=_is_bool),
        ),
    )
)


def _mha_case(
    rng: np.random.Generator, batch: tuple[int, ...], Lq: int, Lk: int, h: int, d_k: int, mask: str,
    cross: bool = True, dtype: type = np.float64, label: str = "",
) -> Case:
    """x_q (..., Lq, d_model), x_kv (..., Lk, d_model) (the same array for self-attention), W's ~ N(0, 1/d_model)."""
    d_model = h * d_k
    if not cross:
        Lk = Lq
    x_q = normal(rng, *batch, Lq, d_model)
    x_kv = normal(rng, *batch, Lk, d_model) if cross else x_q.copy()
    Ws = [normal(rng, d_model, d_model, scale=d_model**-0.5) for _ in range(4)]
    m = _mask(rng, mask, batch, Lq, Lk)
    args = tuple(a.astype(dtype) for a in (x_q, x_kv, *Ws)) + (h,)
    label = label or f"x_q {x_q.shape}, x_kv {x_kv.shape}, {h} heads, mask {'None' if m is None else m.shape}"
    return Case(args if m is None else args + (m,), label=label)


def _mha_edges() -> list[Case]:
    return fixed(
        _mha_case,
        dict(batch=(), Lq=3, Lk=3, h=1, d_k=4, mask="none", cross=False, label="one head (plain attention)"),
        dict(batch=(), Lq=4, Lk=4, h=4, d_k=1, mask="none", cross=False, label="d_k = 1 (heads = d_model)"),
        dict(batch=(), Lq=3, Lk=5, h=2, d_k=3, mask="none", label="cross-attention, Lq != Lk"),
        dict(batch=(2,), Lq=4, Lk=4, h=2, d_k=2, mask="causal", cross=False, label="causal self-attention"),
        dict(batch=(2, 2), Lq=2, Lk=3, h=3, d_k=2, mask="random", label="two batch axes, random mask"),
        dict(batch=(1,), Lq=1, Lk=4, h=2, d_k=3, mask="broadcast", label="batch of one, a single query"),
    )


def _large_mha() -> list[Case]:
    big = dict(batch=(4,), Lq=256, Lk=256, h=8, d_k=32, cross=False, dtype=np.float32)
    return fixed(
        _mha_case,
        dict(big, mask="none", label="B=4, L=256, d_model=256, 8 heads (float32)"),
        dict(big, mask="causal", label="B=4, L=256, d_model=256, 8 heads, causal (float32)"),
    )


register(
    TaskSpec(
        function="multi_head_attention",
        reference="mlvc_reference.attention:multi_head_attention",
        checks=(
            Check(
                "values",
                "compare",
                strategy=lambda: cases(
                    _mha_case, batch=BATCHES[:3], Lq=(1, 4), Lk=(1, 4), h=(1, 3), d_k=(1, 3), mask=MASKS, cross=[True, False]
                ),
            ),
            Check("edge shapes", "compare", examples=_mha_edges),
            Check("no mutation", "mutation", examples=lambda: _mha_edges()[2:4]),
            Check(
                "large float32 (GPU)", "compare", examples=_large_mha, heavy=True, dtype="float32", timeout=HEAVY_TIMEOUT,
                rtol=1e-3, atol=1e-4, max_examples=2,
            ),
        ),
    )
)
