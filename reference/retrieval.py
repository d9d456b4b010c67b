"""The coursework: image retrieval by RGB and colour-histogram distances, and the iris surface fit
(lecture: visual data; coursework parts "image retrieval" and "polynomial fitting").

Retrieval ranks database images by a distance to the query image. The RGB
distance compares pixels at the same place (so a shifted copy is far away);
a colour histogram forgets where colours are (so it is shift-invariant but
cannot tell a red car from a red apple). The iris part fits the quadratic
surface `z ≈ w_1 x² + w_2 xy + w_3 y² + w_4 x + w_5 y + w_6` by least
squares on the features of `polynomial_features`.
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.linear_models import polynomial_features


def rgb_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Mean squared difference of two images of the same shape, e.g. (H, W, 3)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    # d(a, b) = (1 / #entries) Σ (a - b)²
    return float(np.mean((a - b) ** 2))


def color_histogram(img: np.ndarray, bins: int) -> np.ndarray:
    """Per-channel colour histogram normalised by the number of pixels.

    Args:
        img: (H, W, 3) with values in [0, 1].
        bins: bins per channel, equal widths over [0, 1] (the last bin includes 1).

    Returns:
        h: (3 * bins,), the R, then G, then B histogram; each part sums to 1.
    """
    img = np.asarray(img, dtype=np.float64)
    H, W = img.shape[:2]
    # h_c(b) = #{pixels whose channel c falls in bin b} / (H W), for c = R, G, B
    parts = [np.histogram(img[..., c], bins=bins, range=(0.0, 1.0))[0] / (H * W) for c in range(3)]
    return np.concatenate(parts)  # (3 bins,)


def histogram_distance(h1: np.ndarray, h2: np.ndarray) -> float:
    """L1 distance of two histograms of the same shape."""
    h1, h2 = np.asarray(h1, dtype=np.float64), np.asarray(h2, dtype=np.float64)
    # d(h1, h2) = Σ_b |h1(b) - h2(b)|
    return float(np.sum(np.abs(h1 - h2)))


def retrieve(query: np.ndarray, database: np.ndarray, k: int) -> np.ndarray:
    """The k database rows nearest to the query.

    Args:
        query: (d,) feature vector.
        database: (m, d), one item per row.
        k: 1 <= k <= m.

    Returns:
        indices: int64 (k,), by increasing L2 distance; equal distances in increasing index order.
    """
    query, database = np.asarray(query, dtype=np.float64), np.asarray(database, dtype=np.float64)
    # ||x_i - q||² per row (same order as the distance itself), (m,)
    d2 = np.sum((database - query[None, :]) ** 2, axis=1)
    # a stable sort keeps equal distances in index order
    return np.argsort(d2, kind="stable")[: int(k)].astype(np.int64)


def fit_quadratic_surface(P: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Least-squares quadratic surface through the points (P, z).

    Args:
        P: (n, 2), columns x and y; n >= 6 points in general position.
        z: (n,) heights.

    Returns:
        w: (6,), weights of [x², xy, y², x, y, 1].
    """
    Phi = polynomial_features(P)  # (n, 6)
    # w = argmin_w ||Φ w - z||²   (lstsq, by SVD: no Φ^T Φ, whose condition number is squared)
    w, *_ = np.linalg.lstsq(Phi, np.asarray(z, dtype=np.float64), rcond=None)
    return w
