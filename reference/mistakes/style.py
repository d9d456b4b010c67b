"""Known wrong Gram matrices, style and content losses (names and explanations: question_bank/05_style_code.yaml)."""

from __future__ import annotations

import numpy as np

from mlvc_reference.style import gram_matrix


def _flat(F: np.ndarray) -> np.ndarray:
    F = np.asarray(F, dtype=np.float64)
    return F.reshape(F.shape[0], F.shape[1], -1)  # (N, C, M)


def gram_positions(F: np.ndarray, normalize: bool = False) -> np.ndarray:
    """Wrong: F^T F, an (M, M) matrix of positions, instead of the (C, C) matrix of channels F F^T."""
    F_flat = _flat(F)
    G = np.swapaxes(F_flat, -1, -2) @ F_flat
    return G / F_flat.shape[-1] if normalize else G


def gram_divided_by_chw(F: np.ndarray, normalize: bool = False) -> np.ndarray:
    """Wrong: normalises by C H W (as PyTorch's style-transfer tutorial does) instead of H W."""
    F_flat = _flat(F)
    G = F_flat @ np.swapaxes(F_flat, -1, -2)
    return G / (F_flat.shape[1] * F_flat.shape[2]) if normalize else G


def gram_always_normalized(F: np.ndarray, normalize: bool = False) -> np.ndarray:
    """Wrong: divides by H W whatever `normalize` says."""
    return gram_matrix(F, normalize=True)


def _style(F: np.ndarray, F_target: np.ndarray, power: int = 2, four: bool = True, scaled: bool = True, normalized_gram: bool = False) -> float:
    F = np.asarray(F, dtype=np.float64)
    _, C, H, W = F.shape
    M = H * W
    G, A = gram_matrix(F, normalized_gram), gram_matrix(F_target, normalized_gram)
    scale = (4.0 if four else 1.0) * C**2 * M**2 if scaled else 1.0
    return float(np.sum((G - A) ** power) / scale)


def style_loss_no_square(F: np.ndarray, F_target: np.ndarray) -> float:
    """Wrong: 1/(4 C² M²) Σ (G - A), the square dropped as in the course notes; differences cancel."""
    return _style(F, F_target, power=1)


def style_loss_no_four(F: np.ndarray, F_target: np.ndarray) -> float:
    """Wrong: 1/(C² M²) Σ (G - A)², the notes' normalisation without Gatys et al.'s 4."""
    return _style(F, F_target, four=False)


def style_loss_unnormalised(F: np.ndarray, F_target: np.ndarray) -> float:
    """Wrong: Σ (G - A)² with no 1/(4 C² M²) at all."""
    return _style(F, F_target, scaled=False)


def style_loss_normalised_grams(F: np.ndarray, F_target: np.ndarray) -> float:
    """Wrong: Gram matrices already divided by M, then the 1/(4 C² M²) on top (normalised twice)."""
    return _style(F, F_target, normalized_gram=True)


def content_loss_mean(F: np.ndarray, F_target: np.ndarray) -> float:
    """Wrong: ½ mean (F - P)² instead of ½ Σ (F - P)²."""
    return float(0.5 * np.mean((np.asarray(F, dtype=np.float64) - F_target) ** 2))


def content_loss_no_half(F: np.ndarray, F_target: np.ndarray) -> float:
    """Wrong: Σ (F - P)² without the ½ (whose purpose is a gradient of exactly F - P)."""
    return float(np.sum((np.asarray(F, dtype=np.float64) - F_target) ** 2))


def content_loss_norm(F: np.ndarray, F_target: np.ndarray) -> float:
    """Wrong: the Euclidean distance ‖F - P‖₂, not half its square."""
    return float(np.linalg.norm(np.asarray(F, dtype=np.float64) - F_target))
