"""Chapter 9 task specs: the coursework's image distances, colour histograms, ranking and surface fit.

Histogram images keep every value at least 0.05 / bins away from the inner bin
edges (and plant exact 0s and 1s, the closed ends of the range), so binning by
floor(v · bins) with 1.0 put in the last bin agrees with numpy.histogram: the
check is about the histogram, not about rounding on an edge. `retrieve` uses
small integer coordinates, so squared distances are exact in any formula and
equal distances really are equal; the ranking is compared exactly and must be
an integer array. A ranking that is right but for the order of equal distances
is told so (numpy's default argsort is not stable; the contract breaks ties by index). Surface fits draw points in [-2, 2]² or an iris-like
[1, 7]² box with a design matrix of condition number below 1e4, so lstsq,
solve on the normal equation and QR all agree at rtol 1e-6.
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.linear_models import polynomial_features
from mlvc_review.grading.checks.compare import compare
from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, uniform


def _image(rng: np.random.Generator, H: int, W: int, C: int = 3) -> np.ndarray:
    return uniform(rng, 0.0, 1.0, H, W, C) if C else uniform(rng, 0.0, 1.0, H, W)


def _rgb_case(rng: np.random.Generator, H: int, W: int, grey: bool = False, label: str = "") -> Case:
    a, b = _image(rng, H, W, 0 if grey else 3), _image(rng, H, W, 0 if grey else 3)
    return Case((a, b), label=label or f"two images {a.shape}")


def _rgb_edges() -> list[Case]:
    img = _image(np.random.default_rng(1), 3, 4)
    return [
        *fixed(
            _rgb_case,
            dict(H=4, W=5, label="4x5 RGB images"),
            dict(H=1, W=1, label="one pixel"),
            dict(H=3, W=2, grey=True, label="grey-level images (H, W)"),
            dict(H=2, W=6, label="H != W"),
        ),
        Case((img, img.copy()), label="an image against itself: 0"),
        Case((np.zeros((2, 2, 3)), np.ones((2, 2, 3))), label="black against white: 1"),
    ]


register(
    TaskSpec(
        function="rgb_distance",
        reference="mlvc_reference.retrieval:rgb_distance",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_rgb_case, H=(1, 6), W=(1, 6), grey=[False, True])),
            Check("edge shapes", "compare", examples=_rgb_edges),
            Check("no mutation", "mutation", examples=lambda: _rgb_edges()[:1]),
        ),
    )
)


def _binnable(rng: np.random.Generator, H: int, W: int, bins: int, ends: bool) -> np.ndarray:
    """(H, W, 3): values (k + u) / bins, u in [0.05, 0.95] (off the inner edges); with `ends`, some exact 0s and 1s."""
    img = np.round((rng.integers(0, bins, size=(H, W, 3)) + rng.uniform(0.05, 0.95, size=(H, W, 3))) / bins, 4)
    if ends:
        img[rng.random((H, W, 3)) < 0.15] = 0.0
        img[rng.random((H, W, 3)) < 0.15] = 1.0
    return img


def _hist_case(rng: np.random.Generator, H: int, W: int, bins: int, ends: bool = False, label: str = "") -> Case:
    img = _binnable(rng, H, W, bins, ends)
    return Case((img, bins), label=label or f"img {img.shape}, bins={bins}" + (", with exact 0s and 1s" if ends else ""))


def _hist_edges() -> list[Case]:
    one = np.full((2, 2, 3), 1.0)
    one[0, 0] = [0.0, 0.6, 0.95]
    return [
        *fixed(
            _hist_case,
            dict(H=4, W=4, bins=8, label="4x4 image, 8 bins"),
            dict(H=1, W=1, bins=4, label="a single pixel"),
            dict(H=3, W=5, bins=1, label="one bin: every channel sums to 1"),
            dict(H=2, W=3, bins=5, ends=True, label="values exactly 0 and 1 (1 is in the last bin)"),
            dict(H=5, W=2, bins=16, label="16 bins"),
        ),
        Case((one, 4), label="mostly white: 1.0 belongs in the last bin"),
    ]


register(
    TaskSpec(
        function="color_histogram",
        reference="mlvc_reference.retrieval:color_histogram",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_hist_case, H=(1, 6), W=(1, 6), bins=(1, 16), ends=[False, True])),
            Check("edge shapes", "compare", examples=_hist_edges),
            Check("no mutation", "mutation", examples=lambda: _hist_edges()[:1]),
        ),
    )
)


def _normalised(rng: np.random.Generator, bins: int) -> np.ndarray:
    """(3 bins,): per channel, small counts divided by their total (each third sums to 1)."""
    counts = rng.integers(0, 6, size=(3, bins)).astype(np.float64)
    counts[np.arange(3), rng.integers(0, bins, size=3)] += 1.0  # no empty channel
    return (counts / counts.sum(axis=1, keepdims=True)).ravel()


def _hdist_case(rng: np.random.Generator, bins: int, kind: str = "histograms", label: str = "") -> Case:
    if kind == "histograms":
        h1, h2 = _normalised(rng, bins), _normalised(rng, bins)
    else:  # any two non-negative vectors
        h1, h2 = uniform(rng, 0.0, 1.0, 3 * bins), uniform(rng, 0.0, 1.0, 3 * bins)
    return Case((h1, h2), label=label or f"{kind} of length {3 * bins}")


def _hdist_edges() -> list[Case]:
    h = _normalised(np.random.default_rng(2), 4)
    a, b = np.zeros(6), np.zeros(6)
    a[[0, 2, 4]], b[[1, 3, 5]] = 1.0, 1.0
    return [
        *fixed(
            _hdist_case,
            dict(bins=8, label="two 8-bin colour histograms"),
            dict(bins=1, label="one bin per channel"),
            dict(bins=3, kind="vectors", label="unnormalised non-negative vectors"),
        ),
        Case((h, h.copy()), label="a histogram against itself: 0"),
        Case((a, b), label="no overlap in any channel: 2 per channel"),
    ]


register(
    TaskSpec(
        function="histogram_distance",
        reference="mlvc_reference.retrieval:histogram_distance",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_hdist_case, bins=(1, 12), kind=["histograms", "vectors"])),
            Check("edge shapes", "compare", examples=_hdist_edges),
            Check("no mutation", "mutation", examples=lambda: _hdist_edges()[:1]),
        ),
    )
)


def _retrieve_case(rng: np.random.Generator, m: int, d: int, k: int, label: str = "") -> Case:
    """Integer coordinates in [-2, 2] (many exact ties); k clipped to m."""
    k = min(k, m)
    database = rng.integers(-2, 3, size=(m, d)).astype(np.float64)
    query = rng.integers(-2, 3, size=d).astype(np.float64)
    return Case((query, database, k), label=label or f"m={m}, d={d}, k={k}")


def _case(query: list, database: list, k: int, label: str) -> Case:
    return Case((np.array(query, dtype=np.float64), np.array(database, dtype=np.float64), k), label=label)


def _retrieve_edges() -> list[Case]:
    return [
        _case([0.0, 0.0], [[3.0, 1.0], [0.0, 1.0], [1.0, 0.0], [-1.0, 0.0], [0.0, -1.0]], 4,
              "four rows at equal distance: lower index first"),
        _case([1.0, 1.0], [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [1.0, 1.0]], 3, "two exact copies of the query"),
        _case([0.0, 0.0], [[3.0, 0.0], [2.0, 2.0]], 1, "Euclidean: (2, 2) is nearer than (3, 0)"),
        _case([0.5], [[4.0]], 1, "one row, k = m = 1"),
        _case([1.0, -1.0, 0.0], [[1.0, 1.0, 1.0]] * 4, 4, "every row the same: index order"),
        *fixed(
            _retrieve_case,
            dict(m=7, d=1, k=3, label="d = 1"),
            dict(m=8, d=3, k=8, label="k = m: the whole ranking"),
            dict(m=6, d=4, k=1, label="k = 1: the nearest row"),
        ),
    ]


def _only_ties_differ(expected: np.ndarray, got: object, case: Case) -> bool:
    """`got` lists distinct valid rows whose distances are, position by position, the reference's."""
    query, database, _ = case.args
    g = np.asarray(got)
    if g.dtype.kind not in "iu" or g.shape != np.shape(expected) or g.size == 0:
        return False
    if g.min() < 0 or g.max() >= len(database) or len(set(g.tolist())) != g.size:
        return False
    # d_i = ||x_i - q||^2 (exact: small integer coordinates)                         # (m,)
    d = np.sum((np.asarray(database) - np.asarray(query)[None, :]) ** 2, axis=1)
    return bool(np.array_equal(d[g], d[np.asarray(expected)]))


