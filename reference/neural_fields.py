"""Volume rendering of a radiance field along camera rays (lecture: visual data and neural fields).

Paper: Mildenhall et al., "NeRF: Representing Scenes as Neural Radiance Fields
for View Synthesis" (2020), eq. 3.
A ray is sampled at N points with densities σ_i, colours c_i and spacings
δ_i = t_{i+1} - t_i. The colour seen along the ray is the quadrature
`Ĉ(r) = Σ_i T_i (1 - exp(-σ_i δ_i)) c_i` with the transmittance
`T_i = exp(-Σ_{j<i} σ_j δ_j)`: the fraction of light that reaches sample i
unabsorbed by the samples *before* it. The sum is over j < i: sample i's own
opacity α_i = 1 - exp(-σ_i δ_i) multiplies T_i, it does not also dim it.
"""

from __future__ import annotations

import numpy as np


def volume_render(sigma: np.ndarray, rgb: np.ndarray, deltas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Composite the samples of R rays front to back.

    Args:
        sigma: (R, N) densities σ_i >= 0, nearest sample first.
        rgb: (R, N, 3) colours c_i.
        deltas: (R, N) spacings δ_i > 0.

    Returns:
        (color (R, 3), weights (R, N)), weights_i = T_i α_i.
    """
    sigma, rgb, deltas = (np.asarray(a, dtype=np.float64) for a in (sigma, rgb, deltas))
    # optical thickness of each segment, σ_i δ_i, (R, N)
    tau = sigma * deltas
    # α_i = 1 - exp(-σ_i δ_i), the opacity of segment i, (R, N)
    alpha = 1.0 - np.exp(-tau)
    # Σ_{j<i} σ_j δ_j: the exclusive cumulative sum (0 for the first sample), (R, N)
    before = np.concatenate([np.zeros_like(tau[:, :1]), np.cumsum(tau, axis=1)[:, :-1]], axis=1)
    # T_i = exp(-Σ_{j<i} σ_j δ_j), (R, N)
    T = np.exp(-before)
    # w_i = T_i α_i, (R, N)
    weights = T * alpha
    # Ĉ = Σ_i w_i c_i, (R, 3)
    color = np.einsum("rn,rnc->rc", weights, rgb)
    return color, weights
