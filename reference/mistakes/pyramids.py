"""Known-wrong Gaussian and Laplacian pyramids and reconstructions (explanations: question_bank/03_cnn_code.yaml)."""

from __future__ import annotations

import numpy as np

from mlvc_reference.filtering import filter2d, gaussian_kernel
from mlvc_reference.pyramids import expand, gaussian_pyramid


def _blur(img: np.ndarray, border: str = "reflect") -> np.ndarray:
    return filter2d(img, gaussian_kernel(5, 1.0), border)


def gaussian_pyramid_no_blur(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: subsamples G_i[::2, ::2] without blurring first (aliasing)."""
    G = [np.asarray(img, dtype=np.float64)]
    for _ in range(levels - 1):
        G.append(G[-1][::2, ::2])
    return G


def gaussian_pyramid_zero_border(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: blurs with zero padding, which darkens every level towards its border."""
    G = [np.asarray(img, dtype=np.float64)]
    for _ in range(levels - 1):
        G.append(_blur(G[-1], "constant")[::2, ::2])
    return G


def gaussian_pyramid_blurred_first_level(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: blurs before storing each level, so level 0 is blur(img) instead of img."""
    G, current = [], np.asarray(img, dtype=np.float64)
    for _ in range(levels):
        current = _blur(current)
        G.append(current)
        current = current[::2, ::2]
    return G


def gaussian_pyramid_subsample_then_blur(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: subsamples first and blurs afterwards; the aliasing is already done."""
    G = [np.asarray(img, dtype=np.float64)]
    for _ in range(levels - 1):
        G.append(_blur(G[-1][::2, ::2]))
    return G


def laplacian_pyramid_before_blurring(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: the next level is G_i[::2, ::2], taken before blurring, so L_last is not G_last."""
    G = gaussian_pyramid_no_blur(img, levels)
    return [G[i] - expand(G[i + 1], G[i].shape) for i in range(levels - 1)] + [G[-1]]


def laplacian_pyramid_sign_flipped(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: L_i = expand(G_{i+1}) - G_i, the negated band-pass image."""
    G = gaussian_pyramid(img, levels)
    return [expand(G[i + 1], G[i].shape) - G[i] for i in range(levels - 1)] + [G[-1]]


def laplacian_pyramid_top_missing(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: only the levels - 1 differences; the coarsest Gaussian level is not appended."""
    G = gaussian_pyramid(img, levels)
    return [G[i] - expand(G[i + 1], G[i].shape) for i in range(levels - 1)]


def laplacian_pyramid_same_level_blur(img: np.ndarray, levels: int) -> list[np.ndarray]:
    """Wrong: L_i = G_i - blur(G_i), the difference with the blurred image at the same resolution."""
    G = gaussian_pyramid(img, levels)
    return [G[i] - _blur(G[i]) for i in range(levels - 1)] + [G[-1]]


def reconstruct_laplacian_subtracts(pyr: list[np.ndarray]) -> np.ndarray:
    """Wrong: G_i = L_i - expand(G_{i+1}), undoing the subtraction with another subtraction."""
    G = np.asarray(pyr[-1], dtype=np.float64)
    for L in reversed(pyr[:-1]):
        G = np.asarray(L, dtype=np.float64) - expand(G, np.shape(L))
    return G


def reconstruct_laplacian_no_accumulation(pyr: list[np.ndarray]) -> np.ndarray:
    """Wrong: G_i = L_i + expand(L_{i+1}): expands the stored level, not the image rebuilt so far."""
    G = np.asarray(pyr[-1], dtype=np.float64)
    for i in range(len(pyr) - 2, -1, -1):
        G = np.asarray(pyr[i], dtype=np.float64) + expand(np.asarray(pyr[i + 1], dtype=np.float64), np.shape(pyr[i]))
    return G


def reconstruct_laplacian_drops_top(pyr: list[np.ndarray]) -> np.ndarray:
    """Wrong: starts from zeros, so the coarsest level L_last = G_last never enters the image."""
    G = np.zeros(np.shape(pyr[-1]))
    for L in reversed(pyr[:-1]):
        G = np.asarray(L, dtype=np.float64) + expand(G, np.shape(L))
    return G
