"""Gram matrices, the style loss and the content loss (lecture: style transfer and texture synthesis).

Paper: Gatys, Ecker & Bethge, "Image Style Transfer Using Convolutional Neural
Networks" (2016). A layer's feature map F (N, C, H, W) is read as C vectors of
M = H W positions; the Gram matrix G = F F^T keeps which channels fire together
and forgets where. The style loss of one layer is
E = 1/(4 C^2 M^2) Σ_ij (G_ij - A_ij)^2 with unnormalised Gram matrices: the
course notes print 1/(N^2 M^2) Σ (G - A) and so drop both the square and the 4.
"""

from __future__ import annotations

import numpy as np


def gram_matrix(F: np.ndarray, normalize: bool = False) -> np.ndarray:
    """Gram matrix of every sample's feature map.

    Args:
        F: (N, C, H, W) features.
        normalize: divide by the number of positions M = H W.

    Returns:
        G: (N, C, C), G[n, i, j] = Σ_k F[n, i, k] F[n, j, k] over the M positions k.
    """
    F = np.asarray(F, dtype=np.float64)
    N, C, H, W = F.shape
    # F as C vectors of M = H W positions, (N, C, M)
    F_flat = F.reshape(N, C, H * W)
    # G_ij = Σ_k F_ik F_jk, (N, C, C)
    G = F_flat @ np.swapaxes(F_flat, -1, -2)
    return G / (H * W) if normalize else G


def style_layer_loss(F: np.ndarray, F_target: np.ndarray) -> float:
    """Gatys et al.'s style loss of one layer, summed over the batch.

    Args:
        F, F_target: (N, C, H, W) features of the generated and the style image.

    Returns:
        E = 1/(4 C^2 M^2) Σ_n Σ_ij (G_ij - A_ij)^2, M = H W, G and A unnormalised.
    """
    F = np.asarray(F, dtype=np.float64)
    _, C, H, W = F.shape
    M = H * W
    # G = F F^T and A = F̂ F̂^T, (N, C, C)
    G, A = gram_matrix(F), gram_matrix(F_target)
    # E = 1/(4 C^2 M^2) Σ (G - A)^2
    return float(np.sum((G - A) ** 2) / (4.0 * C**2 * M**2))


def content_loss(F: np.ndarray, F_target: np.ndarray) -> float:
    """Content loss of one layer.

    Args:
        F, F_target: features of the same shape.

    Returns:
        L = ½ Σ (F - P)^2 over every entry.
    """
    F, P = np.asarray(F, dtype=np.float64), np.asarray(F_target, dtype=np.float64)
    # L_content = ½ Σ_ij (F_ij - P_ij)^2
    return float(0.5 * np.sum((F - P) ** 2))
