"""Chapter 9 task spec: NeRF's volume rendering of R rays with N samples each.

Densities are in [0, 5] with about one sample in five empty (σ = 0), spacings
in [0.01, 0.5] (never 1, where forgetting δ would go unseen), colours in
[0, 1]. Edge cases: one sample per ray (T_1 = 1, so a transmittance that
includes the current sample shows at once), empty space, an opaque first
sample that hides everything behind it.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, uniform


def _render_case(rng: np.random.Generator, R: int, N: int, max_sigma: float = 5.0, label: str = "") -> Case:
    """sigma (R, N) in [0, max_sigma] (some exactly 0), rgb (R, N, 3) in [0, 1], deltas (R, N) in [0.01, 0.5]."""
    sigma = uniform(rng, 0.0, max_sigma, R, N) * (rng.random((R, N)) < 0.8)
    rgb = uniform(rng, 0.0, 1.0, R, N, 3)
    deltas = uniform(rng, 0.01, 0.5, R, N)
    return Case((sigma, rgb, deltas), label=label or f"R={R} rays, N={N} samples")


def _render_edges() -> list[Case]:
    rng = np.random.default_rng(3)
    opaque = np.array([[500.0, 2.0, 2.0, 2.0], [0.0, 500.0, 1.0, 0.0]])
    return [
        *fixed(
            _render_case,
            dict(R=2, N=1, label="one sample per ray: T_1 = 1"),
            dict(R=1, N=6, label="a single ray"),
            dict(R=3, N=4, max_sigma=50.0, label="dense samples, σ up to 50"),
            dict(R=4, N=2, label="two samples per ray"),
        ),
        Case((np.zeros((2, 3)), uniform(rng, 0.0, 1.0, 2, 3, 3), uniform(rng, 0.01, 0.5, 2, 3)),
             label="empty space (σ = 0): black, all weights 0"),
        Case((opaque, uniform(rng, 0.0, 1.0, 2, 4, 3), np.full((2, 4), 0.1)),
             label="an opaque sample (σ δ = 50) hides what is behind it"),
    ]


register(
    TaskSpec(
        function="volume_render",
        reference="mlvc_reference.neural_fields:volume_render",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_render_case, R=(1, 4), N=(1, 10), max_sigma=[5.0, 1.0, 20.0])),
            Check("edge shapes", "compare", examples=_render_edges),
            Check("no mutation", "mutation", examples=lambda: _render_edges()[1:3]),
        ),
    )
)
