"""Gaussian and Laplacian image pyramids (lecture: images — multi-resolution processing).

The Gaussian pyramid blurs before it subsamples, so that the dropped pixels do
not alias: `G_{i+1} = (G_i ⋆ g)[::2, ::2]` with g the 5x5 Gaussian of σ = 1
and a "reflect" border. The Laplacian pyramid keeps what each blur-and-subsample
step loses: `L_i = G_i - expand(G_{i+1})`, and `L_last = G_last`; it is the
band-pass decomposition of Burt & Adelson (1983), inverted exactly by
`G_i = L_i + expand(G_{i+1})` from the top down, whatever linear `expand` is
used, as long as both directions use the same one. Here expand is the classic
one: insert zeros between the samples, then filter with 4 g (each output pixel
receives about a quarter of the kernel's weight from the non-zero samples).
"""

from __future__ import annotations

import operator

import numpy as np

from mlvc_reference.filtering import filter2d, gaussian_kernel


def _g() -> np.ndarray:
    """The pyramid's blur: gaussian_kernel(5, 1.0), (5, 5)."""
    return gaussian_kernel(5, 1.0)


def _levels(levels: int) -> int:
    levels = operator.index(levels)
    if levels < 1:
        raise ValueError(f"need levels >= 1, got {levels}")
    return levels


def gaussian_pyramid(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """`levels` images: G_0 = img, G_{i+1} = blur(G_i)[::2, ::2].

    Args:
        img: (H, W).  levels: number of arrays returned, >= 1.

    Returns:
        [G_0, ..., G_{levels-1}], G_i of shape (ceil(H / 2^i), ceil(W / 2^i)).
    """
    G = [np.asarray(img, dtype=np.float64).copy()]
    for _ in range(_levels(levels) - 1):
        # G_{i+1} = (G_i ⋆ g)[::2, ::2], "reflect" border      (ceil(H_i/2), ceil(W_i/2))
        G.append(filter2d(G[-1], _g(), "reflect")[::2, ::2])
    return G


def expand(small: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Classic Gaussian expand to `shape`: zero insertion, then filter with 4 g ("reflect").

    Args:
        small: (ceil(H/2), ceil(W/2)).  shape: (H, W).

    Returns:
        (H, W), linear in `small`.
    """
    # up[2i, 2j] = small[i, j], zero elsewhere      (H, W)
    up = np.zeros(shape)
    up[::2, ::2] = small
    # expand(small) = up ⋆ 4g: 4 = 2 x 2 restores the mean lost to the zeros
    return filter2d(up, 4.0 * _g(), "reflect")


def laplacian_pyramid(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """`levels` band-pass images: L_i = G_i - expand(G_{i+1}), L_last = G_last.

    Args:
        img: (H, W).  levels: >= 1.

    Returns:
        [L_0, ..., L_{levels-1}], L_i of G_i's shape.
    """
    G = gaussian_pyramid(img, levels)
    # L_i = G_i - expand(G_{i+1}) for i < levels - 1
    L = [G[i] - expand(G[i + 1], G[i].shape) for i in range(len(G) - 1)]
    # L_last = G_last: the coarsest image itself, so nothing is lost
    return L + [G[-1]]


def reconstruct_laplacian(pyr: list[np.ndarray]) -> np.ndarray:
    """Invert `laplacian_pyramid`: G_last = L_last, then G_i = L_i + expand(G_{i+1}).

    Args:
        pyr: [L_0, ..., L_last] as `laplacian_pyramid` returns them.

    Returns:
        img: L_0's shape (H, W).
    """
    G = np.asarray(pyr[-1], dtype=np.float64)
    for L in reversed(pyr[:-1]):
        L = np.asarray(L, dtype=np.float64)
        # G_i = L_i + expand(G_{i+1})
        G = L + expand(G, L.shape)
    return G
