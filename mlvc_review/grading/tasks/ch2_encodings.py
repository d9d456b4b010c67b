"""Chapter 2 task specs: the Transformer's sinusoidal positional encoding and NeRF's Fourier features.

Positional encodings are drawn with d_model >= 4 in the values check (at d_model = 2
there is one frequency, so the exponent slips coincide with the right answer;
that case is an edge case). Fourier features take coordinates in [-1, 1] with
D >= 2 in most draws (with one coordinate every ordering of the blocks is the
same), batch shapes from none to 2-D, and L up to 6.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, uniform

# ---- sinusoidal_positional_encoding --------------------------------------------------------


def _pe_case(rng: np.random.Generator, n_pos: int, d_model: int, label: str = "") -> Case:
    return Case((n_pos, d_model), label=label or f"n_pos={n_pos}, d_model={d_model}")


def _pe_edges() -> list[Case]:
    return [
        Case((6, 8), label="n_pos=6, d_model=8"),
        Case((1, 8), label="one position (p = 0: sin 0, cos 1)"),
        Case((5, 2), label="d_model = 2: a single frequency"),
        Case((3, 6), label="d_model = 6 (an odd number of pairs)"),
        Case((50, 128), label="a wide model: d_model = 128"),
        Case((200, 4), label="a long sequence, n_pos = 200"),
    ]


register(
    TaskSpec(
        function="sinusoidal_positional_encoding",
        reference="mlvc_reference.encodings:sinusoidal_positional_encoding",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_pe_case, n_pos=(1, 16), d_model=[4, 8, 6, 16, 10, 32])),
            Check("edge shapes", "compare", examples=_pe_edges),
        ),
    )
)

# ---- fourier_features ----------------------------------------------------------------------

BATCHES = [(3,), (), (2, 2), (1,), (5,)]


def _ff_case(rng: np.random.Generator, batch: tuple[int, ...], D: int, L: int, label: str = "") -> Case:
    p = uniform(rng, -1.0, 1.0, *batch, D)
    return Case((p, L), label=label or f"p {(*batch, D)}, L={L}")


def _ff_edges() -> list[Case]:
    return fixed(
        _ff_case,
        dict(batch=(4,), D=2, L=3, label="(n, 2) image coordinates, L = 3"),
        dict(batch=(), D=3, L=2, label="a single 3-D point, p of shape (D,)"),
        dict(batch=(5,), D=1, L=4, label="D = 1"),
        dict(batch=(3,), D=3, L=1, label="L = 1: sin(πp), cos(πp)"),
        dict(batch=(2, 3), D=2, L=2, label="a 2-D batch (2, 3, D)"),
        dict(batch=(1,), D=3, L=10, label="L = 10 (NeRF's positions)"),
    )


register(
    TaskSpec(
        function="fourier_features",
        reference="mlvc_reference.encodings:fourier_features",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_ff_case, batch=BATCHES, D=[2, 3, 1], L=(1, 6))),
            Check("edge shapes", "compare", examples=_ff_edges),
            Check("no mutation", "mutation", examples=lambda: _ff_edges()[:2]),
        ),
    )
)
