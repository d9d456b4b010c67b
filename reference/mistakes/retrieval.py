"""Known wrong coursework pieces: image distances, colour histograms, the ranking, the surface fit."""

from __future__ import annotations

import numpy as np

from mlvc_reference.linear_models import polynomial_features


def _f64(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


def rgb_distance_root(a: np.ndarray, b: np.ndarray) -> float:
    """Wrong: the root of the mean squared difference (RMSE); the distance is the mean itself."""
    a, b = _f64(a, b)
    return float(np.sqrt(np.mean((a - b) ** 2)))


def rgb_distance_summed(a: np.ndarray, b: np.ndarray) -> float:
    """Wrong: the sum of squared differences; the mean divides by the number of entries (H W 3)."""
    a, b = _f64(a, b)
    return float(np.sum((a - b) ** 2))


def rgb_distance_absolute(a: np.ndarray, b: np.ndarray) -> float:
    """Wrong: mean absolute difference (L1) instead of mean squared difference."""
    a, b = _f64(a, b)
    return float(np.mean(np.abs(a - b)))


def rgb_distance_not_squared(a: np.ndarray, b: np.ndarray) -> float:
    """Wrong: mean of a - b: positive and negative differences cancel."""
    a, b = _f64(a, b)
    return float(np.mean(a - b))


def _channels(img: np.ndarray, bins: int, **kw: object) -> list[np.ndarray]:
    return [np.histogram(img[..., c], bins=bins, **kw)[0].astype(np.float64) for c in range(3)]


def color_histogram_counts(img: np.ndarray, bins: int) -> np.ndarray:
    """Wrong: raw counts, not divided by the number of pixels H W (so images of different sizes
    cannot be compared)."""
    (img,) = _f64(img)
    return np.concatenate(_channels(img, bins, range=(0.0, 1.0)))


def color_histogram_density(img: np.ndarray, bins: int) -> np.ndarray:
    """Wrong: np.histogram(..., density=True), a probability density (counts / (H W · bin width)),
    which is `bins` times the fraction of pixels per bin; only the fractions sum to 1."""
    (img,) = _f64(img)
    return np.concatenate([np.histogram(img[..., c], bins=bins, range=(0.0, 1.0), density=True)[0] for c in range(3)])


def color_histogram_interleaved(img: np.ndarray, bins: int) -> np.ndarray:
    """Wrong: bin-major order [R_0, G_0, B_0, R_1, ...] (np.stack(..., axis=1).ravel()); the
    contract concatenates the whole R histogram, then G, then B."""
    (img,) = _f64(img)
    H, W = img.shape[:2]
    return np.stack(_channels(img, bins, range=(0.0, 1.0)), axis=1).ravel() / (H * W)


def color_histogram_data_range(img: np.ndarray, bins: int) -> np.ndarray:
    """Wrong: np.histogram without range=(0, 1), so the bins span each channel's own min..max and
    the same colour falls in different bins in different images."""
    (img,) = _f64(img)
    H, W = img.shape[:2]
    return np.concatenate(_channels(img, bins)) / (H * W)


def color_histogram_drops_one(img: np.ndarray, bins: int) -> np.ndarray:
    """Wrong: bin index floor(v · bins) with the out-of-range index of v = 1.0 dropped; the last
    bin is closed, [1 - 1/bins, 1], so 1.0 belongs in it."""
    (img,) = _f64(img)
    H, W = img.shape[:2]
    parts = [np.bincount(np.floor(img[..., c].ravel() * bins).astype(np.int64), minlength=bins + 1)[:bins] for c in range(3)]
    return np.concatenate(parts) / (H * W)


def histogram_distance_squared(h1: np.ndarray, h2: np.ndarray) -> float:
    """Wrong: sum of squared differences (the squared L2 distance), not of absolute differences."""
    h1, h2 = _f64(h1, h2)
    return float(np.sum((h1 - h2) ** 2))


def histogram_distance_euclidean(h1: np.ndarray, h2: np.ndarray) -> float:
    """Wrong: the Euclidean (L2) distance sqrt(Σ (h1 - h2)²) instead of the L1 distance."""
    h1, h2 = _f64(h1, h2)
    return float(np.sqrt(np.sum((h1 - h2) ** 2)))


def histogram_distance_no_abs(h1: np.ndarray, h2: np.ndarray) -> float:
    """Wrong: Σ (h1 - h2) without absolute values; for two normalised histograms it is always 0."""
    h1, h2 = _f64(h1, h2)
    return float(np.sum(h1 - h2))


def histogram_distance_mean(h1: np.ndarray, h2: np.ndarray) -> float:
    """Wrong: the mean of |h1 - h2| over the bins instead of their sum."""
    h1, h2 = _f64(h1, h2)
    return float(np.mean(np.abs(h1 - h2)))


def _d2(query: np.ndarray, database: np.ndarray) -> np.ndarray:
    query, database = _f64(query, database)
    return np.sum((database - query[None, :]) ** 2, axis=1)


def retrieve_farthest_first(query: np.ndarray, database: np.ndarray, k: int) -> np.ndarray:
    """Wrong: decreasing distance (np.argsort(-d)), the least similar items first."""
    return np.argsort(-_d2(query, database), kind="stable")[: int(k)].astype(np.int64)


def retrieve_ties_reversed(query: np.ndarray, database: np.ndarray, k: int) -> np.ndarray:
    """Wrong: a descending stable sort reversed (np.argsort(-d)[::-1]): increasing distance, but
    equal distances come in decreasing index order; the contract puts the lower index first."""
    return np.argsort(-_d2(query, database), kind="stable")[::-1][: int(k)].astype(np.int64)


def retrieve_l1(query: np.ndarray, database: np.ndarray, k: int) -> np.ndarray:
    """Wrong: ranks by the L1 (Manhattan) distance; the contract ranks by L2, a different order in 2-D and up."""
    query, database = _f64(query, database)
    d1 = np.sum(np.abs(database - query[None, :]), axis=1)
    return np.argsort(d1, kind="stable")[: int(k)].astype(np.int64)


def retrieve_distances(query: np.ndarray, database: np.ndarray, k: int) -> np.ndarray:
    """Wrong: returns the k smallest distances themselves instead of the indices of those rows."""
    return np.sqrt(np.sort(_d2(query, database), kind="stable")[: int(k)])


def _reorder(P: np.ndarray, z: np.ndarray, columns: list[int]) -> np.ndarray:
    """lstsq weights of polynomial_features(P)[:, columns] (the features in another order)."""
    w, *_ = np.linalg.lstsq(polynomial_features(P)[:, columns], np.asarray(z, dtype=np.float64), rcond=None)
    return w


def fit_quadratic_surface_degree_order(P: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Wrong: weights of the columns [1, x, y, x², xy, y²] (increasing degree); the contract's
    order is [x², xy, y², x, y, 1]."""
    return _reorder(P, z, [5, 3, 4, 0, 1, 2])


def fit_quadratic_surface_xy_swapped(P: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Wrong: x read from column 1 and y from column 0 (features [y², xy, x², y, x, 1])."""
    return _reorder(P, z, [2, 1, 0, 4, 3, 5])


def fit_quadratic_surface_no_constant(P: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Wrong: the constant column 1 is missing: five weights of [x², xy, y², x, y], a surface
    forced through z = 0 at the origin."""
    return _reorder(P, z, [0, 1, 2, 3, 4])


def fit_quadratic_surface_first_six(P: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Wrong: solves the square system of the first six points exactly (interpolation) instead of
    fitting all n points in the least-squares sense (same only when n = 6)."""
    Phi = polynomial_features(P)
    return np.linalg.solve(Phi[:6], np.asarray(z, dtype=np.float64)[:6])