def _ranking(expected: np.ndarray, got: object, case: Case) -> str | None:
    """Exact comparison of the ranking; a failure that is only a different order among equal distances says so.

    Also the diagnosis's resemblance test, with a known mistake's value as `expected`: the integer
    type is demanded only where `expected` has it (the reference's ranking always does)."""
    found = compare(expected, got, integer_output=np.asarray(expected).dtype.kind in "iu")
    if found is None:
        return None
    if _only_ties_differ(expected, got, case):
        return ("every position holds a row at the right distance; only rows at equal distance are in another "
                "order: the contract puts the lower index first, which np.argsort(d, kind='stable') keeps (numpy's "
                f"default sort is not stable)\n{found.message}")
    return found.message


register(
    TaskSpec(
        function="retrieve",
        reference="mlvc_reference.retrieval:retrieve",
        integer_output=True,
        checks=(
            Check("values", "compare", strategy=lambda: cases(_retrieve_case, m=(1, 10), d=(1, 4), k=(1, 10)), compare=_ranking),
            Check("edge shapes", "compare", examples=_retrieve_edges, compare=_ranking),
            Check("no mutation", "mutation", examples=lambda: _retrieve_edges()[:2]),
        ),
    )
)

BOXES = {"unit": (-2.0, 2.0), "iris": (1.0, 7.0)}


