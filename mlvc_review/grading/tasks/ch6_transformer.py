"""Chapter 6 task specs: layer normalisation and a pre-LN transformer encoder block.

Layer-norm rows include small-variance rows (σ ≈ 0.01), where sqrt(σ² + ε)
and the notes' (σ + ε) differ by several per cent, larger ε given by position,
and d = 1 (y = β). Encoder blocks use d_model = h d_k, weights N(0, 1/fan_in),
γ near 1 and small β, for (L, d) and (B, L, d) inputs.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal

BATCHES = [(), (1,), (3,), (2, 3)]


def _ln_case(rng: np.random.Generator, batch: tuple[int, ...], d: int, spread: float = 1.0, eps: float | None = None,
             label: str = "") -> Case:
    x = np.round(normal(rng, *batch, 1, scale=2.0) + normal(rng, *batch, d, scale=spread), 5)
    gamma, beta = 1.0 + normal(rng, d, scale=0.3), normal(rng, d, scale=0.3)
    args = (x, gamma, beta) if eps is None else (x, gamma, beta, eps)
    return Case(args, label=label or f"x {x.shape}, row spread {spread:g}" + ("" if eps is None else f", eps={eps:g}"))


def _ln_edges() -> list[Case]:
    return fixed(
        _ln_case,
        dict(batch=(2,), d=1, label="d = 1: every row is its own mean, y = beta"),
        dict(batch=(), d=5, label="a single vector (d,)"),
        dict(batch=(4,), d=6, spread=0.01, label="rows with variance 1e-4: sqrt(var + eps) vs (sigma + eps)"),
        dict(batch=(2, 3), d=4, eps=0.1, label="eps = 0.1 given by position, two batch axes"),
        dict(batch=(1,), d=3, spread=0.05, eps=1e-3, label="a batch of one, eps = 1e-3"),
    )


register(
    TaskSpec(
        function="layer_norm",
        reference="mlvc_reference.transformer:layer_norm",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _ln_case, batch=BATCHES, d=(2, 8), spread=[1.0, 0.1, 0.01], eps=[None, None, 1e-3, 0.1])),
            Check("edge shapes", "compare", examples=_ln_edges),
            Check("no mutation", "mutation", examples=lambda: _ln_edges()[2:4]),
        ),
    )
)


def block_params(rng: np.random.Generator, d: int, d_ff: int) -> dict[str, np.ndarray]:
    """The contract's params dict for d_model = d and a hidden width d_ff."""
    p = {name: normal(rng, d, d, scale=d**-0.5) for name in ("W_q", "W_k", "W_v", "W_o")}
    for ln in ("ln1", "ln2"):
        p[f"{ln}_gamma"], p[f"{ln}_beta"] = 1.0 + normal(rng, d, scale=0.2), normal(rng, d, scale=0.2)
    p["W1"], p["b1"] = normal(rng, d_ff, d, scale=d**-0.5), normal(rng, d_ff, scale=0.5)
    p["W2"], p["b2"] = normal(rng, d, d_ff, scale=d_ff**-0.5), normal(rng, d, scale=0.5)
    return p


def _block_case(rng: np.random.Generator, batch: tuple[int, ...], L: int, h: int, d_k: int, d_ff: int,
                label: str = "") -> Case:
    d = h * d_k
    x = normal(rng, *batch, L, d)
    return Case((x, block_params(rng, d, d_ff), h), label=label or f"x {x.shape}, {h} heads, d_ff={d_ff}")


def _block_edges() -> list[Case]:
    return fixed(
        _block_case,
        dict(batch=(), L=1, h=1, d_k=2, d_ff=3, label="one token, one head"),
        dict(batch=(), L=4, h=2, d_k=2, d_ff=8, label="(L, d) input, two heads"),
        dict(batch=(2,), L=3, h=3, d_k=1, d_ff=2, label="(B, L, d), d_k = 1"),
        dict(batch=(1,), L=5, h=2, d_k=3, d_ff=6, label="a batch of one"),
        dict(batch=(3,), L=2, h=1, d_k=4, d_ff=1, label="d_ff = 1"),
    )


register(
    TaskSpec(
        function="transformer_encoder_block",
        reference="mlvc_reference.transformer:transformer_encoder_block",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _block_case, batch=[(), (1,), (2,)], L=(1, 5), h=(1, 3), d_k=(1, 3), d_ff=(1, 8))),
            Check("edge shapes", "compare", examples=_block_edges),
            Check("no mutation", "mutation", examples=lambda: _block_edges()[1:3]),
        ),
    )
)