def _surface_case(rng: np.random.Generator, n: int, box: str, noise: float = 0.1, label: str = "") -> Case:
    """P (n, 2) in the box with cond(Φ) < 1e4, z = Φ w + noise for w ~ N(0, 1)."""
    low, high = BOXES[box]
    while True:
        P = uniform(rng, low, high, n, 2)
        Phi = polynomial_features(P)
        if np.linalg.cond(Phi) < 1e4:
            break
    z = np.round(Phi @ normal(rng, 6) + noise * rng.standard_normal(n), 3)
    return Case((P, z), label=label or f"n={n} points in [{low:g}, {high:g}]², noise {noise}")


def _surface_edges() -> list[Case]:
    return fixed(
        _surface_case,
        dict(n=6, box="unit", label="n = 6: the surface interpolates"),
        dict(n=20, box="unit", label="20 noisy points"),
        dict(n=15, box="iris", label="iris-like measurements in [1, 7]"),
        dict(n=12, box="unit", noise=0.0, label="points exactly on a quadratic surface"),
        dict(n=40, box="iris", noise=0.5, label="40 points, more noise"),
    )


register(
    TaskSpec(
        function="fit_quadratic_surface",
        reference="mlvc_reference.retrieval:fit_quadratic_surface",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_surface_case, n=(6, 30), box=["unit", "iris"], noise=[0.1, 0.0, 1.0])),
            Check("edge shapes", "compare", examples=_surface_edges),
            Check("no mutation", "mutation", examples=lambda: _surface_edges()[1:3]),
        ),
    )
)
